import type { Advice, Rung } from '../core/advise/index';
import type { Fiche } from '../core/kb/types';
import type { Role } from '../core/kb/vocabulary';
import type { Reading, Territory } from '../core/read/types';
import { FicheView } from './fiche-view';
import { formatAmount, formatDate, t, type Lang, type MessageKey } from './i18n';
import type { PanelModel } from './panel-model';
import { signalLabel, whereLabel } from './signal-label';

const RUNGS: [Rung, MessageKey][] = [
  ['reserve', 'rungReserve'],
  ['lot', 'rungLot'],
  ['clause', 'rungClause'],
  ['criterion', 'rungCriterion'],
];

const ROLE_KEYS: [Role, MessageKey][] = [
  ['acheteur', 'roleAcheteur'],
  ['structure', 'roleStructure'],
];

const SCOPE_KEY: Record<string, MessageKey> = {
  national: 'scopeNational',
  region: 'scopeRegion',
  departement: 'scopeDepartement',
  commune: 'scopeCommune',
};

export interface AdvicePanelProps {
  reading: Reading;
  advice: Advice;
  model: PanelModel;
  ficheById: (id: string) => Fiche | undefined;
  /** Scrolls to and highlights the evidence in the page; returns false when it is not found. */
  onShowEvidence?: (evidence: string) => boolean;
  onCopy?: () => void;
  territoryLabel?: (t: Territory) => string | undefined;
  /** Offer the role switch (the panel on a tender page); the widget sets the role from its config. */
  roleSwitch?: boolean;
  idPrefix: string;
}

function territoryText(tr: Territory | undefined, label?: (t: Territory) => string | undefined): string | undefined {
  if (!tr) return undefined;
  const named = label?.(tr);
  if (named) return named;
  return [tr.communeName, tr.commune, tr.departement && `dép. ${tr.departement}`, tr.region && `rég. ${tr.region}`].filter(Boolean).join(' · ') || undefined;
}

/** The advice on one tender: what was read, what is declared, levers, fiches, actors, links. */
export function AdvicePanel(p: AdvicePanelProps) {
  const lang: Lang = p.model.lang.value;
  const role = p.model.role.value;
  const { reading, advice } = p;
  const tnd = reading.tender;
  const facts: [MessageKey, string | undefined][] = [
    ['buyer', tnd.buyer],
    ['territory', territoryText(tnd.buyerTerritory, p.territoryLabel)],
    ['reference', tnd.reference ?? tnd.boampId ?? tnd.tedId],
    ['cpv', tnd.cpv.length ? tnd.cpv.slice(0, 6).join(', ') + (tnd.cpv.length > 6 ? '…' : '') : undefined],
    ['nature', tnd.nature],
    ['procedure', tnd.procedure],
    ['value', tnd.estimatedValue ? `${formatAmount(lang, tnd.estimatedValue)} ${t(lang, 'exclTax')}` : undefined],
    ['deadline', formatDate(lang, tnd.deadline)],
    ['lots', tnd.lots.length ? String(tnd.lots.length) : undefined],
  ];
  const shown = facts.filter(([, v]) => v);
  const open = p.model.openFiches.value;
  const id = (s: string) => `${p.idPrefix}-${s}`;

  return (
    <div class="essor-advice">
      {p.roleSwitch !== false && (
        <fieldset class="essor-row" style="border:none;padding:0;margin:4px 0">
          <legend class="essor-sr">{t(lang, 'role')}</legend>
          <span aria-hidden="true">{t(lang, 'role')} :</span>
          {ROLE_KEYS.map(([r, key]) => (
            <button key={r} type="button" aria-pressed={role === r} class={role === r ? 'essor-primary' : ''} onClick={() => (p.model.role.value = r)}>
              {t(lang, key)}
            </button>
          ))}
        </fieldset>
      )}

      <section aria-labelledby={id('read')}>
        <h3 id={id('read')}>{t(lang, 'read')}</h3>
        {tnd.title ? <p><strong>{tnd.title}</strong></p> : null}
        {shown.length ? (
          <dl class="essor-dl">
            {shown.map(([k, v]) => (
              <>
                <dt key={`${k}-t`}>{t(lang, k)}</dt>
                <dd key={`${k}-d`}>{v}</dd>
              </>
            ))}
          </dl>
        ) : (
          <p class="essor-muted">{t(lang, 'nothingRead')}</p>
        )}
      </section>

      <section class="essor-section" aria-labelledby={id('declared')}>
        <h3 id={id('declared')}>{t(lang, 'declaredTitle')}</h3>
        {reading.signals.length ? (
          <ul>
            {reading.signals.map((s, i) => (
              <li key={i}>
                <span class="essor-tag essor-declared" title={s.id}>
                  {signalLabel(lang, s.id)}
                </span>
                <span class="essor-muted">{whereLabel(lang, s.where)}</span>
                <p class="essor-evidence">{s.evidence}</p>
                {p.onShowEvidence ? (
                  <button
                    type="button"
                    class="essor-link"
                    onClick={() => {
                      if (!p.onShowEvidence!(s.evidence)) p.model.status.value = t(lang, 'notFoundInPage');
                    }}
                  >
                    {t(lang, 'showInPage')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="essor-muted">{t(lang, 'declaredNone')}</p>
        )}
      </section>

      {role === 'structure' && advice.bid.length > 0 && (
        <section class="essor-section" aria-labelledby={id('bid')}>
          <h3 id={id('bid')}>{t(lang, 'bidTitle')}</h3>
          <ul>
            {advice.bid.map((b, i) => (
              <li key={i}>{b}</li>
            ))}
          </ul>
        </section>
      )}

      <section class="essor-section" aria-labelledby={id('levers')}>
        <h3 id={id('levers')}>{t(lang, role === 'structure' ? 'leversTitleStructure' : 'leversTitle')}</h3>
        <p class="essor-sr">{t(lang, 'ladder')}</p>
        <ol class="essor-ladder" aria-label={t(lang, 'ladder')}>
          {RUNGS.map(([r, key]) => (
            <li key={r} aria-current={advice.ladder.rung === r ? 'step' : undefined}>
              {t(lang, key)}
            </li>
          ))}
        </ol>
        <p>{advice.ladder.why}</p>
        {advice.levers.slice(0, 7).map((l) => (
          <div class="essor-card" key={l.id}>
            <p>
              <strong>{l.label}</strong>{' '}
              <span class={`essor-tag${l.status === 'declared' ? ' essor-declared' : ''}`}>{t(lang, l.status === 'declared' ? 'statusDeclared' : 'statusSuggested')}</span>
            </p>
            <p>{l.why}</p>
            {l.how.length > 0 && (
              <details>
                <summary>{t(lang, 'howTo')}</summary>
                <ul>
                  {l.how.map((h, i) => (
                    <li key={i}>{h}</li>
                  ))}
                </ul>
                {l.wording ? (
                  <>
                    <p><strong>{t(lang, 'wording')}</strong></p>
                    <p class="essor-wording">{l.wording}</p>
                  </>
                ) : null}
              </details>
            )}
          </div>
        ))}
      </section>

      <section class="essor-section" aria-labelledby={id('themes')}>
        <h3 id={id('themes')}>{t(lang, 'themesTitle')}</h3>
        {advice.themes.length ? (
          <ul>
            {advice.themes.map((th) => (
              <li key={th.id}>
                <strong>{th.label}</strong> <span class="essor-muted">— {th.why.join(' ; ')}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="essor-muted">{t(lang, 'themesNone')}</p>
        )}
      </section>

      <section class="essor-section" aria-labelledby={id('fiches')}>
        <h3 id={id('fiches')}>{t(lang, 'fichesTitle')}</h3>
        <ul class="essor-results">
          {advice.fiches.map((f) => {
            const fiche = p.ficheById(f.id);
            const isOpen = open.includes(f.id);
            return (
              <li key={f.id}>
                <button type="button" class="essor-link" aria-expanded={isOpen} aria-controls={id(`fiche-${f.id}`)} onClick={() => p.model.toggleFiche(f.id)}>
                  {f.title}
                </button>
                <span class="essor-muted"> — {f.why}</span>
                <div id={id(`fiche-${f.id}`)} hidden={!isOpen}>
                  {isOpen && fiche ? <FicheView fiche={fiche} lang={lang} ficheById={p.ficheById} headingLevel={4} /> : null}
                </div>
              </li>
            );
          })}
        </ul>
      </section>

      <section class="essor-section" aria-labelledby={id('actors')}>
        <h3 id={id('actors')}>{t(lang, 'actorsTitle')}</h3>
        {advice.actors.length ? (
          <ul>
            {advice.actors.map((a) => (
              <li key={a.id}>
                {a.website ? (
                  <a href={a.website} target="_blank" rel="noopener noreferrer">
                    {a.name}
                  </a>
                ) : (
                  <strong>{a.name}</strong>
                )}{' '}
                <span class="essor-muted">({t(lang, SCOPE_KEY[a.scope] ?? 'scopeNational')})</span> — {a.why}
              </li>
            ))}
          </ul>
        ) : (
          <p class="essor-muted">{t(lang, 'actorsNone')}</p>
        )}
      </section>

      {advice.links.length > 0 && (
        <section class="essor-section" aria-labelledby={id('links')}>
          <h3 id={id('links')}>{t(lang, 'linksTitle')}</h3>
          <ul>
            {advice.links.map((l, i) => (
              <li key={i}>
                <a href={l.url} target="_blank" rel="noopener noreferrer">
                  {l.label}
                </a>{' '}
                <span class="essor-muted">— {l.why}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {p.onCopy ? (
        <p class="essor-section">
          <button type="button" class="essor-primary" onClick={p.onCopy}>
            {t(lang, 'copySummary')}
          </button>
        </p>
      ) : null}
      <p class="essor-sr" role="status" aria-live="polite">
        {p.model.status.value}
      </p>
    </div>
  );
}
