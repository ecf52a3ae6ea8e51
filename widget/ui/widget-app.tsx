import { Component, type ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Actor, Fiche } from '../../core/kb/types';
import type { Nearness } from '../../core/widget/local';
import { AdvicePanel } from '../../components/advice-panel';
import { DRAFT_ACCEPT, draftErrorText, draftReadText } from '../../components/draft-text';
import { ficheRef } from '../../components/fiche-view';
import { pick } from '../../core/lang';
import { plural, t, type Lang, type MessageKey } from '../../components/i18n';
import { SearchPanel } from '../../components/search-panel';
import type { SearchModel } from '../../components/search-model';
import { summaryText } from '../../components/summary';
import type { WidgetModel, WidgetProfile, WidgetReady, WidgetTab } from './widget-model';
import type { StructureKind } from '../../core/profile/index';
import { StructureKindOptions } from '../../components/structure-kind-options';
import { fold } from '../../core/text';

const TAB_KEY: Record<WidgetTab, MessageKey> = {
  search: 'widgetSearch',
  themes: 'widgetBrowse',
  actors: 'widgetActors',
  check: 'widgetCheck',
};
const WHERE_KEY: Record<Nearness, MessageKey> = {
  commune: 'widgetWhereCommune',
  departement: 'widgetWhereDepartement',
  region: 'widgetWhereRegion',
};
const MARCHE_URL = 'https://lemarche.inclusion.gouv.fr/prestataires/';

/** Link to a fiche that works on the host page: the widget opens `#essor-fiche=<id>` on load and on hashchange. */
export function ficheHash(id: string): string {
  return `#essor-fiche=${encodeURIComponent(id)}`;
}

/** Reads a fiche id from a `#essor-fiche=<id>` hash; undefined for any other hash. */
export function ficheFromHash(hash: string): string | undefined {
  const m = /^#essor-fiche=([a-z0-9-]{1,80})$/i.exec(hash ?? '');
  return m ? decodeURIComponent(m[1]!) : undefined;
}

interface P {
  model: WidgetModel;
  lang: Lang;
  id: (s: string) => string;
}

/** Keeps a widget's failure inside the widget: the host page goes on working. */
export class WidgetBoundary extends Component<{ lang: Lang; onError?: (e: unknown) => void; children?: ComponentChildren }, { failed: boolean }> {
  override state = { failed: false };
  override componentDidCatch(e: unknown) {
    this.setState({ failed: true });
    try {
      this.props.onError?.(e);
    } catch {
      // nothing more to do
    }
  }
  override render() {
    return this.state.failed ? <p class="essor-warn">{t(this.props.lang, 'widgetCrash')}</p> : this.props.children;
  }
}

/** The whole widget: heading, configuration problems, then the tabs once the data is there. */
export function WidgetApp({ model, idPrefix }: { model: WidgetModel; idPrefix: string }) {
  const lang = model.config.lang;
  const id = (s: string) => `${idPrefix}-${s}`;
  const phase = model.phase.value;
  const ready = model.ready.value;
  const errors = model.errors.value;
  const place = ready?.place;
  return (
    <section class="essor-widget" aria-labelledby={id('title')}>
      <div class="essor-w-head">
        <h2 id={id('title')}>{t(lang, 'widgetTitle')}</h2>
        {place ? <p class="essor-w-place">{t(lang, 'widgetPlace', { name: [place.name, ...place.context].join(' · ') })}</p> : null}
      </div>
      {errors.length > 0 && (
        <div class="essor-warn essor-w-errors">
          <ul>
            {errors.map((e, i) => (
              <li key={i}>{t(lang, 'configError', { msg: t(lang, e.key, { v: e.value }) })}</li>
            ))}
          </ul>
        </div>
      )}
      {phase === 'loading' && (
        <p class="essor-muted" role="status">
          {t(lang, 'widgetLoading')}
        </p>
      )}
      {phase === 'failed' && <p class="essor-warn">{t(lang, 'errData')}</p>}
      {phase === 'ready' && ready && <Tabs model={model} lang={lang} id={id} ready={ready} />}
    </section>
  );
}

function Tabs({ model, lang, id, ready }: P & { ready: WidgetReady }) {
  const current = model.tab.value;
  const tabs = model.tabs;
  const onKey = (e: KeyboardEvent) => {
    const i = tabs.indexOf(current);
    const next = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    model.selectTab(tabs[next]!);
    const el = (e.currentTarget as HTMLElement).parentElement?.children[next];
    if (el instanceof HTMLElement) el.focus();
  };
  return (
    <>
      <div class="essor-tabs essor-w-tabs" role="tablist" aria-label={t(lang, 'widgetSections')}>
        {tabs.map((tb) => (
          <button
            key={tb}
            type="button"
            role="tab"
            id={id(`tab-${tb}`)}
            aria-selected={tb === current}
            aria-controls={id(`panel-${tb}`)}
            tabIndex={tb === current ? 0 : -1}
            onClick={() => model.selectTab(tb)}
            onKeyDown={onKey}
          >
            {t(lang, TAB_KEY[tb])}
          </button>
        ))}
      </div>
      {tabs.map((tb) => (
        <div key={tb} role="tabpanel" id={id(`panel-${tb}`)} aria-labelledby={id(`tab-${tb}`)} hidden={tb !== current} class="essor-w-panel">
          {tb !== current ? null : tb === 'search' ? (
            <SearchTab model={model} lang={lang} id={id} ready={ready} />
          ) : tb === 'themes' ? (
            <ThemesTab model={model} lang={lang} id={id} ready={ready} />
          ) : tb === 'actors' ? (
            <ActorsTab model={model} lang={lang} id={id} ready={ready} />
          ) : (
            <CheckTab model={model} lang={lang} id={id} ready={ready} />
          )}
        </div>
      ))}
    </>
  );
}

/**
 * Moves the focus where a keyboard or screen-reader user expects it: onto the heading of what was opened,
 * and back onto the button that opened it after "back".
 */
function useOpenFocus(area: { current: HTMLElement | null }, m: SearchModel, ready: WidgetReady) {
  const opened = m.opened.value;
  const key = opened ? `${opened.type}:${opened.id}` : '';
  const last = useRef('');
  useEffect(() => {
    const root = area.current;
    if (!root) return;
    if (key) {
      const h = root.querySelector<HTMLElement>('h3, h4');
      if (h) {
        h.setAttribute('tabindex', '-1');
        h.focus();
      }
    } else if (last.current) {
      const [type, oid] = [last.current.slice(0, last.current.indexOf(':')), last.current.slice(last.current.indexOf(':') + 1)];
      const title = ready.search.docs.find((d) => d.type === type && d.id === oid)?.title;
      const buttons = [...root.querySelectorAll<HTMLElement>('button')];
      const target = buttons.find((b) => b.dataset.essorOpen === last.current) ?? buttons.find((b) => title && b.textContent?.trim() === title) ?? root.querySelector<HTMLElement>('input, button');
      target?.focus();
    }
    last.current = key;
  }, [key]);
}

function FicheLink({ m, lang }: { m: SearchModel; lang: Lang }) {
  const opened = m.opened.value;
  if (opened?.type !== 'fiche') return null;
  return (
    <p class="essor-section">
      <a href={ficheHash(opened.id)}>{t(lang, 'widgetFicheLink')}</a>
    </p>
  );
}

function SearchTab({ lang, id, ready }: P & { ready: WidgetReady }) {
  const area = useRef<HTMLDivElement>(null);
  useOpenFocus(area, ready.searchModel, ready);
  return (
    <div ref={area}>
      <SearchPanel model={ready.searchModel} kb={ready.display} lang={lang} idPrefix={id('s')} />
      <FicheLink m={ready.searchModel} lang={lang} />
    </div>
  );
}

function OpenButton({ m, type, oid, children }: { m: SearchModel; type: string; oid: string; children: ComponentChildren }) {
  return (
    <button type="button" class="essor-link" data-essor-open={`${type}:${oid}`} onClick={() => (m.opened.value = { type, id: oid })}>
      {children}
    </button>
  );
}

/** A list of fiches, each opening in the tab's own view, with its kit and number. */
function FicheItems({ m, lang, fiches }: { m: SearchModel; lang: Lang; fiches: readonly Fiche[] }) {
  return (
    <ul class="essor-results">
      {fiches.map((f) => (
        <li key={f.id}>
          <OpenButton m={m} type="fiche" oid={f.id}>
            {f.title}
          </OpenButton>
          <span class="essor-muted"> — {ficheRef(lang, f)}</span>
        </li>
      ))}
    </ul>
  );
}

function ThemesTab({ model, lang, id, ready }: P & { ready: WidgetReady }) {
  const area = useRef<HTMLDivElement>(null);
  const m = ready.browseModel;
  useOpenFocus(area, m, ready);
  const { kb } = ready;
  const mode = model.config.mode;
  if (m.opened.value) {
    return (
      <div ref={area}>
        <SearchPanel model={m} kb={ready.display} lang={lang} idPrefix={id('b')} />
        <FicheLink m={m} lang={lang} />
      </div>
    );
  }
  const expanded = model.expandedThemes.value;
  const chosen: readonly string[] = model.config.themes;
  const label = (l: { fr: string; en: string }) => pick(l, lang);
  const complete = (ids: string[]) => ids.map((fid) => kb.fiche(fid)).filter((f) => !!f).sort((a, b) => Number(b!.status === 'complete') - Number(a!.status === 'complete'));
  const themeList = (ids: readonly string[]) => (
    <ul class="essor-w-themes">
      {ids.map((tid) => {
        const th = kb.theme(tid);
        if (!th) return null;
        const open = expanded.includes(tid);
        const fiches = complete(th.fiches);
        return (
          <li key={tid}>
            <button type="button" class="essor-w-disclosure" aria-expanded={open} aria-controls={id(`theme-${tid}`)} onClick={() => model.toggleTheme(tid)}>
              <span class="essor-w-marker" aria-hidden="true">
                {open ? '▾' : '▸'}
              </span>{' '}
              {label(th.label)} <span class="essor-muted">({plural(lang, fiches.length, { one: t(lang, 'widgetThemeCountOne', { n: '{n}' }), other: t(lang, 'widgetThemeCountOther', { n: '{n}' }) })})</span>
            </button>
            <ul id={id(`theme-${tid}`)} hidden={!open} class="essor-results">
              {open
                ? fiches.map((f) => (
                    <li key={f!.id}>
                      <OpenButton m={m} type="fiche" oid={f!.id}>
                        {f!.title}
                      </OpenButton>
                      <span class="essor-muted"> — {ficheRef(lang, f!)}</span>
                    </li>
                  ))
                : null}
            </ul>
          </li>
        );
      })}
    </ul>
  );
  const others = kb.themes.map((th) => th.id).filter((tid) => !chosen.includes(tid));
  const procurementFiches = mode === 'acheteur' || mode === 'structure' ? kb.fiches.filter((f) => f.status === 'complete' && f.category === 'levier' && f.topics.includes('commande-publique')) : [];
  const policyFiches = mode === 'elu' ? kb.fiches.filter((f) => f.category === 'levier').sort((a, b) => Number(b.status === 'complete') - Number(a.status === 'complete')) : [];
  return (
    <div ref={area}>
      {mode === 'elu' && (
        <section aria-labelledby={id('policy')}>
          <h3 id={id('policy')}>{t(lang, 'widgetPolicyLevers')}</h3>
          <p class="essor-muted">{t(lang, 'widgetPolicyIntro')}</p>
          <FicheItems m={m} lang={lang} fiches={policyFiches} />
        </section>
      )}
      {(mode === 'acheteur' || mode === 'structure') && (
        <section aria-labelledby={id('levers')}>
          <h3 id={id('levers')}>{t(lang, 'widgetProcurementLevers')}</h3>
          <p class="essor-muted">{t(lang, 'widgetProcurementIntro')}</p>
          <ul class="essor-results">
            {kb.levers.map((l) => (
              <li key={l.id}>
                <OpenButton m={m} type="lever" oid={l.id}>
                  {label(l.label)}
                </OpenButton>
                {l.legalBasis.length ? <span class="essor-muted"> — {l.legalBasis.join(' · ')}</span> : null}
              </li>
            ))}
          </ul>
          <h4>{t(lang, 'fichesTitle')}</h4>
          <FicheItems m={m} lang={lang} fiches={procurementFiches} />
        </section>
      )}
      {chosen.length > 0 && (
        <section aria-labelledby={id('chosen')} class={mode === 'citoyen' ? '' : 'essor-section'}>
          <h3 id={id('chosen')}>{t(lang, 'widgetChosenThemes')}</h3>
          {themeList(chosen)}
        </section>
      )}
      <section aria-labelledby={id('others')} class={chosen.length || mode !== 'citoyen' ? 'essor-section' : ''}>
        <h3 id={id('others')}>{t(lang, chosen.length ? 'widgetOtherThemes' : 'widgetAllThemes')}</h3>
        {themeList(others)}
      </section>
    </div>
  );
}

function ExternalLink({ href, lang, children }: { href: string; lang: Lang; children: ComponentChildren }) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
      <span class="essor-sr"> {t(lang, 'widgetNewWindow')}</span>
    </a>
  );
}

function ActorName({ a, lang }: { a: Actor; lang: Lang }) {
  return a.website ? (
    <ExternalLink href={a.website} lang={lang}>
      {a.name}
    </ExternalLink>
  ) : (
    <strong>{a.name}</strong>
  );
}

function ActorsTab({ model, lang, id, ready }: P & { ready: WidgetReady }) {
  const area = useRef<HTMLDivElement>(null);
  const m = ready.actorsModel;
  useOpenFocus(area, m, ready);
  if (m.opened.value) {
    return (
      <div ref={area}>
        <SearchPanel model={m} kb={ready.display} lang={lang} idPrefix={id('a')} />
        <FicheLink m={m} lang={lang} />
      </div>
    );
  }
  const { place, local, placeName } = ready;
  const where = (a: { commune?: string; departement?: string; region?: string }, w: Nearness) => {
    const named = (a.commune && placeName('commune', a.commune)) || (a.departement && placeName('departement', a.departement)) || (a.region && placeName('region', a.region));
    return named || t(lang, WHERE_KEY[w]);
  };
  const themes = model.config.themes;
  return (
    <div ref={area}>
      {place ? null : <p class="essor-muted">{t(lang, 'widgetNational')}</p>}
      {place && (
        <section aria-labelledby={id('cress')}>
          <h3 id={id('cress')}>{t(lang, 'widgetCress')}</h3>
          {local.cress.length ? (
            <ul>
              {local.cress.map((a) => (
                <li key={a.id}>
                  <ActorName a={a} lang={lang} /> — {a.description || t(lang, 'widgetCressWhy')}
                </li>
              ))}
            </ul>
          ) : (
            <p class="essor-muted">{t(lang, 'widgetCressNone')}</p>
          )}
        </section>
      )}
      {place && (
        <section aria-labelledby={id('near')} class="essor-section">
          <h3 id={id('near')}>{t(lang, 'widgetNear')}</h3>
          {local.near.length ? (
            <ul>
              {local.near.map(({ actor: a, where: w }) => (
                <li key={a.id}>
                  <ActorName a={a} lang={lang} /> <span class="essor-tag">{where(a, w)}</span> {a.description}
                </li>
              ))}
            </ul>
          ) : (
            <p class="essor-muted">{t(lang, 'widgetNearNone')}</p>
          )}
        </section>
      )}
      {place && local.examples.length > 0 && (
        <section aria-labelledby={id('examples')} class="essor-section">
          <h3 id={id('examples')}>{t(lang, 'widgetExamples')}</h3>
          <ul>
            {local.examples.map(({ fiche, example }, i) => (
              <li key={i}>
                <strong>{example.title}</strong>
                {example.placeNames.length ? <span class="essor-muted"> — {example.placeNames.join(', ')}</span> : null}
                <p>{example.text}</p>
                <OpenButton m={m} type="fiche" oid={fiche.id}>
                  {t(lang, 'widgetReadFiche', { title: fiche.title })}
                </OpenButton>
              </li>
            ))}
          </ul>
        </section>
      )}
      {local.networks.length > 0 && (
        <section aria-labelledby={id('networks')} class="essor-section">
          <h3 id={id('networks')}>{t(lang, themes.length ? 'widgetNetworksThemes' : 'widgetNetworks')}</h3>
          <ul>
            {local.networks.map((a) => (
              <li key={a.id}>
                <ActorName a={a} lang={lang} /> — {a.description}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p class="essor-section">
        <ExternalLink href={MARCHE_URL} lang={lang}>
          {t(lang, 'widgetMarche')}
        </ExternalLink>
      </p>
    </div>
  );
}

/** Places whose name starts a word with the query: régions, départements, and the communes the widget loaded. */
function placeMatches(ready: WidgetReady, query: string, chosen: readonly string[]): { code: string; key: MessageKey; name: string }[] {
  const q = fold(query);
  if (q.length < 2) return [];
  const hit = (name: string) => ` ${fold(name)}`.includes(` ${q}`);
  const d = ready.territory.data;
  const all = [
    ...d.communes.filter((c) => hit(c[1]) || c[3].split(' ').includes(q)).map((c) => ({ code: c[0], key: 'optProfileAddCommune' as const, name: `${c[1]} (${c[2]})` })),
    ...d.departements.filter((x) => hit(x[1]) || x[0] === q.toUpperCase()).map((x) => ({ code: x[0], key: 'optProfileAddDep' as const, name: `${x[1]} (${x[0]})` })),
    ...d.regions.filter((x) => hit(x[1])).map((x) => ({ code: `reg:${x[0]}`, key: 'optProfileAddRegion' as const, name: x[1] })),
  ];
  return all.filter((x) => !chosen.includes(x.code)).slice(0, 8);
}

/** The name of a profile place code ("Lyon", "Rhône (69)", "Auvergne-Rhône-Alpes"). */
function placeLabel(ready: WidgetReady, code: string): string {
  if (code.startsWith('reg:')) return ready.placeName('region', code.slice(4)) ?? code;
  if (code.length <= 3) return `${ready.placeName('departement', code) ?? ''} (${code})`.trim();
  return ready.placeName('commune', code) ?? code;
}

/**
 * Structure mode: the ESS structure says what it is, its trades and where it works, and the check answers "does
 * this fit us?". Kept in the page's memory only: nothing is stored or sent.
 */
function ProfileForm({ model, lang, id, ready }: P & { ready: WidgetReady }) {
  const c = model.check;
  const p = c.profile.value;
  const set = (patch: Partial<WidgetProfile>) => (c.profile.value = { ...c.profile.value, ...patch });
  const q = fold(c.sectorQuery.value);
  const sectors = ready.kb.sectors.filter((x) => !q || fold(pick(x.label, lang)).includes(q) || p.sectors.includes(x.id));
  const places = placeMatches(ready, c.placeQuery.value, p.territory);
  return (
    <details class="essor-w-profile" open>
      <summary>{t(lang, 'optProfile')}</summary>
      <p class="essor-muted">{t(lang, 'widgetProfileHelp')}</p>
      <p>
        <label for={id('kind')}>{t(lang, 'optProfileKind')}</label>{' '}
        <select id={id('kind')} value={p.kind ?? ''} onChange={(e) => set({ kind: ((e.currentTarget as HTMLSelectElement).value || null) as StructureKind | null })}>
          <option value="">{t(lang, 'optProfileKindNone')}</option>
          <StructureKindOptions lang={lang} />
        </select>
      </p>
      <label class="essor-choice">
        <input type="checkbox" checked={p.esus} onChange={(e) => set({ esus: (e.currentTarget as HTMLInputElement).checked })} />
        {t(lang, 'optProfileEsus')}
      </label>
      <fieldset>
        <legend>{t(lang, 'optProfileSectors')}</legend>
        <label for={id('sector-q')}>{t(lang, 'optProfileSectorSearch')}</label>{' '}
        <input id={id('sector-q')} type="search" autocomplete="off" value={c.sectorQuery.value} onInput={(e) => (c.sectorQuery.value = (e.currentTarget as HTMLInputElement).value)} />
        <p class="essor-muted" role="status" aria-live="polite">
          {t(lang, 'optProfileSectorCount', { n: p.sectors.length })}
        </p>
        {sectors.map((x) => (
          <label key={x.id} class="essor-choice">
            <input type="checkbox" checked={p.sectors.includes(x.id)} onChange={(e) => set({ sectors: (e.currentTarget as HTMLInputElement).checked ? [...p.sectors, x.id] : p.sectors.filter((y) => y !== x.id) })} />
            {pick(x.label, lang)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t(lang, 'optProfileTerritory')}</legend>
        {p.territory.length ? (
          <ul class="essor-results">
            {p.territory.map((code) => (
              <li key={code}>
                {placeLabel(ready, code)}{' '}
                <button type="button" class="essor-link" aria-label={t(lang, 'optProfileRemovePlace', { name: placeLabel(ready, code) })} onClick={() => set({ territory: p.territory.filter((y) => y !== code) })}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t(lang, 'optProfileTerritoryNone')}</p>
        )}
        <label for={id('place-q')}>{t(lang, 'optProfilePlaceSearch')}</label>{' '}
        <input id={id('place-q')} type="search" autocomplete="off" value={c.placeQuery.value} onInput={(e) => (c.placeQuery.value = (e.currentTarget as HTMLInputElement).value)} />
        <ul class="essor-results" aria-live="polite">
          {places.map((x) => (
            <li key={x.code}>
              <button
                type="button"
                class="essor-link"
                onClick={() => {
                  c.placeQuery.value = '';
                  set({ territory: [...p.territory, x.code] });
                }}
              >
                {t(lang, x.key, { name: x.name })}
              </button>
            </li>
          ))}
        </ul>
      </fieldset>
      <p>
        <label for={id('max')}>{t(lang, 'optProfileMax')}</label>{' '}
        <input
          id={id('max')}
          type="text"
          inputMode="numeric"
          autocomplete="off"
          value={p.maxValue ?? ''}
          onChange={(e) => {
            const v = (e.currentTarget as HTMLInputElement).value;
            const n = Number(v.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.'));
            set({ maxValue: n > 0 && n < 1e12 ? Math.round(n) : undefined });
          }}
        />
      </p>
      {!p.kind && <p class="essor-muted">{t(lang, 'widgetProfileHint')}</p>}
    </details>
  );
}

function CheckTab({ model, lang, id, ready }: P & { ready: WidgetReady }) {
  const c = model.check;
  const result = c.result.value;
  const heading = useRef<HTMLHeadingElement>(null);
  const copy = () => {
    const r = c.result.value;
    if (!r) return;
    const done = (ok: boolean) => (c.panel.status.value = t(lang, ok ? 'copied' : 'copyFailed'));
    try {
      const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
      if (!clip) return done(false);
      clip.writeText(summaryText(r.reading, r.advice, lang)).then(
        () => done(true),
        () => done(false),
      );
    } catch {
      done(false);
    }
  };
  const draft = c.draft.value;
  const draftStatus = !draft
    ? ''
    : draft.reading
      ? t(lang, 'draftReading', { name: draft.name })
      : draft.error
        ? draftErrorText(lang, draft.error, draft.name)
        : draftReadText(lang, draft.name, draft.chars ?? 0, draft.pages);
  const checkFile = (f: File) =>
    model.checkDraft(f).then((ok) => {
      if (ok) setTimeout(() => heading.current?.focus(), 0);
    });
  const fit = c.fit.value;
  return (
    <div>
      {model.config.mode === 'structure' && <ProfileForm model={model} lang={lang} id={id} ready={ready} />}
      <form
        class="essor-w-check"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          model.runCheck().then((ok) => {
            if (ok) setTimeout(() => heading.current?.focus(), 0);
          });
        }}
      >
        <h3 id={id('check')}>{t(lang, 'textTitle')}</h3>
        <p class="essor-muted">{t(lang, 'widgetCheckIntro')}</p>
        <div
          class="essor-drop"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            const f = e.dataTransfer?.files?.[0];
            if (f) void checkFile(f);
          }}
        >
          <label for={id('file')}>{t(lang, 'draftTitle')}</label>
          <input
            id={id('file')}
            type="file"
            accept={DRAFT_ACCEPT}
            aria-describedby={id('file-status')}
            onChange={(e) => {
              const input = e.currentTarget as HTMLInputElement;
              const f = input.files?.[0];
              input.value = '';
              if (f) void checkFile(f);
            }}
          />{' '}
          <span class="essor-muted">{t(lang, 'draftDrop')}</span>
          <p id={id('file-status')} role="status" aria-live="polite" class={draft?.error ? 'essor-warn' : 'essor-status'}>
            {draftStatus}
          </p>
        </div>
        <label for={id('text')}>{t(lang, 'textLabel')}</label>
        <textarea id={id('text')} rows={8} value={c.text.value} onInput={(e) => {
            c.text.value = (e.currentTarget as HTMLTextAreaElement).value;
            c.draft.value = null;
          }}
        />
        <label for={id('cpv')}>{t(lang, 'textCpv')}</label>
        <input id={id('cpv')} type="text" inputMode="numeric" autocomplete="off" value={c.cpv.value} onInput={(e) => (c.cpv.value = (e.currentTarget as HTMLInputElement).value)} />
        <div class="essor-row essor-w-actions">
          <button type="submit" class="essor-primary" aria-disabled={c.busy.value ? 'true' : undefined}>
            {t(lang, 'textSubmit')}
          </button>
          <button type="button" onClick={() => model.clearCheck()}>
            {t(lang, 'widgetCheckClear')}
          </button>
        </div>
        <p role="status" aria-live="polite" class="essor-muted">
          {c.busy.value ? t(lang, 'widgetCheckBusy') : c.message.value}
        </p>
      </form>
      {result && (
        <section aria-labelledby={id('result')} class="essor-section">
          <h3 id={id('result')} tabIndex={-1} ref={heading}>
            {t(lang, 'widgetCheckResult')}
          </h3>
          <AdvicePanel
            reading={result.reading}
            advice={result.advice}
            {...(fit ? { fit } : {})}
            model={c.panel}
            ficheById={ready.display.fiche}
            roleSwitch={false}
            draft={!!draft && !draft.error && !draft.reading}
            onCopy={copy}
            territoryLabel={(tr) => (tr.commune && ready.placeName('commune', tr.commune)) || (tr.departement && ready.placeName('departement', tr.departement)) || (tr.region && ready.placeName('region', tr.region)) || undefined}
            idPrefix={id('adv')}
          />
        </section>
      )}
    </div>
  );
}
