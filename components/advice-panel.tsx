import type { Advice, LeverAdvice } from '../core/advise/index';
import type { Fiche } from '../core/kb/types';
import type { Role } from '../core/kb/vocabulary';
import type { Reading, Territory } from '../core/read/types';
import { ficheRef, FicheView } from './fiche-view';
import { adviceHeadline, priorityActions, rankedSuggestions, reasonText, strengthLabel } from './headline';
import { FitLine } from './fit-line';
import type { Fit } from '../core/fit/index';
import { formatAmount, formatDate, t, type Lang, type MessageKey } from './i18n';
import type { PanelModel } from './panel-model';
import { findableInPage, natureLabel, procedureLabel, signalLabel, whereLabel } from './signal-label';

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
  /**
   * A draft of the tender documents is checked (not a published notice): "what the draft already contains" and
   * "what to add", with the wording shown to copy and paste.
   */
  draft?: boolean;
  idPrefix: string;
  /** For the ESS structure with a profile: does the notice fit it (core/fit); shown first in that role. */
  fit?: Fit;
}

function territoryText(tr: Territory | undefined, label?: (t: Territory) => string | undefined): string | undefined {
  if (!tr) return undefined;
  const named = label?.(tr);
  if (named) return named;
  return [tr.communeName, tr.commune, tr.departement && `dép. ${tr.departement}`, tr.region && `rég. ${tr.region}`].filter(Boolean).join(' · ') || undefined;
}

/** The same fiche from two kits is shown once, with both kits named. */
export function groupFiches(fiches: Advice['fiches'], ficheById: (id: string) => Fiche | undefined): { ids: string[]; title: string; why: string; refs: Fiche[] }[] {
  const out: { key: string; ids: string[]; title: string; why: string; refs: Fiche[] }[] = [];
  for (const f of fiches) {
    const key = f.title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
    const full = ficheById(f.id);
    const same = out.find((o) => o.key === key);
    if (same) {
      same.ids.push(f.id);
      if (full) same.refs.push(full);
    } else out.push({ key, ids: [f.id], title: f.title, why: f.why, refs: full ? [full] : [] });
  }
  return out.map(({ key: _k, ...g }) => g);
}

function LeverLine({ l, lang, id, role, onCopy }: { l: LeverAdvice; lang: Lang; id: string; role: Role; onCopy?: (text: string) => void }) {
  const reason = reasonText(l);
  return (
    <li class="essor-action">
      <span class="essor-action-line">
        <strong>{l.label}</strong> <span class={`essor-tag essor-strength-${l.strength ?? 'faible'}`}>{strengthLabel(lang, l.strength)}</span>
      </span>
      <details id={id}>
        <summary>{t(lang, role === 'structure' ? 'howToStructure' : 'howTo')}</summary>
        <p>{l.why}</p>
        {reason ? <p class="essor-muted">{reason}</p> : null}
        {l.how.length > 0 && (
          <ul>
            {l.how.map((h, i) => (
              <li key={i}>{h}</li>
            ))}
          </ul>
        )}
        {l.wording && !onCopy ? (
          <>
            <p>
              <strong>{t(lang, 'wording')}</strong>
            </p>
            <p class="essor-wording">{l.wording}</p>
          </>
        ) : null}
      </details>
      {/* Checking a draft: the wording to paste is the point, so it stays in view with its copy button. */}
      {l.wording && onCopy ? (
        <>
          <p class="essor-wording" id={`${id}-w`}>
            {l.wording}
          </p>
          <button type="button" aria-describedby={`${id}-w`} onClick={() => onCopy(l.wording!)}>
            {t(lang, 'draftCopy')}
          </button>
        </>
      ) : null}
    </li>
  );
}

/** The advice on one tender: at most three actions first, then what was read and declared, then the rest folded. */
export function AdvicePanel(p: AdvicePanelProps) {
  const lang: Lang = p.model.lang.value;
  const role = p.model.role.value;
  const { reading, advice } = p;
  const tnd = reading.tender;
  const head = adviceHeadline(advice, lang);
  const actions = priorityActions(advice);
  const others = rankedSuggestions(advice).slice(actions.length);
  const lotCount = tnd.lots.length || tnd.lotCount;
  const facts: [MessageKey, string | undefined][] = [
    ['buyer', tnd.buyer],
    ['territory', territoryText(tnd.buyerTerritory, p.territoryLabel)],
    ['reference', tnd.reference ?? tnd.boampId ?? tnd.tedId],
    ['cpv', tnd.cpv.length ? tnd.cpv.slice(0, 6).join(', ') + (tnd.cpv.length > 6 ? '…' : '') : undefined],
    ['nature', natureLabel(lang, tnd.nature)],
    ['procedure', procedureLabel(lang, tnd.procedure)],
    ['value', tnd.estimatedValue ? `${formatAmount(lang, tnd.estimatedValue)} ${t(lang, 'exclTax')}` : undefined],
    ['deadline', formatDate(lang, tnd.deadline)],
    ['lots', lotCount ? String(lotCount) : undefined],
  ];
  const shown = facts.filter(([, v]) => v);
  const open = p.model.openFiches.value;
  const id = (s: string) => `${p.idPrefix}-${s}`;
  const fiches = groupFiches(advice.fiches, p.ficheById);
  const status = p.model.status.value;
  // The 2026 duty has its own box above: not repeated among the bid hints.
  const bid = advice.bid.filter((b) => b !== advice.obligation?.text);
  const draft = !!p.draft && role !== 'structure';
  const copyWording = (text: string) => {
    const done = (ok: boolean) => (p.model.status.value = t(lang, ok ? 'draftCopied' : 'copyFailed'));
    try {
      const clip = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
      if (!clip) return done(false);
      clip.writeText(text).then(() => done(true), () => done(false));
    } catch {
      done(false);
    }
  };
  const socialDeclared = reading.signals.some((s) => s.id === 'clause-insertion' || s.id === 'critere-social');

  return (
    <div class="essor-advice">
      {p.roleSwitch !== false && (
        <fieldset class="essor-row essor-roles">
          <legend class="essor-sr">{t(lang, 'role')}</legend>
          <span aria-hidden="true">{t(lang, 'role')} :</span>
          {ROLE_KEYS.map(([r, key]) => (
            <button key={r} type="button" aria-pressed={role === r} class={role === r ? 'essor-primary' : ''} onClick={() => p.model.setRole(r)}>
              {t(lang, key)}
            </button>
          ))}
        </fieldset>
      )}

      {role === 'structure' && p.fit && <FitLine fit={p.fit} lang={lang} idPrefix={p.idPrefix} />}

      <section class="essor-actions-block" aria-labelledby={id('actions')} data-essor-actions={head.actions}>
        <h3 id={id('actions')}>
          {t(lang, role === 'structure' ? 'actionsTitleStructure' : draft ? 'draftAdd' : 'actionsTitle')} <span class="essor-tag essor-headline">{head.badge}</span>
        </h3>
        <p class="essor-muted">{head.title}</p>
        {actions.length ? (
          <ol class="essor-actions">
            {actions.map((l) => (
              <LeverLine key={l.id} l={l} lang={lang} id={id(`how-${l.id}`)} role={role} {...(draft ? { onCopy: copyWording } : {})} />
            ))}
          </ol>
        ) : null}
        {advice.whyNot.map((w) => (
          <p key={w.field} class="essor-note">
            {w.text}
          </p>
        ))}
        {advice.obligation ? (
          <div class="essor-warn essor-obligation">
            <p>
              <strong>{t(lang, 'obligationTitle')}</strong> {advice.obligation.text}
            </p>
            <p class="essor-muted">
              {advice.obligation.reference}. {t(lang, 'obligationOutside')}
            </p>
            {advice.obligation.exceptions.length > 0 && (
              <details>
                <summary>{t(lang, 'obligationExceptions')}</summary>
                <ul>
                  {advice.obligation.exceptions.map((e, i) => (
                    <li key={i}>{e}</li>
                  ))}
                </ul>
              </details>
            )}
          </div>
        ) : draft && socialDeclared ? (
          <p class="essor-muted">{t(lang, 'draftObligationMet')}</p>
        ) : null}
      </section>

      {role === 'structure' && bid.length > 0 && (
        <section class="essor-section" aria-labelledby={id('bid')}>
          <h3 id={id('bid')}>{t(lang, 'bidTitle')}</h3>
          <ul>
            {bid.map((b, i) => (
              <li key={i}>{b}</li>
            ))}
          </ul>
        </section>
      )}

      <section class="essor-section" aria-labelledby={id('read')}>
        <h3 id={id('read')}>{t(lang, 'read')}</h3>
        {tnd.title ? (
          <p>
            <strong>{tnd.title}</strong>
          </p>
        ) : null}
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
        <h3 id={id('declared')}>{t(lang, draft ? 'draftHas' : 'declaredTitle')}</h3>
        {reading.signals.length ? (
          <ul>
            {reading.signals.map((s, i) => {
              const where = whereLabel(lang, s.where);
              return (
                <li key={i}>
                  <span class="essor-tag essor-declared">{signalLabel(lang, s.id)}</span>
                  {where ? <span class="essor-muted">{t(lang, 'foundIn', { where })}</span> : null}
                  <p class="essor-evidence">{s.evidence}</p>
                  {p.onShowEvidence && findableInPage(s.where) ? (
                    <button
                      type="button"
                      class="essor-link"
                      onClick={() => {
                        p.model.status.value = p.onShowEvidence!(s.evidence) ? '' : t(lang, 'notFoundInPage');
                      }}
                    >
                      {t(lang, 'showInPage')}
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <p class="essor-muted">{t(lang, draft ? 'draftHasNone' : 'declaredNone')}</p>
        )}
      </section>

      {others.length > 0 && (
        <details class="essor-section essor-fold">
          <summary>
            <h3 class="essor-inline-h">{t(lang, 'otherLevers', { n: others.length })}</h3>
          </summary>
          <ul class="essor-actions">
            {others.map((l) => (
              <LeverLine key={l.id} l={l} lang={lang} id={id(`how-${l.id}`)} role={role} />
            ))}
          </ul>
        </details>
      )}

      {advice.themes.length > 0 && (
        <p class="essor-section">
          <strong>{t(lang, 'themesTitle')} :</strong> {advice.themes.map((th) => th.label).join(', ')}
        </p>
      )}

      {fiches.length > 0 && (
        <details class="essor-section essor-fold">
          <summary>
            <h3 class="essor-inline-h">{t(lang, 'fichesCount', { n: fiches.length })}</h3>
          </summary>
          <ul class="essor-results">
            {fiches.map((g) => {
              const first = g.ids.find((x) => p.ficheById(x)?.status === 'complete') ?? g.ids[0]!;
              const fiche = p.ficheById(first);
              const isOpen = open.includes(first);
              return (
                <li key={first}>
                  <button type="button" class="essor-link" aria-expanded={isOpen} aria-controls={id(`fiche-${first}`)} onClick={() => p.model.toggleFiche(first)}>
                    {g.title}
                  </button>
                  {g.refs.length ? <span class="essor-muted"> ({g.refs.map((f) => ficheRef(lang, f)).join(' ; ')})</span> : null}
                  <span class="essor-muted"> — {g.why}</span>
                  <div id={id(`fiche-${first}`)} hidden={!isOpen}>
                    {isOpen && fiche ? <FicheView fiche={fiche} lang={lang} ficheById={p.ficheById} headingLevel={4} /> : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </details>
      )}

      <details class="essor-section essor-fold">
        <summary>
          <h3 class="essor-inline-h">{t(lang, 'actorsCount', { n: advice.actors.length })}</h3>
        </summary>
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
      </details>

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
      {/* Visible to everyone, and announced: copy done, passage not found. Empty, it takes no room. */}
      <p class="essor-status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
