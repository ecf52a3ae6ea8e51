import type { Section } from '../sections.ts';
import type { TenderPatch } from './patch.ts';
import { findBuyer } from './buyer.ts';
import { findCpvs } from './cpv.ts';
import { parseDeadline } from './dates.ts';
import { findBoampId, findReference, findTedId } from './ids.ts';
import { findLinks } from './links.ts';
import { findLots } from './lots.ts';
import { findNature } from './nature.ts';
import { findPerformancePlace, findPostalAddress } from './place.ts';
import { findProcedure } from './procedure.ts';
import { findEstimatedValue, findTotalValue } from './value.ts';
import { fold } from '../text.ts';
import { departementOfNuts } from '../nuts.ts';

/**
 * Everything the text tells about the tender (each field only when stated). `known`: fields a structured
 * source (eForms, a national form) already states; their readers are skipped, structure being authoritative.
 */
export function extractFromText(sections: Section[], text: string, known: ReadonlySet<keyof TenderPatch> = NONE): TenderPatch {
  const patch: TenderPatch = {};
  const want = (k: keyof TenderPatch) => !known.has(k);
  if (want('boampId')) {
    const idweb = findBoampId(text);
    if (idweb) patch.boampId = idweb;
  }
  if (want('tedId')) {
    const ted = findTedId(text);
    if (ted) patch.tedId = ted;
  }
  if (want('reference')) {
    const ref = findReference(text);
    if (ref) patch.reference = ref;
  }
  if (want('buyer')) {
    const buyer = findBuyer(text);
    if (buyer) patch.buyer = buyer;
  }
  if (want('cpv')) {
    const cpv = findCpvs(text);
    if (cpv.codes.length) {
      patch.cpv = cpv.codes;
      patch.cpvMain = cpv.main;
    }
  }
  if (want('nature')) {
    const nature = findNature(text);
    if (nature) patch.nature = nature;
  }
  if (want('procedure')) {
    const procedure = findProcedure(text);
    if (procedure) patch.procedure = procedure;
  }
  if (want('deadline')) {
    const deadline = parseDeadline(text);
    if (deadline) patch.deadline = deadline;
  }
  if (want('estimatedValue')) {
    const value = findEstimatedValue(text);
    if (value !== undefined) {
      patch.estimatedValue = value;
      if (findTotalValue(text) === value) patch.valueIsTotal = true;
    }
  }
  if (want('lots')) {
    const lots = findLots(sections, text);
    if (lots.length) patch.lots = lots;
  }
  const links = findLinks(text);
  if (links.dce || links.buyerProfile) patch.links = links;
  if (want('performance')) {
    const performance = findPerformancePlace(text);
    if (performance) patch.performance = performance;
  }
  if (want('place')) {
    const buyerSection = sections.find((s) => s.kind === 'buyer');
    const addr = findPostalAddress(buyerSection?.text ?? text);
    if (addr) patch.place = addr.city ? { postalCode: addr.postalCode, city: addr.city } : { postalCode: addr.postalCode };
    else {
      // A European form's buyer block without a postal code still gives its NUTS 3 code, one département.
      const block = buyerSection?.text ?? (/nom\s+et\s+adresses?([\s\S]{0,800}?)(?:\bi\.2\)|$)/i.exec(text.slice(0, 20_000))?.[1] ?? '');
      const dep = departementOfNuts(/code\s+nuts\s*:?\s*(fr[a-z0-9]{3})\b/i.exec(block)?.[1]);
      if (dep) patch.place = { departement: dep };
    }
    const pub = /departement\(s\)\s+de\s+publication\s*:\s*([\d,\s ab]{2,80})/.exec(fold(text.slice(0, 5000)));
    if (pub?.[1]) {
      const deps = pub[1].split(/[,\s]+/).map((d) => d.trim().toUpperCase()).filter((d) => /^(\d{2,3}|2[AB])$/.test(d));
      if (deps.length) patch.place = { ...(patch.place ?? {}), publication: deps };
    }
  }
  return patch;
}

const NONE: ReadonlySet<keyof TenderPatch> = new Set();
