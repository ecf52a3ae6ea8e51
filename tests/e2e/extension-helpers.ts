// Helpers of the extension specs: the service worker, tab ids, the toolbar button, and expected values
// read from the saved pages themselves (never from Essor's own reading).
import type { BrowserContext, CDPSession, Page, Worker } from '@playwright/test';
import { expertsExpectLevers, pageBuyer } from './page-facts';

declare const chrome: {
  tabs: { query(q: object): Promise<{ id?: number }[]>; sendMessage(id: number, m: unknown): Promise<unknown> };
};

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  let [sw] = context.serviceWorkers();
  if (!sw) sw = await context.waitForEvent('serviceworker');
  return sw;
}

/**
 * The overlay's status in the tab showing `url`, asked from the service worker the way the popup asks it.
 * Undefined while no overlay script answers there. The extension has no `tabs` permission, so the tab is
 * found by asking every tab's script for its URL.
 */
export async function overlayStatus(sw: Worker, url: string): Promise<Record<string, unknown> | undefined> {
  return sw.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    for (const t of tabs) {
      if (t.id === undefined) continue;
      try {
        const s = (await chrome.tabs.sendMessage(t.id, { type: 'essor:status' })) as { url?: string } | undefined;
        if (s && s.url === target) return s as Record<string, unknown>;
      } catch {
        /* no script in that tab */
      }
    }
    return undefined;
  }, url);
}

/** Id of the tab whose overlay reports `url`. */
export async function tabIdOf(sw: Worker, url: string): Promise<number | undefined> {
  return sw.evaluate(async (target) => {
    const tabs = await chrome.tabs.query({});
    for (const t of tabs) {
      if (t.id === undefined) continue;
      try {
        const s = (await chrome.tabs.sendMessage(t.id, { type: 'essor:status' })) as { url?: string } | undefined;
        if (s && s.url === target) return t.id;
      } catch {
        /* no script */
      }
    }
    return undefined;
  }, url);
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/**
 * Clicks the toolbar button for `page`'s tab, as a user would: the browser grants activeTab on that tab
 * and opens the real popup. Chromium exposes this through the DevTools protocol (Extensions.triggerAction).
 * Returns a handle to evaluate script in the popup it opened.
 */
export async function clickToolbarButton(context: BrowserContext, extensionId: string, page: Page) {
  const browser = context.browser();
  if (!browser) throw new Error('no browser handle');
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const pageUrl = page.url();
  const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{}] })) as { targetInfos: TargetInfo[] };
  const tab = targetInfos.find((t) => t.type === 'tab' && t.url === pageUrl);
  if (!tab) throw new Error(`no tab target for ${pageUrl}`);
  await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
  let popup: TargetInfo | undefined;
  for (let i = 0; i < 50 && !popup; i++) {
    const { targetInfos: now } = (await cdp.send('Target.getTargets', { filter: [{}] })) as { targetInfos: TargetInfo[] };
    popup = now.find((t) => t.type === 'page' && t.url.startsWith(`chrome-extension://${extensionId}/popup.html`));
    if (!popup) await new Promise((r) => setTimeout(r, 100));
  }
  if (!popup) throw new Error('the popup did not open');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: popup.targetId, flatten: false })) as { sessionId: string };
  let next = 1;
  const pending = new Map<number, (v: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const m = JSON.parse(e.message) as { id?: number; result?: { result?: { value?: unknown } } };
    if (m.id !== undefined) pending.get(m.id)?.(m.result?.result?.value);
  });
  /** Evaluates an expression in the popup (awaiting promises) and returns its JSON value. */
  const evaluate = (expression: string): Promise<unknown> =>
    new Promise((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true, userGesture: true } }),
      });
    });
  return { evaluate, close: () => cdp.detach() };
}

/**
 * The buyer as the saved page itself shows it, read with the portal's own labels (independently of
 * Essor's reader): see pageBuyer in page-facts.ts, shared with the Firefox scenarios.
 */
export async function expectedBuyer(page: Page): Promise<string> {
  return page.evaluate(pageBuyer);
}

export { expertsExpectLevers };

/** The service worker's clock set to a day (the day of the records a test serves: their calls are open then); nothing else changes. */
export async function setWorkerDay(sw: Worker, iso: string) {
  await sw.evaluate((target) => {
    const g = globalThis as unknown as { Date: DateConstructor; __essorRealDate?: DateConstructor };
    const Real = g.__essorRealDate ?? g.Date;
    g.__essorRealDate = Real;
    const offset = Real.parse(target) - Real.now();
    class Shifted extends Real {
      constructor(...args: unknown[]) {
        if (args.length) super(...(args as [number]));
        else super(Real.now() + offset);
      }
      static now() {
        return Real.now() + offset;
      }
    }
    g.Date = Shifted as unknown as DateConstructor;
  }, iso);
}
