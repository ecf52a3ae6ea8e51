import { adviceHeadline, priorityActions, strengthLabel } from '../headline';
import type { Kb } from '../../core/kb/index';
import type { Lang } from '../i18n';
import { t } from '../i18n';
import type { PageState, PopupModel } from './popup-model';
import { Tabs } from './popup-tabs';
import { SearchPanel } from '../search-panel';
import type { SearchModel } from '../search-model';
import type { WatchModel } from './watch-model';
import { WatchList } from './watch-list';

export interface PopupActions {
  analyse(): void;
  openInPage(): void;
  openSidePanel(): void;
  openOptions(): void;
}

/** The toolbar popup: the current tab's status, and the search over the whole knowledge base. */
export function PopupApp({ model, search, kb, lang, actions, watch }: { model: PopupModel; search: SearchModel; kb: Kb; lang: Lang; actions: PopupActions; watch?: WatchModel }) {
  return (
    <div class="essor-root essor-auto-dark essor-page essor-popup" lang={lang}>
      <header class="essor-row">
        <h1>{t(lang, 'appName')}</h1>
        <span class="essor-muted">{t(lang, 'tagline')}</span>
      </header>
      <main>
        <Tabs
          idPrefix="essor-pop"
          label={t(lang, 'appName')}
          selected={model.tab}
          tabs={[
            { id: 'status', label: t(lang, 'tabStatus') },
            { id: 'search', label: t(lang, 'tabSearch') },
            ...(watch ? [{ id: 'watch' as const, label: watch.unseen.value ? `${t(lang, 'tabWatch')} (${watch.unseen.value})` : t(lang, 'tabWatch') }] : []),
          ]}
        >
          {model.tab.value === 'watch' && watch ? (
            <WatchList model={watch} lang={lang} openOptions={actions.openOptions} />
          ) : model.tab.value === 'status' ? (
            <PageStatusView page={model.page.value} busy={model.busy.value} lang={lang} actions={actions} />
          ) : (
            <SearchPanel model={search} kb={kb} lang={lang} idPrefix="essor-pop-s" />
          )}
        </Tabs>
      </main>
      <footer class="essor-section">
        <button type="button" class="essor-link" onClick={actions.openOptions}>
          {t(lang, 'options')}
        </button>
      </footer>
    </div>
  );
}

/** What Essor knows about the page, with the next useful action. Shared by the popup and the side panel. */
export function PageStatusView({ page, busy, lang, actions, compact = true }: { page: PageState; busy: boolean; lang: Lang; actions: Partial<PopupActions>; compact?: boolean }) {
  const analyseButton = actions.analyse ? (
    <p>
      <button type="button" class="essor-primary" onClick={actions.analyse} disabled={busy}>
        {t(lang, busy ? 'analysing' : 'analyseThisPage')}
      </button>
    </p>
  ) : null;
  let body;
  if (page.kind === 'loading') body = <p>{t(lang, 'analysing')}</p>;
  else if (page.kind === 'unavailable') body = <p>{t(lang, 'statusUnavailable')}</p>;
  else if (page.kind === 'absent')
    body = (
      <>
        <p>{t(lang, 'statusNotAnalysed')}</p>
        {analyseButton}
      </>
    );
  else {
    const s = page.status;
    if (!s.active)
      body = (
        <>
          <p>{t(lang, 'statusOff')}</p>
          {analyseButton}
        </>
      );
    else if (!s.recognised) body = <p>{t(lang, s.pageKind === 'list' ? 'statusList' : 'statusNotTender')}</p>;
    else {
      const r = s.advice?.ok ? s.advice.reading : s.reading;
      // The same headline and actions as the badge and the panel (components/headline.ts).
      const advice = s.advice?.ok ? s.advice.advice : undefined;
      const head = advice ? adviceHeadline(advice, lang) : undefined;
      const actionsShown = advice ? priorityActions(advice) : [];
      body = (
        <>
          <p>
            <strong>{t(lang, 'statusTender')}</strong>
          </p>
          {r?.tender.title ? <p>{r.tender.title}</p> : null}
          {r?.tender.buyer ? (
            <p>
              {t(lang, 'buyer')} : {r.tender.buyer}
            </p>
          ) : null}
          {compact && head && (
            <>
              <h2>
                {t(lang, 'leversTitle')} <span class="essor-tag essor-headline">{head.badge}</span>
              </h2>
              <p class="essor-muted">{head.title}</p>
              {actionsShown.length > 0 && (
                <ol>
                  {actionsShown.map((l) => (
                    <li key={l.id}>
                      {l.label} <span class="essor-tag">{strengthLabel(lang, l.strength)}</span>
                    </li>
                  ))}
                </ol>
              )}
            </>
          )}
          <p class="essor-row">
            {actions.openInPage && (
              <button type="button" onClick={actions.openInPage}>
                {t(lang, 'openInPage')}
              </button>
            )}
            {actions.openSidePanel && (
              <button type="button" onClick={actions.openSidePanel}>
                {t(lang, 'openSidePanel')}
              </button>
            )}
          </p>
        </>
      );
    }
  }
  return (
    <section aria-live="polite" aria-busy={busy || page.kind === 'loading'}>
      {body}
    </section>
  );
}
