import type { Fiche } from '../core/kb/types';
import { t, type Lang } from './i18n';

const KIT_KEY = {
  'municipal-2026': 'kitMunicipal',
  'regional-2021': 'kitRegional',
  'rtes-2020': 'kitRtes',
  'cress-occitanie-2026': 'kitCressOcc',
  'cress-nouvelle-aquitaine': 'kitCressNa',
} as const;

/** Label of a kit in the UI language. */
export function kitLabel(lang: Lang, kit: Fiche['kit']): string {
  return t(lang, KIT_KEY[kit] ?? 'kitMunicipal');
}

/** Short label of a fiche: kit and number. */
export function ficheRef(lang: Lang, f: Fiche): string {
  return f.number != null ? `${kitLabel(lang, f.kit)} · n°${f.number}` : kitLabel(lang, f.kit);
}

/** A whole fiche, short and scannable. Title-only fiches say so and point to the closest covered ones. */
export function FicheView({ fiche, lang, ficheById, onOpen, headingLevel = 3 }: {
  fiche: Fiche;
  lang: Lang;
  ficheById?: (id: string) => Fiche | undefined;
  onOpen?: (id: string) => void;
  headingLevel?: 3 | 4;
}) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  const Sub = headingLevel === 3 ? 'h4' : 'h5';
  const f = fiche;
  return (
    <article class="essor-fiche" aria-label={f.title}>
      <H>{f.title}</H>
      {/* The kit and its fiche number are the source people can look up; file names and line numbers are ours. */}
      <p class="essor-muted">
        {t(lang, 'ficheSource')} : {ficheRef(lang, f)}
      </p>
      {f.status === 'title-only' ? (
        <div class="essor-warn">
          <p>{t(lang, 'titleOnly')}</p>
          <ul>
            {f.seeAlso.map((id) => {
              const other = ficheById?.(id);
              return (
                <li key={id}>
                  {onOpen ? (
                    <button type="button" class="essor-link" onClick={() => onOpen(id)}>
                      {other ? other.title : id}
                    </button>
                  ) : (
                    (other?.title ?? id)
                  )}
                  {other ? <span class="essor-muted"> ({ficheRef(lang, other)})</span> : null}
                </li>
              );
            })}
          </ul>
        </div>
      ) : (
        <>
          <Sub>{t(lang, 'ficheSummary')}</Sub>
          <p>{f.summary}</p>
          {f.levers.length > 0 && (
            <>
              <Sub>{t(lang, 'ficheLevers')}</Sub>
              {f.levers.map((l, i) => (
                <div key={i}>
                  <p>
                    <strong>{l.title}</strong>
                  </p>
                  <ul>
                    {l.actions.map((a, j) => (
                      <li key={j}>{a}</li>
                    ))}
                  </ul>
                </div>
              ))}
            </>
          )}
          {f.examples.length > 0 && (
            <>
              <Sub>{t(lang, 'ficheExamples')}</Sub>
              <ul>
                {f.examples.map((e, i) => (
                  <li key={i}>
                    <strong>{e.title}</strong>
                    {e.placeNames.length ? <span class="essor-muted"> — {e.placeNames.join(', ')}</span> : null}. {e.text}
                  </li>
                ))}
              </ul>
            </>
          )}
          {f.legal.length > 0 && (
            <>
              <Sub>{t(lang, 'ficheLegal')}</Sub>
              <ul>
                {f.legal.map((l, i) => (
                  <li key={i}>
                    <strong>{l.ref}</strong>
                    {l.text ? ` : ${l.text}` : ''}
                    {l.date ? <span class="essor-muted"> ({l.date})</span> : null}
                  </li>
                ))}
              </ul>
            </>
          )}
          {f.figures.length > 0 && (
            <>
              <Sub>{t(lang, 'ficheFigures')}</Sub>
              <ul>
                {f.figures.map((x, i) => (
                  <li key={i}>
                    <strong>{x.value}</strong> {x.text} <span class="essor-muted">({x.source})</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {f.resources.length > 0 && (
            <>
              <Sub>{t(lang, 'ficheResources')}</Sub>
              <ul>
                {f.resources.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </article>
  );
}
