import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inferUrl, readPage, readPageInSlices, readPageSteps, runInSlices, runSteps } from '../../../core/read/index.ts';
import { hasTextLongerThan } from '../../../core/read/dom.ts';
import { decodeBytes, parseHtml } from '../../../core/cli/load.ts';
import { bigNotice } from '../../fixtures/hostile/big-notice.mjs';
import { FIXTURES, fixtureDoc, jsonl, territoryResolver } from './helpers.ts';

// The content script reads a page in slices (readPageInSlices), the page running between them; the CLI,
// the widget and the tests read it at once (readPage). Both must give the same Reading on every page.

interface PageIndex {
  file: string;
  original_url?: string;
}

/** Reads in slices with a pause after every step (sliceMs 0), counting the pauses. */
async function sliced(doc: Document, url: URL | string, withTerritory: boolean) {
  let pauses = 0;
  const reading = await readPageInSlices(doc, url, {
    ...(withTerritory ? { territory: territoryResolver() } : {}),
    sliceMs: 0,
    yieldToPage: () => {
      pauses++;
      return new Promise<void>((resolve) => setTimeout(resolve, 0));
    },
  });
  return { reading, pauses };
}

const realPages = jsonl<PageIndex>('real/pages/index.jsonl').map((p) => `real/pages/${p.file}`);
const currentPages = jsonl<PageIndex>('current/index.jsonl')
  .filter((p) => p.file.endsWith('.html'))
  .map((p) => ({ rel: `current/${p.file}`, url: p.original_url }));

describe('reading in slices gives what readPage gives', () => {
  it('covers the 7 saved real pages', () => expect(realPages).toHaveLength(7));

  for (const rel of realPages) {
    it(`${rel}: same Reading (inferred URL, file:// URL), with pauses between steps`, async () => {
      const doc = fixtureDoc(rel);
      const inferred = inferUrl(doc);
      expect(inferred).toBeDefined();
      for (const url of [inferred!, 'file:///tmp/saved.html']) {
        for (const withTerritory of [true, false]) {
          const whole = readPage(doc, url, withTerritory ? { territory: territoryResolver() } : {});
          const { reading, pauses } = await sliced(doc, url, withTerritory);
          expect(reading).toEqual(whole);
          expect(whole.isTender).toBe(true);
          // A notice is read in several steps: the page gets the thread back in between.
          expect(pauses).toBeGreaterThan(3);
        }
      }
    });
  }

  for (const { rel, url } of currentPages) {
    it(`${rel}: same Reading at its published address and as a saved file`, async () => {
      const doc = fixtureDoc(rel);
      for (const u of [url ?? inferUrl(doc)?.href ?? 'file:///tmp/page.html', 'file:///tmp/page.html']) {
        const whole = readPage(doc, u);
        expect((await sliced(doc, u, false)).reading).toEqual(whole);
      }
    });
  }

  it('runSteps over readPageSteps is readPage, including on bad input', () => {
    const doc = fixtureDoc(realPages[0]!);
    const u = inferUrl(doc)!;
    expect(runSteps(readPageSteps(doc, u))).toEqual(readPage(doc, u));
    const notADocument = null as unknown as Document;
    expect(runSteps(readPageSteps(notADocument, 'https://www.boamp.fr/avis/detail/20-96685'))).toEqual(readPage(notADocument, 'https://www.boamp.fr/avis/detail/20-96685'));
  });

  it('stops when asked (the content script is gone or a newer reading started)', async () => {
    const doc = fixtureDoc(realPages[0]!);
    let pauses = 0;
    const r = await runInSlices(readPageSteps(doc, inferUrl(doc)!), {
      sliceMs: 0,
      yieldToPage: async () => {
        pauses++;
      },
      stop: () => pauses >= 2,
    });
    expect(r).toBeUndefined();
    expect(pauses).toBe(2);
  });

  it('the generated 5 MB notice: same Reading, read in many short steps', { timeout: 120_000 }, async () => {
    const base = decodeBytes(readFileSync(join(FIXTURES, 'real', 'pages', 'boamp_20-96685.html'))).text;
    const doc = parseHtml(bigNotice(base, jsonl<{ title?: string }>('real/tenders.jsonl'), 5 * 1024 * 1024));
    const url = 'https://www.boamp.fr/avis/detail/20-96685?generated=5mb';
    const whole = readPage(doc, url);
    const { reading, pauses } = await sliced(doc, url, false);
    expect(reading).toEqual(whole);
    expect(whole.isTender).toBe(true);
    expect(pauses).toBeGreaterThan(100);
  });
});

describe('hasTextLongerThan (the main-root test without building textContent)', () => {
  it('says what textContent.trim().length > n says, on every element of the saved pages', () => {
    let checked = 0;
    for (const rel of [...realPages, ...currentPages.map((p) => p.rel)]) {
      const doc = fixtureDoc(rel);
      const els = Array.from(doc.querySelectorAll('*'));
      for (const el of els) {
        checked++;
        const len = (el.textContent ?? '').trim().length;
        for (const n of [0, 200, len - 1, len]) {
          if (n < 0) continue;
          expect(hasTextLongerThan(el, n), `${rel} <${el.tagName}> ${n}`).toBe(len > n);
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('counts from the first to the last non-blank character across text nodes', () => {
    const doc = parseHtml('<!DOCTYPE html><html><body><main> \n <p>  ab</p><!-- a comment of many words --><b> </b><i>cd \u00a0</i>\n</main></body></html>');
    const main = doc.querySelector('main')!;
    // "ab</p><b> </b><i>cd": a, b, blank, c, d → 5 characters.
    expect(hasTextLongerThan(main, 4)).toBe(true);
    expect(hasTextLongerThan(main, 5)).toBe(false);
    expect((main.textContent ?? '').trim().length).toBe(5);
  });
});
