import type { Portal } from '../../core/portals/types';
import { EXTENSION_ROLES } from '../../core/settings';
import { t, type MessageKey } from '../i18n';
import type { OptionsModel } from './options-model';
import { PrivacyNotice } from '../privacy-view';

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
          <label for="essor-opt-territory">{t(lang, 'optTerritorySearch')}</label>
          <p id="essor-opt-territory-help" class="essor-muted">
            {t(lang, 'optTerritoryHelp')}
          </p>
          <input
            id="essor-opt-territory"
            type="search"
            autocomplete="off"
            aria-describedby="essor-opt-territory-help"
            value={model.query.value}
            onInput={(e) => (model.query.value = (e.currentTarget as HTMLInputElement).value)}
          />
          <p class="essor-muted" role="status" aria-live="polite">
            {model.query.value.trim().length >= 2 ? t(lang, 'optTerritoryResults', { n: results.length }) : ''}
          </p>
          <ul class="essor-results">
            {results.map((c) => (
              <li key={c.code}>
                <button type="button" class="essor-link" onClick={() => void model.chooseCommune(c)}>
                  {c.name} ({c.postalCodes.slice(0, 3).join(', ') || c.departement})
                </button>
              </li>
            ))}
          </ul>
        </fieldset>

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
