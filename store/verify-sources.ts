// `npm run store:verify`: what an add-on reviewer does with the sources zip. Unzips dist/store/essor-<v>-sources.zip
// into a temporary folder, installs from the lockfile (`npm ci --prefer-offline`), builds the Firefox add-on and
// compares every file with the shipped essor-<v>-firefox.zip. Slow (a full install and build): not part of npm test.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './icons.ts';

const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const STORE = path.join(ROOT, 'dist', 'store');
const sourcesZip = path.join(STORE, `essor-${version}-sources.zip`);
const firefoxZip = path.join(STORE, `essor-${version}-firefox.zip`);
for (const z of [sourcesZip, firefoxZip])
  if (!existsSync(z)) {
    console.error(`store:verify: ${path.relative(ROOT, z)} is missing. Run: npm run store`);
    process.exit(2);
  }

const keep = process.argv.includes('--keep');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'essor-sources-'));
const src = path.join(tmp, 'src');
const shipped = path.join(tmp, 'shipped');

function run(cmd: string, args: string[], cwd: string) {
  console.log(`\n> (${path.relative(tmp, cwd) || '.'}) ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) throw new Error(`store:verify: "${[cmd, ...args].join(' ')}" failed in ${cwd} (exit ${r.status ?? r.signal}).`);
}

function files(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const f = path.join(dir, name);
    return statSync(f).isDirectory() ? files(f, base) : [path.relative(base, f)];
  });
}

const started = Date.now();
try {
  run('unzip', ['-q', sourcesZip, '-d', src], ROOT);
  run('unzip', ['-q', firefoxZip, '-d', shipped], ROOT);
  run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], src);
  run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], src);
  const rebuilt = path.join(src, 'dist', 'firefox-mv3');
  const a = files(shipped).sort();
  const b = files(rebuilt).sort();
  const onlyShipped = a.filter((f) => !b.includes(f));
  const onlyRebuilt = b.filter((f) => !a.includes(f));
  const differ = a.filter((f) => b.includes(f) && !readFileSync(path.join(shipped, f)).equals(readFileSync(path.join(rebuilt, f))));
  const seconds = Math.round((Date.now() - started) / 1000);
  if (onlyShipped.length || onlyRebuilt.length || differ.length) {
    console.error(`\nstore:verify: the rebuilt add-on differs from essor-${version}-firefox.zip (${seconds} s):`);
    for (const f of onlyShipped) console.error(`  only in the shipped zip: ${f}`);
    for (const f of onlyRebuilt) console.error(`  only in the rebuild:     ${f}`);
    for (const f of differ) console.error(`  different bytes:         ${f}`);
    process.exitCode = 1;
  } else console.log(`\nstore:verify: the sources rebuild essor-${version}-firefox.zip exactly: ${a.length} files identical (${seconds} s).`);
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}
