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
  /** The reader chose a role (the role switch): sets it, then tells `onRole` (persisting, asking again). */
  setRole(role: Role): void;
}

export function createPanelModel(init: { role?: Role; lang?: Lang; onRole?: (role: Role) => void } = {}): PanelModel {
  const openFiches = signal<readonly string[]>([]);
  const role = signal<Role>(init.role ?? 'acheteur');
  return {
    role,
    lang: signal<Lang>(init.lang ?? 'fr'),
    openFiches,
    status: signal(''),
    toggleFiche(id) {
      const cur = openFiches.value;
      openFiches.value = cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id];
    },
    setRole(r) {
      if (role.value === r) return;
      role.value = r;
      init.onRole?.(r);
    },
  };
}
