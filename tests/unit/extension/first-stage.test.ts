// The first stage comes from the background once a portal's page has loaded: which tab updates inject it, the
// fallback for a page slow to load, and the first stage injected twice doing nothing the second time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTabListener, injectFirstStage, isPortalUrl, replayOpenTabs, PROBE_SCRIPT, watchPortalTabs } from '../../../entrypoints/background/first-stage';
import { handoff, MARK_PROBE } from '../../../entrypoints/overlay/handoff';
import { portals } from '../../../core/portals/index';
import { portalMatchPatterns } from '../../../components/extension/portal-matches';
import firstStage from '../../../entrypoints/probe/index';
import { portalExamples } from '../../../core/portals/examples';

const NOTICE = 'https://www.boamp.fr/avis/detail/20-96685';
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('first stage injected by the background', () => {
  beforeEach(() => fakeBrowser.reset());

  it('knows the portals by the host permissions\' patterns (the former content-script matches), and nothing else', () => {
    // `*://host/*` patterns, read here independently of the code under test.
    const hosts = new Set(portalMatchPatterns().map((m) => /^\*:\/\/([^/]+)\/\*$/.exec(m)![1]));
    const examples = portals.flatMap((p) => [...portalExamples[p.id]!.notice, ...portalExamples[p.id]!.list]);
    expect(examples.filter((u) => isPortalUrl(u)).length).toBeGreaterThan(portals.length);
    for (const u of examples) expect(isPortalUrl(u), u).toBe(hosts.has(new URL(u).hostname));
    expect(isPortalUrl('http://www.boamp.fr/pages/aide/')).toBe(true);
    expect(isPortalUrl('https://www.example.org/avis/detail/20-96685')).toBe(false);
    expect(isPortalUrl('https://boamp.fr.example.org/')).toBe(false);
    expect(isPortalUrl('chrome-extension://abc/options.html')).toBe(false);
    expect(isPortalUrl('view-source:https://www.boamp.fr/')).toBe(false);
    expect(isPortalUrl(undefined)).toBe(false);
    expect(isPortalUrl('not a url')).toBe(false);
  });

  it('injects once the page has loaded, on a portal only', () => {
    const inject = vi.fn(async () => true);
    const on = createTabListener(inject, 10_000);
    on(1, { status: 'complete' }, { url: NOTICE });
    expect(inject).toHaveBeenCalledWith(1);
    inject.mockClear();
    // Another site, a tab whose URL the extension may not see, a title change: nothing.
    on(2, { status: 'complete' }, { url: 'https://www.example.org/' });
    on(3, { status: 'complete' }, {});
    on(4, { title: 'x' } as never, { url: NOTICE });
    on(5, { url: NOTICE }, { url: NOTICE });
    expect(inject).not.toHaveBeenCalled();
  });

  it('a page slow to load gets its first stage after the wait; one that loads in time gets it once, after its load', async () => {
    const inject = vi.fn(async () => true);
    const on = createTabListener(inject, 30);
    on(1, { status: 'loading' }, { url: NOTICE });
    on(2, { status: 'loading' }, { url: NOTICE });
    expect(inject).not.toHaveBeenCalled();
    on(2, { status: 'complete' }, { url: NOTICE });
    expect(inject.mock.calls).toEqual([[2]]);
    await tick(60);
    expect(inject.mock.calls).toEqual([[2], [1]]);
    // A tab leaving the portal before the wait is over: nothing.
    on(3, { status: 'loading' }, { url: NOTICE });
    on(3, { status: 'loading' }, { url: 'https://www.example.org/' });
    await tick(60);
    expect(inject.mock.calls).toEqual([[2], [1]]);
  });

  it('injects the built first stage into the main frame, and says false when the tab refuses', async () => {
    const exec = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValueOnce([] as never).mockRejectedValueOnce(new Error('No tab with id: 9'));
    expect(await injectFirstStage(7)).toBe(true);
    expect(exec).toHaveBeenCalledWith({ target: { tabId: 7 }, files: [PROBE_SCRIPT] });
    expect(await injectFirstStage(9)).toBe(false);
  });

  it('tells the extension pages which tab got its first stage', async () => {
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockResolvedValue([] as never);
    const told: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((m: unknown) => void told.push(m));
    await injectFirstStage(7);
    await tick(10);
    expect(told).toEqual([{ type: 'essor:first-stage', tabId: 7 }]);
  });

  it('on install or update, the open portal tabs go through the listener as they are: loaded now, loading later', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: 1, url: NOTICE, status: 'complete' },
      { id: 2, url: NOTICE, status: 'loading' },
      { id: 3, url: 'https://www.example.org/', status: 'complete' },
      { id: 4, status: 'complete' },
    ] as never);
    const inject = vi.fn(async () => true);
    const on = createTabListener(inject, 30);
    expect(await replayOpenTabs(on)).toBe(2);
    expect(inject.mock.calls).toEqual([[1]]);
    await tick(60);
    expect(inject.mock.calls).toEqual([[1], [2]]);
  });

  it('listens to tab updates', () => {
    const listener = createTabListener(async () => true);
    watchPortalTabs(listener);
    expect(fakeBrowser.tabs.onUpdated.hasListener(listener)).toBe(true);
  });
});

describe('first stage injected twice', () => {
  // The background allows timing marks in the frame (the bench and the tests do; see entrypoints/background/timing.ts).
  beforeEach(() => {
    handoff().timing = true;
  });
  afterEach(() => {
    handoff().timing = undefined;
    handoff().timingQueue = undefined;
    const h = handoff() as { probe?: { notifyInvalidated?: () => void } };
    h.probe?.notifyInvalidated?.();
    h.probe = undefined;
    performance.clearMeasures(MARK_PROBE);
  });

  it('answers a status question asked before its decision by deciding at once', async () => {
    fakeBrowser.reset();
    document.body.innerHTML = '<h1>Aide</h1><p>Comment consulter les annonces.</p>';
    firstStage.main();
    expect(performance.getEntriesByName(MARK_PROBE)).toHaveLength(0);
    // The side panel's question (fakeBrowser delivers it to the page's runtime listeners).
    const status = (await fakeBrowser.runtime.sendMessage({ type: 'essor:status' })) as { ok: boolean; pageKind: string };
    expect(status).toMatchObject({ ok: true, recognised: false, pageKind: 'other' });
    expect(performance.getEntriesByName(MARK_PROBE)).toHaveLength(1);
    await tick(100);
    expect(performance.getEntriesByName(MARK_PROBE)).toHaveLength(1);
  });

  it('decides once: the second injection does nothing', async () => {
    fakeBrowser.reset();
    document.body.innerHTML = '<h1>Aide</h1><p>Comment consulter les annonces.</p>';
    expect(document.readyState).toBe('complete');
    firstStage.main();
    firstStage.main();
    await tick(100);
    expect(performance.getEntriesByName(MARK_PROBE)).toHaveLength(1);
    expect(handoff().probe?.isInvalid).toBe(false);
  });
});
