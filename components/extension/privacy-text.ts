// PRIVACY.md cut into plain text blocks for the options page. Only headings, paragraphs and lists are kept;
// everything stays text (rendered by Preact as text nodes), so nothing in the file can become markup.

/** One block of the privacy page, as plain text. */
export type PrivacyBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] };

const SECTION_TITLE: Record<'fr' | 'en', string> = { fr: 'Français', en: 'English' };

/**
 * The blocks of one language's section of PRIVACY.md (`## Français` or `## English`, up to the next `## `).
 * Empty when the section is missing.
 */
export function privacyBlocks(markdown: string, lang: 'fr' | 'en'): PrivacyBlock[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const start = lines.findIndex((l) => l.trim() === `## ${SECTION_TITLE[lang]}`);
  if (start < 0) return [];
  const blocks: PrivacyBlock[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', text: para.join(' ') });
    para = [];
  };
  for (const raw of lines.slice(start + 1)) {
    const line = raw.trim();
    if (/^##\s/.test(line)) break;
    const heading = /^#{3,6}\s+(.*)$/.exec(line);
    const item = /^(?:([-*])|\d+[.)])\s+(.*)$/.exec(line);
    if (!line) flush();
    else if (heading) {
      flush();
      blocks.push({ kind: 'heading', text: heading[1]! });
    } else if (item) {
      flush();
      const ordered = !item[1];
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(item[2]!);
      else blocks.push({ kind: 'list', ordered, items: [item[2]!] });
    } else para.push(line);
  }
  flush();
  return blocks;
}
