import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import fs from 'node:fs';
import path from 'node:path';
import { createEngine } from '../../../entrypoints/background/engine';
import { registerWatch, runWatchNow, WATCH_ALARM, WATCH_RETRY_ALARM } from '../../../entrypoints/background/watch';
import { PROFILE_KEY } from '../../../components/extension/profile-model';
import { loadWatchState, WATCH_CONFIG_KEY, WATCH_KEY } from '../../../components/extension/watch-model';
import { BOAMP_RECORDS_API } from '../../../core/read/boamp-api';
import { apiAnswer, apiRecords, exportRecords } from '../../lib/boamp-standin';

const root = path.resolve(__dirname, '../../..');
const getEngine = createEngine(async (file) => JSON.parse(fs.readFileSync(path.join(root, 'data', `${file}.json`), 'utf8')));
const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
const PROFILE = { v: 1, kind: 'esat', esus: false, sectors: ['proprete-nettoyage', 'impression-routage', 'restauration-alimentation'], territory: ['reg:11'] };

describe('the watch in the background', () => {
  let urls: string[];
  let answers: (() => Response)[];
  beforeEach(() => {
    fakeBrowser.reset();
    urls = [];
    answers = [];
    // The clock of the records' day: their calls are open on 16 March 2026.
    vi.useFakeTimers({ now: new Date('2026-03-16T07:00:00Z'), toFake: ['Date'] });
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      urls.push(url);
      expect(init).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
      const next = answers.shift();
      if (!next) throw new TypeError('Failed to fetch');
      return next();
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });
  const serve = () => answers.push(() => new Response(JSON.stringify(apiAnswer([...exportRecords(), ...apiRecords()])), { status: 200, headers: { 'content-type': 'application/json' } }));

  it('off by default: no alarm, no request', async () => {
    registerWatch(getEngine);
    await tick();
    await runWatchNow(getEngine);
    expect(urls).toEqual([]);
    expect(await fakeBrowser.alarms.get(WATCH_ALARM)).toBeUndefined();
  });

  it('turned on: one request to BOAMP, the alarm twice a day, notices kept; an alarm run adds no duplicate', async () => {
    await fakeBrowser.storage.local.set({ [PROFILE_KEY]: PROFILE });
    registerWatch(getEngine);
    serve();
    await fakeBrowser.storage.local.set({ [WATCH_CONFIG_KEY]: { on: true, notify: false } });
    await vi.waitFor(async () => expect((await loadWatchState()).status).toBe('ok'), { timeout: 5000 });
    expect(urls).toHaveLength(1);
    expect(urls[0]!.startsWith(`${BOAMP_RECORDS_API}?`)).toBe(true);
    expect((await fakeBrowser.alarms.get(WATCH_ALARM))?.periodInMinutes).toBe(720);
    const first = await loadWatchState();
    expect(first.items.map((i) => i.idweb)).toEqual(expect.arrayContaining(['26-26793', '26-26379', '26-26661']));
    serve();
    await fakeBrowser.alarms.onAlarm.trigger({ name: WATCH_ALARM, scheduledTime: Date.now(), persistAcrossSessions: false } as never);
    await vi.waitFor(() => expect(urls).toHaveLength(2));
    await tick(50);
    expect((await loadWatchState()).items.map((i) => i.idweb)).toEqual(first.items.map((i) => i.idweb));
  });

  it('a failure is recorded with a retry alarm, a success cancels it; turning off clears alarms and results', async () => {
    await fakeBrowser.storage.local.set({ [PROFILE_KEY]: PROFILE });
    registerWatch(getEngine);
    await fakeBrowser.storage.local.set({ [WATCH_CONFIG_KEY]: { on: true, notify: false } });
    await vi.waitFor(async () => expect((await loadWatchState()).status).toBe('offline'), { timeout: 5000 });
    expect(await fakeBrowser.alarms.get(WATCH_RETRY_ALARM)).toBeDefined();
    // "Check now" succeeds: the pending retry is cancelled.
    serve();
    await fakeBrowser.storage.local.set({ [WATCH_CONFIG_KEY]: { on: true, notify: false, runAt: '2026-03-16T07:05:00.000Z' } });
    await vi.waitFor(async () => expect((await loadWatchState()).status).toBe('ok'), { timeout: 5000 });
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(WATCH_RETRY_ALARM)).toBeUndefined());
    await fakeBrowser.storage.local.set({ [WATCH_CONFIG_KEY]: { on: false, notify: false } });
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(WATCH_ALARM)).toBeUndefined());
    await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get(WATCH_KEY))[WATCH_KEY]).toBeUndefined());
    expect(await fakeBrowser.alarms.get(WATCH_RETRY_ALARM)).toBeUndefined();
  });

  it('the retry alarm is set 30 minutes after the failure; "check now" during an alarm run still asks', async () => {
    await fakeBrowser.storage.local.set({ [PROFILE_KEY]: PROFILE });
    registerWatch(getEngine);
    await fakeBrowser.storage.local.set({ [WATCH_CONFIG_KEY]: { on: true, notify: false } });
    await vi.waitFor(async () => expect((await loadWatchState()).status).toBe('offline'), { timeout: 5000 });
    const retry = await fakeBrowser.alarms.get(WATCH_RETRY_ALARM);
    expect(retry!.scheduledTime - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(retry!.scheduledTime - Date.now()).toBeLessThanOrEqual(30 * 60_000);
    expect(urls).toHaveLength(1);
    // The retry alarm fires early: that run sends nothing (the delay runs), and a "check now" made meanwhile is
    // not swallowed by it.
    serve();
    const alarmRun = runWatchNow(getEngine);
    const forced = runWatchNow(getEngine, true);
    await Promise.all([alarmRun, forced]);
    expect(urls).toHaveLength(2);
    expect((await loadWatchState()).status).toBe('ok');
  });
});
