// Every catalogue, for the builds that show the whole UI (extension pages, the widget, the background that
// hands the overlay its catalogue). The overlay's second stage does not import this file.
import { en } from './en';
import { fr, type Messages } from './fr';
import { registerCatalogue } from './index';
import type { Lang } from '../../core/lang';

/** The catalogues by language. */
export const catalogues: Readonly<Record<Lang, Messages>> = { fr, en };

/** Registers every catalogue (call once at the entry of a build that shows the whole UI). */
export function registerAllCatalogues(): void {
  for (const [lang, messages] of Object.entries(catalogues)) registerCatalogue(lang as Lang, messages);
}
