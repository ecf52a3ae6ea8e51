import { signal } from '@preact/signals';
import type { Kb } from '../../core/kb/index';
import type { AdviseResponse } from './messages';
import { AdvicePanel } from '../advice-panel';
import { t, type Lang } from '../i18n';
import type { PanelModel } from '../panel-model';
import { PageStatusView } from './popup-app';
import { Tabs } from './popup-tabs';
import { SearchPanel } from '../search-panel';
import type { SidepanelModel } from './sidepanel-model';
import { DRAFT_ACCEPT } from '../draft-text';
import type { WatchModel } from './watch-model';
import { WatchList } from './watch-list';

export interface SidepanelActions {
  refresh(): void;
  analyse(): void;
  openInPage(): void;
  showEvidence(evidence: string): boolean;
  copy(res: AdviseResponse, panel: PanelModel): void;
  openOptions?(): void;
}

/**
 * The docked panel: the same advice as the in-page panel, the search, free-text analysis and, for an ESS structure,
 * the watch's list (the popup's own component and model).
 */
export function SidepanelApp({ model, kb, actions, watch }: { model: SidepanelModel; kb: Kb; actions: SidepanelActions; watch?: WatchModel }) {
  const tab = model.tab.value;
  const lang = model.panel.lang.value;
  return (
    <div class="essor-root essor-auto-dark essor-page essor-docked" lang={lang}>
      <header>
        <h1>{t(lang, 'appName')}</h1>
      </header>
      <main>
        <Tabs
          idPrefix="essor-side"
          label={t(lang, 'appName')}
          selected={model.tab}
          tabs={[
            { id: 'page', label: t(lang, 'tabStatus') },
            { id: 'search', label: t(lang, 'tabSearch') },
            { id: 'text', label: t(lang, 'textTitle') },
            ...(watch ? [{ id: 'watch' as const, label: watch.unseen.value ? `${t(lang, 'tabWatch')} (${watch.unseen.value})` : t(lang, 'tabWatch') }] : []),
          ]}
        >
          {tab === 'watch' && watch ? (
            <WatchList model={watch} lang={lang} openOptions={actions.openOptions} />
          ) : tab === 'page' ? <PageView model={model} kb={kb} lang={lang} actions={actions} /> : tab === 'search' ? <SearchPanel model={model.search} kb={kb} lang={lang} idPrefix="essor-side-s" /> : <TextView model={model} kb={kb} lang={lang} actions={actions} />}
        </Tabs>
      </main>
    </div>
  );
}

function Advice({ res, panel, kb, lang, actions, idPrefix, inPage, copyFallback, draft }: { res: AdviseResponse | null; panel: PanelModel; kb: Kb; lang: Lang; actions: SidepanelActions; idPrefix: string; inPage: boolean; copyFallback: string | null; draft?: boolean }) {
  if (!res) return null;
  if (!res.ok) return <p role="alert">{t(lang, 'adviceError')}</p>;
  return (
    <>
      <AdvicePanel
        reading={res.reading}
        advice={res.advice}
        {...(res.fit ? { fit: res.fit } : {})}
        model={panel}
        ficheById={kb.fiche}
        territoryLabel={() => res.territoryLabel}
        {...(inPage ? { onShowEvidence: actions.showEvidence } : {})}
        onCopy={() => actions.copy(res, panel)}
        roleSwitch
        draft={draft}
        idPrefix={idPrefix}
      />
      {copyFallback !== null && (
        <div class="essor-section">
          <label for={`${idPrefix}-summary`}>{t(lang, 'summaryTextLabel')}</label>
          <textarea id={`${idPrefix}-summary`} readOnly value={copyFallback} />
        </div>
      )}
    </>
  );
}

function PageView({ model, kb, lang, actions }: { model: SidepanelModel; kb: Kb; lang: Lang; actions: SidepanelActions }) {
  const p = model.page.page.value;
  const recognised = p.kind === 'status' && p.status.recognised;
  return (
    <>
      <p class="essor-row">
        <button type="button" onClick={actions.refresh} disabled={model.page.busy.value}>
          {t(lang, 'refresh')}
        </button>
      </p>
      <PageStatusView page={p} busy={model.page.busy.value} lang={lang} actions={{ analyse: actions.analyse, openInPage: actions.openInPage }} compact={false} />
      {recognised && <Advice res={model.pageAdvice.value} panel={model.panel} kb={kb} lang={lang} actions={actions} idPrefix="essor-side-p" inPage copyFallback={model.copyFallback.value} />}
    </>
  );
}

// Whether a file is dragged over the drop zone (view state only).
const over = signal(false);

function TextView({ model, kb, lang, actions }: { model: SidepanelModel; kb: Kb; lang: Lang; actions: SidepanelActions }) {
  const onSubmit = (e: Event) => {
    e.preventDefault();
    void model.analyseText();
  };
  const draft = model.draft.value;
  const res = model.textResult.value;
  const take = (files: FileList | null | undefined) => {
    const f = files?.[0];
    if (f) void model.checkDraft(f);
  };
  return (
    <>
      <section
        class={`essor-drop${over.value ? ' essor-over' : ''}`}
        aria-labelledby="essor-side-draft"
        onDragOver={(e) => {
          e.preventDefault();
          over.value = true;
        }}
        onDragLeave={() => (over.value = false)}
        onDrop={(e) => {
          e.preventDefault();
          over.value = false;
          take(e.dataTransfer?.files);
        }}
      >
        <h2 id="essor-side-draft">{t(lang, 'draftTitle')}</h2>
        <p class="essor-muted">{t(lang, 'draftIntro')}</p>
        <label for="essor-side-file">{t(lang, 'draftPick')}</label>
        <input
          id="essor-side-file"
          type="file"
          accept={DRAFT_ACCEPT}
          disabled={model.draftBusy.value}
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            take(input.files);
            input.value = '';
          }}
        />{' '}
        <span class="essor-muted">{t(lang, 'draftDrop')}</span>
        <p role="status" aria-live="polite" class={draft?.error ? 'essor-warn' : 'essor-status'}>
          {draft?.status ?? ''}
        </p>
      </section>
      <form onSubmit={onSubmit}>
        <label for="essor-side-text">{t(lang, 'textLabel')}</label>
        <textarea
          id="essor-side-text"
          value={model.text.value}
          onInput={(e) => {
            model.text.value = (e.currentTarget as HTMLTextAreaElement).value;
            model.draft.value = null;
          }}
          aria-describedby="essor-side-text-err"
        />
        <label for="essor-side-cpv">{t(lang, 'textCpv')}</label>
        <input id="essor-side-cpv" type="text" value={model.cpv.value} onInput={(e) => (model.cpv.value = (e.currentTarget as HTMLInputElement).value)} />
        <p>
          <button type="submit" class="essor-primary" disabled={model.textBusy.value}>
            {t(lang, model.textBusy.value ? 'analysing' : 'textSubmit')}
          </button>
        </p>
        <p id="essor-side-text-err" role="status" aria-live="polite">
          {model.textError.value}
        </p>
      </form>
      {res?.ok && !res.reading.isTender && !draft ? <p class="essor-muted">{t(lang, 'textNotTender')}</p> : null}
      <Advice res={res} panel={model.textPanel} kb={kb} lang={lang} actions={actions} idPrefix="essor-side-t" inPage={false} copyFallback={model.copyFallback.value} draft={!!draft && !draft.error} />
    </>
  );
}
