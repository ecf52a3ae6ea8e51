// The widget's code budget, on the built widget (npm test builds before this project; on its own, run
// `npm run build:widget` first): what a town's page downloads for the UI, before any data file. The same figure as
// the bench's row "widget: gzip of code (no data)" on the demo's commune page, which loads no essor-check.js.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = path.resolve(__dirname, '../../..');
const WIDGET = path.join(ROOT, 'widget-dist', 'essor-widget.js');
const BUDGET = 40 * 1024;

describe('widget budget (built widget)', () => {
  it(`essor-widget.js is under ${BUDGET} B gzip`, () => {
    expect(fs.existsSync(WIDGET), 'no widget build: run npm run build:widget').toBe(true);
    const size = zlib.gzipSync(fs.readFileSync(WIDGET), { level: 9 }).length;
    expect(size, `essor-widget.js ${size} B gzip`).toBeLessThanOrEqual(BUDGET);
  });

  it('carries the messages the widget shows, in both languages, and not the extension pages’ ones', () => {
    const code = fs.readFileSync(WIDGET, 'utf8');
    // The structure mode's profile (widget) and the watch's settings (extension options only).
    for (const text of ['Gardé dans cette page seulement', 'Kept in this page only', 'Type de structure', 'Kind of structure']) expect(code).toContain(text);
    for (const text of ['Activer la veille', 'Turn the watch on']) expect(code).not.toContain(text);
  });
});
