// The toolbar and store icons, rasterised from store/icon.svg with resvg (WebAssembly shipped inside its npm
// package: no browser, no download), so the PNGs in public/icon/ can be rebuilt and checked anywhere.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

/** Project root (store/ sits at the top level). */
export const ROOT = path.resolve(here, '..');
/** The icon's one source. */
export const ICON_SVG = path.join(ROOT, 'store', 'icon.svg');
/** Where WXT looks for icons: `public/icon/<size>.png` goes to the manifest's `icons` by itself. */
export const ICON_DIR = path.join(ROOT, 'public', 'icon');
/** Toolbar (16, 32), extensions page (48), Firefox's add-ons manager at 2× (96), store and install prompt (128). */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

/**
 * Transparent margin per side. Chrome's store guidance: the 128 px icon holds a 96 px image centred in it,
 * so it sits beside other extensions' icons at the same visual size. The toolbar sizes use the full square.
 */
export function iconPadding(size: number): number {
  return size === 128 ? 16 : 0;
}

type ResvgModule = typeof import('@resvg/resvg-wasm');
let ready: Promise<ResvgModule> | undefined;

function resvg(): Promise<ResvgModule> {
  ready ??= (async () => {
    const mod = require('@resvg/resvg-wasm') as ResvgModule;
    await mod.initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
    return mod;
  })();
  return ready;
}

/** The PNG for one size, drawn from `svg` (the text of store/icon.svg unless given). */
export async function renderIcon(size: number, svg = readFileSync(ICON_SVG, 'utf8')): Promise<Buffer> {
  const { Resvg } = await resvg();
  const pad = iconPadding(size);
  const inner = size - 2 * pad;
  // Nest the artwork in an outer SVG of the target size, so the margin is exact and the result deterministic.
  const body = svg.replace(/^[\s\S]*?<svg\b[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1] ?? '0 0 128 128';
  const framed = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><svg x="${pad}" y="${pad}" width="${inner}" height="${inner}" viewBox="${viewBox}">${body}</svg></svg>`;
  return Buffer.from(new Resvg(framed, { fitTo: { mode: 'original' } }).render().asPng());
}

/** Width and height read from a PNG's IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const sig = png.subarray(0, 8).toString('hex');
  if (sig !== '89504e470d0a1a0a' || png.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG file');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
