// Markers on a list of results: what each listed notice declares, read from its full record when the source gives
// one (BOAMP's open data) and otherwise from what the list itself shows (title, BOAMP's own flags), with the source
// kept so that the marker can say which. Framework-free.
import type { ListEntry, Reading, Signal } from '../read/types';
import { detectSignals } from '../read/signals';
import { resultMarker, type Fit, type MarkerId } from './index';

/** Where a marker's facts come from: the notice's full record, or only the list's summary of it. */
export type MarkerSource = 'record' | 'list';

/** One result's marker, as the background decides it (ids only; the labels are the UI catalogue's). */
export interface EntryMarker {
  /** The entry's key (core/read/list-targets.ts `entryKey`). */
  key: string;
  id: MarkerId;
  source: MarkerSource;
  /** Signals named by the marker (reservations, insertion clause, social criterion). */
  signals: string[];
  /** The structure's first line, when a profile is set. */
  headline?: string;
}

/**
 * What a list entry itself shows, as a reading: its title (the object, in short), buyer, départements, deadline
 * and the flags the list prints (BOAMP's "Critères sociaux"). Far less than the notice: a clause stated only in the
 * notice's conditions is not there, which is why a marker built on it says so.
 */
export function entryReading(entry: ListEntry, portal: string | null = null): Reading {
  const title = String(entry.title ?? '').slice(0, 400);
  const signals: Signal[] = detectSignals([{ where: 'title', text: title }], { pictograms: (entry.pictograms ?? []).slice(0, 10) });
  return {
    isTender: true,
    confidence: 0.3,
    portal,
    pageKind: 'notice',
    tender: {
      title,
      cpv: [],
      cpvMain: false,
      lots: [],
      links: entry.url ? { notice: entry.url } : {},
      ...(entry.buyer ? { buyer: entry.buyer } : {}),
      ...(entry.boampId ? { boampId: entry.boampId } : {}),
      ...(entry.deadline ? { deadline: entry.deadline } : {}),
      ...(entry.published ? { published: entry.published } : {}),
      ...(entry.departements?.length ? { departements: entry.departements } : {}),
    },
    signals,
    entries: [],
    text: title,
  };
}

/**
 * A notice's record with what its list entry shows added: the flags BOAMP prints on the result (its `criteres`
 * field) count even when the record's own text says nothing more.
 */
export function withEntryFlags(record: Reading, entry: ListEntry): Reading {
  const fromList = entryReading(entry, record.portal).signals.filter((s) => s.where === 'pictogram' && !record.signals.some((r) => r.id === s.id));
  return fromList.length ? { ...record, signals: [...record.signals, ...fromList] } : record;
}

/**
 * The marker of one entry from its reading, its source and, with a profile, its fit. A fit that cannot conclude
 * (a profile without trades) does not make every result "for you": the marker then says what the notice declares.
 */
export function entryMarker(key: string, reading: Pick<Reading, 'signals'>, source: MarkerSource, fit?: Pick<Fit, 'verdict' | 'headlineId' | 'headline'>): EntryMarker {
  const m = resultMarker(reading, fit && fit.headlineId !== 'unknown' ? fit : undefined);
  return { key, id: m.id, source, signals: m.signals, ...(m.headline ? { headline: m.headline } : {}) };
}
