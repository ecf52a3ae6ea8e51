// Helpers shared by the widget specs (tests/e2e/widget*.spec.ts): what a page did, and the widget's state.
import { expect, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Records what a page does that the widget must not: exceptions, requests, CSP violations, warnings. */
export function watch(page: Page) {
  const seen = { errors: [] as string[], requests: [] as string[], warnings: [] as string[], consoleErrors: [] as string[] };
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('request', (r) => seen.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'warning') seen.warnings.push(m.text());
    if (m.type() === 'error') seen.consoleErrors.push(m.text());
  });
  return seen;
}

/** Collects `securitypolicyviolation` events from the start of every document. */
export async function recordCspViolations(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`), true);
  });
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

/** Waits until a widget shows its tabs (its data is loaded). */
export async function ready(host: Locator) {
  await expect(host.getByRole('tablist')).toBeVisible();
}

/** The widget's shadow root has exactly one `.essor-root`, and its `lang`. */
export async function rootInfo(host: Locator) {
  return host.evaluate((el) => {
    const roots = el.shadowRoot ? [...el.shadowRoot.querySelectorAll('.essor-root')] : [];
    return { count: roots.length, lang: roots[0]?.getAttribute('lang') ?? null, open: !!el.shadowRoot };
  });
}

/** The element that has the keyboard focus, looking inside open shadow roots. */
export async function focused(page: Page) {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { tag: el?.localName ?? '', role: el?.getAttribute('role') ?? '', text: (el?.textContent ?? '').trim().slice(0, 120), type: el?.getAttribute('type') ?? '' };
  });
}

/** Presses Tab until `match` holds for the focused element (at most `max` times). */
export async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, max = 60, key = 'Tab') {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (match(f)) return f;
  }
  throw new Error(`focus never reached the expected element after ${max} × ${key}`);
}

/** A real published notice (BOAMP) from the shared development set, as its full text. */
export function realNotice(id = 'boamp-20-96685'): { text: string; title: string } {
  const file = path.resolve(here, '..', '..', '..', 'shared', 'fixtures', 'real', 'tenders.jsonl');
  const rec = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; raw_excerpt?: string; title: string })
    .find((r) => r.id === id);
  if (!rec?.raw_excerpt) throw new Error(`notice ${id} not found in ${file}`);
  return { text: rec.raw_excerpt, title: rec.title };
}

/** A host page served at `path` on the demo server's origin, built for one test. */
export async function hostPage(page: Page, pathname: string, body: string, headers: Record<string, string> = {}) {
  await page.route(`**${pathname}`, (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers }, body }));
}

/** A minimal accessible host page around one widget tag. */
export function shell(widget: string, extraHead = ''): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Page hôte de test</title>${extraHead}</head><body><main><h1>Page hôte</h1>${widget}</main><script src="/widget/essor-widget.js" defer></script></body></html>`;
}
