// Runs the shared extension scenarios in real browsers: `tsx tests/e2e/cross/run.ts [firefox] [chromium]`
// (both when none is named). One browser per kind for the whole run, reset between scenarios (tabs closed,
// the extension's storage cleared). Needs the built extension (npm run build:ext). Writes
// test-results/cross-<browsers>.json (or $CROSS_JSON) and ends on one line: "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../page-facts';
import { launch, recordingProxy, type BrowserKind, type Session } from './driver';
import { scenarios, setCurrentSession } from './scenarios';

const wanted = process.argv.slice(2).filter((a) => a === 'firefox' || a === 'chromium') as BrowserKind[];
const kinds: BrowserKind[] = wanted.length ? wanted : ['firefox', 'chromium'];
const filter = process.env.SCENARIO ? new RegExp(process.env.SCENARIO, 'i') : undefined;
const TIMEOUT = 60_000;

let passed = 0;
let failed = 0;
const results: { browser: BrowserKind; name: string; ok: boolean; ms: number; error?: string }[] = [];

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: over ${ms} ms`)), ms))).finally(() => clearTimeout(timer))]) as Promise<T>;
}

for (const kind of kinds) {
  const list = scenarios.filter((s) => (!s.only || s.only === kind) && (!filter || filter.test(s.name)));
  const t0 = Date.now();
  let session: Session;
  // Every request that reaches the network goes through a proxy that answers nothing and records it.
  const proxy = await recordingProxy();
  try {
    session = await launch(kind, { proxy });
  } catch (e) {
    console.log(`✗ [${kind}] launch: ${(e as Error).message}`);
    failed += list.length || 1;
    for (const s of list) results.push({ browser: kind, name: s.name, ok: false, ms: 0, error: `launch: ${(e as Error).message}` });
    continue;
  }
  setCurrentSession(session);
  console.log(`[${kind}] launched with the extension in ${Date.now() - t0} ms (${await session.browser.version()})`);
  for (const s of list) {
    const start = Date.now();
    try {
      await withTimeout(s.run(session), TIMEOUT, s.name);
      passed++;
      results.push({ browser: kind, name: s.name, ok: true, ms: Date.now() - start });
      console.log(`✓ [${kind}] ${s.name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed++;
      const error = (e as Error).stack ?? String(e);
      results.push({ browser: kind, name: s.name, ok: false, ms: Date.now() - start, error });
      console.log(`✗ [${kind}] ${s.name} (${Date.now() - start} ms)\n    ${error.split('\n').slice(0, 4).join('\n    ')}`);
    }
    await withTimeout(session.reset(), 20_000, 'reset').catch((e) => console.log(`  reset failed: ${(e as Error).message}`));
  }
  await session.close().catch(() => undefined);
  await proxy.close();
  console.log(`[${kind}] ${list.length} scenarios in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const report = process.env.CROSS_JSON ?? path.join(ROOT, 'test-results', `cross-${kinds.join('-')}.json`);
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.writeFileSync(report, JSON.stringify({ passed, failed, results }, null, 2));
console.log(`${passed} passed, ${failed} failed`);
// The closed browsers' connections keep Node's event loop alive for about a minute: exit once stdout is
// flushed (a bare process.exit could cut the output when it goes to a pipe).
process.stdout.write('', () => process.exit(failed || !passed ? 1 : 0));
