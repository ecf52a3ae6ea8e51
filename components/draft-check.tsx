import { useState } from 'preact/hooks';
import type { Advice } from '../core/advise/index';
import type { DraftErrorCode } from '../core/draft/index';
import type { Reading } from '../core/read/types';
import { priorityActions, reasonText, strengthLabel } from './headline';
import { plural, t, type Lang, type MessageKey } from './i18n';
import { signalLabel } from './signal-label';

/** What the file pickers accept: the formats core/draft reads. */
export const DRAFT_ACCEPT = '.pdf,.docx,.odt,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text,text/plain';

const GROUPS: { key: MessageKey; ids: string[] }[] = [
  { key: 'draftGroupReserve', ids: ['reserve-handicap', 'reserve-siae', 'reserve-ess', 'not-reserved'] },
  { key: 'draftGroupClauses', ids: ['clause-insertion', 'clause-environnementale'] },
  { key: 'draftGroupCriteria', ids: ['critere-social', 'critere-environnemental', 'label-equitable'] },
  { key: 'draftGroupLots', ids: ['allotissement'] },
];

const ERROR_KEY: Record<DraftErrorCode, MessageKey> = {
  encrypted: 'draftErrEncrypted',
  scanned: 'draftErrScanned',
  unsupported: 'draftErrUnsupported',
  corrupt: 'draftErrCorrupt',
  'too-large': 'draftErrTooLarge',
  empty: 'draftErrScanned',
};

/** The message shown for a draft that could not be read. */
export function draftErrorText(lang: Lang, code: DraftErrorCode, name: string): string {
  return t(lang, ERROR_KEY[code] ?? 'draftErrCorrupt', { name, max: lang === 'en' ? '30 MB' : '30 Mo' });
}

/** What was read from a file: its name, its size in characters and pages. */
export function draftReadText(lang: Lang, name: string, chars: number, pages: number | undefined): string {
  const n = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR').format(chars);
  const p = pages ? plural(lang, pages, { one: t(lang, 'draftPagesOne', { n: '{n}' }), other: t(lang, 'draftPagesOther', { n: '{n}' }) }) : '';
  return t(lang, 'draftRead', { name, n, pages: p }).replace(/, \.$/, '.').replace(/ ,/, ',');
}

/**
 * The check of a draft: what it already contains (reservation, clauses, criteria, lots, the 2026 duty) and what
 * to add, each with wording to paste.
 */
export function DraftCheck({ reading, advice, lang, idPrefix }: { reading: Reading; advice: Advice; lang: Lang; idPrefix: string }) {
  const [copied, setCopied] = useState('');
  const onCopy = (text: string) => {
    const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clip) return setCopied(t(lang, 'copyFailed'));
    clip.writeText(text).then(
      () => setCopied(t(lang, 'draftCopied')),
      () => setCopied(t(lang, 'copyFailed')),
    );
  };
  const id = (s: string) => `${idPrefix}-${s}`;
  const found = GROUPS.map((g) => ({ key: g.key, signals: reading.signals.filter((s) => g.ids.includes(s.id)) })).filter((g) => g.signals.length);
  const lots = reading.tender.lots.length || reading.tender.lotCount;
  const add = priorityActions(advice);
  const clause = reading.signals.some((s) => s.id === 'clause-insertion' || s.id === 'critere-social');
  return (
    <div class="essor-draft-check">
      <section aria-labelledby={id('has')}>
        <h3 id={id('has')}>{t(lang, 'draftHas')}</h3>
        {found.length ? (
          <ul>
            {found.map((g) => (
              <li key={g.key}>
                <strong>{t(lang, g.key)}</strong> : {g.signals.map((s) => signalLabel(lang, s.id)).join(', ')}
                {g.key === 'draftGroupLots' && lots ? ` (${lots})` : ''}
                <p class="essor-evidence">{g.signals[0]!.evidence}</p>
              </li>
            ))}
          </ul>
        ) : (
          <p class="essor-muted">{t(lang, 'draftHasNone')}</p>
        )}
        {advice.obligation ? (
          <p class="essor-warn">
            <strong>{t(lang, 'obligationTitle')}</strong> {advice.obligation.text} <span class="essor-muted">({advice.obligation.reference})</span>
          </p>
        ) : clause ? (
          <p class="essor-muted">{t(lang, 'draftObligationMet')}</p>
        ) : null}
      </section>
      <section class="essor-section" aria-labelledby={id('add')}>
        <h3 id={id('add')}>{t(lang, 'draftAdd')}</h3>
        {add.length ? (
          <ol class="essor-actions">
            {add.map((l) => (
              <li key={l.id} class="essor-action">
                <strong>{l.label}</strong> <span class={`essor-tag essor-strength-${l.strength ?? 'faible'}`}>{strengthLabel(lang, l.strength)}</span>
                <p>{l.why}</p>
                {reasonText(l) ? <p class="essor-muted">{reasonText(l)}</p> : null}
                {l.wording ? (
                  <>
                    <p class="essor-wording" id={id(`w-${l.id}`)}>
                      {l.wording}
                    </p>
                    <button type="button" aria-describedby={id(`w-${l.id}`)} onClick={() => onCopy(l.wording!)}>
                      {t(lang, 'draftCopy')}
                    </button>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p class="essor-muted">{t(lang, 'draftAddNone')}</p>
        )}
        {advice.whyNot.map((w) => (
          <p key={w.field} class="essor-note">
            {w.text}
          </p>
        ))}
        <p class="essor-status" role="status" aria-live="polite">
          {copied}
        </p>
      </section>
    </div>
  );
}
