import type { Territory } from './types.ts';
import type { PlaceHint } from './fields.ts';
import type { TerritoryResolver } from '../territory/index.ts';
import { departementFromCommuneCode, departementFromPostalCode, foldName } from '../territory/index.ts';

/**
 * INSEE codes of the buyer's place from the clues read in the notice: postal code (and city, to
 * pick among communes sharing a code or to place a CEDEX code), commune code, département name,
 * single place of performance, first département of publication — in that order of trust.
 * Without a resolver, only the département is derived (from the postal or commune code).
 */
export function resolvePlace(hint: PlaceHint | undefined, resolver?: TerritoryResolver): Territory | undefined {
  if (!hint) return undefined;
  try {
    const withRegion = (t: Territory): Territory => {
      if (t.departement && !t.region && resolver) {
        const r = resolver.regionOf(t.departement);
        if (r) t.region = r;
      }
      return t;
    };
    if (hint.communeCode) {
      const t = resolver?.fromCommune(hint.communeCode);
      if (t) return t;
      const dep = departementFromCommuneCode(hint.communeCode);
      if (dep && !resolver) return { commune: hint.communeCode.toUpperCase(), departement: dep };
    }
    const cp = hint.postalCode && /^\d{5}$/.test(hint.postalCode) ? hint.postalCode : undefined;
    if (cp) {
      const dep = departementFromPostalCode(cp);
      if (resolver) {
        const list = resolver.fromPostalCode(cp);
        const cityKey = hint.city ? foldName(hint.city.replace(/\bcedex\b.*$/i, '')) : '';
        if (list.length === 1 && list[0]) return list[0];
        if (list.length > 1) {
          const named = cityKey ? list.find((t) => t.communeName && foldName(t.communeName) === cityKey) : undefined;
          if (named) return named;
          const d = list[0]?.departement;
          if (d && list.every((t) => t.departement === d)) return withRegion({ postalCode: cp, departement: d });
        }
        if (hint.city) {
          const found = resolver.findCommune(hint.city, dep);
          if (found) return { ...found, postalCode: cp };
        }
        if (dep && resolver.fromDepartement(dep)) return withRegion({ postalCode: cp, departement: dep });
      } else if (dep) {
        return { postalCode: cp, departement: dep };
      }
    }
    if (hint.departementName && resolver) {
      const d = resolver.findDepartement(hint.departementName);
      if (d) return withRegion({ departement: d });
    }
    const single = hint.execution?.length === 1 ? hint.execution[0] : undefined;
    const pub = hint.publication?.[0];
    for (const d of [single, pub]) {
      if (!d) continue;
      if (!resolver) return { departement: d };
      const t = resolver.fromDepartement(d);
      if (t) return t;
    }
  } catch {
    /* unresolvable clue: no territory */
  }
  return undefined;
}
