// The house rules as a test (after refined-github's build/features.test.ts): where code may run, and every
// engine, lever, signal, theme and language declared in one place and present in all the others. Each
// failure names the file to fix.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { LANGS } from '../../core/lang';
import { POLICY_LEVER_IDS, PROCUREMENT_LEVER_IDS, SIGNAL_IDS, THEME_IDS } from '../../core/kb/vocabulary';
import { portals } from '../../core/portals/index';
import { catalogues } from '../../components/i18n/all';
import { SIGNAL_KEYS } from '../../components/signal-label';
import { portalExamples } from '../../core/portals/examples';

const root = path.resolve(__dirname, '../..');
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');
const exists = (rel: string) => fs.existsSync(path.join(root, rel));

/** Source files below a folder (repo-relative), tests and generated folders excluded. */
function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = path.posix.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (/\.(ts|tsx|mjs)$/.test(e.name) && !/\.d\.ts$/.test(e.name)) out.push(r);
    }
  };
  walk(dir);
  return out;
}

/** Module specifiers a file imports (static, dynamic and re-exports). */
function imports(rel: string): string[] {
  const src = read(rel);
  return [...src.matchAll(/(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** Where a relative or `@/` specifier of `from` points, repo-relative. */
const target = (from: string, spec: string) => (spec.startsWith('@/') ? spec.slice(2) : spec.startsWith('.') ? path.posix.normalize(path.posix.join(path.posix.dirname(from), spec)) : spec);

/** The ids of a vocabulary section of shared/spec/vocabulary.md (copied in tests/fixtures/spec). */
function vocabulary(heading: RegExp): string[] {
  const md = read('tests/fixtures/spec/vocabulary.md');
  const start = md.search(heading);
  const section = md.slice(start, md.indexOf('\n## ', start + 1) >>> 0 || undefined);
  const table = [...section.matchAll(/^\| ([a-z][a-z0-9-]+) \|/gm)].map((m) => m[1]!).filter((id) => id !== 'id');
  if (table.length) return table;
  return [...section.matchAll(/(?:^|· )([a-z][a-z0-9-]+)(?: \([^)]*\))?(?= ·|\s*$)/gm)].map((m) => m[1]!);
}

describe('where code runs', () => {
  it('core/ is framework-free: no browser-extension API, no WXT, no Preact, nothing from the UI folders', () => {
    const bad: string[] = [];
    for (const f of sources('core')) {
      for (const spec of imports(f)) {
        const to = target(f, spec);
        if (/^(wxt|#imports|preact|@preact\/|webextension-polyfill)/.test(spec) || /^(components|entrypoints|widget)\//.test(to)) bad.push(`${f} imports ${spec}`);
      }
      if (/\b(browser|chrome)\.(runtime|storage|tabs|scripting|action|sidePanel|contextMenus)\b/.test(read(f))) bad.push(`${f} calls a browser-extension API`);
    }
    expect(bad, 'core/ must stay runnable in Node and in the widget').toEqual([]);
  });

  it('components/ never imports entrypoints/; shared UI (components/*.ts*) uses no extension API', () => {
    const bad: string[] = [];
    for (const f of sources('components')) {
      const shared = path.posix.dirname(f) === 'components' || f.startsWith('components/i18n/');
      for (const spec of imports(f)) {
        if (target(f, spec).startsWith('entrypoints/')) bad.push(`${f} imports ${spec}`);
        if (shared && /^(wxt|#imports)/.test(spec)) bad.push(`${f} is shared UI but imports ${spec} (move it to components/extension/ or the entrypoint)`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the widget (widget/) uses no extension code', () => {
    const bad: string[] = [];
    for (const f of sources('widget')) {
      for (const spec of imports(f)) {
        const to = target(f, spec);
        if (/^(wxt|#imports)/.test(spec) || to.startsWith('entrypoints/') || to.startsWith('components/extension/')) bad.push(`${f} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('auto-imports are off: wxt.config.ts says imports: false', () => {
    expect(read('wxt.config.ts')).toMatch(/^\s*imports:\s*false,/m);
  });
});

describe('portal engines: one file each, registered, with example URLs and a README line', () => {
  const files = fs
    .readdirSync(path.join(root, 'core/portals'))
    .filter((f) => f.endsWith('.ts') && !['index.ts', 'types.ts', 'kit.ts', 'examples.ts'].includes(f))
    .map((f) => f.replace(/\.ts$/, ''));
  const readme = read('README.md');
  it.each(files)('%s', (id) => {
    const p = portals.find((x) => x.id === id);
    expect(p, `core/portals/${id}.ts is not in the registry (core/portals/index.ts), or its id is not "${id}"`).toBeDefined();
    expect(portalExamples[id], `core/portals/examples.ts: list ${id}'s example URLs`).toBeDefined();
    expect(portalExamples[id]!.notice.length + portalExamples[id]!.list.length, `core/portals/${id}.ts: give example URLs`).toBeGreaterThan(0);
    const src = read(`core/portals/${id}.ts`);
    const block = src.lastIndexOf('Test URLs');
    expect(block, `core/portals/${id}.ts: end with a "Test URLs" block`).toBeGreaterThan(0);
    const examples = [...portalExamples[id]!.notice, ...portalExamples[id]!.list];
    for (const u of src.slice(block).match(/https?:\/\/\S+/g) ?? []) expect(examples, `core/portals/${id}.ts: ${u} is in its "Test URLs" block but not in its examples (the cross-negative test checks only the examples)`).toContain(u);
    expect(readme.includes(p!.name) || readme.includes(id), `README.md does not name the engine ${p!.name}`).toBe(true);
  });
  it('every registered engine has its own file', () => {
    expect(portals.map((p) => p.id).filter((id) => !files.includes(id))).toEqual([]);
  });
});

describe('vocabularies: declared once, present everywhere they are used', () => {
  it('the id lists of core/kb/vocabulary.ts are the spec’s', () => {
    const same = (name: string, ours: readonly string[], spec: string[]) => {
      const extra = ours.filter((id) => !spec.includes(id));
      const missing = spec.filter((id) => !ours.includes(id));
      expect(extra, `${name}: core/kb/vocabulary.ts has ${extra.join(', ')}, which the spec (shared/spec/vocabulary.md) does not: ids are public API, add them there first`).toEqual([]);
      expect(missing, `${name}: the spec has ${missing.join(', ')}, missing from core/kb/vocabulary.ts`).toEqual([]);
    };
    same('themes', THEME_IDS, vocabulary(/^## Themes/m));
    same('procurement levers', PROCUREMENT_LEVER_IDS, vocabulary(/^## Procurement levers/m));
    same('signals', SIGNAL_IDS, vocabulary(/^## Signals/m));
    same('policy levers', POLICY_LEVER_IDS, vocabulary(/^## Policy levers/m));
  });

  it('each signal has a UI label in every language and a reading test', () => {
    const tests = sources('tests/unit/core').filter((f) => /signal/.test(f)).map(read).join('\n');
    for (const id of SIGNAL_IDS) {
      const key = SIGNAL_KEYS[id];
      expect(key, `components/signal-label.ts: no label key for the signal ${id}`).toBeDefined();
      for (const lang of LANGS) expect(catalogues[lang][key], `components/i18n/${lang}.ts: no "${key}" (signal ${id})`).toBeTruthy();
      expect(tests.includes(`'${id}'`), `tests/unit/core/signals*.test.ts: no test names the signal ${id}`).toBe(true);
    }
  });

  it('each procurement lever has its data row with a rule, its labels in every language, and an advice test', () => {
    const levers = JSON.parse(read('data/levers.json')) as { id: string; label: Record<string, string>; rule?: unknown; buyer?: unknown; structure?: unknown }[];
    const tests = sources('tests/unit/core').filter((f) => /advi/.test(f)).map(read).join('\n');
    for (const id of PROCUREMENT_LEVER_IDS) {
      const row = levers.find((l) => l.id === id);
      expect(row, `data/levers.json: no row for the lever ${id}`).toBeDefined();
      expect(row!.rule, `data/levers.json: the lever ${id} has no rule`).toBeDefined();
      expect(row!.buyer && row!.structure, `data/levers.json: the lever ${id} needs buyer and structure guidance`).toBeTruthy();
      for (const lang of LANGS) expect(row!.label[lang], `data/levers.json: the lever ${id} has no ${lang} label`).toBeTruthy();
      expect(tests.includes(`'${id}'`), `tests/unit/core/advise*.test.ts: no test names the lever ${id}`).toBe(true);
    }
    expect(levers.map((l) => l.id).filter((id) => !(PROCUREMENT_LEVER_IDS as readonly string[]).includes(id)), 'data/levers.json: rows for levers the vocabulary does not have').toEqual([]);
  });

  it('each theme has its data row with labels in every language', () => {
    const themes = JSON.parse(read('data/themes.json')) as { id: string; label: Record<string, string> }[];
    for (const id of THEME_IDS) {
      const row = themes.find((th) => th.id === id);
      expect(row, `data/themes.json: no row for the theme ${id}`).toBeDefined();
      for (const lang of LANGS) expect(row!.label[lang], `data/themes.json: the theme ${id} has no ${lang} label`).toBeTruthy();
    }
  });
});

describe('languages: core/lang.ts declares them, every catalogue follows', () => {
  const reference = Object.keys(catalogues.fr).sort();
  const manifestKeys = Object.keys(JSON.parse(read('public/_locales/fr/messages.json'))).sort();
  it.each([...LANGS])('%s', (lang) => {
    expect(exists(`components/i18n/${lang}.ts`), `components/i18n/${lang}.ts is missing`).toBe(true);
    expect(Object.keys(catalogues[lang]).sort(), `components/i18n/${lang}.ts and fr.ts have different keys`).toEqual(reference);
    for (const [k, v] of Object.entries(catalogues[lang])) expect(typeof v === 'string' && v.trim().length > 0, `components/i18n/${lang}.ts: "${k}" is empty`).toBe(true);
    const locale = `public/_locales/${lang}/messages.json`;
    expect(exists(locale), `${locale} is missing (the manifest's texts)`).toBe(true);
    expect(Object.keys(JSON.parse(read(locale))).sort(), `${locale} and the French one have different keys`).toEqual(manifestKeys);
    for (const phrases of ['core/advise/phrases.ts', 'core/fit/phrases.ts']) expect(read(phrases), `${phrases} has no ${lang} table`).toMatch(new RegExp(`\\b${lang}\\b`));
  });
});
