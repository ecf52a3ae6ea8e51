import type { Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import type { Portal } from '../../core/portals/types';
import type { CommuneInfo } from '../../core/territory/index';
import { EXTENSION_ROLES } from '../../core/settings';
import { t, type MessageKey } from '../i18n';
import type { OptionsModel } from './options-model';
import { PrivacyNotice } from './privacy-view';
import type { StructureKind } from '../../core/profile/index';
import { StructureKindOptions } from '../structure-kind-options';
import type { Lang } from '../../core/lang';
import { SECTORS } from './profile-model';
import { fold } from '../../core/text';
import { BOAMP_API_LIMIT, BOAMP_RECORDS_API } from '../../core/read/boamp-api';
import { watchStatusText } from './watch-list';

/** The watch: opt-in, what is sent and to whom, notifications, status, "check now". */
function WatchSection({ model, lang }: { model: OptionsModel; lang: Lang }) {
  const config = model.watch.config.value;
  const preview = model.watchPreview.value;
  const state = model.watch.state.value;
  return (
    <fieldset>
      <legend>{t(lang, 'watchTitle')}</legend>
      <p>{t(lang, 'watchHelp')}</p>
      {preview ? (
        <p id="essor-watch-sends">{t(lang, 'watchSends', { url: BOAMP_RECORDS_API, deps: preview.departements.join(', '), cpv: preview.cpvPrefixes.join(', ') || t(lang, 'watchNoCpv'), limit: BOAMP_API_LIMIT })}</p>
      ) : (
        <p>{t(lang, 'watchNeedsProfile')}</p>
      )}
      <label class="essor-choice">
        <input type="checkbox" checked={config.on} disabled={!preview && !config.on} aria-describedby={preview ? 'essor-watch-sends' : undefined} onChange={(e) => void model.setWatch((e.currentTarget as HTMLInputElement).checked)} />
        {t(lang, 'watchOn')}
      </label>
      {config.on && (
        <>
          <label class="essor-choice">
            <input type="checkbox" checked={config.notify} onChange={(e) => void model.setWatchNotify((e.currentTarget as HTMLInputElement).checked)} />
            {t(lang, 'watchNotify')}
          </label>
          <p role="status" aria-live="polite" id="essor-watch-status">
            {watchStatusText(lang, state)} {state.items.length ? t(lang, 'watchUnseen', { n: model.watch.unseen.value }) : ''}
          </p>
          <p>
            <button type="button" onClick={() => void model.watch.checkNow()}>
              {t(lang, 'watchCheckNow')}
            </button>
          </p>
        </>
      )}
    </fieldset>
  );
}

/** The ESS structure's profile: kind, ESUS, trades, territory, maximum size. Stored locally, never sent. */
function ProfileSection({ model, lang }: { model: OptionsModel; lang: Lang }) {
  const p = model.profile.value;
  const q = fold(model.sectorQuery.value);
  const sectors = SECTORS.filter((s) => !q || fold(s.label[lang] ?? s.label.fr).includes(q) || (p?.sectors.includes(s.id) ?? false));
  const places = model.profilePlaceResults.value;
  return (
    <fieldset>
      <legend>{t(lang, 'optProfile')}</legend>
      <p class="essor-muted">{t(lang, 'optProfileHelp')}</p>
      <p>
        <label for="essor-opt-kind">{t(lang, 'optProfileKind')}</label>{' '}
        <select id="essor-opt-kind" value={p?.kind ?? ''} onChange={(e) => void model.setKind((e.currentTarget as HTMLSelectElement).value as StructureKind)}>
          {!p && (
            <option value="" disabled>
              {t(lang, 'optProfileKindNone')}
            </option>
          )}
          <StructureKindOptions lang={lang} />
        </select>
      </p>
      {p && (
        <>
          <label class="essor-choice">
            <input type="checkbox" checked={p.esus} onChange={(e) => void model.setEsus((e.currentTarget as HTMLInputElement).checked)} />
            {t(lang, 'optProfileEsus')}
          </label>
          <fieldset>
            <legend>{t(lang, 'optProfileSectors')}</legend>
            <label for="essor-opt-sector-q">{t(lang, 'optProfileSectorSearch')}</label>{' '}
            <input id="essor-opt-sector-q" type="search" autocomplete="off" value={model.sectorQuery.value} onInput={(e) => (model.sectorQuery.value = (e.currentTarget as HTMLInputElement).value)} />
            <p class="essor-muted" role="status" aria-live="polite">
              {t(lang, 'optProfileSectorCount', { n: p.sectors.length })}
            </p>
            {sectors.map((s) => (
              <label key={s.id} class="essor-choice">
                <input type="checkbox" checked={p.sectors.includes(s.id)} onChange={(e) => void model.toggleSector(s.id, (e.currentTarget as HTMLInputElement).checked)} />
                {s.label[lang] ?? s.label.fr}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t(lang, 'optProfileTerritory')}</legend>
            {p.territory.length ? (
              <ul class="essor-results">
                {p.territory.map((c) => (
                  <li key={c}>
                    {model.placeLabel(c)}{' '}
                    <button type="button" class="essor-link" aria-label={t(lang, 'optProfileRemovePlace', { name: model.placeLabel(c) })} onClick={() => void model.removePlace(c)}>
                      ✕
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t(lang, 'optProfileTerritoryNone')}</p>
            )}
            <CommuneSearch
              id="essor-opt-profile-place"
              label={t(lang, 'optProfilePlaceSearch')}
              lang={lang}
              query={model.profilePlaceQuery}
              results={places}
              onPick={(c) => void model.addPlace(c.code)}
              text={(c) => t(lang, 'optProfileAddCommune', { name: `${c.name} (${c.postalCodes[0] ?? c.departement})` })}
            >
              {/* Each département and région of the communes found, once. */}
              {[...new Set(places.map((c) => `dep:${c.departement}`)), ...new Set(places.filter((c) => c.region).map((c) => `reg:${c.region}`))].map((code) => (
                <li key={code}>
                  <button type="button" class="essor-link" onClick={() => void model.addPlace(code)}>
                    {t(lang, code.startsWith('reg:') ? 'optProfileAddRegion' : 'optProfileAddDep', { name: model.placeLabel(code) })}
                  </button>
                </li>
              ))}
            </CommuneSearch>
          </fieldset>
          <p>
            <label for="essor-opt-max">{t(lang, 'optProfileMax')}</label>{' '}
            <input id="essor-opt-max" type="text" inputMode="numeric" autocomplete="off" value={p.maxValue ?? ''} onChange={(e) => void model.setMaxValue((e.currentTarget as HTMLInputElement).value)} />
          </p>
          <p>
            <button type="button" onClick={() => void model.clearProfile()}>
              {t(lang, 'optProfileClear')}
            </button>
          </p>
        </>
      )}
    </fieldset>
  );
}

const ROLE_KEY: Record<string, MessageKey> = { acheteur: 'roleAcheteur', structure: 'roleStructure' };
const LANGS: [string, string][] = [
  ['fr', 'Français'],
  ['en', 'English'],
];

/** The options page: role, territory, language, portals, all-sites permission, reset. */
export function OptionsApp({ model, portals }: { model: OptionsModel; portals: readonly Pick<Portal, 'id' | 'name'>[] }) {
  const s = model.settings.value;
  const lang = s.lang;
  const results = model.results.value;
  const allSites = model.allSites.value;
  return (
    <div class="essor-root essor-auto-dark essor-page" lang={lang}>
      <main class="essor-options">
        <h1>{t(lang, 'optionsTitle')}</h1>

        <fieldset>
          <legend>{t(lang, 'optRole')}</legend>
          {EXTENSION_ROLES.map((r) => (
            <label key={r} class="essor-choice">
              <input type="radio" name="essor-role" value={r} checked={s.role === r} onChange={() => void model.update({ role: r })} />
              {t(lang, ROLE_KEY[r]!)}
            </label>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t(lang, 'optTerritory')}</legend>
          <p>{s.territory ? t(lang, 'optTerritoryChosen', { name: s.territory.label ?? s.territory.commune ?? s.territory.departement ?? '' }) : t(lang, 'optTerritoryNone')}</p>
          {s.territory && (
            <p>
              <button type="button" onClick={() => void model.clearTerritory()}>
                {t(lang, 'optTerritoryClear')}
              </button>
            </p>
          )}
          <CommuneSearch
            id="essor-opt-territory"
            label={t(lang, 'optTerritorySearch')}
            lang={lang}
            query={model.query}
            results={results}
            onPick={(c) => void model.chooseCommune(c)}
            text={(c) => `${c.name} (${c.postalCodes.slice(0, 3).join(', ') || c.departement})`}
          />
        </fieldset>

        <ProfileSection model={model} lang={lang} />

        <WatchSection model={model} lang={lang} />

        <fieldset>
          <legend>{t(lang, 'optLang')}</legend>
          {LANGS.map(([code, name]) => (
            <label key={code} class="essor-choice" lang={code}>
              <input type="radio" name="essor-lang" value={code} checked={lang === code} onChange={() => void model.update({ lang: code as 'fr' | 'en' })} />
              {name}
            </label>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t(lang, 'optPortals')}</legend>
          <p class="essor-muted">{t(lang, 'optPortalsHelp')}</p>
          {portals.map((p) => (
            <label key={p.id} class="essor-choice">
              <input type="checkbox" checked={!s.disabledPortals.includes(p.id)} onChange={(e) => void model.togglePortal(p.id, (e.currentTarget as HTMLInputElement).checked)} />
              {p.name}
            </label>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t(lang, 'optMarkers')}</legend>
          <label class="essor-choice">
            <input type="checkbox" checked={s.listMarkers} aria-describedby="essor-markers-help" onChange={(e) => void model.update({ listMarkers: (e.currentTarget as HTMLInputElement).checked })} />
            {t(lang, 'optMarkersOn')}
          </label>
          <p id="essor-markers-help" class="essor-muted">
            {t(lang, 'optMarkersHelp')}
          </p>
        </fieldset>

        <fieldset>
          <legend>{t(lang, 'optAllSites')}</legend>
          <p>{t(lang, 'optAllSitesHelp')}</p>
          <p>{allSites === null ? t(lang, 'optAllSitesUnavailable') : t(lang, allSites ? 'optAllSitesOn' : 'optAllSitesOff')}</p>
          {allSites !== null && (
            <p>
              {allSites ? (
                <button type="button" onClick={() => void model.revokeAllSites()}>
                  {t(lang, 'optAllSitesRevoke')}
                </button>
              ) : (
                <button type="button" class="essor-primary" onClick={() => void model.grantAllSites()}>
                  {t(lang, 'optAllSitesGrant')}
                </button>
              )}
            </p>
          )}
        </fieldset>

        <p>
          <button type="button" onClick={() => void model.reset()}>
            {t(lang, 'optReset')}
          </button>
        </p>
        <p role="status" aria-live="polite">
          {model.status.value}
        </p>

        <PrivacyNotice lang={lang} />
      </main>
    </div>
  );
}

/** A commune search: label, help, the count announced to screen readers, the communes found as buttons (and more items after them). */
function CommuneSearch(p: {
  id: string;
  label: string;
  lang: Lang;
  query: Signal<string>;
  results: readonly CommuneInfo[];
  onPick: (c: CommuneInfo) => void;
  text: (c: CommuneInfo) => string;
  children?: ComponentChildren;
}) {
  return (
    <>
      <label for={p.id}>{p.label}</label>
      <p id={`${p.id}-help`} class="essor-muted">
        {t(p.lang, 'optTerritoryHelp')}
      </p>
      <input
        id={p.id}
        type="search"
        autocomplete="off"
        aria-describedby={`${p.id}-help`}
        value={p.query.value}
        onInput={(e) => (p.query.value = (e.currentTarget as HTMLInputElement).value)}
      />
      <p class="essor-muted" role="status" aria-live="polite">
        {p.query.value.trim().length >= 2 ? t(p.lang, 'optTerritoryResults', { n: p.results.length }) : ''}
      </p>
      <ul class="essor-results">
        {p.results.map((c) => (
          <li key={c.code}>
            <button type="button" class="essor-link" onClick={() => p.onPick(c)}>
              {p.text(c)}
            </button>
          </li>
        ))}
        {p.children}
      </ul>
    </>
  );
}
