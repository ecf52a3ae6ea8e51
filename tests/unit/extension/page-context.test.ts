// Our scripts' lifetime in a host page (happy-dom, fake browser): nothing dispatched into the page, address
// changes of a single-page site followed, everything stopped once the extension goes away.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PageContext } from '../../../components/extension/page-context';

describe('PageContext', () => {
  let ctx: PageContext;
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
  });
  afterEach(() => {
    ctx?.notifyInvalidated();
    vi.useRealTimers();
  });

  it('dispatches nothing on document or window, and follows the address of a single-page site', () => {
    const onDoc = vi.spyOn(document, 'dispatchEvent');
    const onWin = vi.spyOn(window, 'dispatchEvent');
    ctx = new PageContext();
    const seen: string[] = [];
    ctx.onLocationChange((e) => seen.push(e.newUrl.search));
    history.pushState({}, '', `${location.pathname}?page=2`);
    vi.advanceTimersByTime(1_100);
    expect(seen).toEqual(['?page=2']);
    expect(onDoc).not.toHaveBeenCalled();
    expect(onWin).not.toHaveBeenCalled();
  });

  it('once invalidated: timeouts never run, listeners are removed, cleanups run once', () => {
    ctx = new PageContext();
    const ran: string[] = [];
    ctx.setTimeout(() => ran.push('timeout'), 500);
    ctx.addEventListener(window, 'resize', () => ran.push('resize'));
    ctx.onInvalidated(() => ran.push('cleanup'));
    ctx.notifyInvalidated();
    ctx.notifyInvalidated();
    vi.advanceTimersByTime(1_000);
    window.dispatchEvent(new Event('resize'));
    expect(ran).toEqual(['cleanup']);
    expect(ctx.isInvalid).toBe(true);
  });

  it('the extension gone (no runtime id): invalid at the next look', () => {
    ctx = new PageContext();
    const gone = vi.fn();
    ctx.onInvalidated(gone);
    const runtime = (globalThis as unknown as { browser?: { runtime?: { id?: string } } }).browser?.runtime;
    const id = Object.getOwnPropertyDescriptor(runtime ?? {}, 'id');
    Object.defineProperty(runtime!, 'id', { value: undefined, configurable: true });
    try {
      vi.advanceTimersByTime(1_100);
      expect(gone).toHaveBeenCalledTimes(1);
      expect(ctx.isValid).toBe(false);
    } finally {
      if (id) Object.defineProperty(runtime!, 'id', id);
      else delete (runtime as { id?: string }).id;
    }
  });
});
