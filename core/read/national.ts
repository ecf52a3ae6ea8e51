import type { Lot, NoticeType, PlaceHint } from './types.ts';
import type { SectionKind } from './sections.ts';
import type { FormReading } from './forms.ts';
import { emptyForm, hintOrUndefined, lotWithValue } from './forms.ts';
import { canonicalProcedure, cpvCodesIn, parseAmount, parseDate, toNature } from './fields/index.ts';
import { readBoampXml } from './notice.ts';
import { toSections } from './sections.ts';
import { collapse, fold } from './text.ts';

/*
 * BOAMP's national forms in `donnees`: FNSimple, MAPA, DSP, DIVERS (camelCase keys: `organisme.nomOfficiel`,
 * `initial.lots.lot[].intituleLot`, `attribution.attribution.lotMarche`) and FNS (the XML schema's upper-case
 * names: `OBJET.LOTS.LOT[].INTITULE`). Their layout varies between versions and notice kinds, so they are
 * read by what each key means, not by fixed paths: a key naming a criterion goes to the criteria section, a
 * condition of execution to the conditions, a reservation to the reserved section; a flag is an empty
 * string under a key (`{"natureMarche": {"travaux": ""}}`, `{"marcheReserve": {"non": ""}}`) and becomes
 * "marche reserve : non" for the text rules. Upper-case forms go through the BOAMP XML reader.
 */

type J = unknown;
const isObj = (v: J): v is Record<string, J> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** Schemas of national forms that `readNationalForm` reads. */
export const NATIONAL_SCHEMAS = ['FNSimple', 'FNS', 'MAPA', 'DSP', 'DIVERS'] as const;

const wordsMemo = new Map<string, string>();

// camelCase / snake / UPPER key → folded words ("marcheReserve" → "marche reserve"); keys repeat across
// records, so they are remembered (a few hundred distinct keys per schema).
function words(key: string): string {
  let w = wordsMemo.get(key);
  if (w === undefined) {
    w = fold(key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_.-]+/g, ' ')).trim();
    if (wordsMemo.size < 5000) wordsMemo.set(key, w);
  }
  return w;
}

interface KeyRule {
  re: RegExp;
  kind: SectionKind;
  where: string;
}

// Tested on the folded words of the key path (innermost keys last).
const KEY_RULES: KeyRule[] = [
  { re: /\b(?:critere|criteres|jugement|ponderation)\b/, kind: 'criteria', where: 'criteria' },
  { re: /\b(?:reserve|reserves|reservation)\b/, kind: 'reserved', where: 'conditions' },
  { re: /\b(?:condition|conditions|clause|clauses)\b[^/]*\b(?:particip|candidat|capacite|justific)/, kind: 'participation', where: 'conditions' },
  { re: /\b(?:situation juridique|capacite|capacites|cap eco|cap tech|justifications?|habilitation)\b/, kind: 'participation', where: 'conditions' },
  { re: /\b(?:condition|conditions|clause|clauses|cond exec|execution)\b/, kind: 'conditions', where: 'conditions' },
  { re: /\b(?:objet|description|resume|caracteristiques|quantite|etendue)\b/, kind: 'object', where: 'object' },
  { re: /\b(?:lot|lots|lot marche)\b/, kind: 'lots', where: 'lots' },
  { re: /\b(?:procedure)\b/, kind: 'procedure', where: 'procedure' },
];

const TITLE_KEY = /^(?:intitule|titre|titre marche|intitule marche|objet marche)$/;
const BUYER_NAME = /^(?:nom officiel|denomination|nom organisme|nom)$/;
const DEADLINE_KEY = /\b(?:date limite|recept offres|reception offres|remise offres|date limite reponse)\b/;
const VALUE_KEY = /\b(?:valeur|montant|estimation)\b/;

interface Leaf {
  path: string[];
  /** The folded words of the path, " / " between keys. */
  trail: string;
  value: string;
}

function leaves(v: J, path: string[], out: Leaf[], budget: { n: number }, trail = ''): void {
  if (budget.n <= 0) return;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
    budget.n--;
    out.push({ path, trail, value: String(v) });
    return;
  }
  if (Array.isArray(v)) {
    for (const x of v) leaves(x, path, out, budget, trail);
    return;
  }
  if (isObj(v)) for (const [k, x] of Object.entries(v)) leaves(x, [...path, k], out, budget, trail ? `${trail} / ${words(k)}` : words(k));
}

function isUpperForm(form: J): boolean {
  if (!isObj(form)) return false;
  const keys = Object.keys(form);
  return keys.length > 0 && keys.filter((k) => /^[A-Z][A-Z0-9_]+$/.test(k)).length >= keys.length / 2;
}

// Upper-case JSON back to the XML the BOAMP reader knows; flags (empty strings) as empty elements.
function toXml(v: J, name: string, depth = 0): string {
  if (depth > 40) return '';
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  if (Array.isArray(v)) return v.map((x) => toXml(x, name, depth)).join('');
  if (isObj(v)) return `<${name}>${Object.entries(v).map(([k, x]) => (/^[@#]/.test(k) ? (k === '#text' ? esc(String(x)) : '') : toXml(x, k, depth + 1))).join('')}</${name}>`;
  const s = v === null || v === undefined ? '' : String(v);
  return s === '' ? `<${name}/>` : `<${name}>${esc(s)}</${name}>`;
}

/** Notice kind from the form's first keys (`initial`, `attribution`, `rectificatif`…). */
function nationalNoticeType(form: J): NoticeType | undefined {
  if (!isObj(form)) return undefined;
  const keys = Object.keys(form).map((k) => fold(k));
  if (keys.some((k) => /rectif|correct/.test(k))) return 'correction';
  if (keys.some((k) => /modif/.test(k))) return 'modification';
  if (keys.some((k) => /attribution|resultat/.test(k))) return 'award';
  if (keys.some((k) => /^initial|avis ?de ?marche|appel/.test(k))) return 'notice';
  return undefined;
}

/**
 * Reads a national form of BOAMP's `donnees` (`{ FNSimple: {...} }`'s inner value) into tender fields,
 * sections and lots with their values. `schema` is the form's key (FNSimple, FNS, MAPA, DSP, DIVERS).
 */
export function readNationalForm(schema: string, form: J): FormReading {
  const out = emptyForm();
  const type = nationalNoticeType(form);
  if (type) out.noticeType = type;
  if (isUpperForm(form)) {
    const xml = readBoampXml(toXml(form, schema));
    out.patch = xml.patch;
    out.sections = xml.sections;
    return out;
  }
  const { patch, sections } = out;
  const all: Leaf[] = [];
  leaves(form, [], all, { n: 5000 });
  const flags: string[] = [];
  const buyerPlace: PlaceHint = {};
  const perf: PlaceHint = {};
  const cpv: string[] = [];
  let cpvMain = false;
  for (const { path, value, trail } of all) {
    const key = words(path[path.length - 1] ?? '');
    const parent = words(path[path.length - 2] ?? '');
    const inLot = /\blot\b|\blots\b|lot marche/.test(trail);
    const inBuyer = /^organisme\b|\bacheteur\b|\bpouvoir adjudicateur\b/.test(words(path[0] ?? '')) || /organisme|acheteur/.test(parent);
    const v = value.trim();
    if (v === '') {
      // A flag: the key is the answer to its parent.
      flags.push(`${parent} : ${key}`);
      if (/nature marche|type marche|type prestation/.test(parent)) patch.nature ??= toNature(key);
      if (/procedure/.test(parent)) patch.procedure ??= canonicalProcedure(key);
      continue;
    }
    if (/\bcpv\b/.test(trail)) {
      for (const c of cpvCodesIn(v)) {
        if (cpv.includes(c)) continue;
        if (/principal|main/.test(trail) && !inLot && !cpvMain) {
          cpv.unshift(c);
          cpvMain = true;
        } else cpv.push(c);
      }
      continue;
    }
    if (inBuyer) {
      if (BUYER_NAME.test(key)) patch.buyer ??= collapse(v);
      else if (/^(?:cp|code postal)$/.test(key) && /^\d{5}$/.test(v)) buyerPlace.postalCode = v;
      else if (/^(?:ville|commune|localite)$/.test(key)) buyerPlace.city = collapse(v).replace(/\s+cedex(?:\s+\d+)?$/i, '');
      continue;
    }
    if (/lieu (?:d )?execution|lieu livraison|code departement prestation/.test(trail)) {
      const deps = v.match(/\b(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])\b/g);
      if (/code/.test(key) && deps?.length) perf.execution = [...new Set([...(perf.execution ?? []), ...deps])];
      sections.push({ where: 'performance', text: `Lieu d'exécution : ${v}`, kind: 'other' });
      continue;
    }
    if (!inLot && TITLE_KEY.test(key) && !patch.title) {
      patch.title = collapse(v);
      sections.push({ where: 'title', text: v, kind: 'title' });
      continue;
    }
    if (DEADLINE_KEY.test(key) && !patch.deadline) {
      const d = parseDate(v);
      if (d) patch.deadline = d;
      continue;
    }
    if (!inLot && VALUE_KEY.test(key) && patch.estimatedValue === undefined) {
      const a = parseAmount(v);
      if (a !== undefined) patch.estimatedValue = a;
    }
    const rule = KEY_RULES.find((r) => r.re.test(trail));
    const label = key && !/^(?:text|texte|valeur|libelle)$/.test(key) ? `${key} : ` : '';
    if (rule) sections.push({ where: rule.where, text: `${label}${v}`, kind: rule.kind });
    else sections.push(...toSections(`${label}${v}`, 'text'));
  }
  if (flags.length) sections.push({ where: 'form', text: flags.join('\n'), kind: 'other' });
  if (cpv.length) {
    patch.cpv = cpv;
    patch.cpvMain = cpvMain;
  }
  const bp = hintOrUndefined(buyerPlace);
  if (bp) patch.place = bp;
  const pp = hintOrUndefined(perf);
  if (pp) patch.performance = pp;
  if (!patch.object) {
    const obj = sections.find((s) => s.kind === 'object');
    if (obj) patch.object = collapse(obj.text).slice(0, 2000);
  }
  const lots = nationalLots(form);
  if (lots.length) patch.lots = lots;
  else {
    // Awards often give their lots in one text: "Lot 1 : … Montant : 213400.41 euros Lot 2 : …".
    const fromText = lotsInText(sections.map((s) => s.text).join('\n'));
    if (fromText.length >= 2) patch.lots = fromText;
  }
  if (patch.lots && patch.lots.length >= 2 && patch.estimatedValue === undefined) {
    const values = patch.lots.map((l) => l.value).filter((v): v is number => v !== undefined);
    if (values.length === patch.lots.length) {
      patch.estimatedValue = Math.round(values.reduce((a, b) => a + b, 0) * 100) / 100;
      patch.valueIsTotal = true;
    }
  }
  return out;
}

// Lots listed as objects: `lots.lot[]`, `lotMarche[]` with number, title, description, CPV and value keys.
function nationalLots(form: J): Lot[] {
  const found: Record<string, J>[] = [];
  const walk = (v: J, key: string, depth: number) => {
    if (depth > 12 || found.length > 500) return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, key, depth + 1));
    if (!isObj(v)) return;
    if (/^(?:lot|lotMarche|LOT)$/.test(key)) {
      found.push(v);
      return;
    }
    for (const [k, x] of Object.entries(v)) walk(x, k, depth + 1);
  };
  walk(form, '', 0);
  const lots: Lot[] = [];
  for (const l of found) {
    const all: Leaf[] = [];
    leaves(l, [], all, { n: 200 });
    const get = (re: RegExp) => all.find((x) => re.test(words(x.path[x.path.length - 1] ?? '')) && x.value.trim())?.value.trim();
    const number = get(/^(?:num lot|num|numero|numero lot|no lot)$/);
    const title = get(/^(?:intitule lot|intitule|titre|objet)$/) ?? get(/^(?:description)$/);
    if (!title && !number) continue;
    const cpv = all.filter((x) => x.path.some((p) => /cpv/i.test(p))).flatMap((x) => cpvCodesIn(x.value));
    const valueText = get(/\b(?:valeur|montant|estimation)\b/);
    const value = valueText ? parseAmount(valueText) : undefined;
    lots.push(lotWithValue({ ...(number ? { number: String(Number(number)) === 'NaN' ? number : String(Number(number)) } : {}), title: collapse(title ?? `Lot ${number}`).slice(0, 300), cpv: [...new Set(cpv)] }, value));
  }
  return lots.length >= 2 ? lots : [];
}

const LOT_MARK = /\blot\s*(?:n\s*[°o]\s*|no\s*)?(\d{1,3})\s*[:.)–-]\s*/g;

/** Lots written one after another in a text ("Lot 1 : title … Montant : 1 000 euros Lot 2 : …"). */
export function lotsInText(text: string): Lot[] {
  const f = fold(text.slice(0, 100_000));
  const marks: { at: number; end: number; number: string }[] = [];
  LOT_MARK.lastIndex = 0;
  for (let m = LOT_MARK.exec(f); m && marks.length < 300; m = LOT_MARK.exec(f)) marks.push({ at: m.index, end: m.index + m[0].length, number: String(Number(m[1])) });
  // Numbers must run 1, 2, 3…: a list of lots, not mentions of a lot here and there.
  const run: typeof marks = [];
  for (const mk of marks) if (Number(mk.number) === run.length + 1) run.push(mk);
  if (run.length < 2) return [];
  return run.map((mk, i) => {
    const body = text.slice(mk.end, run[i + 1]?.at ?? Math.min(text.length, mk.end + 3000));
    const fb = fold(body);
    const stop = /\s(?:attribution|attribue|titulaire|montant|valeur|cpv|description)\b\s*:?|\.\s|\n/.exec(fb);
    const title = collapse(body.slice(0, stop ? stop.index : 200)).replace(/[.;,]+$/, '');
    const amount = /\b(?:montant|valeur)[^:\n]{0,40}:\s*([\d\s .,]+(?:euros?|€|eur)?)/.exec(fb);
    const value = amount ? parseAmount(body.slice(amount.index + amount[0].length - (amount[1]?.length ?? 0), amount.index + amount[0].length)) : undefined;
    return lotWithValue({ number: mk.number, title: title || `Lot ${mk.number}`, cpv: cpvCodesIn(body) }, value);
  });
}
