import type { Lot, NoticeType, PlaceHint, Signal } from './types.ts';
import type { Section } from './sections.ts';
import type { XmlObject, XmlValue } from './xml.ts';
import type { FormReading } from './forms.ts';
import { emptyForm, hintOrUndefined, lotWithValue } from './forms.ts';
import { normaliseCpv } from './cpv.ts';
import { departementOfNuts } from './nuts.ts';
import { collapse } from './text.ts';

/*
 * eForms (EU Regulation 2019/1780, eForms SDK) read from UBL as XML-converted JSON: the shape of BOAMP's
 * `donnees.EFORMS` and of a TED XML notice through xmlToJson. Element names keep their prefixes (`cac:`,
 * `cbc:`, `efac:`, `efbc:`), text is a string or `#text`, attributes are `@listName`, `@schemeName`.
 * Business terms (BT-…) are named where they are read.
 */

type J = XmlValue | undefined;

const isObj = (v: J): v is XmlObject => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
const list = (v: J): XmlValue[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every node at `path` below `v` (arrays flattened at each step). */
function at(v: J, ...path: string[]): XmlValue[] {
  let cur = list(v);
  for (const key of path) {
    const next: XmlValue[] = [];
    for (const n of cur) if (isObj(n)) next.push(...list(n[key]));
    cur = next;
    if (!cur.length) break;
  }
  return cur;
}

/** Text of a node: a string, or its `#text`. */
function text(v: J): string {
  if (typeof v === 'string') return v.trim();
  if (isObj(v) && typeof v['#text'] === 'string') return v['#text'].trim();
  return '';
}

const firstText = (v: J, ...path: string[]): string => at(v, ...path).map(text).find(Boolean) ?? '';
const attr = (v: J, name: string): string => (isObj(v) && typeof v[`@${name}`] === 'string' ? (v[`@${name}`] as string) : '');

/** Codes of a code list below `v` (`cbc:X[@listName=list]`). */
function codes(v: J, path: string[], listName: string): string[] {
  return at(v, ...path)
    .filter((n) => attr(n, 'listName') === listName)
    .map(text)
    .filter(Boolean);
}

// The eForms extension block of an element.
const ext = (v: J): XmlValue[] => at(v, 'ext:UBLExtensions', 'ext:UBLExtension', 'ext:ExtensionContent', 'efext:EformsExtension');

function amount(v: J): number | undefined {
  const n = Number(text(v).replace(',', '.'));
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

// BT-105 procedure type → the names the other readers use.
const PROCEDURES: Record<string, string> = {
  open: "Appel d'offres ouvert",
  restricted: "Appel d'offres restreint",
  'neg-w-call': 'Procédure avec négociation',
  'neg-wo-call': 'Procédure négociée sans publicité ni mise en concurrence',
  'comp-dial': 'Dialogue compétitif',
  'comp-tend': 'Procédure avec négociation',
  innovation: "Partenariat d'innovation",
  'oth-single': 'Autre procédure',
  'oth-mult': 'Autre procédure',
};

const NATURES: Record<string, 'travaux' | 'fournitures' | 'services'> = { works: 'travaux', supplies: 'fournitures', services: 'services' };

/** Notice type (BT-02 codes) → what kind of notice it is. */
export function eformsNoticeType(code: string, rootName = ''): NoticeType {
  const c = code.toLowerCase();
  if (c === 'corr') return 'correction';
  if (c === 'can-modif') return 'modification';
  if (/^(can-|veat|compl)/.test(c)) return 'award';
  if (/^pin-/.test(c)) return 'prior-information';
  if (/^(cn-|subco|qu-sy)/.test(c)) return 'notice';
  if (/AwardNotice/.test(rootName)) return 'award';
  if (/PriorInformation/.test(rootName)) return 'prior-information';
  if (/ContractNotice/.test(rootName)) return 'notice';
  return 'other';
}

// An address (cac:PostalAddress or cac:Address) as place clues.
function addressHint(a: J): PlaceHint {
  const h: PlaceHint = {};
  const cp = firstText(a, 'cbc:PostalZone').replace(/\s+/g, '');
  if (/^\d{5}$/.test(cp)) h.postalCode = cp;
  const city = collapse(firstText(a, 'cbc:CityName'));
  if (city) h.city = city.replace(/\s+cedex(?:\s+\d+)?$/i, '');
  const dep = departementOfNuts(firstText(a, 'cbc:CountrySubentityCode'));
  if (dep) h.departement = dep;
  // cbc:Department is free text: a name ("Haute-garonne") or sometimes a postal code.
  const named = collapse(firstText(a, 'cbc:Department'));
  if (named && !/\d/.test(named)) h.departementName = named;
  return h;
}

// EndDate "2026-04-20Z" or "2026-04-20+02:00", EndTime "12:00:00.000Z" → "2026-04-20T12:00:00Z".
function dateTime(date: string, time: string): string | undefined {
  const d = /^(\d{4}-\d{2}-\d{2})/.exec(date)?.[1];
  if (!d) return undefined;
  const t = /^(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?/.exec(time);
  if (!t?.[1]) return d;
  return `${d}T${t[1].length === 5 ? `${t[1]}:00` : t[1]}${t[2] ?? ''}`;
}

interface LotRead {
  lot: Lot;
  id: string;
  deadline?: string;
  performance: PlaceHint[];
}

const RES_WS_EVIDENCE =
  'Participation réservée (BT-71) : res-ws — ateliers protégés ou opérateurs d’insertion ; le texte de l’avis ne dit pas s’il s’agit des ESAT/EA (L2113-12) ou des SIAE (L2113-13)';

/**
 * Reads an eForms notice. `root` is the notice element's value (`ContractNotice`, `ContractAwardNotice`,
 * `PriorInformationNotice`…), `rootName` its name.
 *
 * Signals from codes, per lot (BT-71 `reserved-procurement`, BT-736 `reserved-execution`):
 * `res-pub-ser` → reserve-ess; `none` on every lot → not-reserved; reserved execution `yes` → reserve-handicap
 * (sheltered employment programmes); `res-ws` covers both ESAT/EA and SIAE, so it gives `undecided`, a
 * reserve-handicap whose evidence says the text must tell — the caller keeps it only when the text names
 * neither (the reading of L2113-12 as the default follows the old "marché réservé"). Award criteria
 * (BT-539/540/734) and performance terms (BT-70) are text: they go to the `criteria` and `conditions`
 * sections for the text rules. Strategic codes (BT-06, BT-774, BT-775) are reported, not turned into signals:
 * they say a social or green aim, not whether it is a clause or a criterion.
 */
export function readEforms(root: XmlObject, rootName = ''): FormReading {
  const out = emptyForm();
  const { patch, sections } = out;
  const orgs = new Map<string, XmlValue>();
  for (const e of ext(root)) {
    for (const o of at(e, 'efac:Organizations', 'efac:Organization', 'efac:Company')) {
      const id = firstText(o, 'cac:PartyIdentification', 'cbc:ID');
      if (id) orgs.set(id, o);
    }
  }

  const typeCode = firstText(root, 'cbc:NoticeTypeCode');
  out.noticeType = eformsNoticeType(typeCode, rootName);
  const issue = /^\d{4}-\d{2}-\d{2}/.exec(firstText(root, 'cbc:IssueDate'))?.[0];
  if (issue) patch.published = issue;

  // Buyer (BT-500 of the organisation referred to by the contracting party).
  const buyerId = firstText(root, 'cac:ContractingParty', 'cac:Party', 'cac:PartyIdentification', 'cbc:ID');
  const buyerOrg = orgs.get(buyerId);
  if (buyerOrg) {
    const name = collapse(firstText(buyerOrg, 'cac:PartyName', 'cbc:Name'));
    if (name) patch.buyer = name;
    const hint = hintOrUndefined(addressHint(at(buyerOrg, 'cac:PostalAddress')[0]));
    if (hint) patch.place = hint;
    sections.push({ where: 'buyer', text: buyerText(buyerOrg), kind: 'buyer' });
  }
  const profile = firstText(root, 'cac:ContractingParty', 'cbc:BuyerProfileURI');
  if (profile) patch.links = { buyerProfile: profile };

  const procedure = PROCEDURES[firstText(root, 'cac:TenderingProcess', 'cbc:ProcedureCode')];
  if (procedure) patch.procedure = procedure;

  // The procedure (BT-21 title, BT-24 description, BT-22 reference, BT-262/263 CPV).
  const project = at(root, 'cac:ProcurementProject')[0];
  const title = collapse(firstText(project, 'cbc:Name'));
  if (title) {
    patch.title = title;
    sections.push({ where: 'title', text: title, kind: 'title' });
  }
  const description = firstText(project, 'cbc:Description');
  if (description) {
    patch.object = collapse(description).slice(0, 2000);
    sections.push({ where: 'object', text: description, kind: 'object' });
  }
  const reference = collapse(firstText(project, 'cbc:ID'));
  if (reference && reference.length <= 60) patch.reference = reference;
  const cpv = cpvOf(project);
  const nature = NATURES[firstText(project, 'cbc:ProcurementTypeCode')];
  if (nature) patch.nature = nature;
  const strategic = strategicCodes(project);
  const performance: PlaceHint[] = at(project, 'cac:RealizedLocation').map((l) => addressHint(at(l, 'cac:Address')[0]));
  pushTexts(sections, project, 'procedure');
  const projectValue = valueOf(project);

  // Lots (or parts of a prior information notice).
  const lotsRead: LotRead[] = [];
  const reserved: { code: string; lot: string }[] = [];
  let reservedExecution: string | undefined;
  for (const l of at(root, 'cac:ProcurementProjectLot')) {
    const id = firstText(l, 'cbc:ID');
    const lp = at(l, 'cac:ProcurementProject')[0];
    const number = /(\d+)$/.exec(id)?.[1];
    // "Lot 1 - Transports ponctuels": the number is already the lot's number.
    const lotTitle = collapse(firstText(lp, 'cbc:Name')).replace(new RegExp(`^lot\\s*(?:n\\s*[°o]\\s*)?0*${number ? Number(number) : '\\d+'}\\s*[-–:.]\\s*(?=\\S)`, 'i'), '');
    const lot: Lot = { ...(number ? { number: String(Number(number)) } : {}), title: lotTitle || id, cpv: cpvOf(lp).codes };
    const terms = at(l, 'cac:TenderingTerms')[0];
    const process = at(l, 'cac:TenderingProcess')[0];
    const deadline = dateTime(firstText(process, 'cac:TenderSubmissionDeadlinePeriod', 'cbc:EndDate'), firstText(process, 'cac:TenderSubmissionDeadlinePeriod', 'cbc:EndTime'));
    lotsRead.push({
      lot: lotWithValue(lot, valueOf(lp)),
      id,
      ...(deadline ? { deadline } : {}),
      performance: at(lp, 'cac:RealizedLocation').map((x) => addressHint(at(x, 'cac:Address')[0])),
    });
    for (const s of strategicCodes(lp)) if (!strategic.includes(s)) strategic.push(s);
    if (!patch.nature) {
      const n = NATURES[firstText(lp, 'cbc:ProcurementTypeCode')];
      if (n) patch.nature = n;
    }
    const where = lotTitle ? `${id} ${lotTitle}` : id;
    const lotDescription = firstText(lp, 'cbc:Description');
    if (lotTitle || lotDescription) sections.push({ where: 'lots', text: [lotTitle, lotDescription].filter(Boolean).join('\n'), kind: 'lots' });
    pushTexts(sections, lp, 'lots');

    // BT-71 reserved participation, BT-736 reserved execution.
    for (const code of codes(terms, ['cac:TendererQualificationRequest', 'cac:SpecificTendererRequirement', 'cbc:TendererRequirementTypeCode'], 'reserved-procurement')) reserved.push({ code, lot: where });
    const exec = codes(terms, ['cac:ContractExecutionRequirement', 'cbc:ExecutionRequirementCode'], 'reserved-execution')[0];
    if (exec === 'yes' || exec === 'true') reservedExecution = where;

    // BT-539 type, BT-734 name, BT-540 description, BT-541 weight of each award criterion.
    const criteria: string[] = [];
    for (const c of at(terms, 'cac:AwardingTerms', 'cac:AwardingCriterion', 'cac:SubordinateAwardingCriterion')) {
      const name = collapse(firstText(c, 'cbc:Name'));
      const desc = collapse(firstText(c, 'cbc:Description'));
      const type = firstText(c, 'cbc:AwardingCriterionTypeCode');
      const weight = ext(c).map((e) => firstText(e, 'efac:AwardCriterionParameter', 'efbc:ParameterNumeric')).find(Boolean);
      const line = [name, desc && desc !== name ? desc : ''].filter(Boolean).join(' : ');
      if (line) criteria.push(`Critère${type ? ` (${type})` : ''} : ${line}${weight ? ` — pondération : ${weight}` : ''}`);
    }
    const criteriaText = [firstText(terms, 'cac:AwardingTerms', 'cac:AwardingCriterion', 'cbc:Description'), ...criteria].filter(Boolean);
    if (criteriaText.length) sections.push({ where: 'criteria', text: criteriaText.join('\n'), kind: 'criteria' });
    // BT-70 performance terms; other execution requirements' descriptions.
    const conditions = at(terms, 'cac:ContractExecutionRequirement')
      .filter((r) => attr(at(r, 'cbc:ExecutionRequirementCode')[0], 'listName') !== 'reserved-execution')
      .map((r) => firstText(r, 'cbc:Description'))
      .filter(Boolean);
    if (conditions.length) sections.push({ where: 'conditions', text: conditions.join('\n'), kind: 'conditions' });
    // BT-750 selection criteria.
    const selection = [...at(terms, 'cac:TendererQualificationRequest', 'cac:SpecificTendererRequirement'), ...ext(terms).flatMap((e) => at(e, 'efac:SelectionCriteria'))]
      .map((r) => firstText(r, 'cbc:Description'))
      .filter(Boolean);
    if (selection.length) sections.push({ where: 'participation', text: selection.join('\n'), kind: 'participation' });
  }

  // Values: the procedure's own estimate (BT-27/BT-271), else the lots' sum, else the award's total (BT-161/BT-118).
  const lotValues = lotsRead.map((l) => l.lot.value).filter((v): v is number => v !== undefined);
  const result = ext(root).flatMap((e) => at(e, 'efac:NoticeResult'));
  const awarded = amount(at(result, 'cbc:TotalAmount')[0]) ?? amount(at(result, 'efbc:OverallMaximumFrameworkContractsAmount')[0]) ?? amount(at(result, 'efbc:OverallApproximateFrameworkContractsAmount')[0]);
  const total = projectValue ?? (lotValues.length ? lotValues.reduce((a, b) => a + b, 0) : undefined) ?? awarded;
  if (total !== undefined) {
    patch.estimatedValue = Math.round(total * 100) / 100;
    patch.valueIsTotal = true;
  }

  // An eForms notice always has at least one lot: a single one is the procedure itself, not an allotment.
  if (lotsRead.length >= 2) patch.lots = lotsRead.map((l) => l.lot);
  const cpvAll = [...cpv.codes];
  for (const l of lotsRead) for (const c of l.lot.cpv) if (!cpvAll.includes(c)) cpvAll.push(c);
  if (cpvAll.length) {
    patch.cpv = cpvAll;
    patch.cpvMain = cpv.main;
  }
  const deadlines = lotsRead.map((l) => l.deadline).filter((d): d is string => Boolean(d)).sort();
  if (deadlines[0]) patch.deadline = deadlines[0];

  // Place of performance: every location given, kept apart from the buyer's address.
  const places = [...performance, ...lotsRead.flatMap((l) => l.performance)].filter((h) => Object.keys(h).length);
  const perf = mergePlaces(places);
  if (perf) patch.performance = perf;
  for (const l of [...at(project, 'cac:RealizedLocation'), ...at(root, 'cac:ProcurementProjectLot', 'cac:ProcurementProject', 'cac:RealizedLocation')]) {
    const d = collapse(firstText(l, 'cbc:Description'));
    if (d) sections.push({ where: 'performance', text: `Lieu d'exécution : ${d}`, kind: 'other' });
  }

  if (strategic.length) out.strategic = strategic;
  out.structured = reservationSignals(reserved, reservedExecution, out);
  return out;
}

function reservationSignals(reserved: { code: string; lot: string }[], execution: string | undefined, out: FormReading): Signal[] {
  const signals: Signal[] = [];
  const pubSer = reserved.find((r) => r.code === 'res-pub-ser');
  if (pubSer) signals.push({ id: 'reserve-ess', evidence: `Participation réservée (BT-71) : res-pub-ser — organisations à mission de service public (L2113-15) — ${pubSer.lot}`, where: 'BT-71' });
  const ws = reserved.find((r) => r.code === 'res-ws');
  if (ws) out.undecided = { id: 'reserve-handicap', evidence: `${RES_WS_EVIDENCE} — ${ws.lot}`, where: 'BT-71' };
  if (execution) signals.push({ id: 'reserve-handicap', evidence: `Exécution réservée (BT-736) : dans le cadre de programmes d’emplois protégés — ${execution}`, where: 'BT-736' });
  if (reserved.length && reserved.every((r) => r.code === 'none')) {
    const lots = new Set(reserved.map((r) => r.lot)).size;
    signals.push({ id: 'not-reserved', evidence: `Participation réservée (BT-71) : none${lots > 1 ? ` (${lots} lots)` : ''}`, where: 'BT-71' });
  }
  return signals;
}

// One place when all the locations agree on it; else the départements they cover.
function mergePlaces(places: PlaceHint[]): PlaceHint | undefined {
  if (!places.length) return undefined;
  const cps = new Set(places.map((p) => p.postalCode).filter(Boolean));
  const deps = [...new Set(places.map((p) => p.departement).filter((d): d is string => Boolean(d)))];
  if (cps.size === 1) {
    const withCp = places.find((p) => p.postalCode) as PlaceHint;
    return { ...withCp, ...(deps.length > 1 ? { execution: deps } : {}) };
  }
  if (deps.length === 1) return { departement: deps[0] as string };
  if (deps.length > 1) return { execution: deps };
  return undefined;
}

function cpvOf(project: J): { codes: string[]; main: boolean } {
  const out: string[] = [];
  const main = normaliseCpv(firstText(project, 'cac:MainCommodityClassification', 'cbc:ItemClassificationCode'));
  if (main) out.push(main);
  for (const n of at(project, 'cac:AdditionalCommodityClassification', 'cbc:ItemClassificationCode')) {
    const c = normaliseCpv(text(n));
    if (c && !out.includes(c)) out.push(c);
  }
  return { codes: out, main: Boolean(main) };
}

// BT-27 estimated value and BT-271 framework maximum: the larger one stated.
function valueOf(project: J): number | undefined {
  const total = at(project, 'cac:RequestedTenderTotal');
  const values = [amount(at(total, 'cbc:EstimatedOverallContractAmount')[0]), ...ext(total).map((e) => amount(at(e, 'efbc:FrameworkMaximumAmount')[0]))].filter(
    (v): v is number => v !== undefined,
  );
  return values.length ? Math.max(...values) : undefined;
}

function strategicCodes(project: J): string[] {
  const out: string[] = [];
  for (const n of at(project, 'cac:ProcurementAdditionalType', 'cbc:ProcurementTypeCode')) {
    const l = attr(n, 'listName');
    const c = text(n);
    if (c && c !== 'none' && /strategic-procurement|social-objective|environmental-impact|gpp-criteria|innovative-acquisition/.test(l)) out.push(`${l}:${c}`);
  }
  return out;
}

// Free texts of a procurement project that the text rules may need (BT-300 notes, options).
function pushTexts(sections: Section[], project: J, where: string): void {
  for (const path of [['cbc:Note'], ['cac:ContractExtension', 'cbc:OptionsDescription']]) {
    for (const n of at(project, ...path)) {
      const t = text(n);
      if (t) sections.push({ where, text: t, kind: 'other' });
    }
  }
}

function buyerText(org: J): string {
  const a = at(org, 'cac:PostalAddress')[0];
  return [firstText(org, 'cac:PartyName', 'cbc:Name'), firstText(a, 'cbc:StreetName'), [firstText(a, 'cbc:PostalZone'), firstText(a, 'cbc:CityName')].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
}

/** The root element of an eForms document (`{ ContractNotice: {...} }`, or BOAMP's `{ EFORMS: {...} }`). */
export function eformsRoot(doc: XmlObject): { name: string; root: XmlObject } | undefined {
  const src = isObj(doc.EFORMS) ? doc.EFORMS : doc;
  for (const [name, v] of Object.entries(src)) {
    const r = Array.isArray(v) ? v[0] : v;
    if (isObj(r) && /Notice$|Notification$/.test(name.replace(/^\w+:/, ''))) return { name: name.replace(/^\w+:/, ''), root: r };
  }
  return undefined;
}
