import type { Signal } from './types.ts';
import type { FormReading } from './forms.ts';
import { emptyForm } from './forms.ts';
import { eformsNoticeType, eformsRoot, readEforms } from './eforms.ts';
import { departementOfNuts } from './nuts.ts';
import { normaliseCpv } from './cpv.ts';
import { canonicalProcedure, parseDate } from './fields/index.ts';
import { xmlToJson } from './xml.ts';
import { collapse } from './text.ts';

/** A TED eForms notice as XML read, or why it is not one. */
export type TedReading = { ok: true; form: FormReading } | { ok: false; reason: string };

/** Reads a TED eForms XML notice (UBL ContractNotice, ContractAwardNotice, PriorInformationNotice…). */
export function readTedXml(xml: string): TedReading {
  const doc = xmlToJson(xml);
  if (!doc) return { ok: false, reason: 'no XML element' };
  const root = eformsRoot(doc);
  if (!root) return { ok: false, reason: `not an eForms notice (root ${Object.keys(doc)[0] ?? '?'})` };
  const form = readEforms(root.root, root.name);
  // BT-701 publication number of the Official Journal: "00183632-2026" → "183632-2026".
  const pub = /<efbc:NoticePublicationID[^>]*>\s*0*(\d{1,8}-\d{4})\s*</.exec(xml)?.[1];
  if (pub) {
    form.patch.tedId = pub;
    form.patch.links = { ...(form.patch.links ?? {}), notice: `https://ted.europa.eu/en/notice/-/detail/${pub}` };
  }
  return { ok: true, form };
}

type J = unknown;
const isObj = (v: J): v is Record<string, J> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

// A TED search field: a string, a list, or a language map ({"fra": "…"} or {"fra": ["…"]}); French first.
function values(v: J): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string' || typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) return v.flatMap(values);
  if (isObj(v)) {
    const langs = ['fra', 'FRA', 'fr', 'eng', 'ENG', 'en'];
    const key = langs.find((l) => l in v) ?? Object.keys(v)[0];
    return key ? values(v[key]) : [];
  }
  return [];
}
const one = (v: J): string => collapse(values(v)[0] ?? '');

/** True when `value` looks like a TED API v3 search answer (`{ notices: [...] }`). */
export function isTedSearchAnswer(value: unknown): value is { notices: unknown[] } {
  return isObj(value) && Array.isArray(value.notices) && (value.notices.length === 0 || (isObj(value.notices[0]) && 'publication-number' in (value.notices[0] as object)));
}

/**
 * Reads one notice of a TED API v3 search answer (the fields asked for in `fields`: publication-number,
 * notice-title, buyer-name, classification-cpv, place-of-performance, reserved-procurement-lot…). Reserved
 * participation codes are read as in an eForms notice.
 */
export function readTedSearchHit(hit: Record<string, unknown>): FormReading {
  const out = emptyForm();
  const p = out.patch;
  const id = one(hit['publication-number']);
  if (/^\d{1,8}-\d{4}$/.test(id)) {
    p.tedId = id.replace(/^0+/, '');
    p.links = { notice: `https://ted.europa.eu/en/notice/-/detail/${p.tedId}` };
  }
  const title = one(hit['notice-title']) || one(hit['title-proc']) || one(hit['title-lot']);
  if (title) {
    p.title = title;
    out.sections.push({ where: 'title', text: title, kind: 'title' });
  }
  const description = one(hit['description-proc']) || one(hit['description-lot']);
  if (description) {
    p.object = description.slice(0, 2000);
    out.sections.push({ where: 'object', text: description, kind: 'object' });
  }
  const buyer = one(hit['buyer-name']);
  if (buyer) p.buyer = buyer;
  const cp = one(hit['buyer-post-code']);
  const city = one(hit['buyer-city']);
  if (/^\d{5}$/.test(cp) || city) p.place = { ...(/^\d{5}$/.test(cp) ? { postalCode: cp } : {}), ...(city ? { city } : {}) };
  const cpv: string[] = [];
  for (const c of [...values(hit['main-classification-proc']), ...values(hit['classification-cpv'])]) {
    const n = normaliseCpv(c);
    if (n && !cpv.includes(n)) cpv.push(n);
  }
  if (cpv.length) {
    p.cpv = cpv;
    p.cpvMain = values(hit['main-classification-proc']).length > 0;
  }
  const deps = [...new Set(values(hit['place-of-performance']).map((c) => departementOfNuts(c)).filter((d): d is string => Boolean(d)))];
  if (deps.length) p.performance = deps.length === 1 ? { departement: deps[0] as string } : { execution: deps };
  const procedure = canonicalProcedure(one(hit['procedure-type']).replace(/-/g, ' '));
  if (procedure) p.procedure = procedure;
  const deadline = parseDate(values(hit['deadline-receipt-tender-date-lot']).sort()[0] ?? '');
  if (deadline) p.deadline = deadline;
  const value = Number(one(hit['estimated-value-proc']) || one(hit['estimated-value-lot']));
  if (Number.isFinite(value) && value > 0) p.estimatedValue = value;
  const type = one(hit['notice-type']);
  if (type) out.noticeType = eformsNoticeType(type);
  const criteria = [...values(hit['award-criterion-name-lot']), ...values(hit['award-criterion-description-lot'])];
  if (criteria.length) out.sections.push({ where: 'criteria', text: criteria.join('\n'), kind: 'criteria' });
  const strategic = [
    ...values(hit['strategic-procurement-lot']).map((c) => `strategic-procurement:${c}`),
    ...values(hit['social-objective-lot']).map((c) => `social-objective:${c}`),
  ].filter((c) => !c.endsWith(':none'));
  if (strategic.length) out.strategic = [...new Set(strategic)];
  const reserved = values(hit['reserved-procurement-lot'] ?? hit['reserved-procurement']);
  const signals: Signal[] = [];
  if (reserved.includes('res-pub-ser')) signals.push({ id: 'reserve-ess', evidence: 'reserved-procurement-lot : res-pub-ser — organisations à mission de service public (L2113-15)', where: 'BT-71' });
  if (reserved.includes('res-ws'))
    out.undecided = { id: 'reserve-handicap', evidence: 'reserved-procurement-lot : res-ws — ateliers protégés ou opérateurs d’insertion ; le texte ne dit pas s’il s’agit des ESAT/EA (L2113-12) ou des SIAE (L2113-13)', where: 'BT-71' };
  if (reserved.length && reserved.every((c) => c === 'none')) signals.push({ id: 'not-reserved', evidence: 'reserved-procurement-lot : none', where: 'BT-71' });
  if (values(hit['reserved-execution']).some((c) => c === 'yes' || c === 'true')) signals.push({ id: 'reserve-handicap', evidence: 'reserved-execution : yes — programmes d’emplois protégés', where: 'BT-736' });
  out.structured = signals;
  return out;
}
