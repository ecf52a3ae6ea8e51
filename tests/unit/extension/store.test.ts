// @vitest-environment node
// What the stores check before they take a listing, and what the privacy page promises, held against the
// real files: icons built from store/icon.svg, manifest texts within the stores' limits, the listing texts,
// and PRIVACY.md against the manifest (host access, Firefox's data declaration) and against the source
// (every API address the code names).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ICON_DIR, ICON_SIZES, ROOT, pngSize, renderIcon } from '../../../store/icons';
import { listing, LISTING_LANGS, STORE_LIMITS } from '../../../store/listing';
import { privacyBlocks } from '../../../components/extension/privacy-text';
import { portalMatchPatterns } from '../../../components/extension/portal-matches';
import config from '../../../wxt.config';

type Manifest = {
  action?: { default_icon?: Record<string, string> };
  host_permissions?: string[];
  optional_host_permissions?: string[];
  browser_specific_settings?: { gecko?: { data_collection_permissions?: { required?: string[]; optional?: string[] } } };
};

function manifestFor(browser: 'chrome' | 'firefox'): Manifest {
  const m = config.manifest;
  if (typeof m !== 'function') return (m ?? {}) as Manifest;
  return (m as (env: object) => Manifest)({ browser, manifestVersion: 3, mode: 'production', command: 'build' });
}

const messages = (lang: string) =>
  JSON.parse(readFileSync(path.join(ROOT, 'public', '_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
const chars = (s: string) => [...s].length;

describe('icons', () => {
  it.each(ICON_SIZES)('public/icon/%i.png exists, has its size and matches store/icon.svg', async (size) => {
    const file = path.join(ICON_DIR, `${size}.png`);
    expect(existsSync(file), `${file} is missing: run npm run icons`).toBe(true);
    const png = readFileSync(file);
    expect(pngSize(png)).toEqual({ width: size, height: size });
    expect(png.equals(await renderIcon(size)), `${size}.png is stale: run npm run icons`).toBe(true);
  });

  it('the toolbar icons named in the manifest exist', () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const icons = manifestFor(browser).action?.default_icon ?? {};
      expect(Object.keys(icons).length).toBeGreaterThan(0);
      for (const [size, file] of Object.entries(icons)) {
        expect(existsSync(path.join(ROOT, 'public', file)), file).toBe(true);
        expect(pngSize(readFileSync(path.join(ROOT, 'public', file))).width).toBe(Number(size));
      }
    }
  });

  it('the renderer follows the SVG (a changed drawing gives different pixels)', async () => {
    const svg = readFileSync(path.join(ROOT, 'store', 'icon.svg'), 'utf8').replace('#1a8754', '#870000');
    expect((await renderIcon(16, svg)).equals(await renderIcon(16))).toBe(false);
  });
});

describe('store texts', () => {
  it.each(LISTING_LANGS)('manifest name and description (%s) within the limits', (lang) => {
    const m = messages(lang);
    expect(m.extName?.message.trim()).toBeTruthy();
    expect(chars(m.extName!.message), 'name').toBeLessThanOrEqual(STORE_LIMITS.name);
    expect(m.extDescription?.message.trim()).toBeTruthy();
    expect(chars(m.extDescription!.message), `extDescription (${lang}): ${m.extDescription!.message}`).toBeLessThanOrEqual(STORE_LIMITS.description);
  });

  it.each(LISTING_LANGS)('listing (%s): short description is the manifest one, long description within limits', (lang) => {
    const l = listing(lang);
    expect(l.short).toBe(messages(lang).extDescription!.message);
    expect(chars(l.long)).toBeGreaterThan(400);
    expect(chars(l.long)).toBeLessThanOrEqual(STORE_LIMITS.longDescription);
    // The long description points to the privacy page (both stores ask for one).
    expect(l.long).toMatch(/PRIVACY\.md|confidentialit|privacy/i);
  });
});

interface PrivacyDeclaration {
  endpoints: { url: string; operator: string; requests: { when: string; optIn: boolean; sends: string[] }[] }[];
  firefoxDataCollection: { required: string[]; optional?: string[] };
  cookies: boolean;
  tracking: boolean;
}

const privacyMd = readFileSync(path.join(ROOT, 'PRIVACY.md'), 'utf8');

function declaration(): PrivacyDeclaration {
  const block = /## Machine-readable declaration[\s\S]*?```json\n([\s\S]*?)\n```/.exec(privacyMd);
  if (!block) throw new Error('PRIVACY.md has no machine-readable ```json block');
  return JSON.parse(block[1]!) as PrivacyDeclaration;
}

/** Whether a match pattern (`*://host/*`, `https://*.host/path*`, `<all_urls>`) covers `url`. */
function covers(pattern: string, url: URL): boolean {
  if (pattern === '<all_urls>') return true;
  const m = /^(\*|https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) return false;
  const [, scheme, host, p] = m;
  if (scheme !== '*' && `${scheme}:` !== url.protocol) return false;
  const hostOk = host === '*' || host === url.hostname || (host!.startsWith('*.') && (url.hostname === host!.slice(2) || url.hostname.endsWith(host!.slice(1))));
  const pathRe = new RegExp(`^${p!.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return hostOk && pathRe.test(url.pathname);
}

/** Every http(s) address with an `/api/` path segment written in the shipped source (core/, components/, entrypoints/). */
function apiAddressesInSource(): { file: string; url: string }[] {
  const out: { file: string; url: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const f = path.join(dir, name);
      if (statSync(f).isDirectory()) walk(f);
      else if (/\.(ts|tsx|mjs|js)$/.test(name))
        for (const m of readFileSync(f, 'utf8').matchAll(/https?:\/\/[a-z0-9.-]+(?::\d+)?\/(?:[^\s'"`)]*\/)?api\/[^\s'"`)]*/gi)) out.push({ file: path.relative(ROOT, f), url: m[0] });
    }
  };
  for (const d of ['core', 'components', 'entrypoints']) if (existsSync(path.join(ROOT, d))) walk(path.join(ROOT, d));
  return out;
}

describe('privacy page and manifest agree', () => {
  const decl = declaration();

  it('Firefox data_collection_permissions is the one PRIVACY.md declares', () => {
    const gecko = manifestFor('firefox').browser_specific_settings?.gecko?.data_collection_permissions;
    expect(gecko, 'the Firefox manifest declares data_collection_permissions').toBeDefined();
    expect({ required: [...(gecko!.required ?? [])].sort(), optional: [...(gecko!.optional ?? [])].sort() }).toEqual({
      required: [...decl.firefoxDataCollection.required].sort(),
      optional: [...(decl.firefoxDataCollection.optional ?? [])].sort(),
    });
  });

  it('the declaration is coherent: "none" only if nothing leaves without opt-in, opt-in data declared optional', () => {
    const { required, optional = [] } = decl.firefoxDataCollection;
    if (required.includes('none')) expect(required).toEqual(['none']);
    const optIn = decl.endpoints.flatMap((e) => e.requests).filter((r) => r.optIn);
    // An opt-in request that carries places (départements) is location data, declared optional.
    if (optIn.some((r) => r.sends.some((s) => /d[ée]partement|commune|r[ée]gion|territo/i.test(s)))) expect(optional).toContain('locationInfo');
    expect(decl.cookies).toBe(false);
    expect(decl.tracking).toBe(false);
  });

  it('every address PRIVACY.md names is reachable with the manifest’s host access, and every host permission is explained', () => {
    for (const browser of ['chrome', 'firefox'] as const) {
      const m = manifestFor(browser);
      const contentMatches = portalMatchPatterns();
      const hostAccess = [...(m.host_permissions ?? []), ...(m.optional_host_permissions ?? []), ...contentMatches];
      for (const e of decl.endpoints) {
        const u = new URL(e.url);
        expect(hostAccess.some((p) => covers(p, u)), `${browser}: no host access covers ${e.url}`).toBe(true);
      }
      // A host permission is for reading the portals' pages (content-script matches), for all sites on request,
      // or for one of the declared addresses — nothing else.
      for (const p of [...(m.host_permissions ?? []), ...(m.optional_host_permissions ?? [])]) {
        const explained = p === '<all_urls>' || contentMatches.includes(p) || decl.endpoints.some((e) => covers(p, new URL(e.url)));
        expect(explained, `${browser}: host permission ${p} is not explained in PRIVACY.md`).toBe(true);
      }
    }
  });

  it('every API address in the source is declared in PRIVACY.md', () => {
    const declared = decl.endpoints.map((e) => e.url);
    for (const { file, url } of apiAddressesInSource()) {
      const base = url.split('?')[0]!.replace(/\/+$/, '');
      expect(
        declared.some((d) => base === d || base.startsWith(`${d}/`) || d.startsWith(base)),
        `${file} names ${url}, which PRIVACY.md does not declare`,
      ).toBe(true);
    }
  });

  it.each(['fr', 'en'] as const)('the %s text names every address, what each request sends and the Firefox declaration', (lang) => {
    const text = privacyBlocks(privacyMd, lang)
      .map((b) => (b.kind === 'list' ? b.items.join('\n') : b.text))
      .join('\n');
    expect(text.length).toBeGreaterThan(1000);
    for (const e of decl.endpoints) {
      expect(text).toContain(e.url);
      for (const r of e.requests) for (const s of r.sends) expect(text.toLowerCase(), `${lang}: "${s}"`).toContain(s.toLowerCase());
    }
    for (const k of [...decl.firefoxDataCollection.required, ...(decl.firefoxDataCollection.optional ?? [])]) expect(text).toContain(k);
  });

  it('French comes first, English second', () => {
    expect(privacyMd.indexOf('## Français')).toBeGreaterThan(0);
    expect(privacyMd.indexOf('## English')).toBeGreaterThan(privacyMd.indexOf('## Français'));
  });
});

describe('privacy text for the options page', () => {
  it('keeps headings, paragraphs and lists as plain text, markup included', () => {
    const md = '# T\n\n## Français\n\n### Titre\n\nUn <b>paragraphe</b>\nsur deux lignes.\n\n- un\n- deux\n\n1. premier\n2. second\n\n## English\n\n### Title\n\ntext';
    expect(privacyBlocks(md, 'fr')).toEqual([
      { kind: 'heading', text: 'Titre' },
      { kind: 'paragraph', text: 'Un <b>paragraphe</b> sur deux lignes.' },
      { kind: 'list', ordered: false, items: ['un', 'deux'] },
      { kind: 'list', ordered: true, items: ['premier', 'second'] },
    ]);
    expect(privacyBlocks(md, 'en')).toEqual([
      { kind: 'heading', text: 'Title' },
      { kind: 'paragraph', text: 'text' },
    ]);
  });

  it('the real page has the same sections in both languages', () => {
    const heads = (lang: 'fr' | 'en') => privacyBlocks(privacyMd, lang).filter((b) => b.kind === 'heading').length;
    expect(heads('fr')).toBeGreaterThanOrEqual(5);
    expect(heads('en')).toBe(heads('fr'));
  });
});
