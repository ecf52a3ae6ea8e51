// The store listing texts: the short description is the manifest's (public/_locales), the long one lives in
// store/listing/<lang>.md. `npm run store` writes both into dist/store/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './icons.ts';

/** Limits both stores apply (Chrome: name 45 and description 132 characters; AMO's summary is longer). */
export const STORE_LIMITS = { name: 45, description: 132, longDescription: 16_000 } as const;
export const LISTING_LANGS = ['fr', 'en'] as const;
export type ListingLang = (typeof LISTING_LANGS)[number];

/** Name, short and long description of the listing in one language. */
export function listing(lang: ListingLang): { name: string; short: string; long: string } {
  const messages = JSON.parse(readFileSync(path.join(ROOT, 'public', '_locales', lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
  return {
    name: messages.extName?.message ?? '',
    short: messages.extDescription?.message ?? '',
    long: readFileSync(path.join(ROOT, 'store', 'listing', `${lang}.md`), 'utf8').trim(),
  };
}
