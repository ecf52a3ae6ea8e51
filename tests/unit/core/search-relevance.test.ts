// What people type into the popup and the widget — a kind of structure, a lever, a field — and what must come
// first. The checks hold on the data's own words (names, kinds, descriptions), never on a list of expected ids
// beyond the one record each query is about.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKb, type KbData } from '../../../core/kb/index';
import { createSearch, lookAlike, type SearchDoc } from '../../../core/search/index';
import { structureKinds } from '../../../core/search/definition';
import { fold } from '../../../core/text';

const data = (f: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../data', f), 'utf8'));
const kbData = data('kb.json') as KbData;
const kb = createKb(kbData);
const search = createSearch(kb, data('search-index.json'));
const actorById = new Map(kbData.actors.map((a) => [a.id, a]));

const hits = (q: string, type?: SearchDoc['type'], limit = 10, territory?: { region?: string; departement?: string; commune?: string }) =>
  search.search(q, { type, limit, ...(territory ? { territory } : {}) }).map((h) => h.doc);
/** All an actor says of itself, folded: name, kind, description, levers it serves. */
const about = (id: string) => {
  const a = actorById.get(id)!;
  return fold([a.name, a.kind, a.description, ...a.levers, ...a.topics].join(' '));
};
/** Whether a record holds the phrase in its name or kind (not only in its description). */
const namedOrKind = (d: SearchDoc, phrase: string) => fold(`${d.title} ${d.keywords.join(' ')}`).includes(fold(phrase));

describe('search: a kind of structure finds structures of that kind and the lever, nothing that merely shares letters', () => {
  it('"ESAT": the reservation for ESAT/EA and the ESAT itself first; every actor found deals with disability', () => {
    const top = hits('ESAT', undefined, 2).map((d) => d.id);
    expect(top.sort()).toEqual(['esat-deltha', 'reserve-handicap']);
    const actors = hits('ESAT', 'actor', 20);
    expect(actors[0]!.id).toBe('esat-deltha');
    for (const a of actors) expect(about(a.id), `${a.id} found for ESAT`).toMatch(/\besat\b|handicap|adapte/);
    // The issue: ADEME and a région came up for "ESAT" (État, a look-alike word).
    expect(actors.map((a) => a.id)).not.toContain('ademe');
    expect(actors.some((a) => a.id.startsWith('region-'))).toBe(false);
  });

  it('"SIAE": the SIAE reservation first, then insertion structures before the networks and buyers that mention them', () => {
    expect(hits('SIAE', undefined, 1)[0]!.id).toBe('reserve-siae');
    const actors = hits('SIAE', 'actor', 10);
    expect(actors.length).toBeGreaterThan(3);
    const firstKinds = actors.slice(0, 3).map((a) => structureKinds(a.title, actorById.get(a.id)!.description).join(' '));
    for (const k of firstKinds) expect(k).toMatch(/SIAE/);
    for (const a of actors) expect(about(a.id), `${a.id} found for SIAE`).toMatch(/siae|insertion|regie/);
  });

  it('"restauration collective": records naming it in their name or kind come first, and records holding both words before those holding one', () => {
    const all = hits('restauration collective', undefined, 10);
    expect(namedOrKind(all[0]!, 'restauration collective')).toBe(true);
    const actors = hits('restauration collective', 'actor', 10);
    // The issue: a PETR that supplies school canteens through another structure ranked first.
    expect(actors[0]!.id).not.toBe('petr-du-pays-de-langres');
    const firstPlain = actors.findIndex((d) => !namedOrKind(d, 'restauration collective'));
    const lastNamed = actors.map((d) => namedOrKind(d, 'restauration collective')).lastIndexOf(true);
    expect(firstPlain === -1 || lastNamed < firstPlain).toBe(true);
    // Records holding both words all come before any that holds only one.
    const both = actors.map((a) => /\brestauration\b/.test(about(a.id)) && /\bcollective?s?\b/.test(about(a.id)));
    expect(both[0]).toBe(true);
    const firstPartial = both.indexOf(false);
    if (firstPartial >= 0) expect(both.slice(firstPartial).some(Boolean)).toBe(false);
  });

  it('"clause insertion": the lever first; among actors, the clause facilitators, and no international network', () => {
    expect(hits('clause insertion', undefined, 1)[0]!.id).toBe('clause-insertion');
    const actors = hits('clause insertion', 'actor', 10);
    expect(actorById.get(actors[0]!.id)!.kind).toBe('facilitator');
    for (const a of actors) expect(about(a.id), `${a.id} found for "clause insertion"`).toMatch(/clause|insertion|facilitat/);
    expect(actors.some((a) => actorById.get(a.id)!.topics.includes('cooperation-internationale'))).toBe(false);
  });

  it('"entreprise adaptée" finds UNEA (the network of EA) and the ESAT/EA reservation first', () => {
    expect(hits('entreprise adaptée', undefined, 2).map((d) => d.id).sort()).toEqual(['reserve-handicap', 'unea']);
  });
});

describe('search: ranked by field', () => {
  it('a word in a name or a kind outranks the same word met only in a description', () => {
    for (const q of ['SCIC', 'régie de quartier', 'ESAT']) {
      const actors = hits(q, 'actor', 15);
      const named = actors.map((d) => namedOrKind(d, q));
      const firstPlain = named.indexOf(false);
      if (firstPlain >= 0) expect(named.slice(firstPlain).some(Boolean), `${q}: a named record after a description-only one`).toBe(false);
    }
  });
});

describe('search: the user\'s territory first', () => {
  it('an actor of the kind asked in the user\'s département comes before the same kind elsewhere', () => {
    // Each département that has a SCIC: with that territory, a SCIC of it comes first.
    const scicDeps = new Set(kbData.actors.filter((a) => a.departement && /\bscic\b/.test(fold(`${a.name} ${a.description.split(/[,;:.]/)[0]}`))).map((a) => a.departement!));
    expect(scicDeps.size).toBeGreaterThan(2);
    for (const dep of scicDeps) {
      const first = hits('SCIC', 'actor', 5, { departement: dep })[0]!;
      expect(first.place?.departement, `SCIC with territory ${dep}`).toBe(dep);
    }
  });
  it('without a territory nothing is reordered by place, and a description-only local record never beats a named one', () => {
    const local = hits('ESAT', 'actor', 10, { departement: '59' });
    expect(local[0]!.id).toBe('esat-deltha');
    const plain = hits('ESAT', 'actor', 10);
    expect(new Set(local.map((d) => d.id))).toEqual(new Set(plain.map((d) => d.id)));
  });
});

describe('search: look-alike words are typos of words the knowledge base has', () => {
  it('one edit, two from eight letters, or a typo in the start of a longer word', () => {
    expect(lookAlike('comande', 'commande')).toBeGreaterThan(0);
    expect(lookAlike('insertoin', 'insertion')).toBeGreaterThan(0);
    expect(lookAlike('publik', 'publique')).toBeGreaterThan(0);
    expect(lookAlike('alimentaton', 'alimentation')).toBeGreaterThan(lookAlike('alimentaton', 'alimentaires'));
    // Different words stay apart.
    expect(lookAlike('insertion', 'international')).toBe(0);
    expect(lookAlike('cantine', 'citoyenne')).toBe(0);
  });
  it('a misspelt query still finds the record', () => {
    expect(hits('comande publik responsable', 'fiche', 3).map((d) => d.id)).toContain('municipal-2026-8');
    expect(hits('restoration colective', 'actor', 3).some((d) => namedOrKind(d, 'restauration collective'))).toBe(true);
  });
});
