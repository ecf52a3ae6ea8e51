import type { PageKind } from '../read/types.ts';
import type { Portal, PortalExtract, PortalExamples } from './types.ts';
import type { TenderPatch } from '../read/fields/index.ts';
import { absolute, all, blockText, byId, listEntries, mainRoot, textOf } from '../read/dom.ts';
import { canonicalProcedure, findDepartementCodes, parseDate, toNature } from '../read/fields/index.ts';
import { normaliseCpv } from '../read/cpv.ts';
import { kindOf, pathAndQuery } from './kit.ts';
import { toSections } from '../read/sections.ts';
import { collapse, fold } from '../read/text.ts';

// Atexo MPE: the same software behind PLACE and dozens of regional/buyer platforms, so it is
// recognised by its paths (PRADO `?page=Entreprise.…` and Symfony `/entreprise/consultation/{id}`)
// and by its DOM, not by a list of domains.
const NOTICE_PATH = /\/entreprise\/consultation\/\d+|[?&]page=entreprise\.(?:entreprisedetailsconsultation|entreprisedetailconsultation|entreprisedemandetelechargementdce)\b/i;
const LIST_PATH = /[?&]page=entreprise\.(?:entrepriseadvancedsearch|entrepriserechercherlisteconsultations|entrepriseaccueil|accueilentreprise)\b|\/entreprise\/consultation\/?(?:\?|$)|\/entreprise\/consultation\/(?:recherche|search|liste)\b/i;
const ENTRY_HREF = /\/entreprise\/consultation\/\d+|entreprisedetails?consultation|refconsultation=\d+/i;

// PRADO element `ctl0_CONTENU_PAGE_…_<suffix>` (the `ctl7` part varies between versions).
function prado(doc: Document, suffix: string): Element | undefined {
  return (
    byId(doc, `ctl0_CONTENU_PAGE_ctl7_${suffix}`) ??
    all(doc, `[id^="ctl0_CONTENU_PAGE_"][id$="_${suffix}"]`, 5).find((el) => !el.id.includes('FormulaireDemande')) ??
    undefined
  );
}

function pradoText(doc: Document, suffix: string): string | undefined {
  const el = prado(doc, suffix);
  if (!el) return undefined;
  const t = collapse(blockText(el, 20_000));
  return t && t !== '-' ? t : undefined;
}

// Consultation id and organism acronym from the URL, a form action or the lots pop-up link.
function consultationIds(doc: Document, url: URL): { ref?: string; org?: string } {
  const fromQuery = (u: string): { ref?: string; org?: string } => {
    const ref = /(?:refconsultation|[?&]id)=(\d+)/i.exec(u)?.[1] ?? /\/entreprise\/consultation\/(\d+)/i.exec(u)?.[1];
    const org = /orgacc?ronyme=([a-z0-9-]+)/i.exec(u)?.[1];
    const out: { ref?: string; org?: string } = {};
    if (ref) out.ref = ref;
    if (org) out.org = org;
    return out;
  };
  const own = fromQuery(pathAndQuery(url));
  if (own.ref && own.org) return own;
  for (const el of [...all(doc, 'form[action]', 5), ...all(doc, '[href*="refConsultation"]', 5)]) {
    const found = fromQuery(el.getAttribute('action') ?? el.getAttribute('href') ?? '');
    if (found.ref) return { ...found, ...own };
  }
  return own;
}

// The DCE download link every Atexo consultation page carries (PRADO and the 2026 front alike).
function dceLink(doc: Document): Element | undefined {
  return all(doc, 'a#linkDownloadDce[href*="EntrepriseDemandeTelechargementDce" i]', 1)[0];
}

// "Ville de Créteil (94000 - Créteil)": the organism's postal code and town, as the 2026 recap shows them.
const ORG_PLACE = /\(\s*(\d{5})\s*[-–]\s*([^()]{2,60}?)\s*\)\s*$/;

/** The Atexo page kind: from the path, else from the PRADO recap or repeated result blocks. */
export function atexoPageKind(doc: Document, url: URL): PageKind {
  if (prado(doc, 'intitule') || prado(doc, 'reference') || dceLink(doc)) return 'notice';
  if (all(doc, '.item_consultation', 3).length >= 2 || all(doc, 'input[name*="refCons"]', 3).length >= 2) return 'list';
  return kindOf(doc, url, NOTICE_PATH, LIST_PATH, ENTRY_HREF);
}

// Labels of the Symfony consultation page and of other Atexo skins, read line by line.
const LABELS: [RegExp, keyof AtexoFields][] = [
  [/^date et heure limite de remise des plis\s*:?/, 'deadline'],
  [/^date limite de remise des plis\s*:?/, 'deadline'],
  [/^reference\s*:/, 'reference'],
  [/^intitule\s*:/, 'title'],
  [/^objet\s*:/, 'object'],
  [/^(?:organisme|entite d'achat)\s*:/, 'buyer'],
  [/^entite publique\s*:/, 'entity'],
  [/^(?:type de )?procedure\s*:/, 'procedure'],
  [/^categorie principale\s*:/, 'nature'],
  [/^allotissement\s*:/, 'lots'],
  [/^code cpv\s*:/, 'cpv'],
  [/^lieu d'execution\s*:/, 'place'],
];
type AtexoFields = Record<'deadline' | 'reference' | 'title' | 'object' | 'buyer' | 'entity' | 'procedure' | 'nature' | 'lots' | 'cpv' | 'place', string>;

function labelled(text: string): Partial<AtexoFields> {
  const out: Partial<AtexoFields> = {};
  const lines = text.split('\n').slice(0, 3000);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    const f = fold(line);
    for (const [re, name] of LABELS) {
      const m = re.exec(f);
      if (!m || out[name]) continue;
      let v = line.slice(m[0].length).trim();
      if (!v) v = (lines[i + 1] ?? '').trim();
      if (v && v !== '-') out[name] = v;
    }
  }
  return out;
}

/**
 * Reads an Atexo consultation page (PRADO ids `ctl0_CONTENU_PAGE_…`, else labelled lines) or an Atexo
 * result list. Shared by `atexo` and `place`.
 */
export function extractAtexo(doc: Document, url: URL): PortalExtract {
  const out: PortalExtract = { tender: {}, sections: [], entries: [] };
  const kind = atexoPageKind(doc, url);
  if (kind === 'list') {
    // Each consultation's id, from its link (`/entreprise/consultation/944655`, `refConsultation=…`).
    out.entries = listEntries(doc, url, {
      href: ENTRY_HREF,
      item: all(doc, '.item_consultation', 3).length >= 2 ? '.item_consultation' : undefined,
      title: '[id*="panelBlocObjet"] .truncate-700, [id*="panelBlocObjet"], .objet-line',
      buyer: '[id*="panelBlocDenomination"], [id*="Organisme"], .entite',
    } as Parameters<typeof listEntries>[2]).map((e) => {
      const ref = /\/entreprise\/consultation\/(\d+)|refconsultation=(\d+)/i.exec(e.url ?? '');
      const id = ref?.[1] ?? ref?.[2];
      return id ? { ...e, reference: id } : e;
    });
    return out;
  }
  const root = byId(doc, 'recap-consultation') ?? all(doc, '.recap-infos-consultation, #ctl0_CONTENU_PAGE_mainPart', 1)[0] ?? mainRoot(doc);
  const text = blockText(root);
  const lab = labelled(text);
  const t: TenderPatch = {};
  const title = pradoText(doc, 'intitule') ?? lab.title;
  if (title) t.title = title;
  const object = pradoText(doc, 'objet') ?? lab.object;
  if (object) t.object = object;
  const reference = pradoText(doc, 'reference') ?? lab.reference;
  if (reference) t.reference = reference;
  // "Entité d'achat" is the buying service; "Entité publique" the ministry or body above it.
  const buyerRaw = pradoText(doc, 'entiteAchat') ?? lab.buyer ?? pradoText(doc, 'entitePublique') ?? lab.entity;
  const orgPlace = [buyerRaw, lab.entity, lab.buyer].map((v) => (v ? ORG_PLACE.exec(v) : null)).find(Boolean);
  const buyer = buyerRaw?.replace(ORG_PLACE, '').trim();
  if (buyer) t.buyer = buyer;
  const procedure = canonicalProcedure(pradoText(doc, 'typeProcedure') ?? lab.procedure);
  if (procedure) t.procedure = procedure;
  const nature = toNature(pradoText(doc, 'categoriePrincipale') ?? lab.nature);
  if (nature) t.nature = nature;
  const deadline = parseDate(pradoText(doc, 'dateHeureLimiteRemisePlis') ?? lab.deadline ?? '');
  if (deadline) t.deadline = deadline;
  const lots = /(\d+)\s*lots?/i.exec(pradoText(doc, 'nbrLots') ?? lab.lots ?? '');
  if (lots?.[1]) t.lotCount = Number(lots[1]);
  // Main CPV in a script-filled span, secondary codes in a hidden input ("#code1#code2").
  const cpv: string[] = [];
  const main = normaliseCpv((pradoText(doc, 'idAtexoRef_scriptRef') ?? /\d{8}/.exec(lab.cpv ?? '')?.[0] ?? '').split(/\s/)[0] ?? '');
  if (main) cpv.push(main);
  const sec = prado(doc, 'idAtexoRef_codesRefSec')?.getAttribute('value') ?? '';
  for (const code of sec.split(/[#,;\s]+/)) {
    const c = normaliseCpv(code);
    if (c && !cpv.includes(c)) cpv.push(c);
  }
  if (cpv.length) {
    t.cpv = cpv;
    t.cpvMain = Boolean(main);
  }
  const place = pradoText(doc, 'lieuxExecutions') ?? lab.place;
  const deps = place ? findDepartementCodes(place) : [];
  // A trailing "…" means more places are hidden: the list is incomplete, so not a single place.
  const execution = deps.length ? (/\.\.\.|…/.test(textOf(root, '[id$="_spanLieux"]') ?? '') ? [...deps, '…'] : deps) : undefined;
  if (execution) t.performance = { execution };
  if (orgPlace?.[1]) t.place = { postalCode: orgPlace[1], city: collapse(orgPlace[2] ?? '') };
  // Without the organism's address, a single place of performance is the best clue of the buyer's territory.
  else if (execution) t.place = { execution };
  const { ref, org } = consultationIds(doc, url);
  const links: TenderPatch['links'] = { notice: url.href };
  const ownDce = absolute(dceLink(doc)?.getAttribute('href'), url);
  if (ownDce && /^https?:/.test(ownDce)) links.dce = ownDce;
  else if (ref && org) {
    links.dce = absolute(`/index.php?page=entreprise.EntrepriseDemandeTelechargementDce&refConsultation=${ref}&orgAcronyme=${org}`, url) ?? '';
    if (!links.dce) delete links.dce;
  }
  t.links = links;
  out.tender = t;
  out.sections = toSections(text, 'text');
  // Icons of the recap (social/environmental clauses, reserved contract) carry their meaning in title/alt.
  const icons = all(root, 'img[title], img[alt], [data-original-title]', 40)
    .map((el) => collapse(el.getAttribute('title') || el.getAttribute('alt') || el.getAttribute('data-original-title') || ''))
    .filter((s) => /clause|crit[eè]re|r[ée]serv|environnement|social|insertion/i.test(s));
  if (icons.length) out.pictograms = [...new Set(icons)];
  return out;
}

/** Atexo MPE on any host (LocalTrust / "SDM" platforms). */
export const atexo: Portal = {
  id: 'atexo',
  name: 'Atexo MPE (plates-formes régionales et acheteurs)',
  matches(url: URL): boolean {
    const p = pathAndQuery(url);
    return NOTICE_PATH.test(p) || LIST_PATH.test(p);
  },
  detect(doc: Document): boolean {
    return Boolean(byId(doc, 'PRADO_PAGESTATE') && (prado(doc, 'intitule') || all(doc, '.item_consultation', 1).length)) || Boolean(prado(doc, 'reference')) || Boolean(dceLink(doc));
  },
  pageKind: atexoPageKind,
  extract: extractAtexo,
  hosts: [
    'marches.maximilien.fr',
    'www.maximilien.fr',
    'marches.megalis.bretagne.bzh',
    'marches.megalisbretagne.org',
    'marches.ternum-bfc.fr',
    'marchespublics.grandest.fr',
    'alsacemarchespublics.eu',
    'plateforme.alsacemarchespublics.eu',
    'www.demat-ampa.fr',
    'demat-ampa.fr',
    'marchespublics596280.fr',
    'marchespublics.paysdelaloire.fr',
    'marches.departement13.fr',
    'marchespublics.lenord.fr',
    'mpe-marseille.local-trust.com',
    'marches.montpellier3m.fr',
    'marchespublics.ain.fr',
    'marchespublics.landespublic.org',
    'eadministration64.fr',
    'plateforme.achat-hopital.com',
    'achats-consultations.banque-france.fr',
    'marches.cnes.fr',
    'marches.mrs.aero',
    'eguadeloupe.com',
    'marches.cinor.fr',
    'webmarche.solaere.recia.fr',
    'portail.marchespublics.nc',
    'achats.regioncentre.fr',
    'aof-formpro.normandie.fr',
  ],
};

/** Example URLs of this engine (tests only: the cross-negative test checks them against every engine). */
export const atexoExamples: PortalExamples = {
  notice: [
    'https://marches.maximilien.fr/entreprise/consultation/945739?orgAcronyme=a8z',
    'https://demat-ampa.fr/entreprise/consultation/610215?orgAcronyme=cr-aquitaine',
    'https://www.demat-ampa.fr/entreprise/consultation/123456?orgAcronyme=k3d',
    'https://marches.megalis.bretagne.bzh/app.php/entreprise/consultation/812345?orgAcronyme=x1y',
    'https://www.maximilien.fr/index.php?page=Entreprise.EntrepriseDetailsConsultation&id=12345&orgAcronyme=IDF',
    'https://marchespublics596280.fr/?page=entreprise.EntrepriseDetailsConsultation&refConsultation=54321&orgAcronyme=t7u',
  ],
  list: [
    'https://marches.ternum-bfc.fr/?page=Entreprise.EntrepriseAdvancedSearch&AllCons',
    'https://plateforme.alsacemarchespublics.eu/index.php?page=entreprise.EntrepriseAdvancedSearch&AllCons&keyWord=nettoyage',
  ],
};

/*
 * Test URLs
 * https://marches.maximilien.fr/entreprise/consultation/945739?orgAcronyme=a8z
 * https://www.maximilien.fr/index.php?page=Entreprise.EntrepriseDetailsConsultation&id=12345&orgAcronyme=IDF
 * https://marches.ternum-bfc.fr/?page=Entreprise.EntrepriseAdvancedSearch&AllCons
 */
