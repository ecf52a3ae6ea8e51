// The panel on the 48 real notices of tests/fixtures/real, in both roles and both languages: the first block holds
// at most three actions, the badge, the panel and the copied summary count the same actions, and no internal word
// (lever or signal ids, source file names, line numbers, XML paths) reaches people.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { advise } from '../../../core/advise/index';
import { createKb, type KbData } from '../../../core/kb/index';
import { PROCUREMENT_LEVER_IDS, SIGNAL_IDS } from '../../../core/kb/vocabulary';
import { readNotice } from '../../../core/read/index';
import { AdvicePanel, groupFiches } from '../../../components/advice-panel';
import { actionCount, adviceHeadline, MAX_ACTIONS, priorityActions } from '../../../components/headline';
import { draftReadText } from '../../../components/draft-text';
import { createPanelModel } from '../../../components/panel-model';
import { summaryText } from '../../../components/summary';
import { whereLabel } from '../../../components/signal-label';

const root = join(__dirname, '..', '..', '..');
const kb = createKb(JSON.parse(readFileSync(join(root, 'data', 'kb.json'), 'utf8')) as KbData);
const records = readFileSync(join(root, 'tests', 'fixtures', 'real', 'tenders.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Text a person can see or hear: rendered text and accessible attributes (titles, labels). */
function visible(el: Element): string {
  const attrs = [...el.querySelectorAll('[title],[aria-label]')].map((e) => `${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`);
  return `${el.textContent ?? ''} ${attrs.join(' ')}`;
}

// Ids that are not also ordinary words ("allotissement" and "sourcing" are words people use).
const INTERNAL = [...PROCUREMENT_LEVER_IDS, ...SIGNAL_IDS].filter((id) => id.includes('-'));

describe('advice panel on real notices', () => {
  for (const role of ['acheteur', 'structure'] as const) {
    for (const lang of ['fr', 'en'] as const) {
      it(`${role}, ${lang}: at most three actions first, the same count everywhere, no internal word`, () => {
        let withActions = 0;
        for (const rec of records) {
          const reading = readNotice(rec as never);
          const advice = advise(kb, reading, { role, lang, today: '2026-12-04' });
          const head = adviceHeadline(advice, lang);
          const el = document.createElement('div');
          document.body.append(el);
          render(<AdvicePanel reading={reading} advice={advice} model={createPanelModel({ role, lang })} ficheById={kb.fiche} onCopy={() => undefined} idPrefix="t" />, el);
          const first = el.querySelector('section')!;
          expect(first.getAttribute('data-essor-actions'), String(rec.id)).toBe(String(head.actions));
          const items = first.querySelectorAll('ol.essor-actions > li');
          expect(items.length).toBeLessThanOrEqual(MAX_ACTIONS);
          expect(items.length, String(rec.id)).toBe(head.actions);
          expect(priorityActions(advice).length).toBe(head.actions);
          if (head.actions) withActions++;
          // The summary numbers the same actions.
          const summary = summaryText(reading, advice, lang);
          expect(summary.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(head.actions);
          expect(summary).toContain(head.title);
          if (head.actions) expect(head.title, String(rec.id)).toContain(`${head.actions} action`);
          const text = visible(el);
          for (const id of INTERNAL) expect(text, `${rec.id}: "${id}" shown`).not.toMatch(new RegExp(`(^|[^\\w-])${id}([^\\w-]|$)`));
          expect(text).not.toMatch(/\.txt\b|lignes \d|lines \d|\bBT-\d|ContractNotice|cac:|cbc:/);
          // No heading without content after it.
          for (const h of el.querySelectorAll('h3')) {
            const box = h.closest('details') ?? h.parentElement!;
            expect(box.textContent!.trim().length, h.textContent!).toBeGreaterThan(h.textContent!.trim().length);
          }
          // The same fiche is listed once.
          const titles = [...el.querySelectorAll('.essor-fold .essor-results > li > button')].map((b) => b.textContent);
          expect(new Set(titles).size).toBe(titles.length);
          render(null, el);
          el.remove();
        }
        expect(withActions).toBeGreaterThan(10);
      }, 60_000);
    }
  }

  it('a fiche present in two kits is listed once with both kits named', () => {
    const twins = kb.fiches.filter((f) => kb.fiches.some((g) => g !== f && g.title.toLowerCase() === f.title.toLowerCase()));
    expect(twins.length).toBeGreaterThan(1);
    const groups = groupFiches(
      twins.map((f) => ({ id: f.id, title: f.title, why: 'x' })),
      kb.fiche,
    );
    expect(groups.length).toBeLessThan(twins.length);
    for (const g of groups) expect(g.refs.length).toBe(g.ids.length);
  });

  it('counts carry their number and the right plural', () => {
    expect(actionCount('fr', 1)).toBe('1 action');
    expect(actionCount('fr', 3)).toBe('3 actions');
    expect(actionCount('en', 0)).toBe('0 actions');
    expect(draftReadText('fr', 'a.pdf', 10616, 2)).toBe('a.pdf : 10\u202f616 caractères lus, 2 pages.');
    expect(draftReadText('en', 'a.docx', 900, undefined)).toBe('a.docx: 900 characters read.');
  });

  it('signal places are words, and unknown ones are not shown', () => {
    expect(whereLabel('fr', 'title')).toBe('titre');
    expect(whereLabel('en', 'criteria')).toBe('award criteria');
    expect(whereLabel('fr', 'II.2.4')).toBe('rubrique II.2.4');
    expect(whereLabel('fr', 'Allotissement text')).toBe('');
    expect(whereLabel('fr', 'cac:procurementproject/cbc:note')).toBe('');
  });

  it('the status (copied, passage not found) is visible, not only for screen readers', () => {
    const rec = records.find((r) => r.id === 'boamp-20-81064')!;
    const reading = readNotice(rec as never);
    const model = createPanelModel({ role: 'acheteur', lang: 'fr' });
    const el = document.createElement('div');
    render(<AdvicePanel reading={reading} advice={advise(kb, reading, { role: 'acheteur', lang: 'fr' })} model={model} ficheById={kb.fiche} idPrefix="s" />, el);
    model.status.value = 'Résumé copié dans le presse-papiers.';
    render(<AdvicePanel reading={reading} advice={advise(kb, reading, { role: 'acheteur', lang: 'fr' })} model={model} ficheById={kb.fiche} idPrefix="s" />, el);
    const status = el.querySelector('[role="status"]')!;
    expect(status.textContent).toBe('Résumé copié dans le presse-papiers.');
    expect(status.className).not.toContain('essor-sr');
  });
});
