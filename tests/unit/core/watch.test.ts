import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyWatchState, markSeen, parseWatchState, runWatch, unseenCount, watchQuery, type WatchResponse } from '../../../core/watch/index';
import { parseProfile, type Profile } from '../../../core/profile/index';
import { BOAMP_RECORDS_API } from '../../../core/read/boamp-api';
import { engine } from '../../lib/engine';
import { apiAnswer, apiRecords, exportRecords } from '../../lib/boamp-standin';

const { kb, territory } = engine();
const sectorIds = kb.sectors.map((s) => s.id);
const profileOf = (raw: Record<string, unknown>): Profile => parseProfile(raw, { sectors: sectorIds }).profile!;
const esat = profileOf({ kind: 'esat', esus: true, sectors: ['proprete-nettoyage', 'impression-routage', 'restauration-alimentation'], territory: ['reg:11', '92050'], maxValue: 400000 });
const departementsOf = (r: string) => territory.departementsOf(r);
const regionOf = (d: string) => territory.regionOf(d);

/** The stand-in: real records as the API answers them, or a failure. */
function standIn(script: (WatchResponse | Error)[]) {
  const urls: string[] = [];
  const fetch = async (url: string): Promise<WatchResponse> => {
    urls.push(url);
    const next = script.shift() ?? new Error('stand-in: no more answers');
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch, urls };
}
const ok = (): WatchResponse => ({ status: 200, json: async () => apiAnswer([...exportRecords(), ...apiRecords()]) });
const status = (n: number, retryAfter?: string): WatchResponse => ({ status: n, headers: { get: (h) => (h.toLowerCase() === 'retry-after' ? (retryAfter ?? null) : null) }, json: async () => ({ error_code: 'x' }) });

describe('the watch query', () => {
  it('sends the départements, CPV prefixes of the trades and dates, to the real address; nothing else of the profile', () => {
    const q = watchQuery(esat, { kb, today: '2026-03-16', departementsOf });
    if ('error' in q) throw new Error(q.error);
    expect(q.url.startsWith(`${BOAMP_RECORDS_API}?`)).toBe(true);
    expect(q.departements).toEqual(['75', '77', '78', '91', '92', '93', '94', '95']);
    expect(q.cpvPrefixes).toEqual(expect.arrayContaining(['909', '798', '555']));
    const where = new URL(q.url).searchParams.get('where')!;
    expect(where).toContain(`code_departement in ("75","77","78","91","92","93","94","95")`);
    expect(where).toContain(`datelimitereponse >= date'2026-03-16'`);
    expect(where).toContain(`dateparution >= date'2026-03-02'`);
    expect(where).toContain('startswith(donnees, "909")');
    for (const secret of ['esat', 'ESAT', 'esus', '92050', 'proprete', '400000']) expect(q.url, secret).not.toContain(secret);
    const since = watchQuery(esat, { kb, today: '2026-03-16', since: '2026-03-15T06:00:00Z', departementsOf, base: 'http://127.0.0.1:9/records' });
    expect('url' in since && since.url.startsWith('http://127.0.0.1:9/records?')).toBe(true);
    expect('url' in since && new URL(since.url).searchParams.get('where')).toContain(`dateparution >= date'2026-03-15'`);
  });

  it('asks nothing without a département', () => {
    expect(watchQuery(profileOf({ kind: 'aci', sectors: ['proprete-nettoyage'] }), { kb, today: '2026-03-16' })).toEqual({ error: 'no-departement' });
  });
});

describe('a watch run against a stand-in serving real BOAMP records', () => {
  const deps = (fetch: (u: string) => Promise<WatchResponse>, now: string) => ({ kb, fetch, now, departementsOf, regionOf });

  it('keeps open calls in the profile’s départements that fit, with why; then a second run adds nothing', async () => {
    const s = standIn([ok(), ok()]);
    const first = await runWatch(emptyWatchState(), esat, deps(s.fetch, '2026-03-16T07:00:00.000Z'));
    expect(first.asked).toBe(true);
    expect(first.state.status).toBe('ok');
    const ids = first.added.map((i) => i.idweb);
    // Cleaning in Gennevilliers, printing and mailing in Paris, catering in the Val-d'Oise.
    expect(ids).toEqual(expect.arrayContaining(['26-26793', '26-26379', '26-26661']));
    // Supplies (medical furniture, signage), an incubator, notices outside Île-de-France, awards: none.
    for (const id of ['26-26124', '26-26606', '26-26813', '26-26465', '26-26423', '26-26122', '26-80978', '26-81190']) expect(ids, id).not.toContain(id);
    const cleaning = first.added.find((i) => i.idweb === '26-26793')!;
    expect(cleaning).toMatchObject({ verdict: 'yes', seen: false, url: 'https://www.boamp.fr/pages/avis/?q=idweb:26-26793', buyer: 'Ville de Gennevilliers' });
    expect(cleaning.reasons.join(' ')).toMatch(/propreté et nettoyage/);
    expect(unseenCount(first.state)).toBe(first.added.length);
    const second = await runWatch(first.state, esat, deps(s.fetch, '2026-03-16T19:00:00.000Z'));
    expect(second.asked).toBe(true);
    expect(second.added).toEqual([]);
    expect(second.state.items.map((i) => i.idweb)).toEqual(first.state.items.map((i) => i.idweb));
    expect(new URL(s.urls[1]!).searchParams.get('where')).toContain(`dateparution >= date'2026-03-16'`);
  });

  it('a failure keeps the list, says so and waits before asking again; a rate limit follows Retry-After', async () => {
    const s = standIn([ok(), new Error('Failed to fetch'), status(429, '7200'), status(503), ok()]);
    const first = await runWatch(emptyWatchState(), esat, deps(s.fetch, '2026-03-16T07:00:00.000Z'));
    const failed = await runWatch(first.state, esat, deps(s.fetch, '2026-03-16T19:00:00.000Z'));
    expect(failed.state).toMatchObject({ status: 'offline', failures: 1, retryAt: '2026-03-16T19:30:00.000Z' });
    expect(failed.state.items).toEqual(first.state.items);
    const waiting = await runWatch(failed.state, esat, deps(s.fetch, '2026-03-16T19:10:00.000Z'));
    expect(waiting.asked).toBe(false);
    expect(s.urls).toHaveLength(2);
    const limited = await runWatch(failed.state, esat, deps(s.fetch, '2026-03-16T19:31:00.000Z'));
    expect(limited.state).toMatchObject({ status: 'rate-limited', failures: 2, retryAt: '2026-03-16T21:31:00.000Z' });
    const server = await runWatch(limited.state, esat, { ...deps(s.fetch, '2026-03-16T21:40:00.000Z') });
    expect(server.state).toMatchObject({ status: 'error', message: 'HTTP 503', failures: 3 });
    const back = await runWatch(server.state, esat, { ...deps(s.fetch, '2026-03-16T21:41:00.000Z'), force: true });
    expect(back.state).toMatchObject({ status: 'ok', failures: 0 });
    expect(back.state.retryAt).toBeUndefined();
    expect(back.added).toEqual([]);
  });

  it('an answer that is not an API answer is a failure, not an empty list', async () => {
    const s = standIn([{ status: 200, json: async () => '<html>maintenance</html>' }]);
    const r = await runWatch(emptyWatchState(), esat, deps(s.fetch, '2026-03-16T07:00:00.000Z'));
    expect(r.state.status).toBe('error');
  });

  it('seen marks stay across runs', async () => {
    const s = standIn([ok(), ok()]);
    const first = await runWatch(emptyWatchState(), esat, deps(s.fetch, '2026-03-16T07:00:00.000Z'));
    const seen = markSeen(first.state, ['26-26793']);
    expect(unseenCount(seen)).toBe(first.added.length - 1);
    const again = await runWatch(parseWatchState(JSON.parse(JSON.stringify(seen))), esat, deps(s.fetch, '2026-03-17T07:00:00.000Z'));
    expect(again.state.items.find((i) => i.idweb === '26-26793')!.seen).toBe(true);
  });
});

describe('stored watch state', () => {
  it('never throws and keeps only well-formed items', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const s = parseWatchState(raw);
        for (const i of s.items) expect(i.idweb).toMatch(/^\d{2}-\d{1,7}$/);
        expect(s.v).toBe(1);
      }),
    );
  });
});
