// The markers of a list of results, decided here where the knowledge base and the profile are. On BOAMP's search
// page the notices' records come from BOAMP's own open-data API, one request for the page (nothing but the idwebs
// the page lists, as PRIVACY.md says); elsewhere, or when that request fails, from what each entry shows.
import { reportFault } from '../../core/errors';
import { BOAMP_API_LIMIT, BOAMP_RECORDS_API, boampRecordsOf, boampRecordsUrl, isIdweb } from '../../core/read/boamp-api';
import { readBoampRecord } from '../../core/read/index';
import { entryKey } from '../../core/read/list-targets';
import type { ListEntry, Reading } from '../../core/read/types';
import { entryMarker, entryReading, withEntryFlags, type EntryMarker } from '../../core/fit/list';
import type { Profile } from '../../core/profile/index';
import type { Settings } from '../../core/settings';
import { markerText } from '../../components/marker-text';
import type { ListMarkersRequest, ListMarkersResponse } from '../../components/extension/messages';
import { adviseReading, type AdviceDeps } from './advice';

const MAX_TITLE = 400;

type Sender = { url?: string; tab?: { id?: number; url?: string } } | undefined;

/** Entries as a content script sent them, kept only where well-formed (strings of bounded length). */
export function cleanEntries(raw: unknown): ListEntry[] {
  if (!Array.isArray(raw)) return [];
  const out: ListEntry[] = [];
  const str = (x: unknown, n: number) => (typeof x === 'string' && x.trim() ? x.trim().slice(0, n) : undefined);
  for (const e of raw.slice(0, BOAMP_API_LIMIT)) {
    if (!e || typeof e !== 'object') continue;
    const r = e as Record<string, unknown>;
    const title = str(r.title, MAX_TITLE);
    if (!title) continue;
    const entry: ListEntry = { title };
    const url = str(r.url, 2_000);
    if (url && /^https?:\/\//i.test(url)) entry.url = url;
    if (isIdweb(r.boampId)) entry.boampId = r.boampId;
    const buyer = str(r.buyer, 200);
    if (buyer) entry.buyer = buyer;
    const deadline = str(r.deadline, 30);
    if (deadline) entry.deadline = deadline;
    const published = str(r.published, 30);
    if (published) entry.published = published;
    if (Array.isArray(r.departements)) entry.departements = r.departements.filter((d): d is string => typeof d === 'string' && /^(\d{2,3}|2[AB])$/.test(d)).slice(0, 120);
    if (Array.isArray(r.pictograms)) entry.pictograms = r.pictograms.filter((p): p is string => typeof p === 'string').map((p) => p.slice(0, 100)).slice(0, 10);
    if (entryKey(entry)) out.push(entry);
  }
  return out;
}

/** What the markers need from the rest of the background (injected: the tests pass their own). */
export interface ListMarkerDeps {
  settings: () => Promise<Settings>;
  profile: () => Promise<Profile | null>;
  engine: () => Promise<AdviceDeps>;
  /** BOAMP's records endpoint; tests point it at a stand-in. */
  api?: string;
}

// Records already read, by idweb (null: BOAMP has none): the markers of a page asked again (another profile,
// another language) send no second request. Bounded; lost when the service worker stops.
const records = new Map<string, Reading | null>();
const MAX_KEPT = 500;

/** Forgets the records read so far (tests). */
export function forgetRecords(): void {
  records.clear();
}

/** The records BOAMP's open data holds for the idwebs a page of its results lists: one request, or none. */
async function boampRecords(entries: readonly ListEntry[], api: string): Promise<Map<string, Reading>> {
  const ids = entries.map((e) => e.boampId).filter(isIdweb);
  const url = boampRecordsUrl(
    ids.filter((id) => !records.has(id)),
    api,
  );
  if (url) {
    try {
      const res = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' });
      if (res.ok) {
        const got = new Map<string, Reading>();
        for (const record of boampRecordsOf(await res.json())) {
          // Only the notices asked for: an answer cannot put a marker on another result.
          const id = record.idweb;
          if (!id || !ids.includes(id)) continue;
          const read = readBoampRecord(record);
          if (read.ok && read.reading.isTender) got.set(id, read.reading);
        }
        for (const id of ids) if (!records.has(id)) records.set(id, got.get(id) ?? null);
        for (const id of records.keys()) {
          if (records.size <= MAX_KEPT) break;
          records.delete(id);
        }
      }
    } catch {
      // Offline, refused, or not JSON: the markers say what the list shows (and the next page asks again).
    }
  }
  const out = new Map<string, Reading>();
  for (const id of ids) {
    const r = records.get(id);
    if (r) out.set(id, r);
  }
  return out;
}

/**
 * The markers of the entries a list stage sent. On www.boamp.fr the records of the listed notices are asked for
 * (one request); the fit is computed when the user set a profile. Answers `off` when markers are turned off.
 */
export async function listMarkers(msg: ListMarkersRequest, sender: Sender, deps: ListMarkerDeps): Promise<ListMarkersResponse> {
  const settings = await deps.settings();
  if (!settings.listMarkers) return { ok: false, off: true, error: 'markers off' };
  const entries = cleanEntries(msg.entries);
  let page: URL | undefined;
  try {
    page = sender?.tab ? new URL(String(sender.url ?? '')) : undefined;
  } catch {
    page = undefined;
  }
  if (!page) return { ok: false, off: false, error: 'not a page' };
  const onBoamp = /(^|\.)boamp\.fr$/.test(page.hostname);
  const [found, profile] = await Promise.all([onBoamp ? boampRecords(entries, deps.api ?? BOAMP_RECORDS_API) : Promise.resolve(new Map<string, Reading>()), deps.profile()]);
  const engine = profile ? await deps.engine() : undefined;
  const lang = settings.lang;
  const portal = onBoamp ? 'boamp' : null;
  const markers = entries.map((entry) => {
    const key = entryKey(entry);
    const record = entry.boampId ? found.get(entry.boampId) : undefined;
    const reading = record ? withEntryFlags(record, entry) : entryReading(entry, portal);
    let marker: EntryMarker = entryMarker(key, reading, record ? 'record' : 'list');
    if (profile && engine) {
      try {
        const res = adviseReading(engine, reading, { role: 'structure', lang, userTerritory: settings.territory, profile });
        if (res.ok && res.fit) marker = entryMarker(key, reading, marker.source, res.fit);
      } catch (e) {
        reportFault('markers:fit', e);
      }
    }
    return { key, id: marker.id, source: marker.source, ...markerText(marker, lang) };
  });
  return { ok: true, lang, markers };
}
