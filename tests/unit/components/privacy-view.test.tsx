// The options page's privacy section renders PRIVACY.md itself (imported raw at build time), in the reader's
// language, as text: the same words as the file, and no markup from it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PrivacyNotice } from '../../../components/extension/privacy-view';
import { privacyBlocks } from '../../../components/extension/privacy-text';

const md = readFileSync(path.resolve(__dirname, '../../../PRIVACY.md'), 'utf8');
const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('PrivacyNotice', () => {
  let root: HTMLElement;
  afterEach(() => {
    render(null, root);
    root.remove();
  });

  it.each(['fr', 'en'] as const)('shows every block of the %s section of PRIVACY.md', (lang) => {
    root = document.createElement('div');
    document.body.append(root);
    render(<PrivacyNotice lang={lang} />, root);
    const text = norm(root.textContent ?? '');
    const blocks = privacyBlocks(md, lang);
    expect(blocks.length).toBeGreaterThan(8);
    for (const b of blocks) for (const piece of b.kind === 'list' ? b.items : [b.text]) expect(text).toContain(norm(piece));
    expect(root.querySelector('details summary')).not.toBeNull();
    expect(root.querySelectorAll('h3').length).toBe(blocks.filter((b) => b.kind === 'heading').length);
    // Only the elements the view itself writes: nothing from the file becomes markup.
    const tags = new Set(Array.from(root.querySelectorAll('*'), (e) => e.localName));
    expect([...tags].every((t) => ['section', 'h2', 'details', 'summary', 'h3', 'p', 'ul', 'ol', 'li'].includes(t))).toBe(true);
  });
});
