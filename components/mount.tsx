import { render, type ComponentChild } from 'preact';

/** Options of {@link mountShadow}. */
export interface MountOptions {
  /** CSS text of the UI, applied inside the shadow root only. */
  css: string;
  /** Nonce for the `<style>` fallback when constructable stylesheets are unavailable. */
  nonce?: string;
  /** BCP 47 language of the UI, set on the wrapper so screen readers switch voice. */
  lang?: string;
}

/** What {@link mountShadow} returns: the render target and a way to take everything down. */
export interface Mounted {
  shadow: ShadowRoot;
  container: HTMLElement;
  render(node: ComponentChild): void;
  unmount(): void;
}

/**
 * Mounts a Preact tree in an open shadow root on `host`, shared by the extension overlay and the widget.
 * Styles go through `adoptedStyleSheets` so a strict `style-src` CSP on the host page does not block them;
 * a `<style nonce>` is the fallback for engines without constructable stylesheets.
 */
export function mountShadow(host: HTMLElement, options: MountOptions): Mounted {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const doc = host.ownerDocument;
  const win = doc.defaultView;
  let adopted = false;
  try {
    if (win && 'adoptedStyleSheets' in shadow && typeof win.CSSStyleSheet === 'function') {
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(options.css);
      shadow.adoptedStyleSheets = [sheet];
      adopted = true;
    }
  } catch {
    adopted = false;
  }
  if (!adopted) {
    const style = doc.createElement('style');
    if (options.nonce) style.setAttribute('nonce', options.nonce);
    style.textContent = options.css;
    shadow.append(style);
  }
  const container = doc.createElement('div');
  container.className = 'essor-root';
  if (options.lang) container.lang = options.lang;
  shadow.append(container);
  return {
    shadow,
    container,
    render(node) {
      render(node, container);
    },
    unmount() {
      render(null, container);
      container.remove();
    },
  };
}
