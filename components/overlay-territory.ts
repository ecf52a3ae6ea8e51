// A territory resolver without the 1.4 MB table, for the content script. It derives what the codes alone
// tell (département of a postal or commune code) and keeps the city name it is asked about, so the
// background (which has the table) can finish the job: commune code, région, names.
import type { TerritoryResolver } from '../core/territory/index';
import { departementFromCommuneCode, departementFromPostalCode } from '../core/territory/index';

/** The data-free resolver passed to `readPage` in the content script. */
export function dataFreeTerritory(): TerritoryResolver {
  // Anything but a string (a page's odd value, an object with a throwing toString) reads as nothing.
  const str = (x: unknown): string => (typeof x === 'string' ? x : '');
  const normDep = (code: string) => {
    const c = str(code).trim().toUpperCase();
    if (/^\d$/.test(c)) return `0${c}`;
    return /^(\d{2,3}|2[AB])$/.test(c) ? c : undefined;
  };
  return {
    // Unknown without the table: the reader then tries the city name, which findCommune keeps.
    fromPostalCode: () => [],
    fromCommune(code) {
      const c = str(code).trim().toUpperCase();
      const departement = departementFromCommuneCode(c);
      return departement ? { commune: c, departement } : undefined;
    },
    fromDepartement(code) {
      const departement = normDep(code);
      return departement ? { departement } : undefined;
    },
    regionOf: () => undefined,
    departementName: () => undefined,
    regionName: () => undefined,
    findCommune(name, departement) {
      const communeName = str(name).replace(/\bcedex\b.*$/i, '').trim().slice(0, 80);
      const dep = normDep(str(departement));
      if (!communeName || !dep) return undefined;
      return { communeName, departement: dep };
    },
    findDepartement: () => undefined,
    searchCommunes: () => [],
    parseTerritory(input) {
      const cp = str(input).trim();
      const dep = departementFromPostalCode(cp);
      return dep ? { ok: true, kind: 'postalCode', territory: { postalCode: cp, departement: dep } } : { ok: false, reason: 'no table in the content script' };
    },
  };
}
