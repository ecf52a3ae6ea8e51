import { mountShadow } from '../components/mount';

function mountAll() {
  document.querySelectorAll<HTMLElement>('essor-widget, [data-essor]').forEach((el) => {
    if (el.shadowRoot) return;
    const m = mountShadow(el, { css: '.essor-root{font:inherit}' });
    m.render(<p>Essor</p>);
  });
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
else mountAll();
