import { mountShadow } from '@/components/mount';

export default defineContentScript({
  matches: ['*://www.boamp.fr/*', '*://www.marches-publics.gouv.fr/*', '*://ted.europa.eu/*'],
  main() {
    const host = document.createElement('essor-overlay');
    document.documentElement.append(host);
    const m = mountShadow(host, { css: '.essor-root{font:14px sans-serif}' });
    m.render(<p class="essor-badge">Essor</p>);
  },
});
