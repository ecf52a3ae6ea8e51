import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { Search, SearchHit, SearchFilters } from '../core/search/index';

/** State of a search box: query, filters, results, and the item opened in full. */
export interface SearchModel {
  query: Signal<string>;
  type: Signal<string>;
  kit: Signal<string>;
  category: Signal<string>;
  theme: Signal<string>;
  results: ReadonlySignal<SearchHit[]>;
  opened: Signal<{ type: string; id: string } | null>;
  /** The user's territory: its actors come first in the results (set once the settings are read). */
  territory: Signal<SearchFilters['territory'] | undefined>;
}

/**
 * A search box over `search`. `prefer` and `suggestions` order and cap what is listed before anything is typed
 * (see {@link SearchFilters}).
 */
export function createSearchModel(search: Search, init: { query?: string; theme?: string } & Pick<SearchFilters, 'prefer' | 'suggestions' | 'territory'> = {}): SearchModel {
  const query = signal(init.query ?? '');
  const type = signal('');
  const kit = signal('');
  const category = signal('');
  const theme = signal(init.theme ?? '');
  const territory = signal<SearchFilters['territory'] | undefined>(init.territory);
  const results = computed(() => {
    const f: SearchFilters = { limit: 30, prefer: init.prefer, suggestions: init.suggestions };
    if (territory.value) f.territory = territory.value;
    if (type.value) f.type = type.value as SearchFilters['type'];
    if (kit.value) f.kit = kit.value;
    if (category.value) f.category = category.value;
    if (theme.value) f.theme = theme.value;
    return search.search(query.value, f);
  });
  return { query, type, kit, category, theme, results, opened: signal(null), territory };
}
