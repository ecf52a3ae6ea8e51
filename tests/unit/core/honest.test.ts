// What a notice states, read honestly (issue 13 item 6): no borrowed headings, totals over lots, places apart.
import { describe, expect, it } from 'vitest';
import { readNotice, readPage, readText } from '../../../core/read/index.ts';
import { findReference } from '../../../core/read/fields/index.ts';
import { resolvePlaceClues } from '../../../core/territory/resolve-clues.ts';
import { parseHtml } from '../../../core/cli/load.ts';
import { territoryResolver } from './helpers.ts';

describe('reading what the notice states', () => {
  it('an empty reference field is not filled with the next heading', () => {
    expect(findReference('Numéro de référence :\nII.1.2) Code CPV principal : 55243000')).toBeUndefined();
    expect(findReference('Numéro de référence : II.1.2) Code CPV principal : 55243000')).toBeUndefined();
    expect(findReference('Numéro de référence : 2026-014\nII.1.2) Code CPV principal')).toBe('2026-014');
  });

  it("pasted text with 'Acheteur :' reads the buyer, also on one line", () => {
    const r = readText("Objet : Nettoyage des locaux municipaux. Acheteur : Ville de Lyon. Date limite : 12/10/2026 à 12h00");
    expect(r.tender.title).toBe('Nettoyage des locaux municipaux');
    expect(r.tender.buyer).toBe('Ville de Lyon');
    expect(r.tender.deadline).toBe('2026-10-12T12:00:00');
  });

  it('an internal code is no title when the object is stated', () => {
    const r = readNotice({ title: '20025_46_sejours', object: 'Organisation de séjours de vacances pour les enfants de la commune. Deux séjours par an.' });
    expect(r.tender.title).toBe('Organisation de séjours de vacances pour les enfants de la commune.');
    expect(r.tender.reference).toBe('20025_46_sejours');
  });

  it("a notice with lots: the total, each lot's value beside it", () => {
    const r = readText(
      [
        'II.1.1) Intitulé : Entretien des espaces verts',
        'II.1.6) Information sur les lots : Ce marché est divisé en lots : oui',
        'II.2.1) Intitulé : Secteur nord Lot nº : 1',
        'II.2.6) Valeur estimée : Valeur hors TVA : 120 000,00 EUR',
        'II.2.1) Intitulé : Secteur sud Lot nº : 2',
        'II.2.6) Valeur estimée : Valeur hors TVA : 80 000,00 EUR',
      ].join('\n'),
    );
    expect(r.tender.lots.map((l) => [l.number, l.title, l.value])).toEqual([
      ['1', 'Secteur nord', 120000],
      ['2', 'Secteur sud', 80000],
    ]);
    expect(r.tender.estimatedValue).toBe(200000);
  });

  it('a stated total wins over the sum of the lots', () => {
    const r = readText(
      [
        'II.1.1) Intitulé : Entretien des espaces verts',
        'II.1.5) Valeur totale estimée : Valeur hors TVA : 250 000,00 EUR',
        'II.2.1) Intitulé : Secteur nord Lot nº : 1',
        'II.2.6) Valeur estimée : Valeur hors TVA : 120 000,00 EUR',
        'II.2.1) Intitulé : Secteur sud Lot nº : 2',
        'II.2.6) Valeur estimée : Valeur hors TVA : 80 000,00 EUR',
      ].join('\n'),
    );
    expect(r.tender.estimatedValue).toBe(250000);
  });

  it("the place of performance is read apart from the buyer's address, both resolved", () => {
    const r = readText(
      [
        'I.1) Nom et adresses : Bordeaux Métropole, esplanade Charles-de-Gaulle, 33000 Bordeaux',
        'II.1.1) Intitulé : Réfection de voirie',
        "II.2.3) Lieu d'exécution : Code NUTS : FRI34 Lieu principal d'exécution : Poitiers",
      ].join('\n'),
      { resolver: territoryResolver() },
    );
    expect(r.tender.placeClues?.buyer).toMatchObject({ postalCode: '33000', city: 'Bordeaux' });
    expect(r.tender.placeClues?.performance).toMatchObject({ departement: '86', city: 'Poitiers' });
    expect(r.tender.buyerTerritory).toMatchObject({ departement: '33' });
    expect(r.tender.performanceTerritory).toMatchObject({ departement: '86', commune: '86194' });
  });

  it('a département written in a title or before a buyer name is a clue', () => {
    const a = readText('Objet : (16) Travaux de réfection de la toiture de l’école communale, marché de travaux');
    expect(a.tender.placeClues?.buyer?.named).toEqual(['16']);
    expect(resolvePlaceClues(a.tender.placeClues).buyer).toEqual({ departement: '16' });
    const b = readText('Acheteur : 75 APHP\nObjet : Fourniture de draps et de blouses pour les hôpitaux');
    expect(b.tender.buyer).toBe('75 APHP');
    expect(b.tender.placeClues?.buyer?.named).toEqual(['75']);
    // A quantity is no département.
    expect(readText('Objet : 10 logements sociaux à réhabiliter, marché de travaux en corps d’état séparés').tender.placeClues).toBeUndefined();
  });

  it('evidence keeps line breaks, spaces glued sentences, and never cuts a word', () => {
    const long = `Le titulaire assure la collecte des déchets. Il nettoie les locaux administratifs de la commune, les écoles maternelles et élémentaires, les gymnases, la médiathèque, le centre technique municipal et les salles associatives du quartier nord en respectant le calendrier annuel fixé avec les services et en appliquant la clause sociale d'insertion portant sur 500 heures de travail confiées à des personnes éloignées de l’emploi suivies par le facilitateur du territoire et par les structures locales qui accompagnent les demandeurs d’emploi de longue durée dans leur parcours vers un emploi durable dans la commune. Les heures sont déclarées chaque mois.`;
    const r = readText(`Conditions particulières d'exécution : ${long}`);
    const ev = r.signals.find((s) => s.id === 'clause-insertion')?.evidence ?? '';
    expect(ev.length).toBeLessThanOrEqual(301);
    expect(ev).toMatch(/clause sociale d'insertion/);
    const words = new Set(long.split(/\s+/));
    const inner = ev.replace(/…$/, '').split(/\s+/);
    for (const w of [inner[0], inner[inner.length - 1]]) expect(words.has(w ?? ''), `«${w}» is a cut word`).toBe(true);
    const glued = readText("Conditions d'exécution : une clause sociale d'insertion est prévue au CCAP.Le titulaire rend compte chaque trimestre.").signals.find((s) => s.id === 'clause-insertion');
    expect(glued?.evidence).toMatch(/CCAP\. ?Le titulaire|clause sociale d'insertion est prévue au CCAP\./);
  });
});

describe('Atexo 2026 recap', () => {
  // Reconstructed from the documented structure (shared/docs/portals.md, "Atexo's current front"): label and
  // value pairs in #recap-consultation, the organism with its "(94000 - Créteil)" place.
  const html = `<html><body><div id="recap-consultation"><div class="item_consultation">
    <div>Référence :</div><span>2026-DSI-014</span>
    <div>Intitulé :</div><span>Maintenance des copieurs des écoles</span>
    <div>Organisme :</div><span>Ville de Créteil (94000 - Créteil)</span>
    <div>Allotissement :</div><span>33 Lots</span>
    <div>Lieu d'exécution :</div><span>(94) Val-de-Marne</span>
    </div><a id="linkDownloadDce" href="/index.php?page=Entreprise.EntrepriseDemandeTelechargementDce&amp;id=944655&amp;orgAcronyme=r8t">Dossier</a></div></body></html>`;

  it("reads the buyer's territory from the organism's place, and 33 lots", () => {
    const r = readPage(parseHtml(html), 'https://marches.maximilien.fr/entreprise/consultation/944655?orgAcronyme=r8t', { territory: territoryResolver() });
    expect(r.portal).toBe('atexo');
    expect(r.tender.buyer).toBe('Ville de Créteil');
    expect(r.tender.placeClues?.buyer).toMatchObject({ postalCode: '94000', city: 'Créteil' });
    expect(r.tender.buyerTerritory).toMatchObject({ commune: '94028', departement: '94', region: '11' });
    expect(r.tender.placeClues?.performance).toEqual({ execution: ['94'] });
    expect(r.tender.lotCount).toBe(33);
    expect(r.signals.map((s) => s.id)).toContain('allotissement');
  });
});

describe('list entries carry their reference', () => {
  it('Atexo: the consultation id of each result', () => {
    // Reconstructed from the documented structure: result blocks `.item_consultation` linking to the detail page.
    const item = (id: number, title: string) =>
      `<div class="item_consultation"><a href="/entreprise/consultation/${id}?orgAcronyme=r8t"><span class="objet-line">${title}</span></a><span class="entite">Ville de Créteil</span><span>Date limite : 12/10/2026</span></div>`;
    const doc = parseHtml(`<html><body><main>${item(944655, 'Maintenance des copieurs des écoles')}${item(944656, 'Entretien des espaces verts du parc')}</main></body></html>`);
    const r = readPage(doc, 'https://marches.maximilien.fr/entreprise/consultation/?keyWord=ecole');
    expect(r.pageKind).toBe('list');
    expect(r.entries.map((e) => [e.reference, e.url])).toEqual([
      ['944655', 'https://marches.maximilien.fr/entreprise/consultation/944655?orgAcronyme=r8t'],
      ['944656', 'https://marches.maximilien.fr/entreprise/consultation/944656?orgAcronyme=r8t'],
    ]);
  });
});
