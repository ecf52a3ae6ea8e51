import { describe, expect, it } from 'vitest';
import { decodeBytes, looksBinary, parseHtml } from '../../../core/cli/load.ts';

const utf16 = (s: string, be = false) => {
  const b = Buffer.from(s, 'utf16le');
  if (be) for (let i = 0; i < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1] as number, b[i] as number];
  return b;
};

describe('file decoding (analyze CLI)', () => {
  const html = '<html><head><title>Marché réservé</title></head><body>Œuvre</body></html>';
  it('BOMs: UTF-16LE, UTF-16BE, UTF-8', () => {
    expect(decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16(html)]))).toEqual({ text: html, encoding: 'utf-16le' });
    expect(decodeBytes(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16(html, true)]))).toEqual({ text: html, encoding: 'utf-16be' });
    expect(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html)]))).toEqual({ text: html, encoding: 'utf-8' });
  });
  it('UTF-16 without BOM, meta charset, default UTF-8', () => {
    expect(decodeBytes(utf16(html)).encoding).toBe('utf-16le');
    const latin = Buffer.from('<meta charset="iso-8859-1"><p>Marché réservé</p>', 'latin1');
    expect(decodeBytes(latin).text).toContain('Marché réservé');
    const cp1252 = Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>Date limite – 12h</p>', 'latin1');
    expect(decodeBytes(cp1252).encoding).toBe('windows-1252');
    expect(decodeBytes(Buffer.from(html)).text).toBe(html);
  });
  it('tells binary files', () => {
    expect(looksBinary(decodeBytes(Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31) % 256))))).toBe(true);
    expect(looksBinary(decodeBytes(Buffer.from(html)))).toBe(false);
  });
  it('parses without running scripts', () => {
    const doc = parseHtml('<body><p id="x">avant</p><script>document.getElementById("x").textContent = "après"</script></body>');
    expect(doc.getElementById('x')?.textContent).toBe('avant');
  });
});
