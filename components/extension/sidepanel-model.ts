import { signal, type Signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { ExtensionRole } from '../../core/settings';
import type { AdviseResponse, PendingRequest } from './messages';
import { t, type Lang } from '../i18n';
import { createPanelModel, type PanelModel } from '../panel-model';
import { createPopupModel, type PopupModel } from './popup-model';
import type { SearchModel } from '../search-model';
import { draftErrorText, draftReadText } from '../draft-text';
import type { DraftResult } from '../../core/draft/index';

export type SideTab = 'page' | 'search' | 'text' | 'watch';

/** A request older than this is not replayed when the side panel opens. */
const PENDING_TTL_MS = 5 * 60_000;

/** State of the side panel: the current tab's advice, the search, and free-text analysis. */
export interface SidepanelModel {
  tab: Signal<SideTab>;
  page: PopupModel;
  /** The advice shown for the page (the content script's, then re-asked when the role changes). */
  pageAdvice: Signal<AdviseResponse | null>;
  panel: PanelModel;
  text: Signal<string>;
  cpv: Signal<string>;
  textBusy: Signal<boolean>;
  textError: Signal<string>;
  textResult: Signal<AdviseResponse | null>;
  textPanel: PanelModel;
  copyFallback: Signal<string | null>;
  /** The draft read for the text tab: its name and what was read, or why it could not be. */
  draft: Signal<{ name: string; status: string; error: boolean } | null>;
  draftBusy: Signal<boolean>;
  search: SearchModel;
  refreshPage(inject?: boolean): Promise<void>;
  analyseText(): Promise<void>;
  /** Reads a dropped or picked draft locally, puts its text in the text tab and analyses it. */
  checkDraft(file: File): Promise<void>;
  /** Takes a context-menu request meant for this page (`requestId` when opened in a tab for it). */
  applyPending(p: unknown, requestId?: string | null): boolean;
  /** The role changed elsewhere (settings): both views take it and ask again, nothing is saved back. */
  setRole(role: ExtensionRole): void;
}

function isPending(p: unknown): p is PendingRequest {
  const x = p as PendingRequest;
  return !!x && (x.kind === 'search' || x.kind === 'analyse') && typeof x.text === 'string' && typeof x.at === 'number' && typeof x.id === 'string';
}

export function createSidepanelModel(init: {
  search: SearchModel;
  role: ExtensionRole;
  lang: Lang;
  onRole?: (r: ExtensionRole) => void;
  /** Reads a draft file (injected by tests); by default the lazily loaded reader of ./draft-reader. */
  readDraft?: (file: File) => Promise<DraftResult>;
}): SidepanelModel {
  const page = createPopupModel();
  // One role for the whole panel: choosing it in either view sets both, saves it and asks again.
  const useRole = (role: ExtensionRole, save: boolean) => {
    panel.role.value = role;
    textPanel.role.value = role;
    if (save) init.onRole?.(role);
    void askPageAdvice();
    if (textResult.value) void analyseText();
  };
  const panel = createPanelModel({ role: init.role, lang: init.lang, onRole: (r) => useRole(r as ExtensionRole, true) });
  const textPanel = createPanelModel({ role: init.role, lang: init.lang, onRole: (r) => useRole(r as ExtensionRole, true) });
  const pageAdvice = signal<AdviseResponse | null>(null);
  const text = signal('');
  const cpv = signal('');
  const textBusy = signal(false);
  const textError = signal('');
  const textResult = signal<AdviseResponse | null>(null);
  const draft = signal<{ name: string; status: string; error: boolean } | null>(null);
  const draftBusy = signal(false);
  let seq = 0;

  const askPageAdvice = async () => {
    const p = page.page.value;
    if (p.kind !== 'status' || !p.status.recognised || !p.status.reading) return;
    const mine = ++seq;
    const res = (await browser.runtime.sendMessage({ type: 'essor:advise', reading: p.status.reading, role: panel.role.value, lang: panel.lang.value }).catch(() => null)) as AdviseResponse | null;
    if (mine !== seq) return;
    pageAdvice.value = res ?? { ok: false, error: 'no answer' };
    panel.status.value = t(panel.lang.value, 'adviceUpdated');
  };

  const analyseText = async () => {
    const body = text.value.trim();
    if (body.split(/\s+/).length < 3) {
      textError.value = t(textPanel.lang.value, 'textEmpty');
      return;
    }
    textError.value = '';
    textBusy.value = true;
    try {
      const res = (await browser.runtime.sendMessage({ type: 'essor:advise-text', text: body, cpv: cpv.value, role: textPanel.role.value, lang: textPanel.lang.value }).catch(() => null)) as AdviseResponse | null;
      textResult.value = res ?? { ok: false, error: 'no answer' };
      textPanel.openFiches.value = [];
    } finally {
      textBusy.value = false;
    }
  };

  const checkDraft = async (file: File) => {
    const lang = textPanel.lang.value;
    draftBusy.value = true;
    draft.value = { name: file.name, status: t(lang, 'draftReading', { name: file.name }), error: false };
    try {
      const read = init.readDraft ?? (async (f: File) => (await import('./draft-reader')).readDraftFile(f));
      const r = await read(file).catch((): DraftResult => ({ ok: false, code: 'corrupt', message: 'reader failed to load' }));
      if (!r.ok) {
        draft.value = { name: file.name, status: draftErrorText(lang, r.code, file.name), error: true };
        return;
      }
      draft.value = { name: file.name, status: draftReadText(lang, file.name, r.text.length, r.pages), error: false };
      text.value = r.text;
      await analyseText();
    } finally {
      draftBusy.value = false;
    }
  };

  return {
    tab: signal<SideTab>('page'),
    page,
    pageAdvice,
    panel,
    text,
    cpv,
    textBusy,
    textError,
    textResult,
    textPanel,
    copyFallback: signal<string | null>(null),
    draft,
    draftBusy,
    search: init.search,
    async refreshPage(inject = false) {
      await page.refresh(inject);
      const p = page.page.value;
      pageAdvice.value = p.kind === 'status' && p.status.advice ? p.status.advice : null;
      if (p.kind === 'status' && p.status.recognised && (!p.status.advice || (p.status.advice.ok && p.status.advice.advice.role !== panel.role.value))) await askPageAdvice();
    },
    analyseText,
    checkDraft,
    applyPending(p, requestId) {
      if (!isPending(p) || Date.now() - p.at > PENDING_TTL_MS) return false;
      if (requestId ? p.id !== requestId : p.to !== 'panel') return false;
      if (p.kind === 'search') {
        init.search.opened.value = null;
        init.search.query.value = p.text.slice(0, 200);
        this.tab.value = 'search';
      } else {
        text.value = p.text;
        this.tab.value = 'text';
        void analyseText();
      }
      return true;
    },
    setRole(role) {
      if (role !== panel.role.value || role !== textPanel.role.value) useRole(role, false);
    },
  };
}
