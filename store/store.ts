// `npm run store`: everything both stores ask for, in dist/store/ — the Chrome and Firefox zips, the Firefox
// sources zip, the listing texts (fr, en), the privacy page, and the screenshots taken by the e2e suite.
// Builds dist/ (both browsers) and widget-dist/, then runs tests/e2e/store-screenshots.spec.ts.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, pngSize } from './icons.ts';
import { LISTING_LANGS, listing } from './listing.ts';

const OUT = path.join(ROOT, 'dist', 'store');
const SHOTS = path.join(OUT, 'screenshots');

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n> ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`npm run store: "${[cmd, ...args].join(' ')}" failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
}

const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

run('npx', ['tsx', 'store/build-icons.ts', '--check']);
run('npx', ['wxt', 'zip']);
run('npx', ['wxt', 'zip', '-b', 'firefox', '--mv3']);
run('npm', ['run', '--silent', 'build:widget']);
run('npx', ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts', '--reporter=list', 'store-screenshots'], {
  STORE_SCREENSHOTS_DIR: SHOTS,
  // Its own demo-server port, so a test run going on beside it (port 4174) does not stop it.
  E2E_PORT: process.env.E2E_PORT ?? '4179',
});

const zips = ['chrome', 'firefox', 'sources'].map((kind) => `essor-${version}-${kind}.zip`);
for (const z of zips) {
  const from = path.join(ROOT, 'dist', z);
  if (!existsSync(from)) {
    console.error(`npm run store: ${z} was not produced by wxt zip (dist/ holds: ${readdirSync(path.join(ROOT, 'dist')).join(', ')})`);
    process.exit(1);
  }
  copyFileSync(from, path.join(OUT, z));
}

for (const lang of LISTING_LANGS) {
  const l = listing(lang);
  const dir = path.join(OUT, 'listing', lang);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'name.txt'), `${l.name}\n`);
  writeFileSync(path.join(dir, 'short-description.txt'), `${l.short}\n`);
  writeFileSync(path.join(dir, 'long-description.txt'), `${l.long}\n`);
}
copyFileSync(path.join(ROOT, 'PRIVACY.md'), path.join(OUT, 'PRIVACY.md'));

// Four screenshots per listing language, each 1280×800 (tests/e2e/store-screenshots.spec.ts).
const shots = LISTING_LANGS.flatMap((lang) => {
  const dir = path.join(SHOTS, lang);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => `${lang}/${f}`) : [];
});
const wrong = shots.filter((f) => {
  const { width, height } = pngSize(readFileSync(path.join(SHOTS, f)));
  return width !== 1280 || height !== 800;
});
const perLang = LISTING_LANGS.map((lang) => shots.filter((f) => f.startsWith(`${lang}/`)).length);
if (perLang.some((n) => n < 4) || wrong.length) {
  console.error(`npm run store: expected 4 screenshots at 1280×800 per language in ${path.relative(ROOT, SHOTS)}, found ${perLang.join(' and ')}${wrong.length ? ` (wrong size: ${wrong.join(', ')})` : ''}`);
  process.exit(1);
}

console.log(`\nStore files in ${path.relative(ROOT, OUT)}/:`);
for (const z of zips) console.log(`  ${z}`);
console.log(`  listing/{${LISTING_LANGS.join(',')}}/{name,short-description,long-description}.txt`);
console.log('  PRIVACY.md');
for (const s of shots) console.log(`  screenshots/${s}`);
console.log('Check that the Firefox sources rebuild to the same add-on: npm run store:verify');
