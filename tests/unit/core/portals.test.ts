import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Portal } from '../../../core/portals/types.ts';
import { findPortal, portals } from '../../../core/portals/index.ts';
import { readPage } from '../../../core/read/index.ts';
import { parseHtml } from '../../../core/cli/load.ts';
import { FIXTURES, ROOT, fixtureDoc } from './helpers.ts';
import { portalExamples } from '../../../core/portals/examples';

const PORTAL_DIR = join(ROOT, 'core', 'portals');
const engineFiles = readdirSync(PORTAL_DIR)
  // Not engines: the types, the registry, the helper that defines an engine and the list of their example URLs.
  .filter((f) => f.endsWith('.ts') && !['types.ts', 'index.ts', 'kit.ts', 'examples.ts'].includes(f))
  .map((f) => f.slice(0, -3));

const lists = (p: Portal) => [
  ...portalExamples[p.id]!.notice.map((url) => ({ url, list: `${p.id}.examples.notice` })),
  ...portalExamples[p.id]!.list.map((url) => ({ url, list: `${p.id}.examples.list` })),
];

describe('portal URL fingerprints (cross-negative)', () => {
  for (const own of portals) {
    it(`${own.id} matches its own examples and no other engine does`, () => {
      expect(portalExamples[own.id]!.notice.length, `${own.id}.examples.notice is empty`).toBeGreaterThan(0);
      expect(portalExamples[own.id]!.list.length, `${own.id}.examples.list is empty`).toBeGreaterThan(0);
      for (const { url, list } of lists(own)) {
        const u = new URL(url);
        expect(own.matches(u), `${own.id}.matches() rejects ${url}: fix the fingerprint or ${list}`).toBe(true);
        for (const other of portals) {
          if (other === own) continue;
          const allowed = own.specialises === other.id && portals.indexOf(own) < portals.indexOf(other);
          if (allowed) continue;
          expect(other.matches(u), `${other.id}.matches() also accepts ${url} (from ${list}): narrow ${other.id}'s fingerprint or fix ${list}`).toBe(false);
        }
        expect(findPortal(u)?.id, `findPortal(${url}) should be ${own.id} (registry order?)`).toBe(own.id);
      }
    });

    it(`${own.id} tells notice from list examples by URL`, () => {
      const empty = parseHtml('<!DOCTYPE html><html><body><p>vide</p></body></html>');
      for (const url of portalExamples[own.id]!.notice) expect(own.pageKind(empty, new URL(url)), `${url} in ${own.id}.examples.notice`).toBe('notice');
      for (const url of portalExamples[own.id]!.list) expect(own.pageKind(empty, new URL(url)), `${url} in ${own.id}.examples.list`).toBe('list');
    });
  }

  it('a specialised engine comes before the engine it specialises', () => {
    for (const p of portals) {
      if (!p.specialises) continue;
      const general = portals.find((q) => q.id === p.specialises);
      expect(general, `${p.id}.specialises names an unknown engine`).toBeDefined();
      expect(portals.indexOf(p)).toBeLessThan(portals.indexOf(general as Portal));
    }
  });

  it('Atexo is recognised on any host by its paths, and PLACE wins on its own host', () => {
    expect(findPortal('https://marches.unknown-region.fr/entreprise/consultation/123456?orgAcronyme=z9z')?.id).toBe('atexo');
    expect(findPortal('https://achats.exemple.fr/index.php?page=Entreprise.EntrepriseDetailsConsultation&id=77&orgAcronyme=x')?.id).toBe('atexo');
    expect(findPortal('https://achats.exemple.fr/?page=entreprise.EntrepriseAdvancedSearch&AllCons')?.id).toBe('atexo');
    expect(findPortal('https://www.marches-publics.gouv.fr/app.php/entreprise/consultation/42?orgAcronyme=a')?.id).toBe('place');
    expect(findPortal('https://www.example.org/')).toBeUndefined();
    expect(findPortal('not a url')).toBeUndefined();
  });
});

describe('registry conventions', () => {
  it('every engine file is registered, once, with id = file name', async () => {
    const ids = portals.map((p) => p.id);
    expect(new Set(ids).size, 'duplicate ids in the registry').toBe(ids.length);
    for (const file of engineFiles) {
      expect(ids, `core/portals/${file}.ts is not in the registry (core/portals/index.ts)`).toContain(file);
      const mod = (await import(join(PORTAL_DIR, `${file}.ts`))) as Record<string, unknown>;
      const exported = Object.values(mod).filter((v): v is Portal => Boolean(v && typeof v === 'object' && 'matches' in v && 'id' in v));
      expect(exported.map((p) => p.id), `core/portals/${file}.ts must export a Portal with id '${file}'`).toContain(file);
    }
    for (const id of ids) expect(engineFiles, `registered engine ${id} has no file core/portals/${id}.ts`).toContain(id);
  });

  it('engine files are kebab-case, end with a "Test URLs" block and list hosts', () => {
    for (const file of engineFiles) {
      expect(file).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      const src = readFileSync(join(PORTAL_DIR, `${file}.ts`), 'utf8');
      expect(src.slice(-600), `core/portals/${file}.ts lacks a final "Test URLs" block`).toContain('Test URLs');
    }
    for (const p of portals) expect(p.hosts.length, `${p.id}.hosts is empty`).toBeGreaterThan(0);
  });

  it('every engine has a fixture; reconstructed ones say so', () => {
    const real = readdirSync(join(FIXTURES, 'real', 'pages')).map((f) => readFileSync(join(FIXTURES, 'real', 'pages', f)));
    for (const p of portals) {
      const file = join(FIXTURES, 'portals', `${p.id}.html`);
      const bytes = readFileSync(file);
      const isReal = real.some((r) => r.equals(bytes));
      if (!isReal) expect(bytes.toString('utf8', 0, 400), `tests/fixtures/portals/${p.id}.html must be a real page or say "reconstructed from the documented structure"`).toContain('reconstructed from the documented structure');
    }
  });
});

interface Expect {
  url: string;
  kind: 'notice' | 'list';
  title?: string;
  deadline?: string;
  cpv?: string;
  buyer?: string;
  signals?: string[];
  entries?: number;
}

// What each engine fixture must give (values written in the fixtures or read on the real pages).
const EXPECTED: Record<string, Expect> = {
  boamp: { url: 'https://www.boamp.fr/pages/avis/?q=idweb:20-96685', kind: 'notice', title: "Services d'insertion et de qualification professionnelles - entretien d'espaces publics et naturels", deadline: '2020-09-21T12:00:00', cpv: '80530000', buyer: 'Communauté Communes Pévèle Carembault', signals: ['clause-insertion', 'critere-social'] },
  ted: { url: 'https://ted.europa.eu/fr/notice/-/detail/379439-2020', kind: 'notice', title: "Marché de restauration collective pour l'EHPAD Les Jardins de l'île (Seyssel)", deadline: '2020-10-06T12:00:00', cpv: '55321000', buyer: 'Ville de Seyssel', signals: [] },
  place: { url: 'https://www.marches-publics.gouv.fr/index.php?page=entreprise.EntrepriseDemandeTelechargementDce&refConsultation=625646&orgAcronyme=g6l', kind: 'notice', deadline: '2020-09-16T12:00:00', cpv: '79110000', buyer: 'MINT / SGAR / SGARE PFRA - Grand Est', signals: ['allotissement'] },
  atexo: { url: 'https://marches.maximilien.fr/entreprise/consultation/945739?orgAcronyme=a8z', kind: 'notice', title: 'Entretien des espaces verts des collèges', deadline: '2026-03-12T12:00:00', cpv: '77310000', buyer: 'Direction des affaires scolaires', signals: ['clause-insertion', 'allotissement'] },
  aws: { url: 'https://www.marches-publics.info/Annonces/lister', kind: 'list', entries: 3 },
  achatpublic: { url: 'https://www.achatpublic.com/sdm/ent/gen/ent_detail.do?PCSLID=CSL_2020_sAKVRil_Rz', kind: 'notice', title: "Réfection de la toiture de l'école Jules Ferry", deadline: '2026-04-15T12:00:00', cpv: '45261210', buyer: 'Commune de Lunel', signals: [] },
  'marches-securises': { url: 'https://www.marches-securises.fr/entreprise/?module=consultation|details&cle_dce=7f3a2b1c9d8e', kind: 'notice', title: 'Fourniture de repas en liaison froide', deadline: '2026-04-20T12:00:00', cpv: '55521200', signals: ['not-reserved', 'label-equitable'] },
  'e-marchespublics': { url: 'https://www.e-marchespublics.com/appel-offre/auvergne-rhone-alpes/69-rhone/lyon/812345/1', kind: 'notice', title: 'Maintenance des installations de chauffage', deadline: '2026-04-30T16:00:00', cpv: '50720000', signals: [] },
  klekoon: { url: 'https://www.klekoon.com/appels-offres/avis/fourniture-de-repas-scolaires?consultation_ID=123456', kind: 'notice', title: 'Transport scolaire des élèves de la commune', deadline: '2026-05-05T17:00:00', cpv: '60130000', signals: [] },
  xmarches: { url: 'https://www.xmarches.fr/entreprise/detailConsultation.php?key=a1b2c3d4', kind: 'notice', title: 'Impression du magazine municipal', deadline: '2026-05-12T12:00:00', cpv: '79810000', signals: ['reserve-handicap'] },
  'france-marches': { url: 'https://www.francemarches.com/appel-offre/3boamp2096685-services-d-insertion-et-de-qualification-professionnelles', kind: 'notice', deadline: '2020-09-21T12:00:00', cpv: '80530000', signals: ['clause-insertion'] },
  'marches-online': { url: 'https://www.marchesonline.com/appels-offres/avis/nettoyage-des-locaux-communaux/ao-8123456-1', kind: 'notice', title: 'Nettoyage des locaux communaux', deadline: '2026-05-18T11:30:00', cpv: '90919200', signals: ['critere-social'] },
  'centrale-des-marches': { url: 'https://www.centraledesmarches.com/marches-publics/Lyon-Ville-de-Lyon-Nettoyage-des-ecoles/7123456', kind: 'notice', title: 'Location de chalets pour le marché de Noël', deadline: '2026-09-15T16:00:00', cpv: '39522000', signals: ['clause-environnementale'] },
};

describe('engine fixtures', () => {
  it('every engine has expectations', () => {
    for (const p of portals) expect(EXPECTED[p.id], `add ${p.id} to EXPECTED`).toBeDefined();
  });
  for (const p of portals) {
    const e = EXPECTED[p.id];
    if (!e) continue;
    it(`${p.id}: ${e.kind} read with its engine`, () => {
      const r = readPage(fixtureDoc(`portals/${p.id}.html`), new URL(e.url));
      expect(r.portal).toBe(p.id);
      expect(r.pageKind).toBe(e.kind);
      expect(r.isTender).toBe(e.kind === 'notice');
      if (e.title) expect(r.tender.title).toBe(e.title);
      if (e.deadline) expect(r.tender.deadline).toBe(e.deadline);
      if (e.cpv) expect(r.tender.cpv[0]).toBe(e.cpv);
      if (e.buyer) expect(r.tender.buyer).toBe(e.buyer);
      if (e.signals) expect(r.signals.map((s) => s.id).sort()).toEqual([...e.signals].sort());
      if (e.entries !== undefined) expect(r.entries).toHaveLength(e.entries);
    });
  }

  it('aws list entries carry title, url, buyer and deadline', () => {
    const r = readPage(fixtureDoc('portals/aws.html'), new URL('https://www.marches-publics.info/Annonces/lister'));
    expect(r.entries[0]).toEqual({
      title: "Restauration scolaire : fourniture de denrées issues de l'agriculture biologique",
      url: 'https://www.marches-publics.info/Annonces/MPI-pub-2026123456.htm',
      buyer: 'Ville de Villeurbanne (69100)',
      deadline: '2026-03-27T12:00:00',
    });
    expect(r.signals).toEqual([]);
  });
});
