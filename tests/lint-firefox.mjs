#!/usr/bin/env node
// `npm run lint:firefox`: web-ext lint (AMO's linter, offline) on dist/firefox-mv3. Fails on any error, and on
// any warning that comes from our code. Two kinds of warning come from bundled libraries and are listed, not
// hidden: Preact's DOM diff assigns `innerHTML` only for `dangerouslySetInnerHTML`, which no component of ours
// uses (tests/unit/conventions and a grep show it); pdf.js (the side panel's draft check) carries
// `new Function` and a dynamic import, which the extension pages' MV3 CSP blocks anyway.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'dist', 'firefox-mv3');
if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
  console.error('No Firefox build at dist/firefox-mv3: run npm run build:ext first.');
  process.exit(2);
}
const r = spawnSync('npx', ['web-ext', 'lint', '-s', dir, '--self-hosted', '--output', 'json', '--no-config-discovery'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
const start = r.stdout.indexOf('{');
if (start < 0) {
  console.error(r.stdout, r.stderr);
  process.exit(2);
}
const report = JSON.parse(r.stdout.slice(start));

function sourcesUse(word) {
  const walk = (d) =>
    fs.readdirSync(d, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? walk(path.join(d, e.name)) : /\.(tsx?|jsx?)$/.test(e.name) && fs.readFileSync(path.join(d, e.name), 'utf8').includes(word),
    );
  return ['components', 'entrypoints', 'core'].some((d) => fs.existsSync(path.join(root, d)) && walk(path.join(root, d)));
}
const weSetHtml = sourcesUse('dangerouslySetInnerHTML');

/** Why a warning is a library's, or undefined when it is ours. */
function library(m) {
  if (/(^|\/)(chunks\/pdf-|assets\/pdf\.worker)/.test(m.file ?? '')) return 'pdf.js';
  if (m.code === 'UNSAFE_VAR_ASSIGNMENT' && /innerHTML/.test(m.message)) {
    const line = fs.readFileSync(path.join(dir, m.file), 'utf8').split('\n')[(m.line ?? 1) - 1] ?? '';
    // Preact's diff: `d ? (... e.innerHTML = d.__html)` where d is the `dangerouslySetInnerHTML` prop.
    if (!weSetHtml && /dangerouslySetInnerHTML/.test(line) && /innerHTML=\w+\.__html/.test(line)) return 'Preact (dangerouslySetInnerHTML, unused by us)';
  }
  return undefined;
}

const ours = [];
const theirs = new Map();
for (const m of report.warnings) {
  const lib = library(m);
  if (lib) theirs.set(lib, (theirs.get(lib) ?? 0) + 1);
  else ours.push(m);
}
for (const m of [...report.errors, ...ours]) console.log(`${m._type ?? ''} ${m.code} ${m.file ?? ''}:${m.line ?? ''} ${m.message}`);
console.log(`web-ext lint: ${report.errors.length} errors, ${ours.length} warnings from our code, ${report.notices.length} notices`);
for (const [lib, n] of theirs) console.log(`  ${n} warning(s) inside ${lib}`);
process.exitCode = report.errors.length || ours.length ? 1 : 0;
