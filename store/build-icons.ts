// `npm run icons` rewrites public/icon/<size>.png from store/icon.svg; `npm run icons -- --check` only says
// which ones are missing or differ (the unit test makes the same comparison).
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ICON_DIR, ICON_SIZES, renderIcon } from './icons.ts';

const check = process.argv.includes('--check');
const stale: string[] = [];
mkdirSync(ICON_DIR, { recursive: true });
for (const size of ICON_SIZES) {
  const file = path.join(ICON_DIR, `${size}.png`);
  const png = await renderIcon(size);
  const same = existsSync(file) && readFileSync(file).equals(png);
  if (same) continue;
  stale.push(path.relative(process.cwd(), file));
  if (!check) writeFileSync(file, png);
}
if (check && stale.length) {
  console.error(`Icons out of date with store/icon.svg: ${stale.join(', ')}. Run: npm run icons`);
  process.exitCode = 1;
} else console.log(check ? 'icons: up to date' : stale.length ? `icons written: ${stale.join(', ')}` : 'icons: already up to date');
