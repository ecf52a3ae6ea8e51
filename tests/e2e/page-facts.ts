// Expected values read from the saved pages themselves (never from Essor's own reading). Plain functions, so
// both the Playwright specs (Chromium) and the Puppeteer scenarios (Firefox and Chromium) use the same ones.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const REAL_PAGES = path.resolve(ROOT, '..', 'shared', 'fixtures', 'real', 'pages');

export interface RealPage {
  file: string;
  originalUrl: string;
  title: string;
  linked_tender_id?: string;
}

/** The saved real pages with the portal URL each one was published at (same list as the demo server). */
export async function realPages(): Promise<RealPage[]> {
  const mod = (await import(path.join(ROOT, 'widget', 'demo', 'server.mjs'))) as { realPages(): RealPage[] };
  return mod.realPages();
}

export function readRealPage(file: string): Buffer {
  return fs.readFileSync(path.join(REAL_PAGES, file));
}

/** Content type of a saved page: the BOAMP and TED pages are UTF-16LE with a BOM. */
export function htmlContentType(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'text/html; charset=utf-16le';
  return 'text/html; charset=utf-8';
}

/**
 * Runs in the page: the buyer as the saved page itself shows it, read with the portal's own labels: Atexo's
 * "entité d'achat" field, BOAMP's "Nom et adresse(s)" section, TED's "Official name".
 */
export function pageBuyer(): string {
  const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const atexo = document.querySelector('[id$="_entiteAchat"]');
  if (atexo) return clean(atexo.textContent);
  for (const td of Array.from(document.querySelectorAll('td.bold'))) {
    if (/^nom et adresses?$/i.test(clean(td.textContent))) {
      const cell = td.closest('tr')?.nextElementSibling?.querySelector('td.txt');
      if (cell) return clean(cell.textContent).split(',')[0]!;
    }
  }
  for (const h of Array.from(document.querySelectorAll('h3'))) {
    if (/nom et adresse officiels/i.test(clean(h.textContent))) {
      const p = h.nextElementSibling;
      if (p) return clean(p.textContent);
    }
  }
  const m = /Official name:\s*([^\n]+?)\s*(?:National registration number|$)/m.exec(document.body.innerText);
  return m ? clean(m[1]) : '';
}

interface Label {
  id: string;
  levers_core: string[];
}

/**
 * Whether the experts who labelled the real notices expect at least one ESS lever on this page
 * (../shared/fixtures/real/labels.jsonl, through the page's linked record). Pages without a label count as
 * expecting levers.
 */
export function expertsExpectLevers(p: RealPage): boolean {
  const file = path.resolve(REAL_PAGES, '..', 'labels.jsonl');
  const labels = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Label);
  const id = /^[a-z]+-[\w-]+/.exec(p.linked_tender_id ?? '')?.[0];
  const label = id ? labels.find((l) => l.id === id) : undefined;
  return label ? label.levers_core.length > 0 : true;
}

/**
 * French names of the levers the experts expect on this page (their ids are the shared vocabulary; the names
 * are those of data/levers.json, which is what any user-facing text says).
 */
export function expertLeverNames(p: RealPage): string[] {
  const file = path.resolve(REAL_PAGES, '..', 'labels.jsonl');
  const labels = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Label);
  const id = /^[a-z]+-[\w-]+/.exec(p.linked_tender_id ?? '')?.[0];
  const ids = (id ? labels.find((l) => l.id === id) : undefined)?.levers_core ?? [];
  const raw = JSON.parse(fs.readFileSync(path.join(ROOT, 'data', 'levers.json'), 'utf8')) as { levers?: LeverDef[] } | LeverDef[];
  const levers = Array.isArray(raw) ? raw : (raw.levers ?? []);
  return ids.map((x) => levers.find((l) => l.id === x)?.label.fr ?? x);
}

interface LeverDef {
  id: string;
  label: { fr: string };
}

/** Hosts a saved page names in its own HTML (its scripts, images, links): requests the page makes by itself. */
export function hostsNamedBy(buf: Buffer): Set<string> {
  const html = buf[0] === 0xff && buf[1] === 0xfe ? new TextDecoder('utf-16le').decode(buf.subarray(2)) : buf.toString('utf8');
  const hosts = new Set<string>();
  for (const m of html.matchAll(/(?:https?:)?\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)) hosts.add(m[1]!.toLowerCase());
  return hosts;
}

export function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}
