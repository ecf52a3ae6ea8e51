import { launch } from './driver';
import { readRealPage, realPages } from '../page-facts';
const s = await launch('firefox');
const pages = await realPages();
let miss = 0;
for (let i = 0; i < 21; i++) {
  const p = pages[i % pages.length]!;
  const page = await s.openNotice(p.originalUrl, readRealPage(p.file));
  let ok = false;
  for (let k = 0; k < 60 && !ok; k++) { ok = await page.evaluate(() => !!document.querySelector('essor-overlay')); if (!ok) await new Promise(r => setTimeout(r, 100)); }
  if (!ok) {
    miss++;
    const st = await s.inExtension(async (url: string) => { const b = (globalThis as any).browser; const out: unknown[] = []; for (const t of await b.tabs.query({})) { try { out.push([t.id, t.url?.slice(0, 50), await b.tabs.sendMessage(t.id, { type: 'essor:status' })]); } catch (e) { out.push([t.id, t.url?.slice(0, 50), String(e).slice(0, 80)]); } } return out; }, p.originalUrl);
    console.log('MISS', p.file, JSON.stringify(st).slice(0, 1500));
  }
  await page.close();
}
console.log('misses', miss, 'of 21');
await s.close();
process.exit(0);
