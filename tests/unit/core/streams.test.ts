import { describe, expect, it } from 'vitest';
import { CsvRows, JsonItems, Lines } from '../../../core/cli/streams.ts';

// Feeds `text` in chunks of `size` characters, as a file stream would.
function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe('JsonItems', () => {
  const answer = '{"total_count": 2, "results": [{"a": "x]}\\"", "b": [1, {"c": 2}]}, {"d": "é"}], "links": [{"rel": "self"}]}';
  for (const size of [1, 2, 7, 1000]) {
    it(`streams the records of an explore API answer (chunks of ${size})`, () => {
      const j = new JsonItems();
      const items: string[] = [];
      for (const c of chunks(answer, size)) j.push(c, (t) => items.push(t));
      expect(items.map((t) => JSON.parse(t))).toEqual([{ a: 'x]}"', b: [1, { c: 2 }] }, { d: 'é' }]);
      expect(j.end()).toEqual({ kind: 'items', count: 2, key: 'results' });
    });
  }

  it('streams a root array, values that are not objects included (the caller reports them)', () => {
    const j = new JsonItems();
    const items: string[] = [];
    for (const c of chunks(' [ {"a":1} , 5, "s", [1] ]', 3)) j.push(c, (t) => items.push(t));
    expect(items).toEqual(['{"a":1}', '5', '"s"', '[1]']);
  });

  it('keeps any other root object whole', () => {
    const j = new JsonItems();
    j.push('{"title": "x", "results": 3}', () => undefined);
    expect(j.end()).toEqual({ kind: 'whole', text: '{"title": "x", "results": 3}' });
  });
});

describe('CsvRows', () => {
  it('reads quoted fields with separators, doubled quotes and line breaks, across chunks', () => {
    const csv = '\uFEFFidweb;objet;donnees\r\n26-1;"Objet; avec ""guillemets""";"{""a"": ""b\nc""}"\r\n26-2;simple;\n';
    for (const size of [1, 2, 5, 1000]) {
      const c = new CsvRows();
      const rows: string[][] = [];
      for (const part of chunks(csv, size)) c.push(part, (r) => rows.push(r));
      expect(c.end((r) => rows.push(r))).toBe(true);
      expect(rows).toEqual([
        ['idweb', 'objet', 'donnees'],
        ['26-1', 'Objet; avec "guillemets"', '{"a": "b\nc"}'],
        ['26-2', 'simple', ''],
      ]);
    }
  });

  it('says when a quote is never closed', () => {
    const c = new CsvRows();
    c.push('a;b\n1;"open', () => undefined);
    expect(c.end(() => undefined)).toBe(false);
  });
});

describe('Lines', () => {
  it('splits on line breaks across chunks and keeps the last line without one', () => {
    const l = new Lines();
    const out: [string, number][] = [];
    for (const c of chunks('a\nbb\n\nccc', 2)) l.push(c, (s, n) => out.push([s, n]));
    l.end((s, n) => out.push([s, n]));
    expect(out).toEqual([['a', 1], ['bb', 2], ['', 3], ['ccc', 4]]);
  });
});
