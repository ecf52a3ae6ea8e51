// Plain text out of the XML of office documents (DOCX's word/document.xml, ODT's content.xml), without a DOM:
// the same code runs in extension pages, the widget and Node. Paragraphs become lines, tabs and breaks stay.

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references. */
export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITY[e] ?? m;
  });
}

function tidy(s: string): string {
  return s
    .replace(/[ \u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text of a WordprocessingML part: `w:t` runs, `w:tab`, `w:br`/`w:cr`, one line per `w:p`, cells apart. */
export function wordXmlText(xml: string): string {
  const out: string[] = [];
  // Deleted revisions are not part of the draft as it reads.
  const body = xml.replace(/<w:del\b[\s\S]*?<\/w:del>/g, '');
  const re = /<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:(tab|br|cr)\b[^>]*\/?>|<\/w:(p|tc)>/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[1] !== undefined) out.push(decodeXml(m[1]));
    else if (m[2] === 'tab') out.push('\t');
    else if (m[2]) out.push('\n');
    else if (m[3] === 'p') out.push('\n');
    else out.push('\t');
  }
  return tidy(out.join(''));
}

/** Text of an OpenDocument content.xml: `text:p`/`text:h` lines, `text:s` spaces, tabs and line breaks. */
export function odfXmlText(xml: string): string {
  const start = xml.search(/<office:body\b/);
  const body = start >= 0 ? xml.slice(start) : xml;
  const out: string[] = [];
  const re = /<text:s(?:\s+text:c="(\d+)")?\s*\/>|<text:tab\s*\/>|<text:line-break\s*\/>|<\/text:(?:p|h)>|<table:table-cell\b[^>]*\/>|<\/table:table-cell>|<text:(?:p|h)\b[^>]*\/>|<[^>]+>|([^<]+)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const tag = m[0];
    if (m[2] !== undefined) out.push(decodeXml(m[2]));
    else if (tag.startsWith('<text:s')) out.push(' '.repeat(Math.min(100, Number(m[1] ?? 1))));
    else if (tag.startsWith('<text:tab')) out.push('\t');
    else if (tag.startsWith('<text:line-break') || tag.startsWith('</text:p') || tag.startsWith('</text:h') || /^<text:(?:p|h)\b[^>]*\/>$/.test(tag)) out.push('\n');
    else if (tag.includes('table-cell')) out.push('\t');
  }
  return tidy(out.join(''));
}
