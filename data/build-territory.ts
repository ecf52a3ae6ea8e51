/**
 * Builds the territory tables from @etalab/decoupage-administratif (COG, La Poste postal codes): the one
 * build of commune data; the widget's per-département files are cut from these two files (widget/build-data.ts).
 * Run: npx tsx data/build-territory.ts
 *
 * data/territory.json (arrays, not objects, to stay small; see core/territory/resolver.ts `TerritoryData`):
 *   regions:      [code, name]
 *   departements: [code, name, regionCode]
 *   communes:     [code, name, departementCode, postalCodes joined by a space]
 *   aliases:      [code, name, currentCommuneCode]  (communes déléguées / associées, arrondissements municipaux)
 * data/epci.json, kept apart because only the widget needs it:
 *   epci:         [SIREN, name, member commune codes joined by a space]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface RawRegion { code: string; nom: string }
interface RawDepartement { code: string; nom: string; region: string }
interface RawEpci { code: string; nom: string; membres: { code: string }[] }
interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  commune?: string;
  chefLieu?: string;
  codesPostaux?: string[];
}

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('@etalab/decoupage-administratif/package.json'));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
const load = <T>(name: string): T[] => JSON.parse(readFileSync(join(pkgDir, 'data', `${name}.json`), 'utf8')) as T[];

const regions = load<RawRegion>('regions').map((r) => [r.code, r.nom] as const);
const departements = load<RawDepartement>('departements').map((d) => [d.code, d.nom, d.region] as const);

const communes: [string, string, string, string][] = [];
const aliases: [string, string, string][] = [];
for (const c of load<RawCommune>('communes')) {
  if (c.type === 'commune-actuelle') {
    communes.push([c.code, c.nom, c.departement ?? '', (c.codesPostaux ?? []).join(' ')]);
  } else if (c.type === 'arrondissement-municipal' && c.commune) {
    aliases.push([c.code, c.nom, c.commune]);
  } else if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu && c.chefLieu !== c.code) {
    // A commune déléguée that shares its code with its new commune adds nothing.
    aliases.push([c.code, c.nom, c.chefLieu]);
  }
}
communes.sort((a, b) => a[0].localeCompare(b[0]));
aliases.sort((a, b) => a[0].localeCompare(b[0]));

const out = {
  v: 1,
  source: `@etalab/decoupage-administratif ${pkg.version}`,
  regions,
  departements,
  communes,
  aliases,
};
const epci = load<RawEpci>('epci')
  .map((e) => [e.code, e.nom, e.membres.map((m) => m.code).sort().join(' ')] as const)
  .sort((a, b) => a[0].localeCompare(b[0]));
writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'epci.json'), JSON.stringify({ v: 1, source: out.source, epci }));

const json = JSON.stringify(out);
const target = join(dirname(fileURLToPath(import.meta.url)), 'territory.json');
writeFileSync(target, json);
const gz = gzipSync(json).length;
console.log(
  `territory.json: ${regions.length} régions, ${departements.length} départements, ${communes.length} communes, ` +
    `${aliases.length} aliases, ${epci.length} EPCI; ${(json.length / 1024).toFixed(0)} KB raw, ${(gz / 1024).toFixed(0)} KB gzip`,
);
