// The widget's mounting and views in happy-dom, with the real knowledge base and the real territory
// files (built in memory the way widget/build-data.ts writes them) served by an in-memory loader.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { advise } from '../../../core/advise/index';
import type { KbData } from '../../../core/kb/validate';
import { readText } from '../../../core/read/index';
import { fitNotice } from '../../../core/fit/index';
import { CHECK_FILE, type DataFile } from '../../../core/widget/files';
import { buildCommuneFiles, buildMain } from '../../../widget/build-data';
import { createEmbed, type Embed } from '../../../widget/embed';
import type { Loader } from '../../../widget/loader';

const root = path.resolve(__dirname, '../../..');
let files: Map<string, unknown>;

beforeAll(() => {
  const kb = JSON.parse(fs.readFileSync(path.join(root, 'data/kb.json'), 'utf8')) as KbData;
  const { main, bodies } = buildMain(kb);
  const { files: communes, epci } = buildCommuneFiles();
  files = new Map<string, unknown>([['main', main], ['epci', epci], [CHECK_FILE.key, { readText, advise, fitNotice }]]);
  for (const [dep, f] of communes) files.set(`communes-${dep}`, f);
  for (const [id, b] of bodies) files.set(`fiche-${id}`, b);
});

function memoryLoader(requested: string[] = [], fail = false): Loader {
  return {
    url: (f: DataFile) => `https://example.test/${f.path}.js`,
    load: (f: DataFile) => {
      requested.push(f.key);
      const v = files.get(f.key);
      return fail || v === undefined ? Promise.reject(new Error('404')) : Promise.resolve(v);
    },
  };
}

let embed: Embed;
let warnings: string[];
function setup(opts: { fail?: boolean; requested?: string[] } = {}) {
  warnings = [];
  embed = createEmbed({ loader: memoryLoader(opts.requested, opts.fail), css: '.essor-root{}', warn: (m) => warnings.push(m), today: '2020-06-01' });
}

function host(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body.firstElementChild as HTMLElement;
}
const shadow = (el: Element) => el.shadowRoot!;
const text = (el: Element) => shadow(el).textContent ?? '';
const tick = () => new Promise((r) => setTimeout(r, 0));
async function ready(el: Element) {
  await vi.waitFor(() => expect(shadow(el).querySelector('[role="tablist"], .essor-warn:not(.essor-w-errors)')).not.toBeNull());
}
function button(el: Element, name: string | RegExp): HTMLButtonElement {
  const all = [...shadow(el).querySelectorAll('button')];
  const b = all.find((x) => (typeof name === 'string' ? x.textContent?.trim() === name : name.test(x.textContent ?? '')));
  if (!b) throw new Error(`no button ${name} among ${all.map((x) => x.textContent?.trim()).join(' | ')}`);
  return b;
}

afterEach(() => {
  document.body.innerHTML = '';
  location.hash = '';
});

describe('widget embedding', () => {
  it('mounts an element from its attributes into an open shadow root, shell first', async () => {
    setup();
    const el = host('<essor-widget territoire="69123" mode="citoyen" themes="alimentation,mobilite"></essor-widget>');
    const handle = embed.mount(el)!;
    const root = shadow(el).querySelector('.essor-root')!;
    expect(root.getAttribute('lang')).toBe('fr');
    expect(text(el)).toContain('Chargement');
    await handle.ready;
    await ready(el);
    expect(shadow(el).querySelector('h2')!.textContent).toBe('L’économie sociale et solidaire sur votre territoire');
    expect(text(el)).toContain('Territoire : Lyon · Rhône (69) · Auvergne-Rhône-Alpes');
    expect([...shadow(el).querySelectorAll('[role="tab"]')].map((t) => t.textContent)).toEqual(['Rechercher', 'Parcourir par thème', 'Acteurs du territoire']);
    expect(warnings).toEqual([]);
  });

  it('reads data- attributes and mounts every widget once', async () => {
    setup();
    document.body.innerHTML = '<div data-essor data-territoire="reg:84" data-mode="elu" data-lang="en"></div><essor-widget territoire="33"></essor-widget>';
    expect(embed.mountAll()).toBe(2);
    expect(embed.mountAll()).toBe(0);
    const div = document.querySelector('[data-essor]')!;
    await ready(div);
    expect(shadow(div).querySelector('.essor-root')!.getAttribute('lang')).toBe('en');
    expect(text(div)).toContain('Territory: Auvergne-Rhône-Alpes');
  });

  it('gives buyers and ESS structures the check tab, and elected officials the policy levers', async () => {
    setup();
    const el = host('<essor-widget territoire="44109" mode="acheteur"></essor-widget>');
    embed.mount(el);
    await ready(el);
    expect(button(el, 'Vérifier un marché').getAttribute('role')).toBe('tab');
    const elu = host('<essor-widget territoire="44109" mode="elu"></essor-widget>');
    embed.mount(elu);
    await ready(elu);
    button(elu, 'Parcourir par thème').click();
    await vi.waitFor(() => expect(text(elu)).toContain('Leviers de politique publique'));
    expect(() => button(elu, 'Vérifier un marché')).toThrow();
  });

  it('loads only the files the territory needs', async () => {
    const requested: string[] = [];
    setup({ requested });
    const el = host('<essor-widget territoire="200046977"></essor-widget>');
    await embed.mount(el)!.ready;
    expect(requested).toEqual(['main', 'epci', 'communes-69']);
    expect(text(el)).toContain('Métropole de Lyon');
  });

  it('shows a bad configuration inside the widget with one [essor] warning, and keeps working', async () => {
    setup();
    const el = host('<essor-widget territoire="69123" mode="maire" themes="alimentation,velo"></essor-widget>');
    await embed.mount(el)!.ready;
    await ready(el);
    expect(text(el)).toContain('mode « maire » inconnu');
    expect(text(el)).toContain('thème « velo » inconnu');
    expect(shadow(el).querySelectorAll('[role="tab"]').length).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[essor\] <essor-widget>: .*maire.*velo/);
  });

  it('reports an unknown territory once the tables are loaded', async () => {
    setup();
    const el = host('<essor-widget territoire="69999"></essor-widget>');
    await embed.mount(el)!.ready;
    expect(text(el)).toContain('territoire « 69999 » inconnu');
    expect(warnings).toHaveLength(1);
  });

  it('says so when the data cannot be loaded, without throwing', async () => {
    setup({ fail: true });
    const el = host('<essor-widget territoire="69123"></essor-widget>');
    await embed.mount(el)!.ready;
    expect(text(el)).toContain('les données d’Essor n’ont pas pu être chargées');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('[essor]');
  });

  it('refuses what is not an element, with a warning and no exception', () => {
    setup();
    expect(embed.mount(null)).toBeUndefined();
    expect(embed.mount('essor-widget')).toBeUndefined();
    expect(embed.unmount({})).toBe(false);
    expect(warnings).toHaveLength(2);
  });

  it('mounts from JS options, unmounts, and remounts with other options', async () => {
    setup();
    const el = host('<div></div>');
    const h = embed.mount(el, { territoire: '13055', mode: 'structure', themes: ['culture'] })!;
    await h.ready;
    expect(text(el)).toContain('Marseille');
    h.unmount();
    expect(shadow(el).querySelector('.essor-root')).toBeNull();
    expect(embed.isMounted(el)).toBe(false);
    await embed.mount(el, { territoire: '2A004', lang: 'en' })!.ready;
    expect(shadow(el).querySelectorAll('.essor-root')).toHaveLength(1);
    expect(text(el)).toContain('Ajaccio');
  });
});

describe('widget views', () => {
  it('searches, opens a fiche with its body, tells the host, and goes back', async () => {
    const requested: string[] = [];
    setup({ requested });
    const el = host('<essor-widget territoire="69123" query="commande publique"></essor-widget>');
    const events: CustomEvent[] = [];
    document.addEventListener('essor:open-fiche', (e) => events.push(e as CustomEvent));
    await embed.mount(el)!.ready;
    await ready(el);
    const input = shadow(el).querySelector('input[type="search"]') as HTMLInputElement;
    expect(input.value).toBe('commande publique');
    const result = button(el, 'Commande publique responsable');
    result.click();
    await vi.waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]!.detail).toEqual({ id: expect.stringMatching(/^(municipal-2026-8|regional-2021-11)$/), title: 'Commande publique responsable' });
    expect(events[0]!.bubbles && events[0]!.composed).toBe(true);
    expect(requested).toContain(`fiche-${events[0]!.detail.id}`);
    await vi.waitFor(() => expect(text(el)).toContain('Lien direct vers cette fiche'));
    await vi.waitFor(() => expect(shadow(el).querySelector('article h4')).not.toBeNull());
    button(el, /Retour/).click();
    await vi.waitFor(() => expect(shadow(el).querySelector('input[type="search"]')).not.toBeNull());
  });

  it('lists the CRESS of the région and actors near the commune', async () => {
    setup();
    const el = host('<essor-widget territoire="69123" mode="citoyen"></essor-widget>');
    await embed.mount(el)!.ready;
    await ready(el);
    button(el, 'Acteurs du territoire').click();
    await vi.waitFor(() => expect(text(el)).toContain('La CRESS de votre région'));
    const t = text(el);
    expect(t).toMatch(/CRESS Auvergne-Rhône-Alpes/i);
    expect(t).toContain('Acteurs près de chez vous');
    expect(t).toContain('Ville de Lyon');
    expect(t).toContain('Marché de l’inclusion');
  });

  it('opens a fiche from a #essor-fiche= deep link', async () => {
    setup();
    location.hash = '#essor-fiche=municipal-2026-10';
    const el = host('<essor-widget territoire="69123"></essor-widget>');
    await embed.mount(el)!.ready;
    await vi.waitFor(() => expect(shadow(el).querySelector('article h3')?.textContent).toMatch(/Coopératives d'Intérêt Coll/i));
  });

  it('advises on a pasted notice and renders hostile text as text', async () => {
    setup();
    const el = host('<essor-widget territoire="69123" mode="acheteur"></essor-widget>');
    await embed.mount(el)!.ready;
    await ready(el);
    button(el, 'Vérifier un marché').click();
    await tick();
    const area = shadow(el).querySelector('textarea')!;
    const evil = 'Marché de collecte des déchets <img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script> avec clause d\'insertion sociale des personnes éloignées de l\'emploi';
    area.value = evil;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    (shadow(el).querySelector('form') as HTMLFormElement).requestSubmit();
    await vi.waitFor(() => expect(text(el)).toContain('Conseils pour ce texte'));
    expect(shadow(el).querySelector('img, script')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(text(el)).toContain('Leviers ESS');
  });

  it('structure mode: the profile set in the page answers "does this fit us?", and keeps nothing', async () => {
    setup();
    const el = host('<essor-widget territoire="76540" mode="structure"></essor-widget>');
    await embed.mount(el)!.ready;
    await ready(el);
    button(el, 'Vérifier un marché').click();
    await tick();
    // The widget's own commune (Rouen) starts the profile's territory.
    expect(shadow(el).querySelector('button[aria-label="Retirer Rouen"]')).not.toBeNull();
    const area = shadow(el).querySelector('textarea')!;
    const notice = fs
      .readFileSync(path.join(root, '..', 'shared', 'fixtures', 'real', 'tenders.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; raw_excerpt?: string })
      .find((r) => r.id === 'boamp-20-102039')!.raw_excerpt!;
    area.value = notice;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    (shadow(el).querySelector('form.essor-w-check') as HTMLFormElement).requestSubmit();
    await vi.waitFor(() => expect(text(el)).toContain('Conseils pour ce texte'));
    // No kind yet: the plain advice, and a hint.
    expect(shadow(el).querySelector('[data-essor-fit]')).toBeNull();
    expect(text(el)).toContain('Choisissez votre type de structure');
    const kind = shadow(el).querySelector('select')!;
    kind.value = 'esat';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(shadow(el).querySelector('[data-essor-fit]')?.getAttribute('data-essor-fit')).toBe('yes'));
    expect(shadow(el).querySelector('[data-essor-fit] h3')!.textContent).toContain('Réservé à votre type de structure');
    kind.value = 'scop';
    kind.dispatchEvent(new Event('change', { bubbles: true }));
    await vi.waitFor(() => expect(shadow(el).querySelector('[data-essor-fit]')?.getAttribute('data-essor-fit')).toBe('no'));
    expect(localStorage.length + sessionStorage.length).toBe(0);
    expect(document.cookie).toBe('');
  });

  it('asks for more than a couple of words before advising', async () => {
    setup();
    const el = host('<essor-widget territoire="69123" mode="structure"></essor-widget>');
    await embed.mount(el)!.ready;
    await ready(el);
    button(el, 'Vérifier un marché').click();
    await tick();
    (shadow(el).querySelector('form') as HTMLFormElement).requestSubmit();
    await vi.waitFor(() => expect(text(el)).toContain('Collez d’abord un texte'));
  });
});
