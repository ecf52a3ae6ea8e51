// The lifetime of a script of ours inside a host page. WXT's ContentScriptContext announces each script's start
// with a CustomEvent on `document` and the page's address changes with events on `window`, both named after the
// extension's id: any page listening for those names would know Essor is there. This context keeps everything to
// itself — nothing is dispatched into the page.
import { browser } from 'wxt/browser';

/** Called with the new and old address when a single-page site changes its URL. */
export type LocationChange = { newUrl: URL; oldUrl: URL };

// How often the page's address and the extension's presence are checked (WXT's own watcher polls every second).
const CHECK_MS = 1000;

/** A script's lifetime in a host page: invalidated when the extension is reloaded, updated or removed. */
export class PageContext {
  private readonly controller = new AbortController();
  private readonly onLocation = new Set<(e: LocationChange) => void>();
  private href = location.href;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor() {
    this.timer = setInterval(() => this.check(), CHECK_MS);
    this.controller.signal.addEventListener('abort', () => clearInterval(this.timer));
  }

  /** Aborted when the script must stop. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The extension is gone (reloaded, updated, removed): stop, touch nothing of the page. */
  get isInvalid(): boolean {
    if (!this.controller.signal.aborted && browser.runtime?.id == null) this.notifyInvalidated();
    return this.controller.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  /** Runs `cb` once the context is invalidated; returns a function that removes it. */
  onInvalidated(cb: () => void): () => void {
    this.controller.signal.addEventListener('abort', cb, { once: true });
    return () => this.controller.signal.removeEventListener('abort', cb);
  }

  /** Invalidates the context (the extension went away, or a test says so). */
  notifyInvalidated(): void {
    if (!this.controller.signal.aborted) this.controller.abort();
  }

  /** A timeout cleared when the context is invalidated, and never run after it. */
  setTimeout(handler: () => void, ms?: number): number {
    const id = window.setTimeout(() => {
      if (this.isValid) handler();
    }, ms);
    this.onInvalidated(() => window.clearTimeout(id));
    return id;
  }

  /** A listener removed when the context is invalidated. */
  addEventListener(target: EventTarget, type: string, handler: (e: never) => void, options?: AddEventListenerOptions): void {
    target.addEventListener(type, handler as EventListener, { ...options, signal: this.controller.signal });
  }

  /** Runs `cb` when a single-page site changes its address (polled, nothing dispatched into the page). */
  onLocationChange(cb: (e: LocationChange) => void): void {
    this.onLocation.add(cb);
  }

  private check(): void {
    if (this.isInvalid || !this.onLocation.size) return;
    const href = location.href;
    if (href === this.href) return;
    const change = { newUrl: new URL(href), oldUrl: new URL(this.href) };
    this.href = href;
    for (const cb of this.onLocation) cb(change);
  }
}
