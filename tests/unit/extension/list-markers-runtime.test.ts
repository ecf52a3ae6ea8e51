// The list stage in happy-dom with the fake browser: the saved BOAMP search page (a real rendered page), the real
// background's markers behind the fake runtime (BOAMP's API unreachable: markers from the cards), one marker after
// each title link, text only, removed when markers are turned off, back when turned on.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageContext } from '../../../components/extension/page-context';
import fs from 'node:fs';
import path from 'node:path';
import type { ListMarkersRequest } from '../../../components/extension/messages';
import { MARKER_TAG, startListMarkers } from '../../../components/extension/list-markers';
import { defaultSettings, type Settings } from '../../../core/settings';
import { listMarkers } from '../../../entrypoints/background/list-markers';
import { getEngine } from './fake-background';

const root = path.resolve(__dirname, '../../..');
const SEARCH = 'https://www.boamp.fr/pages/recherche/';
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

function loadSearchPage() {
  // The page's own scripts and stylesheets (Angular, the portal's widgets) would only make happy-dom try the network.
  const html = fs.readFileSync(path.join(root, 'tests', 'fixtures', 'current', 'boamp_recherche_2026-01-04.html'), 'utf8').replace(/<script\b[\s\S]*?<\/script>/gi, '').replace(/<link\b[^>]*>/gi, '');
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(SEARCH);
  document.open();
  document.write(html);
  document.close();
}

describe('list stage (happy-dom, fake browser)', () => {
  let ctx: PageContext;
  let settings: Settings;
  let asked: number;
  let answer: ((msg: ListMarkersRequest) => Promise<unknown>) | undefined;

  beforeEach(() => {
    fakeBrowser.reset();
    settings = defaultSettings();
    asked = 0;
    answer = undefined;
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    fakeBrowser.runtime.onMessage.addListener((msg: unknown, _sender: unknown, sendResponse: (x: unknown) => void) => {
      const m = msg as ListMarkersRequest;
      if (m?.type !== 'essor:list-markers') return undefined;
      asked++;
      const work = answer ? answer(m) : listMarkers(m, { url: location.href, tab: { id: 1 } }, { settings: async () => settings, profile: async () => null, engine: getEngine });
      void work.then((r) => setTimeout(() => sendResponse(r), 1));
      return true;
    });
  });

  afterEach(() => {
    ctx?.notifyInvalidated();
    document.querySelectorAll(MARKER_TAG).forEach((e) => e.remove());
    vi.unstubAllGlobals();
  });

  const hosts = () => Array.from(document.querySelectorAll(MARKER_TAG)) as HTMLElement[];
  const until = async (cond: () => boolean) => {
    for (let i = 0; i < 300 && !cond(); i++) await tick(10);
    expect(cond()).toBe(true);
  };

  it('puts one marker after each result’s title link, in its own shadow root, from what the card shows', async () => {
    loadSearchPage();
    const cards = Array.from(document.querySelectorAll('.card-notification'));
    expect(cards).toHaveLength(10);
    ctx = new PageContext();
    startListMarkers(ctx);
    await until(() => hosts().length === cards.length);
    expect(asked).toBe(1);
    for (const [i, h] of hosts().entries()) {
      const card = cards[i]!;
      expect(card.contains(h)).toBe(true);
      expect(h.previousElementSibling).toBe(card.querySelector('a[href*="idweb"]'));
      expect(h.style.getPropertyValue('display')).toBe('inline-block');
      const badge = h.shadowRoot!.querySelector('.m') as HTMLElement;
      const social = !!card.querySelector('img[alt="Critères sociaux"]');
      expect(badge.dataset.kind).toBe(social ? 'declared' : 'nothing');
      expect(badge.dataset.source).toBe('list');
      expect(badge.querySelector('.l')!.textContent).toBe(social ? 'Déclare : critère social (d’après la liste)' : 'Rien de visible dans la liste');
      expect(badge.getAttribute('title')).toBe(badge.querySelector('.sr')!.textContent);
    }
    // Nothing of ours in the page's own text beyond the hosts; the page's markup is untouched otherwise.
    expect(document.querySelectorAll('[data-essor-key], [data-essor-kind]')).toHaveLength(0);
  });

  it('markers turned off: all removed and none come back while off; on again: back', async () => {
    loadSearchPage();
    ctx = new PageContext();
    startListMarkers(ctx);
    await until(() => hosts().length === 10);
    settings = { ...settings, listMarkers: false };
    await fakeBrowser.storage.local.set({ 'essor:settings': settings });
    await until(() => hosts().length === 0);
    // The page keeps changing while markers are off: nothing is asked, nothing comes back.
    const before = asked;
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = '/pages/avis?q=idweb:"26-99"';
    a.textContent = 'Un avis de plus';
    li.append(a);
    document.querySelector('#toplist')!.append(li);
    await tick(600);
    expect(asked).toBe(before);
    expect(hosts()).toHaveLength(0);
    settings = { ...settings, listMarkers: true };
    await fakeBrowser.storage.local.set({ 'essor:settings': settings });
    await until(() => hosts().length === 10);
  });

  it('words are put as text: a marker’s words that look like HTML stay words', async () => {
    loadSearchPage();
    answer = async (m) => ({ ok: true, lang: 'fr', markers: m.entries.map((e) => ({ key: `idweb:${e.boampId}`, id: 'nothing', source: 'list', label: '<img src=x onerror="window.__pwned=1">', detail: '<b>bold</b>' })) });
    ctx = new PageContext();
    startListMarkers(ctx);
    await until(() => hosts().length === 10);
    for (const h of hosts()) {
      expect(h.shadowRoot!.querySelector('img, b')).toBeNull();
      expect(h.shadowRoot!.querySelector('.l')!.textContent).toBe('<img src=x onerror="window.__pwned=1">');
    }
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('invalidated (the extension reloaded): every marker goes', async () => {
    loadSearchPage();
    ctx = new PageContext();
    startListMarkers(ctx);
    await until(() => hosts().length === 10);
    ctx.notifyInvalidated();
    expect(hosts()).toHaveLength(0);
  });
});
