import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageContext } from '../../../components/extension/page-context';
import fs from 'node:fs';
import path from 'node:path';
import type { TabStatus } from '../../../components/extension/messages';
import { SETTINGS_KEY } from '../../../components/extension/settings-model';
import { wireBackground } from './fake-background';
import { HOST_TAG, startOverlay } from '../../../entrypoints/overlay/runtime';
import { handoff } from '../../../entrypoints/overlay/handoff';


const pagesDir = path.resolve(__dirname, '../../fixtures/real/pages');
const NOTICE_URL = 'https://www.boamp.fr/avis/detail/20-96685';

function loadSaved(file: string, url: string) {
  const buf = fs.readFileSync(path.join(pagesDir, file));
  const raw = buf[0] === 0xff ? buf.toString('utf16le').replace(/^\uFEFF/, '') : buf.toString('utf8');
  // The saved pages' own scripts (a translation widget) would only make happy-dom try the network.
  const html = raw.replace(/<script\b[\s\S]*?<\/script>/gi, '');
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(url);
  document.open();
  document.write(html);
  document.close();
}

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('overlay content script (happy-dom, fake browser)', () => {
  let ctx: PageContext;
  let requests: string[];

  beforeEach(() => {
    // The background, counting what the overlay asks; the status request is the popup's, not answered here.
    requests = wireBackground({ count: (type) => type.startsWith('essor:') && type !== 'essor:status', answer: (type) => type !== 'essor:status' });
  });

  afterEach(() => {
    ctx?.notifyInvalidated();
    handoff().overlay = undefined;
    handoff().forced = undefined;
    document.querySelectorAll(HOST_TAG).forEach((e) => e.remove());
  });

  const status = () => fakeBrowser.runtime.sendMessage({ type: 'essor:status' }) as Promise<TabStatus>;
  const shadow = () => document.querySelector(HOST_TAG)?.shadowRoot ?? null;
  const until = async (cond: () => boolean) => {
    for (let i = 0; i < 200 && !cond(); i++) await tick(10);
    expect(cond()).toBe(true);
  };

  it('recognises a real notice, answers the status with the advice, and mounts one host', async () => {
    loadSaved('boamp_20-96685.html', NOTICE_URL);
    ctx = new PageContext();
    startOverlay(ctx);
    const s = await status();
    expect(s).toMatchObject({ ok: true, url: NOTICE_URL, active: true, recognised: true, pageKind: 'notice', portal: 'boamp' });
    expect(s.advice?.ok).toBe(true);
    await until(() => !!shadow()?.querySelector('.essor-badge'));
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    // The badge names the advice's headline, the same sentence as the toolbar's title.
    await until(() => /^Ouvrir le panneau Essor : \S/.test(shadow()!.querySelector('.essor-badge')!.getAttribute('aria-label') ?? ''));
  });

  it('asks the background once per role change (no request loop)', async () => {
    loadSaved('boamp_20-96685.html', NOTICE_URL);
    ctx = new PageContext();
    startOverlay(ctx);
    await status();
    await until(() => !!shadow()?.querySelector('.essor-badge'));
    (shadow()!.querySelector('.essor-badge') as HTMLButtonElement).click();
    await until(() => !!shadow()?.querySelector('[role="dialog"]'));
    const before = requests.filter((r) => r === 'essor:advise').length;
    expect(before).toBe(1);
    const structure = Array.from(shadow()!.querySelectorAll('button')).find((b) => b.textContent === 'Structure de l’ESS') as HTMLButtonElement;
    structure.click();
    for (let i = 0; i < 200; i++) {
      const s = await status();
      if (s.advice?.ok && s.advice.advice.role === 'structure') break;
      await tick(10);
    }
    const now = await status();
    expect(now.advice?.ok && now.advice.advice.role).toBe('structure');
    await tick(100);
    expect(requests.filter((r) => r === 'essor:advise').length).toBe(before + 1);
    // The choice is saved for the next pages (the write is asynchronous: wait for it, then check it).
    const saved = async () => ((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as { role?: string } | undefined)?.role;
    for (let i = 0; i < 200 && (await saved()) !== 'structure'; i++) await tick(10);
    expect(await saved()).toBe('structure');
  });

  it('stays silent on a portal switched off in the options, until the user asks', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { v: 1, disabledPortals: ['boamp'] } });
    loadSaved('boamp_20-96685.html', NOTICE_URL);
    ctx = new PageContext();
    startOverlay(ctx);
    expect(await status()).toMatchObject({ active: false, recognised: false });
    expect(document.querySelector(HOST_TAG)).toBeNull();
    expect(requests).toEqual([]);
    // "Analyser cette page" from the popup reads it anyway.
    const asked = (await fakeBrowser.runtime.sendMessage({ type: 'essor:status', analyse: true })) as TabStatus;
    expect(asked).toMatchObject({ active: true, recognised: true });
  });

  it('repairs corrupt stored settings on the way', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: 'not json at all' });
    loadSaved('boamp_20-96685.html', NOTICE_URL);
    ctx = new PageContext();
    startOverlay(ctx);
    expect(await status()).toMatchObject({ recognised: true });
    const stored = (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
    expect(stored).toMatchObject({ v: 1, role: 'acheteur', lang: 'fr' });
  });
});
