// The two stages' budgets, on the built extension (npm test builds before the unit tests): the first stage
// runs on every page of every registered portal, so it stays tiny; the second comes only where a notice or a
// list may be. Neither is a manifest content script: the background injects both. Run `npm run build:ext` before this file on its own.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { MARKERS_SCRIPT, OVERLAY_SCRIPT } from '../../../entrypoints/background/handlers';
import { PROBE_SCRIPT } from '../../../entrypoints/background/first-stage';

const ROOT = path.resolve(__dirname, '../../..');
const FIRST_STAGE_GZIP = 6 * 1024;
const SECOND_STAGE_GZIP = 45 * 1024;
/** The list stage (markers on result lists, no panel), injected instead of the second stage on lists. */
const LIST_STAGE_GZIP = 20 * 1024;
const builds = ['chrome-mv3', 'firefox-mv3'].map((b) => path.join(ROOT, 'dist', b)).filter((d) => fs.existsSync(path.join(d, 'manifest.json')));

const gzip = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

interface Manifest {
  content_scripts?: { js?: string[]; css?: string[] }[];
  web_accessible_resources?: unknown;
}

describe('content script budgets (built extension)', () => {
  it('finds a build to measure', () => {
    expect(builds.length, 'no build in dist/: run npm run build:ext').toBeGreaterThan(0);
  });

  for (const dir of builds) {
    const name = path.basename(dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const listed = (manifest.content_scripts ?? []).flatMap((c) => [...(c.js ?? []), ...(c.css ?? [])]);

    it(`${name}: no content script in the manifest (the background injects the first stage once a page has loaded), the first stage under ${FIRST_STAGE_GZIP / 1024} KB gzip`, () => {
      expect(listed).toEqual([]);
      const file = path.join(dir, PROBE_SCRIPT);
      expect(fs.existsSync(file)).toBe(true);
      const size = gzip(file);
      expect(size, `first stage ${size} B gzip`).toBeLessThanOrEqual(FIRST_STAGE_GZIP);
    });

    it(`${name}: the second stage is built apart, under ${SECOND_STAGE_GZIP / 1024} KB gzip, and nothing is web-accessible`, () => {
      const file = path.join(dir, OVERLAY_SCRIPT);
      expect(fs.existsSync(file)).toBe(true);
      expect(listed).not.toContain(OVERLAY_SCRIPT.slice(1));
      const size = gzip(file);
      expect(size, `second stage ${size} B gzip`).toBeLessThanOrEqual(SECOND_STAGE_GZIP);
      expect(manifest.web_accessible_resources).toBeUndefined();
    });

    it(`${name}: the list stage is built apart, under ${LIST_STAGE_GZIP / 1024} KB gzip`, () => {
      const file = path.join(dir, MARKERS_SCRIPT);
      expect(fs.existsSync(file)).toBe(true);
      expect(listed).not.toContain(MARKERS_SCRIPT.slice(1));
      const size = gzip(file);
      expect(size, `list stage ${size} B gzip`).toBeLessThanOrEqual(LIST_STAGE_GZIP);
    });
  }
});
