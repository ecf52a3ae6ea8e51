import type { Kb } from '../core/kb/index';
import type { SearchDoc } from '../core/search/index';
import { FicheView, ficheRef } from './fiche-view';
import { pick } from '../core/lang';
import { plural, t, type Lang, type MessageKey } from './i18n';
import type { SearchModel } from './search-model';

const TYPE_KEY: Record<SearchDoc['type'], MessageKey> = { fiche: 'typeFiche', lever: 'typeLever', theme: 'typeTheme', actor: 'typeActor' };
const KITS: [string, MessageKey][] = [
  ['municipal-2026', 'kitMunicipal'],
  ['regional-2021', 'kitRegional'],
  ['rtes-2020', 'kitRtes'],
  ['cress-occitanie-2026', 'kitCressOcc'],
  ['cress-nouvelle-aquitaine', 'kitCressNa'],
];
const CATS: [string, MessageKey][] = [
  ['introductive', 'catIntroductive'],
  ['levier', 'catLevier'],
  ['thematique', 'catThematique'],
  ['propositions', 'catPropositions'],
];

/** Fuzzy search over fiches, levers, themes and actors, with filters, results as you type. */
export function SearchPanel({ model, kb, lang, idPrefix, onOpen }: { model: SearchModel; kb: Kb; lang: Lang; idPrefix: string; onOpen?: (type: string, id: string) => void }) {
  const id = (s: string) => `${idPrefix}-${s}`;
  const opened = model.opened.value;
  if (opened) return <OpenedItem kb={kb} lang={lang} item={opened} onBack={() => (model.opened.value = null)} onOpen={(fid) => (model.opened.value = { type: 'fiche', id: fid })} />;
  const q = model.query.value.trim();
  const results = model.results.value;
  const select = (label: MessageKey, sig: { value: string }, options: [string, string][], name: string) => (
    <div>
      <label for={id(name)}>{t(lang, label)}</label>
      <select id={id(name)} value={sig.value} onChange={(e) => (sig.value = (e.currentTarget as HTMLSelectElement).value)}>
        <option value="">{t(lang, 'all')}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div class="essor-search" role="search">
      <label for={id('q')}>{t(lang, 'searchLabel')}</label>
      <input
        id={id('q')}
        type="search"
        autocomplete="off"
        placeholder={t(lang, 'searchPlaceholder')}
        value={model.query.value}
        onInput={(e) => (model.query.value = (e.currentTarget as HTMLInputElement).value)}
        style="width:100%"
      />
      <div class="essor-filters">
        {select('filterType', model.type, (Object.keys(TYPE_KEY) as SearchDoc['type'][]).map((k) => [k, t(lang, TYPE_KEY[k])]), 'type')}
        {select('filterKit', model.kit, KITS.map(([k, m]) => [k, t(lang, m)]), 'kit')}
        {select('filterCategory', model.category, CATS.map(([k, m]) => [k, t(lang, m)]), 'cat')}
        {select('filterTheme', model.theme, kb.themes.map((th) => [th.id, pick(th.label, lang)]), 'theme')}
      </div>
      <p role="status" aria-live="polite" class="essor-muted">
        {q.length >= 2 && results.length === 0 ? t(lang, 'searchNone', { q }) : plural(lang, results.length, { one: t(lang, 'searchResultsOne', { n: '{n}' }), other: t(lang, 'searchResultsOther', { n: '{n}' }) })}
      </p>
      <ul class="essor-results">
        {results.map(({ doc }) => (
          <li key={`${doc.type}:${doc.id}`}>
            <span class="essor-type">{t(lang, TYPE_KEY[doc.type])}</span>
            <button
              type="button"
              class="essor-link"
              onClick={() => {
                model.opened.value = { type: doc.type, id: doc.id };
                onOpen?.(doc.type, doc.id);
              }}
            >
              {docTitle(kb, doc, lang)}
            </button>
            {doc.type === 'fiche' && kb.fiche(doc.id) ? <span class="essor-muted"> — {ficheRef(lang, kb.fiche(doc.id)!)}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A result's name in the reader's language: levers and themes have both (fiches and actors keep their own). */
function docTitle(kb: Kb, doc: { type: string; id: string; title: string }, lang: Lang): string {
  if (doc.type === 'lever') return pick(kb.lever(doc.id)?.label ?? { fr: doc.title, en: doc.title }, lang);
  if (doc.type === 'theme') return pick(kb.theme(doc.id)?.label ?? { fr: doc.title, en: doc.title }, lang);
  return doc.title;
}

function FicheLinks({ kb, ids, onOpen }: { kb: Kb; ids: string[]; onOpen: (id: string) => void }) {
  return (
    <ul>
      {ids.map((fid) => (
        <li key={fid}>
          <button type="button" class="essor-link" onClick={() => onOpen(fid)}>
            {kb.fiche(fid)?.title ?? fid}
          </button>
        </li>
      ))}
    </ul>
  );
}

function OpenedItem({ kb, lang, item, onBack, onOpen }: { kb: Kb; lang: Lang; item: { type: string; id: string }; onBack: () => void; onOpen: (id: string) => void }) {
  let body = null;
  if (item.type === 'fiche') {
    const f = kb.fiche(item.id);
    if (f) body = <FicheView fiche={f} lang={lang} ficheById={kb.fiche} onOpen={onOpen} />;
  } else if (item.type === 'lever') {
    const l = kb.lever(item.id);
    if (l)
      body = (
        <article>
          <h3>{pick(l.label, lang)}</h3>
          <p class="essor-muted">{l.legalBasis.join(' · ')}</p>
          <p>{l.what}</p>
          <h4>{t(lang, 'roleAcheteur')}</h4>
          <ul>{l.buyer.map((x, i) => <li key={i}>{x}</li>)}</ul>
          <h4>{t(lang, 'roleStructure')}</h4>
          <ul>{l.structure.map((x, i) => <li key={i}>{x}</li>)}</ul>
          {l.wording ? (
            <>
              <h4>{t(lang, 'wording')}</h4>
              <p class="essor-wording">{l.wording}</p>
            </>
          ) : null}
          {l.fiches.length ? (
            <>
              <h4>{t(lang, 'fichesTitle')}</h4>
              <FicheLinks kb={kb} ids={l.fiches} onOpen={onOpen} />
            </>
          ) : null}
        </article>
      );
  } else if (item.type === 'theme') {
    const th = kb.theme(item.id);
    if (th)
      body = (
        <article>
          <h3>{pick(th.label, lang)}</h3>
          <FicheLinks kb={kb} ids={th.fiches} onOpen={onOpen} />
        </article>
      );
  } else if (item.type === 'actor') {
    const a = kb.actor(item.id);
    if (a)
      body = (
        <article>
          <h3>{a.name}</h3>
          <p>{a.description}</p>
          {a.website ? (
            <p>
              <a href={a.website} target="_blank" rel="noopener noreferrer">
                {a.website}
              </a>
            </p>
          ) : null}
          <FicheLinks kb={kb} ids={a.fiches} onOpen={onOpen} />
        </article>
      );
  }
  return (
    <div>
      <button type="button" onClick={onBack}>
        ← {t(lang, 'back')}
      </button>
      {body}
    </div>
  );
}
