import type { NoticeType } from './types.ts';
import type { XmlObject } from './xml.ts';
import type { FormReading } from './forms.ts';
import { emptyForm } from './forms.ts';
import { eformsRoot, readEforms } from './eforms.ts';
import { NATIONAL_SCHEMAS, readNationalForm } from './national.ts';
import { canonicalProcedure, parseDate, toNature } from './fields/index.ts';
import { collapse } from './text.ts';

/*
 * One record of BOAMP's open data (Opendatasoft dataset `boamp`, explore API v2.1 and its exports): 41 flat
 * fields and the whole notice in `donnees`, a JSON string holding eForms (`EFORMS`) or a national form
 * (`FNSimple`, `FNS`, `MAPA`, `DSP`, `DIVERS`). Flat fields come first (BOAMP's own indexing), `donnees` fills
 * and details them.
 */

/** The fields of a BOAMP open-data record that Essor reads (others are ignored). */
export interface BoampRecord {
  idweb?: string;
  objet?: string;
  nomacheteur?: string;
  code_departement?: unknown;
  code_departement_prestation?: unknown;
  nature?: string;
  nature_libelle?: string;
  etat?: string;
  procedure_libelle?: string;
  type_procedure?: string;
  type_marche?: unknown;
  dateparution?: string;
  datelimitereponse?: string | null;
  criteres?: unknown;
  url_avis?: string;
  donnees?: unknown;
  gestion?: unknown;
  [key: string]: unknown;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const isObj = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** The record itself when `value` is a BOAMP record, also inside the API v1/v2.0 wrappers (`fields`, `record.fields`). */
export function asBoampRecord(value: unknown): BoampRecord | undefined {
  if (!isObj(value)) return undefined;
  const inner = isObj(value.record) && isObj(value.record.fields) ? value.record.fields : isObj(value.fields) ? value.fields : value;
  if (!isObj(inner)) return undefined;
  return /^\d{2}-\d{1,7}$/.test(str(inner.idweb).trim()) && ('donnees' in inner || 'nomacheteur' in inner || 'objet' in inner) ? (inner as BoampRecord) : undefined;
}

/** A list field as the API gives it (array) or as a CSV export writes it ("31,81" or "[\"31\"]"). */
export function listField(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(str).map((s) => s.trim()).filter(Boolean);
  const s = str(v).trim();
  if (!s) return [];
  if (s.startsWith('[')) {
    try {
      return listField(JSON.parse(s));
    } catch {
      // A CSV cell may hold a list that is not JSON: fall back to splitting it.
    }
  }
  return s.split(/\s*[,;|]\s*/).filter(Boolean);
}

// Département codes of a list field; a number written without its leading zero ("6") is padded.
function depCodes(v: unknown): string[] {
  return listField(v)
    .map((x) => x.toUpperCase().replace(/^(\d)$/, '0$1'))
    .filter((x) => /^(\d{2,3}|2[AB])$/.test(x));
}

/** BOAMP `nature` (and `etat`) → notice type. */
export function boampNoticeType(nature: string, etat = ''): NoticeType | undefined {
  const n = nature.toUpperCase();
  const e = etat.toUpperCase();
  if (/RECTIF|ANNUL/.test(e) || /RECTIF|ANNUL/.test(n)) return 'correction';
  if (/MODIF/.test(n) || /MODIF/.test(e)) return 'modification';
  if (/ATTRIB|RESULT/.test(n)) return 'award';
  if (/PRE|PRE_INFO|PREINFO|INFORMATION/.test(n)) return 'prior-information';
  if (/APPEL|AVIS|MARCHE|CONCOURS|DSP/.test(n)) return 'notice';
  return n ? 'other' : undefined;
}

/** What a record's `donnees` holds, or why it cannot be read. */
export type DonneesReading = { ok: true; form: FormReading; schema: string } | { ok: false; reason: string };

/** Reads `donnees` (a JSON string or an object) by its schema key. */
export function readDonnees(donnees: unknown): DonneesReading {
  let d: unknown = donnees;
  if (typeof d === 'string') {
    if (!d.trim()) return { ok: false, reason: 'donnees is empty' };
    try {
      d = JSON.parse(d);
    } catch {
      // `donnees` is a string field: a truncated or hand-edited export may not be JSON.
      return { ok: false, reason: 'donnees is not JSON' };
    }
  }
  if (!isObj(d)) return { ok: false, reason: 'donnees is not an object' };
  if (isObj(d.EFORMS)) {
    const root = eformsRoot(d as XmlObject);
    if (!root) return { ok: false, reason: `unknown eForms notice (${Object.keys(d.EFORMS).slice(0, 3).join(', ')})` };
    return { ok: true, form: readEforms(root.root, root.name), schema: `EFORMS/${root.name}` };
  }
  for (const schema of NATIONAL_SCHEMAS) if (schema in d) return { ok: true, form: readNationalForm(schema, d[schema]), schema };
  // The former XML schema converted as is: OBJET, LOTS… at the top.
  if (isObj(d.OBJET) || isObj(d.IDENTITE)) return { ok: true, form: readNationalForm('FNS', d), schema: 'FNS' };
  return { ok: false, reason: `unknown donnees schema (${Object.keys(d).slice(0, 4).join(', ') || 'no keys'})` };
}

/** The reading of a record, or why it cannot be read. `form` holds the flat fields completed by `donnees`. */
export type RecordReading = { ok: true; form: FormReading; schema: string; warning?: string } | { ok: false; reason: string };

/**
 * Reads a BOAMP open-data record: flat fields (idweb, objet, nomacheteur, code_departement, nature,
 * procedure, deadline, criteres) and the notice in `donnees`. A record whose `donnees` is missing or of an
 * unknown shape is still read from its flat fields, with a `warning` saying why the notice itself was not.
 */
export function readBoampRecordParts(record: BoampRecord): RecordReading {
  const idweb = str(record.idweb).trim();
  if (!/^\d{2}-\d{1,7}$/.test(idweb)) return { ok: false, reason: 'not a BOAMP record (no idweb)' };
  const d = record.donnees === undefined || record.donnees === null || record.donnees === '' ? undefined : readDonnees(record.donnees);
  const form = d?.ok ? d.form : emptyForm();
  const p = form.patch;
  p.boampId = idweb;
  const title = collapse(str(record.objet));
  if (title) {
    // BOAMP's `objet` is the notice's title; the form's own title stays as text.
    p.title = title;
    if (!form.sections.some((s) => s.kind === 'title' && collapse(s.text) === title)) form.sections.unshift({ where: 'title', text: title, kind: 'title' });
  }
  const buyer = collapse(str(record.nomacheteur));
  if (buyer) p.buyer = buyer;
  const deps = depCodes(record.code_departement);
  if (deps.length) {
    p.departements = deps;
    p.place = { ...(p.place ?? {}), publication: deps };
  }
  const perfDeps = depCodes(record.code_departement_prestation);
  if (perfDeps.length) p.performance = { ...(p.performance ?? {}), execution: perfDeps };
  const type = boampNoticeType(str(record.nature), str(record.etat));
  if (type) form.noticeType = type;
  const procedure = canonicalProcedure(str(record.procedure_libelle).replace(/\bNC\b/, '').trim()) ?? canonicalProcedure(str(record.type_procedure).replace(/_/g, ' '));
  if (procedure && !/^Procédure$/i.test(procedure)) p.procedure = procedure;
  const deadline = parseDate(str(record.datelimitereponse));
  if (deadline) p.deadline = deadline;
  const published = /^\d{4}-\d{2}-\d{2}/.exec(str(record.dateparution))?.[0];
  if (published) p.published = published;
  if (!p.nature) {
    const n = toNature(listField(record.type_marche)[0]);
    if (n) p.nature = n;
  }
  // BOAMP's own flags, shown as pictograms on its pages.
  const flags = listField(record.criteres).map((c) => c.toLowerCase());
  const pictos: string[] = [];
  if (flags.includes('sociaux')) pictos.push('Critères sociaux');
  if (flags.includes('environnementaux')) pictos.push('Critères environnementaux');
  if (pictos.length) form.pictograms = pictos;
  const url = str(record.url_avis);
  p.links = { ...(p.links ?? {}), notice: /^https:\/\/(?:www\.)?boamp\.fr\//.test(url) ? url : `https://www.boamp.fr/pages/avis/?q=idweb:${idweb}` };
  if (!d) return { ok: true, form, schema: 'none', warning: 'no donnees: read from the flat fields only' };
  if (!d.ok) return { ok: true, form, schema: 'unknown', warning: `${d.reason}: read from the flat fields only` };
  return { ok: true, form, schema: d.schema };
}
