import type { ListEntry, PageKind } from '../read/types.ts';
import type { TenderPatch } from '../read/fields/index.ts';
import type { Section } from '../read/sections.ts';

/** What an engine reads on a page; core/read completes it (generic fields, territory, signals). */
export interface PortalExtract {
  /** Tender fields read from the page's own structure (never guessed). */
  tender: TenderPatch;
  /** The notice text, in sections, for the generic field readers and the signal rules. */
  sections: Section[];
  /** Result entries (list pages). */
  entries: ListEntry[];
  /** Flags the page shows as pictograms rather than text (BOAMP "Critères sociaux"). */
  pictograms?: string[];
}

/**
 * Example URLs of an engine, exported beside it (`<engine>Examples`) and listed in `examples.ts`: tests read them,
 * the shipped scripts never carry them.
 */
export interface PortalExamples {
  notice: string[];
  list: string[];
}

/** One procurement engine (a software or a site family), recognised by URL fingerprint. */
export interface Portal {
  /** Kebab-case id, equal to the file name in core/portals/. */
  id: string;
  /** Human name. */
  name: string;
  /** Host/path fingerprint of the engine. */
  matches(url: URL): boolean;
  /**
   * When a saved page has no usable URL: true if the DOM carries the engine's structure.
   * Optional; only engines with a distinctive DOM define it.
   */
  detect?(doc: Document): boolean;
  pageKind(doc: Document, url: URL): PageKind;
  extract(doc: Document, url: URL): PortalExtract;
  /** Known hosts (content-script match patterns). */
  hosts: string[];
  /**
   * Id of a more general engine that also matches this engine's URLs (PLACE is Atexo on one host).
   * The specialised engine must come first in the registry.
   */
  specialises?: string;
}
