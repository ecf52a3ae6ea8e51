import { fold } from './text.ts';

/** What a part of a notice is about; guides the signal rules (criteria vs execution conditions…). */
export type SectionKind =
  | 'title'
  | 'object'
  | 'lots'
  | 'criteria'
  | 'conditions'
  | 'reserved'
  | 'participation'
  | 'procedure'
  | 'buyer'
  | 'other';

/** A piece of notice text and where it comes from (`III.1.5`, `criteria`, `title`…). */
export interface Section {
  where: string;
  text: string;
  kind?: SectionKind;
}

// "II.1.4)", "III.1.5)", "VI.3)": the numbering of the standard (JOUE/TED) forms.
const NUMBERED = /(^|[\s>])((?:VI|IV|V|III|II|I)(?:\.\d{1,2}){1,3})\)\s*/g;

interface HeadingRule {
  re: RegExp;
  kind: SectionKind;
}

// Heading words → kind, tested on the folded start of a numbered section.
const HEADINGS: HeadingRule[] = [
  { re: /^(?:criteres? d'attribution|award criteria|criteres? de jugement)/, kind: 'criteria' },
  { re: /^(?:conditions? particulieres? d'execution|contract performance conditions|autres conditions particulieres|conditions? d'execution)/, kind: 'conditions' },
  { re: /^(?:informations? sur les marches? reserves?|information about reserved contracts|marches? reserves?|participation reservee|reserved (?:contracts|participation))/, kind: 'reserved' },
  { re: /^(?:intitule|title)\b/, kind: 'title' },
  { re: /^(?:description succincte|short description|description des prestations|description of the procurement|objet du marche|quantite ou etendue|etendue du marche)/, kind: 'object' },
  { re: /^(?:information sur les lots|information about lots|informations? sur les lots)/, kind: 'lots' },
  { re: /^(?:conditions? de participation|conditions for participation|habilitation|capacite|suitability|economic and financial|technical and professional|regles et criteres objectifs)/, kind: 'participation' },
  { re: /^(?:type de procedure|forme de la procedure|type of procedure)/, kind: 'procedure' },
  { re: /^(?:nom et adresses?|name and addresses?)/, kind: 'buyer' },
];

interface LabelRule {
  re: RegExp;
  kind: SectionKind;
  where: string;
}

// Labels of the national (MAPA/FNS) forms and of free texts; a label opens a section.
const LABELS: LabelRule[] = [
  { re: /nom et adresse officiels? de l'organisme acheteur\s*:/g, kind: 'buyer', where: 'buyer' },
  { re: /(?:objet du marche|objet de la consultation|objet de l'accord-cadre)\s*:/g, kind: 'object', where: 'object' },
  { re: /caracteristiques principales\s*:/g, kind: 'object', where: 'object' },
  { re: /(?:criteres? d'attribution|criteres? de jugement des offres|criteres? de choix des offres|jugement des offres)\s*:/g, kind: 'criteria', where: 'criteria' },
  { re: /(?:conditions? particulieres? d'execution|conditions? d'execution du marche|clauses? d'execution)\s*:/g, kind: 'conditions', where: 'conditions' },
  { re: /(?:conditions? de participation|justifications a produire)\s*:/g, kind: 'participation', where: 'conditions' },
  { re: /marches? reserves?\s*:/g, kind: 'reserved', where: 'conditions' },
  { re: /renseignements relatifs aux lots\s*:/g, kind: 'lots', where: 'lots' },
  { re: /type de procedure\s*:/g, kind: 'procedure', where: 'procedure' },
  { re: /(?:autres renseignements|renseignements complementaires)\s*:/g, kind: 'other', where: 'text' },
  { re: /instance chargee des procedures de recours\s*:/g, kind: 'other', where: 'text' },
  // Labels that only close the previous section (a criteria list must not run into them).
  {
    re: /(?:date limite de (?:reception|remise) des (?:offres|plis|candidatures)|delai minimum de validite des offres|modalites essentielles de financement|forme juridique que devra revetir|langues? pouvant etre utilisees?|unite monetaire utilisee|situation juridique - references requises|capacite economique et financiere - references requises|mots descripteurs|date d'envoi du present avis)\s*:/g,
    kind: 'other',
    where: 'text',
  },
];

// A labelled criteria section longer than this is cut: flattened forms may lack the next label.
const CRITERIA_MAX = 1500;

// Upper bound of sections per text: keeps the signal scan linear on hostile input.
const MAX_SECTIONS = 2000;

/**
 * Splits notice text into sections: on the numbering of the standard forms (`II.2.5)`) when the
 * text has it, else on the labels of the national forms (`Critères d'attribution :`).
 */
export function toSections(text: string, defaultWhere = 'text'): Section[] {
  if (!text) return [];
  const marks: { at: number; start: number; where: string }[] = [];
  NUMBERED.lastIndex = 0;
  for (let m = NUMBERED.exec(text); m && marks.length < MAX_SECTIONS; m = NUMBERED.exec(text)) {
    const at = m.index + (m[1]?.length ?? 0);
    marks.push({ at, start: m.index + m[0].length, where: m[2] ?? defaultWhere });
  }
  if (marks.length >= 3) return numbered(text, marks, defaultWhere);
  return labelled(text, defaultWhere);
}

function numbered(text: string, marks: { at: number; start: number; where: string }[], defaultWhere: string): Section[] {
  const out: Section[] = [];
  const first = marks[0];
  if (first && first.at > 0) {
    const pre = text.slice(0, first.at).trim();
    if (pre) out.push(...labelled(pre, defaultWhere));
  }
  for (let i = 0; i < marks.length; i++) {
    const mark = marks[i];
    if (!mark) continue;
    const end = marks[i + 1]?.at ?? text.length;
    const body = text.slice(mark.start, end).trim();
    if (!body) continue;
    const head = fold(body.slice(0, 120)).replace(/^[\s:]+/, '');
    const rule = HEADINGS.find((h) => h.re.test(head));
    out.push(rule ? { where: mark.where, text: body, kind: rule.kind } : { where: mark.where, text: body });
  }
  return out;
}

function labelled(text: string, defaultWhere: string): Section[] {
  const folded = fold(text);
  const cuts: { at: number; rule: LabelRule }[] = [];
  for (const rule of LABELS) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(folded); m && cuts.length < MAX_SECTIONS; m = rule.re.exec(folded)) {
      // The labels are specific enough (words + colon) to cut anywhere on a word boundary:
      // flattened notices glue them to the previous value ("SIRET : NON Critères d'attribution :").
      const prev = m.index > 0 ? folded.charAt(m.index - 1) : ' ';
      if (!/[a-z0-9]/.test(prev)) cuts.push({ at: m.index, rule });
    }
  }
  if (!cuts.length) return [{ where: defaultWhere, text }];
  cuts.sort((a, b) => a.at - b.at);
  const out: Section[] = [];
  const firstCut = cuts[0];
  if (firstCut && firstCut.at > 0) {
    const pre = text.slice(0, firstCut.at).trim();
    if (pre) out.push({ where: defaultWhere, text: pre });
  }
  for (let i = 0; i < cuts.length; i++) {
    const cut = cuts[i];
    if (!cut) continue;
    const end = cuts[i + 1]?.at ?? text.length;
    const body = text.slice(cut.at, end).trim();
    if (!body) continue;
    if (cut.rule.kind === 'criteria' && body.length > CRITERIA_MAX) {
      const stop = body.indexOf('. ', CRITERIA_MAX);
      const at = stop > 0 && stop < CRITERIA_MAX + 300 ? stop + 1 : CRITERIA_MAX;
      out.push({ where: cut.rule.where, text: body.slice(0, at).trim(), kind: 'criteria' });
      out.push({ where: defaultWhere, text: body.slice(at).trim() });
    } else out.push({ where: cut.rule.where, text: body, kind: cut.rule.kind });
  }
  return out;
}
