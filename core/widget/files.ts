// The files the widget loads from the folder of essor-widget.js, and the key each one registers under in
// window.__essorData. Written by widget/build-data.ts and the check build (widget/check.ts).
import type { Fiche } from '../kb/types';

/** A file of the widget, relative to the script's folder without `.js`, and its key in the registry. */
export interface DataFile {
  path: string;
  key: string;
}

/** Knowledge base (fiches without their bodies) and régions/départements. */
export const MAIN_FILE: DataFile = { path: 'essor-data', key: 'main' };
/** EPCI SIREN → départements; loaded only for an EPCI `territoire`. */
export const EPCI_FILE: DataFile = { path: 'epci', key: 'epci' };
/** Reading and advising on a pasted notice; loaded when the "check a tender" tab is first opened. */
export const CHECK_FILE: DataFile = { path: 'essor-check', key: 'check' };
/** Reading a dropped draft (PDF, DOCX, ODT, text): pdf.js and a zip reader; loaded when a file is dropped. */
export const DRAFT_FILE: DataFile = { path: 'essor-draft', key: 'draft' };

/** The communes of one département. */
export function communeFile(dep: string): DataFile {
  return { path: `communes/${dep}`, key: `communes-${dep}` };
}

/** The body of one fiche, loaded when it is opened. Fiche ids are kebab-case, safe in a path. */
export function ficheFile(id: string): DataFile {
  return { path: `fiches/${id}`, key: `fiche-${id}` };
}

/** The parts of a fiche shipped in its own file. */
export type FicheBody = Pick<Fiche, 'levers' | 'examples' | 'legal' | 'figures' | 'resources'>;
export const BODY_FIELDS = ['levers', 'examples', 'legal', 'figures', 'resources'] as const;

/**
 * The fiche as the main file ships it: lever and example titles kept (search indexes them, and examples
 * tell where something was done), everything else moved to the fiche's own file.
 */
export function ficheHead(f: Fiche): Fiche {
  return {
    ...f,
    levers: f.levers.map((l) => ({ title: l.title, actions: [] })),
    examples: f.examples.map((e) => ({ title: e.title, placeNames: e.placeNames, places: e.places, actors: [], text: '' })),
    legal: [],
    figures: [],
    resources: [],
  };
}

/** Splits a fiche into what the main file ships and what its own file ships. */
export function splitFiche(f: Fiche): { head: Fiche; body: FicheBody } {
  return { head: ficheHead(f), body: { levers: f.levers, examples: f.examples, legal: f.legal, figures: f.figures, resources: f.resources } };
}
