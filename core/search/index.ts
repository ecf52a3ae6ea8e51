import Fuse, { type FuseIndex } from 'fuse.js';
import type { KbData } from '../kb/validate';
import { fuseOptions, searchDocs, type SearchDoc } from './definition';

export type { SearchDoc } from './definition';

/** Filters of {@link Search.search}; every filter is optional. */
export interface SearchFilters {
  type?: SearchDoc['type'];
  kit?: string;
  category?: string;
  theme?: string;
  limit?: number;
}

export interface SearchHit {
  doc: SearchDoc;
  /** 0 is a perfect match, 1 no match. */
  score: number;
}

export interface Search {
  search(query: string, filters?: SearchFilters): SearchHit[];
  docs: readonly SearchDoc[];
}

const MAX_QUERY = 200;

/**
 * Creates the search over the knowledge base. Pass the pre-built serialised index to skip indexing at
 * start-up; it must come from the same data (data/build.ts guarantees it).
 */
export function createSearch(kb: KbData, serialisedIndex?: unknown): Search {
  const docs = searchDocs(kb);
  let index: FuseIndex<SearchDoc> | undefined;
  if (serialisedIndex) {
    try {
      index = Fuse.parseIndex<SearchDoc>(serialisedIndex as Parameters<typeof Fuse.parseIndex>[0]);
    } catch {
      index = undefined;
    }
  }
  const fuse = new Fuse(docs, fuseOptions, index);
  return {
    docs,
    search(query, filters = {}) {
      const q = typeof query === 'string' ? query.replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY) : '';
      const keep = (d: SearchDoc) =>
        (!filters.type || d.type === filters.type) &&
        (!filters.kit || d.kit === filters.kit) &&
        (!filters.category || d.category === filters.category) &&
        (!filters.theme || d.themes.includes(filters.theme));
      const limit = filters.limit ?? 20;
      if (q.length < 2) return docs.filter(keep).slice(0, limit).map((doc) => ({ doc, score: 1 }));
      try {
        return fuse
          .search(q)
          .filter((r) => keep(r.item))
          .slice(0, limit)
          .map((r) => ({ doc: r.item, score: r.score ?? 1 }));
      } catch {
        return [];
      }
    },
  };
}

/** Builds the serialisable index for {@link createSearch} (used by the data build). */
export function buildSearchIndex(kb: KbData): unknown {
  return Fuse.createIndex(fuseOptions.keys!, searchDocs(kb)).toJSON();
}
