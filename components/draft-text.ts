// Words of the draft check that both the side panel and the widget show before or without the advice: what the
// file pickers accept, what was read, why a file could not be.
import type { DraftErrorCode } from '../core/draft/index';
import { locale, plural, t, type Lang, type MessageKey } from './i18n';

/** What the file pickers accept: the formats core/draft reads. */
export const DRAFT_ACCEPT = '.pdf,.docx,.odt,.txt,.md,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text,text/plain';

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
  const n = new Intl.NumberFormat(locale(lang)).format(chars);
  const p = pages ? plural(lang, pages, { one: t(lang, 'draftPagesOne', { n: '{n}' }), other: t(lang, 'draftPagesOther', { n: '{n}' }) }) : '';
  return t(lang, 'draftRead', { name, n, pages: p }).replace(/, \.$/, '.').replace(/ ,/, ',');
}
