#!/usr/bin/env node
// `npm test`: typecheck, source-copy check, data build check, unit tests, builds, then e2e in Debian Chromium.
// Ends on one line the CI reads: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const outDir = path.join(root, 'test-results');
fs.mkdirSync(outDir, { recursive: true });
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
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
check('typecheck', step('typecheck', npx, ['tsc', '--noEmit']));
const verbatimTool = path.resolve(root, '..', 'shared', 'tools', 'verbatim-check.mjs');
if (fs.existsSync(verbatimTool)) check('verbatim-check', step('verbatim check', 'node', [verbatimTool]));
else check('verbatim-check (tool missing at ../shared/tools)', false);

const build = step('build (data, extension, widget)', 'npm', ['run', '--silent', 'build']);
check('build', build);

const vitestJson = path.join(outDir, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
step('unit tests (vitest)', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (fs.existsSync(vitestJson)) {
  const r = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  if (r.numFailedTests || !r.success) failures.push('vitest');
  if (!r.success && !r.numFailedTests) failed++;
} else check('vitest (no report)', false);

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

console.log('');
if (failures.length) console.log(`failed: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
