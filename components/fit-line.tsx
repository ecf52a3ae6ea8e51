import type { Fit } from '../core/fit/index';
import { fitPhrase } from '../core/fit/phrases';
import type { Lang } from '../core/lang';

const VERDICT = { yes: 'verdictYes', maybe: 'verdictMaybe', no: 'verdictNo' } as const;

/**
 * The first lines of the structure's panel: does this notice fit the structure's profile, why, what to do before
 * the deadline, and with whom to bid. Every text comes from core/fit (notice and profile); none is page HTML.
 */
export function FitLine({ fit, lang, idPrefix }: { fit: Fit; lang: Lang; idPrefix: string }) {
  const id = `${idPrefix}-fit`;
  return (
    <section class={`essor-fit essor-fit-${fit.verdict}`} aria-labelledby={id} data-essor-fit={fit.verdict}>
      <h3 id={id}>
        <span class="essor-tag">{fitPhrase(lang, VERDICT[fit.verdict])}</span> {fit.headline}
      </h3>
      {fit.reasons.length > 0 && (
        <details open={fit.verdict !== 'no'}>
          <summary>{fitPhrase(lang, 'reasonsTitle')}</summary>
          <ul>
            {fit.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </details>
      )}
      {fit.actions.length > 0 && (
        <>
          <h4>{fitPhrase(lang, 'actionsTitle')}</h4>
          <ol>
            {fit.actions.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ol>
        </>
      )}
      {fit.partners.length > 0 && (
        <>
          <h4>{fitPhrase(lang, 'partnersTitle')}</h4>
          <ul>
            {fit.partners.map((p) => (
              <li key={p.id}>{p.website ? <a href={p.website} target="_blank" rel="noopener noreferrer">{p.why}</a> : p.why}</li>
            ))}
          </ul>
        </>
      )}
      {fit.networks.length > 0 && (
        <>
          <h4>{fitPhrase(lang, 'networksTitle')}</h4>
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
