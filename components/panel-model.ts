import { signal, type Signal } from '@preact/signals';
import type { Role } from '../core/kb/vocabulary';
import type { Lang } from './i18n';

/** UI state of one advice panel, kept outside the components (signals, not component state). */
export interface PanelModel {
  role: Signal<Role>;
  lang: Signal<Lang>;
  openFiches: Signal<readonly string[]>;
  /** Announced to screen readers through the live region. */
  status: Signal<string>;
  toggleFiche(id: string): void;
}

export function createPanelModel(init: { role?: Role; lang?: Lang } = {}): PanelModel {
  const openFiches = signal<readonly string[]>([]);
  return {
    role: signal<Role>(init.role ?? 'acheteur'),
    lang: signal<Lang>(init.lang ?? 'fr'),
    openFiches,
    status: signal(''),
    toggleFiche(id) {
      const cur = openFiches.value;
      openFiches.value = cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id];
    },
  };
}
