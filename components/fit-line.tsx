import type { Fit } from '../core/fit/index';
import type { Lang } from '../core/lang';
import { t } from './i18n';

// Labels come from the UI catalogue (sent to the overlay at run time), never from core/fit's phrase table, which
// stays out of the content script.
const VERDICT = { yes: 'fitVerdictYes', maybe: 'fitVerdictMaybe', no: 'fitVerdictNo' } as const;

/**
 * The first lines of the structure's panel: does this notice fit the structure's profile, why, what to do before
 * the deadline, and with whom to bid. Every text comes from core/fit (notice and profile); none is page HTML.
 */
export function FitLine({ fit, lang, idPrefix }: { fit: Fit; lang: Lang; idPrefix: string }) {
  const id = `${idPrefix}-fit`;
  return (
    <section class={`essor-fit essor-fit-${fit.verdict}`} aria-labelledby={id} data-essor-fit={fit.verdict}>
      <h3 id={id}>
        <span class="essor-tag">{t(lang, VERDICT[fit.verdict])}</span> {fit.headline}
      </h3>
      {fit.reasons.length > 0 && (
        <details open={fit.verdict !== 'no'}>
          <summary>{t(lang, 'fitReasons')}</summary>
          <ul>
            {fit.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </details>
      )}
      {fit.actions.length > 0 && (
        <>
          <h4>{t(lang, 'fitActions')}</h4>
          <ol>
            {fit.actions.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ol>
        </>
      )}
      {fit.partners.length > 0 && (
        <>
          <h4>{t(lang, 'fitPartners')}</h4>
          <ul>
            {fit.partners.map((p) => (
              <li key={p.id}>{p.website ? <a href={p.website} target="_blank" rel="noopener noreferrer">{p.why}</a> : p.why}</li>
            ))}
          </ul>
        </>
      )}
      {fit.networks.length > 0 && (
        <>
          <h4>{t(lang, 'fitNetworks')}</h4>
          <ul>
            {fit.networks.map((n) => (
              <li key={n.id}>
                {n.website ? (
                  <a href={n.website} target="_blank" rel="noopener noreferrer">
                    {n.name}
                  </a>
                ) : (
                  n.name
                )}{' '}
                — {n.why}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
