// Entry of essor-widget.js, the script a town's webmaster pastes:
//   <script src=".../essor-widget.js" defer></script>
//   <essor-widget territoire="69123" mode="citoyen"></essor-widget>   or   <div data-essor data-territoire="69123"></div>
// It runs once per page however many times it is included, mounts every widget it finds, and exposes
// window.Essor = { mount, unmount, version } for pages built dynamically.
import { version } from '../package.json';
import baseCss from '../components/styles.css?inline';
import { CONFIG_OPTIONS } from '../core/widget/config';
import { createEmbed, mark, type Embed, type MountOptions, type WidgetHandle } from './embed';
import { createLoader } from './loader';
import widgetCss from './widget.css?inline';

/** The global a host page may call. */
export interface EssorApi {
  version: string;
  mount(element: Element, options?: MountOptions): WidgetHandle | undefined;
  unmount(element: Element): boolean;
}

// Read while this script is still the one executing; later it is null.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
const GUARD = Symbol.for('essor.widget');

function defineElement(embed: Embed) {
  try {
    const registry = window.customElements;
    if (!registry || registry.get('essor-widget')) return;
    class EssorWidgetElement extends HTMLElement {
      static get observedAttributes() {
        return [...CONFIG_OPTIONS];
      }
      connectedCallback() {
        if (!embed.isMounted(this)) embed.mount(this);
      }
      disconnectedCallback() {
        embed.unmount(this);
      }
      attributeChangedCallback(_name: string, before: string | null, after: string | null) {
        if (before !== after && embed.isMounted(this)) embed.refresh(this);
      }
    }
    registry.define('essor-widget', EssorWidgetElement);
  } catch {
    // A host that replaced customElements.define: the scan in boot() mounts <essor-widget> elements anyway.
  }
}

function boot() {
  mark('essor:script-start');
  const src = script?.src || document.querySelector<HTMLScriptElement>('script[src*="essor-widget"]')?.src || document.baseURI;
  const embed = createEmbed({
    loader: createLoader(new URL('.', src).href, script?.nonce || undefined),
    css: `${baseCss}\n${widgetCss}`,
    scriptNonce: script?.nonce || undefined,
  });
  const api: EssorApi = {
    version,
    mount: (element, options) => embed.mount(element, options ?? undefined),
    unmount: (element) => embed.unmount(element),
  };
  const w = window as unknown as { Essor?: unknown };
  if (w.Essor === undefined) w.Essor = api;
  else console.warn('[essor] window.Essor is already used by this page: Essor.mount() is not available');
  defineElement(embed);
  const scan = () => void embed.mountAll();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan, { once: true });
  else scan();
}

try {
  const w = window as unknown as Record<symbol, unknown>;
  // Included twice: the second copy does nothing, so no widget is mounted twice and no element is
  // registered twice.
  if (!w[GUARD]) {
    w[GUARD] = true;
    boot();
  }
} catch (e) {
  try {
    console.warn('[essor]', e);
  } catch {
    // nothing left to tell
  }
}
