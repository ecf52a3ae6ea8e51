#!/usr/bin/env node
// `npm test`: typecheck, source-copy check, unit tests (before any build: they need none), builds, then the
// end-to-end tests: Playwright in Debian Chromium, and the shared extension scenarios in Firefox ESR and
// Chromium (tests/e2e/cross). Prints how long each stage took. Ends on one line the CI reads:
// "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
// Playwright empties test-results/ when it starts: each report is read right after the stage that wrote it.
const outDir = path.join(root, 'test-results');
fs.mkdirSync(outDir, { recursive: true });
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
const times = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const s = (Date.now() - t0) / 1000;
  times.push([name, s]);
  console.log(`=== ${name}: ${s.toFixed(1)} s`);
  return r.status === 0;
}

function check(name, ok) {
  if (ok) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

const npx = 'npx';
const t0 = Date.now();
check('typecheck', step('typecheck', npx, ['tsc', '--noEmit']));
const verbatimTool = path.resolve(root, '..', 'shared', 'tools', 'verbatim-check.mjs');
if (fs.existsSync(verbatimTool)) check('verbatim-check', step('verbatim check', 'node', [verbatimTool]));
else check('verbatim-check (tool missing at ../shared/tools)', false);

/** Runs vitest on some projects (vitest.config.ts) and counts its tests. */
function vitest(name, projects) {
  const json = path.join(outDir, `vitest-${projects.join('-')}.json`);
  fs.rmSync(json, { force: true });
  step(name, npx, ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${json}`]);
  if (!fs.existsSync(json)) return check(`${name} (no report)`, false);
  const r = JSON.parse(fs.readFileSync(json, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  if (r.numFailedTests || !r.success) failures.push(name);
  if (!r.success && !r.numFailedTests) failed++;
}

// Unit tests first: they need no build, so a broken build does not hide them.
vitest('unit tests (vitest)', ['core', 'components', 'extension']);

const build = step('build (data, extension for Chrome and Firefox, widget)', 'npm', ['run', '--silent', 'build']);
check('build', build);
if (build) vitest('tests of the built extension (vitest, size budgets)', ['built']);
// AMO's linter on the Firefox build: 0 errors and no warning from our code (tests/lint-firefox.mjs).
if (build) check('web-ext lint (Firefox)', step('web-ext lint (Firefox build)', 'node', ['tests/lint-firefox.mjs']));

if (!fs.existsSync(chromium)) {
  console.error(
    `\nChromium not found at ${chromium}. The end-to-end tests need Debian's chromium:\n` +
      `  sudo apt-get update && sudo apt-get install -y chromium\n` +
      `or point CHROMIUM_PATH at a Chromium binary.`,
  );
  check('e2e (chromium missing)', false);
} else if (build) {
  const pwJson = path.join(outDir, 'playwright.json');
  fs.rmSync(pwJson, { force: true });
  step('end-to-end tests (Playwright, Chromium)', npx, ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  });
  if (fs.existsSync(pwJson)) {
    const s = JSON.parse(fs.readFileSync(pwJson, 'utf8')).stats ?? {};
    passed += s.expected ?? 0;
    failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
    skipped += s.skipped ?? 0;
    if (s.unexpected || s.flaky) failures.push('playwright');
    if (!s.expected && !s.unexpected) check('playwright (ran nothing)', false);
  } else check('playwright (no report)', false);
} else check('e2e (not run: build failed)', false);

// The extension's scenarios, written once (tests/e2e/cross/scenarios.ts), in Firefox and in Chromium.
const browsers = [];
if (fs.existsSync(firefox)) browsers.push('firefox');
else {
  console.error(`\nFirefox not found at ${firefox}: sudo apt-get install -y firefox-esr (or set FIREFOX_PATH).`);
  check('firefox e2e (firefox-esr missing)', false);
}
if (fs.existsSync(chromium)) browsers.push('chromium');
if (build && browsers.length) {
  const crossJson = path.join(outDir, 'cross.json');
  fs.rmSync(crossJson, { force: true });
  step(`extension scenarios (${browsers.join(' + ')})`, npx, ['tsx', 'tests/e2e/cross/run.ts', ...browsers], { CROSS_JSON: crossJson });
  if (fs.existsSync(crossJson)) {
    const r = JSON.parse(fs.readFileSync(crossJson, 'utf8'));
    passed += r.passed;
    failed += r.failed;
    if (r.failed) failures.push('extension scenarios');
    if (!r.passed && !r.failed) check('extension scenarios (ran nothing)', false);
  } else check('extension scenarios (no report)', false);
}

console.log('\nstage times:');
for (const [name, s] of times) console.log(`  ${s.toFixed(1).padStart(6)} s  ${name}`);
console.log(`  ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s  total`);
console.log('');
if (failures.length) console.log(`failed: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed ? 1 : 0;
