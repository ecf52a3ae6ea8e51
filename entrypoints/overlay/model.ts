import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { Fiche } from '../../core/kb/types';
import type { Lang } from '../../core/lang';
import type { Reading } from '../../core/read/types';
import type { ExtensionRole, OverlaySide } from '../../core/settings';
import type { AdviseResponse } from '../../components/extension/messages';
import { createPanelModel, type PanelModel } from '../../components/panel-model';

/** State of the in-page overlay (badge and panel) on one tab. */
export interface OverlayModel {
  /** The recognised notice as read in the page; null hides the overlay. */
  reading: Signal<Reading | null>;
  /** The background's answer for that reading (null while it is on its way). */
  response: Signal<AdviseResponse | null>;
  open: Signal<boolean>;
  collapsed: Signal<boolean>;
  side: Signal<OverlaySide>;
  /** The summary text when the clipboard refused it, shown for manual copy. */
  copyFallback: Signal<string | null>;
  panel: PanelModel;
  /** Fiche lookup over the records the background sent. */
  ficheById: ReadonlySignal<(id: string) => Fiche | undefined>;
}

/**
 * The overlay's state. `onRole` is the effect of the reader's role choice (`panel.setRole`): the runtime
 * persists it and asks for advice again; loading the stored role sets the signal without it.
 */
export function createOverlayModel(init: { role?: ExtensionRole; lang?: Lang; side?: OverlaySide; collapsed?: boolean; onRole?: (role: ExtensionRole) => void } = {}): OverlayModel {
  const response = signal<AdviseResponse | null>(null);
  const ficheById = computed(() => {
    const r = response.value;
    const map = new Map<string, Fiche>(r?.ok ? r.fiches.map((f) => [f.id, f]) : []);
    return (id: string) => map.get(id);
  });
  return {
    reading: signal<Reading | null>(null),
    response,
    open: signal(false),
    collapsed: signal(init.collapsed ?? false),
    side: signal<OverlaySide>(init.side ?? 'right'),
    copyFallback: signal<string | null>(null),
    panel: createPanelModel({ role: init.role ?? 'acheteur', lang: init.lang ?? 'fr', ...(init.onRole ? { onRole: (r) => init.onRole?.(r as ExtensionRole) } : {}) }),
    ficheById,
  };
}
