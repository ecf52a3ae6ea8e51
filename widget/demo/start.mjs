#!/usr/bin/env node
// `npm start`: builds the extension (Chrome and Firefox, unpacked and zipped) and the widget, then serves the
// demo site on 127.0.0.1. PORT overrides the port. Ctrl-C stops it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot, startDemoServer, mirrorPath } from './server.mjs';

process.chdir(projectRoot);
const skipBuild = process.argv.includes('--no-build');
function run(label, args) {
  console.log(`\n> ${label}`);
  const r = spawnSync('npm', ['run', '--silent', ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${label} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}
if (!skipBuild) {
  run('data check', ['build:data']);
  run('extension: Chrome and Firefox store zips (also builds the unpacked folders)', ['zip']);
  run('widget', ['build:widget']);
}

const port = Number(process.env.PORT ?? 4173);
let demo;
try {
  demo = await startDemoServer({ port });
} catch (e) {
  console.error(`Cannot listen on 127.0.0.1:${port} (${e.code ?? e.message}). Set another port: PORT=4180 npm start`);
  process.exit(1);
}
const { url, pages } = demo;
const zips = fs.existsSync('dist') ? fs.readdirSync('dist').filter((f) => f.endsWith('.zip')) : [];
console.log(`
Essor demo running at ${url}/

  Municipal page with the widget   ${url}/commune.html
  Widget snippet configurator      ${url}/configurateur.html
  Load the extension (how to)      ${url}/extension.html
  Saved real portal pages:`);
for (const p of pages) console.log(`    ${url}${mirrorPath(p.originalUrl)}`);
console.log(`
  Unpacked extension   Chrome: ${path.resolve('dist/chrome-mv3')}
                       Firefox: ${path.resolve('dist/firefox-mv3')}
  Store archives       ${zips.map((z) => path.resolve('dist', z)).join('\n                       ') || '(none)'}

Ctrl-C to stop.`);
const stop = async () => {
  await demo.close();
  console.log('\nDemo stopped.');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
