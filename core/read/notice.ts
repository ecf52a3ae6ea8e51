import type { Signal, SignalId } from './types.ts';
import type { Section, SectionKind } from './sections.ts';
import type { TenderPatch } from './fields/index.ts';
import type { PlaceHint } from './types.ts';
import { normaliseCpv, normaliseCpvList } from './cpv.ts';
import { canonicalProcedure, parseDate, mergeLots, toNature } from './fields/index.ts';
import { toSections } from './sections.ts';
import { bounded, collapse, decodeEntities, fold } from './text.ts';
import { departementOfNuts } from './nuts.ts';
import { departementFromSiren } from '../territory/codes.ts';

/**
 * A notice record as in shared/fixtures/real/tenders.jsonl. Only these fields are read; the labels
 * stored alongside (`published_social_considerations`, `sector_label`, `ess_signal_in_text`) are not.
 */
export interface NoticeRecord {
  id?: string;
  title?: string;
  object?: string;
  cpv?: unknown;
  buyer?: string;
  buyer_location?: string;
  procedure?: string | null;
  lots?: unknown;
  /** Full notice text (BOAMP page text, BOAMP XML, DECP JSON…) when present. */
  raw_excerpt?: string;
  boamp_idweb?: string;
  /** Pictograms of the BOAMP page header ("Critères sociaux"…): published flags, not labels. */
  boamp_header_pictograms?: unknown;
  date_deadline?: string;
  url?: string;
  [key: string]: unknown;
}

/** What a record gives before the common reading steps. */
export interface RecordParts {
  patch: TenderPatch;
  sections: Section[];
  pictograms: string[];
  /** Signals read from structured data (DECP considerations), with their evidence. */
  structured: Signal[];
  lotTitles: string[];
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Splits a record into tender fields, text sections and structured signals. */
export function recordParts(record: NoticeRecord): RecordParts {
  const patch: TenderPatch = {};
  const sections: Section[] = [];
  const structured: Signal[] = [];
  const r = record && typeof record === 'object' ? record : ({} as NoticeRecord);

  const title = collapse(bounded(str(r.title), 2000));
  if (title) {
    patch.title = title;
    sections.push({ where: 'title', text: title, kind: 'title' });
  }
  const object = bounded(str(r.object), 20_000).trim();
  if (object) {
    patch.object = collapse(object).slice(0, 2000);
    sections.push({ where: 'object', text: object, kind: 'object' });
  }
  const cpv = normaliseCpvList(Array.isArray(r.cpv) ? r.cpv : typeof r.cpv === 'string' ? [r.cpv] : []);
  if (cpv.length) {
    patch.cpv = cpv;
    patch.cpvMain = true;
  }
  const buyer = collapse(bounded(str(r.buyer), 500));
  if (buyer) patch.buyer = buyer;
  const procedure = canonicalProcedure(str(r.procedure).replace(/^TYPE_PROCEDURE\//, '').replace(/_/g, ' '));
  if (procedure) patch.procedure = procedure;
  const lotTitles = (Array.isArray(r.lots) ? r.lots : []).slice(0, 500).filter((l): l is string => typeof l === 'string' && l.trim() !== '').map((l) => collapse(l));
  if (lotTitles.length) {
    patch.lots = lotTitles.map((t) => ({ title: t.slice(0, 300), cpv: [] }));
    sections.push({ where: 'lots', text: lotTitles.join('\n'), kind: 'lots' });
  }
  if (/^\d{2}-\d{3,6}$/.test(str(r.boamp_idweb))) patch.boampId = str(r.boamp_idweb);
  const deadline = parseDate(str(r.date_deadline));
  if (deadline) patch.deadline = deadline;
  const place = placeFromLocation(str(r.buyer_location));
  const registered = departementFromSiren(str(r.buyer_siret));
  if (place || registered) patch.place = { ...(place ?? {}), ...(registered ? { registered } : {}) };
  if (/^https?:\/\//.test(str(r.url))) patch.links = { notice: str(r.url) };

  const raw = bounded(str(r.raw_excerpt));
  const xmlFlags: string[] = [];
  if (raw) {
    const trimmed = raw.trimStart();
    if (trimmed.startsWith('<?xml') || /^<ANNONCE\b/i.test(trimmed)) {
      const xml = readBoampXml(trimmed);
      sections.push(...xml.sections);
      xmlFlags.push(...xmlPictograms(trimmed));
      const lots = mergeLots(patch.lots, xml.patch.lots);
      mergeMissing(patch, xml.patch);
      if (lots.length) patch.lots = lots;
    } else if (trimmed.startsWith('{')) {
      const decp = readDecp(trimmed);
      if (decp) {
        mergeMissing(patch, decp.patch);
        structured.push(...decp.signals);
      }
    } else {
      sections.push(...toSections(raw));
    }
  }
  const pictograms = [...(Array.isArray(r.boamp_header_pictograms) ? r.boamp_header_pictograms : []).filter((p): p is string => typeof p === 'string'), ...xmlFlags].slice(0, 20);
  return { patch, sections, pictograms, structured, lotTitles };
}

function mergeMissing(into: TenderPatch, from: TenderPatch): void {
  for (const [k, v] of Object.entries(from)) {
    const cur = (into as Record<string, unknown>)[k];
    if (cur === undefined || (Array.isArray(cur) && cur.length === 0)) (into as Record<string, unknown>)[k] = v;
  }
}

/**
 * Clues of `buyer_location`: "91165 Saulx Les Chartreux — département(s) de publication : 91",
 * "A Lyon (Code commune 69123)", "VILLEURBANNE (Code postal 69601)",
 * "Département des Pyrénées-Atlantiques (Code département DEP)", "Lieu d'exécution : (44) Loire-Atlantique".
 */
export function placeFromLocation(loc: string): PlaceHint | undefined {
  if (!loc) return undefined;
  const s = loc.slice(0, 1000);
  const f = fold(s);
  const hint: PlaceHint = {};
  const commune = /code\s+commune\s+(\d{5}|2[ab]\d{3})\b/.exec(f);
  if (commune?.[1]) hint.communeCode = commune[1].toUpperCase();
  const cpTagged = /code\s+postal\s+(\d{5})\b/.exec(f);
  const cpLead = /^\s*(\d{5})\s+([^—(\n]{2,60})/.exec(s);
  if (cpTagged?.[1]) {
    hint.postalCode = cpTagged[1];
    const city = collapse(s.slice(0, cpTagged.index).replace(/\(\s*$/, ''));
    if (city) hint.city = city;
  } else if (cpLead?.[1]) {
    hint.postalCode = cpLead[1];
    hint.city = collapse(cpLead[2] ?? '').replace(/\s+cedex(?:\s+\d+)?$/i, '');
  }
  const depName = /\bdepartement\s+(?:des|du|de\s+la|de\s+l'|de)\s*([^(—,\n]{3,60})/.exec(f);
  if (depName && !/publication/.test(depName[0])) hint.departementName = collapse(s.slice(depName.index + depName[0].length - (depName[1]?.length ?? 0), depName.index + depName[0].length));
  // "TOUTES LES COMMUNES DE LOIRE-ATLANTIQUE (Code commune DEP)": the code says a whole département, the name which.
  else if (/\(\s*code\s+[a-z]+\s+dep\s*\)/.test(f)) {
    const named = collapse(s.slice(0, s.search(/\(\s*code\s/i)));
    const tail = /(?:^|\s)(?:de\s+la|de\s+l['’]|des|du|de)\s+([^\s].*)$/i.exec(named)?.[1];
    if (tail ?? named) hint.departementName = tail ?? named;
  }
  const pub = /publication\s*:\s*([\d,\s ab]{2,120})/.exec(f);
  if (pub?.[1]) hint.publication = pub[1].split(/[,\s]+/).map((d) => d.trim().toUpperCase()).filter((d) => /^(\d{2,3}|2[AB])$/.test(d));
  // Codes of places begin with their département's: an arrondissement's ("Code arrondissement 544", Toul: 54), a
  // canton's ("0902", Ariège), a commune's or a postal code, even filed under the wrong type ("NIEPPE (Code commune
  // 59850)", "ARRAS (Code département 62041)"). A région's code is not a département's.
  // A canton's code may be filed under another type when its name says it is one: "Arize-Lèze (canton) (Code
  // commune 0902)".
  const arr = /code\s+(?:arrondissement|canton)\s+(\d{3,4}|2[ab]\d{1,2})\b/.exec(f) ?? (/\bcanton\b/.test(f) ? /code\s+(?!region)[a-z]+\s+(\d{4}|2[ab]\d{2})\b/.exec(f) : null);
  const anyCode = /code\s+(?!region)[a-z]+\s+(\d{5})\b/.exec(f)?.[1];
  const prefix = (code: string) => (code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2)).toUpperCase();
  const fromCode = [hint.communeCode, anyCode].find((c) => c && !c.startsWith('20'));
  // A département's own code or its NUTS 3 code under any type: "CHARENTE MARITIME (Code commune 17)",
  // "RHONE (Code département FRK26)".
  const bare = /code\s+(?!region)[a-z]+\s+(\d{2,3}|2[ab])\b/.exec(f)?.[1];
  const nuts = departementOfNuts(/code\s+[a-z]+\s+(fr[a-z0-9]{3})\b/.exec(f)?.[1]);
  const clue = arr?.[1] ? prefix(arr[1]) : fromCode ? prefix(fromCode) : bare ? bare.toUpperCase() : nuts;
  if (clue && !hint.publication?.length) hint.publication = [clue];
  const exec = /lieu\s+d'execution\s*:/.exec(f);
  if (exec) {
    const deps: string[] = [];
    const re = /\((\d{2,3}|2[ab])\)/g;
    for (let m = re.exec(f); m && deps.length < 100; m = re.exec(f)) deps.push((m[1] ?? '').toUpperCase());
    // "…" at the end: more places than listed.
    if (/\.\.\.|…/.test(s)) deps.push('…');
    if (deps.length) hint.execution = deps;
    // "Lieu d'exécution : NICE CEDEX 4", "KOENIGSMACKER et GUENANGE": a commune's name alone, the first one named.
    const named = /lieu\s+d['’]ex[ée]cution\s*:\s*([^\n(]{2,80})/i.exec(s)?.[1];
    const first = named?.split(/\s+(?:et|-|–)\s+|\s*[,;/]\s*/)[0]?.replace(/\s+cedex(?:\s+\d+)?\s*$/i, '').replace(/^(?:commune|ville)\s+(?:de|d['’])\s*/i, '').trim();
    if (!deps.length && !hint.city && first && !/\d/.test(first)) {
      hint.city = first;
      // "Lieu d'exécution : CALVADOS", "LA MANCHE": a département's name reads as one before any commune's.
      if (!hint.departementName) hint.departementName = first.replace(/^(?:la|le|les)\s+|^l['’]\s*/i, '');
    }
  }
  return Object.keys(hint).length ? hint : undefined;
}

// --- BOAMP XML (schema Boamp_v230) ---------------------------------------------------------------

const XML_WHERE: Record<string, [string, SectionKind?]> = {
  TITRE_MARCHE: ['title', 'title'],
  RESUME_OBJET: ['object', 'object'],
  OBJET_COMPLET: ['object', 'object'],
  DESCRIPTION: ['lots', 'lots'],
  INTITULE: ['lots', 'lots'],
  CRITERE: ['criteria', 'criteria'],
  CONDITIONS_EXECUTION: ['conditions', 'conditions'],
  COND_EXEC: ['conditions', 'conditions'],
  CONDITION_EXECUTION: ['conditions', 'conditions'],
  MARCHE_RESERVE: ['conditions', 'reserved'],
  INFO_COMPL: ['text', 'other'],
  RENS_COMPLEMENT: ['text', 'other'],
  SITUATION_JURIDIQUE: ['conditions', 'participation'],
  CAP_ECO: ['conditions', 'participation'],
  CAP_TECH: ['conditions', 'participation'],
  FORME_JURIDIQUE: ['conditions', 'participation'],
};

/** Reads a BOAMP XML notice with a tolerant tokenizer (the excerpt may be truncated). */
/** BOAMP's flags of the XML index (`<CRITERES_SOCIAUX_ENV><SOCIAUX/>`), the pictograms its pages show. */
function xmlPictograms(xml: string): string[] {
  const block = /<CRITERES_SOCIAUX_ENV>([\s\S]{0,300}?)<\/CRITERES_SOCIAUX_ENV>/i.exec(xml)?.[1] ?? '';
  const out: string[] = [];
  if (/<SOCIAUX\s*\/>/i.test(block)) out.push('Critères sociaux');
  if (/<ENVIRONNEMENTAUX\s*\/>/i.test(block)) out.push('Critères environnementaux');
  return out;
}

export function readBoampXml(xml: string): { patch: TenderPatch; sections: Section[] } {
  const patch: TenderPatch = {};
  const sections: Section[] = [];
  const flags: string[] = [];
  const stack: string[] = [];
  const first = new Map<string, string>();
  const lots: { number?: string; title?: string; cpv: string[] }[] = [];
  let lot: { number?: string; title?: string; cpv: string[] } | undefined;
  const re = /<(\/?)([A-Za-z_][\w.-]*)([^<>]*?)(\/?)>|([^<]+)/g;
  let n = 0;
  for (let m = re.exec(xml); m && n < 100_000; m = re.exec(xml), n++) {
    if (m[5] !== undefined) {
      const text = collapse(decodeEntities(m[5]));
      const tag = stack[stack.length - 1];
      if (!text || !tag) continue;
      const path = stack.join('/');
      if (!first.has(tag)) first.set(tag, text);
      if (lot && stack.includes('LOT')) {
        if (tag === 'NUM') lot.number = text;
        else if (tag === 'INTITULE' && !lot.title) lot.title = text;
        else if (tag === 'PRINCIPAL' && stack.includes('CPV')) {
          const c = normaliseCpv(text);
          if (c && !lot.cpv.includes(c)) lot.cpv.push(c);
        }
      }
      if (tag === 'NUM_LOT') flags.push(`Lot ${text} :`);
      const mapped = XML_WHERE[tag];
      if (mapped) {
        const [where, kind] = mapped;
        sections.push(kind ? { where, text, kind } : { where, text });
      } else if (text.length > 40 && !/^(?:URL|MEL|ADRESSE|TEL|FAX)/.test(tag)) {
        sections.push({ where: path.split('/').slice(-2).join('/').toLowerCase(), text });
      }
      continue;
    }
    const closing = m[1] === '/';
    const name = (m[2] ?? '').toUpperCase();
    const selfClosing = m[4] === '/';
    if (name.startsWith('?') || name.startsWith('!')) continue;
    if (selfClosing) {
      // Boolean flags: <MARCHE_RESERVE_NON/>, <DIV_EN_LOTS><OUI/>.
      const parent = stack[stack.length - 1] ?? '';
      flags.push(name === 'OUI' || name === 'NON' ? `<${parent}><${name}/>` : `<${name}/>`);
      if (parent === 'TYPE_MARCHE') {
        const nature = toNature(name === 'SERVICE' ? 'services' : name.toLowerCase());
        if (nature) patch.nature = nature;
      }
      if (parent === 'TYPE_PROCEDURE') {
        const p = canonicalProcedure(name.replace(/_/g, ' ').toLowerCase());
        if (p) patch.procedure = p;
      }
      continue;
    }
    if (closing) {
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
      if (name === 'LOT' && lot) {
        lots.push(lot);
        lot = undefined;
      }
    } else {
      if (stack.length < 64) stack.push(name);
      if (name === 'LOT') lot = { cpv: [] };
    }
  }
  if (flags.length) sections.push({ where: 'xml', text: flags.join('\n'), kind: 'other' });

  const idweb = first.get('IDWEB');
  if (idweb && /^\d{2}-\d{3,6}$/.test(idweb)) patch.boampId = idweb;
  const title = first.get('TITRE_MARCHE') ?? first.get('RESUME_OBJET');
  if (title) patch.title = title;
  const object = first.get('OBJET_COMPLET');
  if (object) patch.object = object.slice(0, 2000);
  const buyer = first.get('DENOMINATION');
  if (buyer) patch.buyer = buyer;
  const ref = first.get('REF_MARCHE');
  if (ref) patch.reference = ref;
  const deadline = parseDate(first.get('RECEPT_OFFRES') ?? '');
  if (deadline) patch.deadline = deadline;
  const valueText = first.get('VALEUR_MAX') ?? first.get('VALEUR_TOTALE') ?? first.get('VALEUR');
  const value = valueText ? Number(valueText.replace(/\s/g, '').replace(',', '.')) : NaN;
  if (Number.isFinite(value) && value > 0) patch.estimatedValue = value;
  const mainCpv = /<OBJET>[\s\S]*?<CPV>\s*<PRINCIPAL>\s*(\d{8})/i.exec(xml);
  if (mainCpv?.[1]) {
    patch.cpv = [mainCpv[1]];
    patch.cpvMain = true;
  }
  const cp = first.get('CP');
  const ville = first.get('VILLE');
  const dep = first.get('DEP_PUBLICATION');
  const place: PlaceHint = {};
  if (cp && /^\d{5}$/.test(cp)) place.postalCode = cp;
  if (ville) place.city = ville.replace(/\s+cedex(?:\s+\d+)?$/i, '');
  if (dep) place.publication = [dep];
  if (Object.keys(place).length) patch.place = place;
  const profile = first.get('URL_PROFIL_ACHETEUR');
  const docs = first.get('URL_DOCUMENT');
  if (profile || docs) {
    patch.links = {};
    if (profile) patch.links.buyerProfile = profile;
    if (docs) patch.links.dce = docs;
  }
  const numbered = lots.filter((l) => l.number || l.title);
  if (numbered.length) patch.lots = numbered.map((l) => ({ ...(l.number ? { number: l.number } : {}), title: (l.title ?? `Lot ${l.number}`).slice(0, 300), cpv: l.cpv }));
  return { patch, sections };
}

// --- DECP (données essentielles) -----------------------------------------------------------------

const CONSIDERATIONS: [RegExp, SignalId][] = [
  [/^clause sociale/, 'clause-insertion'],
  [/^critere social/, 'critere-social'],
  [/^marche reserve/, 'reserve-handicap'],
  [/^clause environnementale/, 'clause-environnementale'],
  [/^critere environnemental/, 'critere-environnemental'],
];

/** Reads a DECP record (2019 or 2022 format): object, CPV, procedure, place, amount, considerations. */
export function readDecp(json: string): { patch: TenderPatch; signals: Signal[] } | undefined {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    // The excerpt of a record may be cut or not JSON at all: expected, it is then no DECP record.
    return undefined;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const d = data as Record<string, unknown>;
  const patch: TenderPatch = {};
  const signals: Signal[] = [];
  // Essential data are published once a contract is notified: an award.
  if (str(d.dateNotification) || d.titulaires) patch.noticeType = 'award';
  const objet = collapse(decodeEntities(str(d.objet)).replace(/<br\s*\/?>/gi, ' '));
  if (objet) patch.object = objet.slice(0, 2000);
  const cpv = normaliseCpv(str(d.codeCPV));
  if (cpv) {
    patch.cpv = [cpv];
    patch.cpvMain = true;
  }
  const procedure = canonicalProcedure(str(d.procedure));
  if (procedure) patch.procedure = procedure;
  const acheteur = d.acheteur as Record<string, unknown> | undefined;
  if (acheteur && str(acheteur.nom)) patch.buyer = collapse(str(acheteur.nom));
  if (str(d.id)) patch.reference = str(d.id).slice(0, 60);
  const montant = typeof d.montant === 'number' ? d.montant : Number(str(d.montant));
  if (Number.isFinite(montant) && montant > 0) patch.estimatedValue = montant;
  const lieu = d.lieuExecution as Record<string, unknown> | undefined;
  if (lieu) {
    const code = str(lieu.code).trim();
    const type = fold(str(lieu.typeCode));
    const hint: PlaceHint = {};
    if (/commune/.test(type) && /^(\d{5}|2[AB]\d{3})$/i.test(code)) hint.communeCode = code.toUpperCase();
    else if (/postal/.test(type) && /^\d{5}$/.test(code)) {
      hint.postalCode = code;
      if (str(lieu.nom)) hint.city = str(lieu.nom);
    } else if (/departement/.test(type) && /^(\d{2,3}|2[AB])$/i.test(code)) hint.publication = [code.toUpperCase()];
    if (Object.keys(hint).length) patch.place = hint;
  }
  const registered = departementFromSiren(str(acheteur?.id));
  if (registered) patch.place = { ...(patch.place ?? {}), registered };
  // DECP 2022: "considerationsSociales": ["Clause sociale", "Critère social", "Marché réservé"].
  for (const field of ['considerationsSociales', 'considerationsEnvironnementales']) {
    const v = d[field];
    const list = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
    for (const item of list.slice(0, 10)) {
      if (typeof item !== 'string') continue;
      const f = fold(item.trim());
      const rule = CONSIDERATIONS.find(([re]) => re.test(f));
      if (rule && !signals.some((s) => s.id === rule[1])) signals.push({ id: rule[1], evidence: item.trim().slice(0, 300), where: field });
    }
  }
  return { patch, signals };
}
