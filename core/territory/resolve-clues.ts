import type { PlaceClues, PlaceHint, Territory } from '../read/types.ts';
import type { TerritoryResolver } from './resolver.ts';
import { departementFromCommuneCode, departementFromPostalCode, foldName } from './codes.ts';

/** The places of a notice once its clues are resolved. */
export interface ResolvedPlaces {
  buyer?: Territory;
  performance?: Territory;
}

/**
 * Resolves the place clues a reader put in `tender.placeClues`, once, where the territory table is.
 * Without a resolver only the département is derived (from a postal or commune code, or a code as written).
 */
export function resolvePlaceClues(clues: PlaceClues | undefined, resolver?: TerritoryResolver): ResolvedPlaces {
  const out: ResolvedPlaces = {};
  if (!clues) return out;
  const buyer = resolveHint(clues.buyer, resolver);
  if (buyer) out.buyer = buyer;
  const performance = resolveHint(clues.performance, resolver, true);
  if (performance) out.performance = performance;
  return out;
}

/**
 * INSEE codes of one place from its clues, in order of trust: commune code, postal code (and city, to
 * pick among communes sharing a code or to place a CEDEX code), département name, a single place of
 * performance, the first département of publication, a département written beside a name, the département of a
 * local authority's SIREN.
 * `performance`: the clues describe where the work is done, so a list of several départements is no place.
 */
export function resolveHint(hint: PlaceHint | undefined, resolver?: TerritoryResolver, performance = false): Territory | undefined {
  if (!hint) return undefined;
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
        // Corsica's two départements share the 20 prefix and its CEDEX codes cross the 20200 line ("20304 Ajaccio
        // Cedex"): the town's name decides between them.
        for (const d of dep === '2A' || dep === '2B' ? [dep, dep === '2A' ? '2B' : '2A'] : [dep]) {
          const found = resolver.findCommune(hint.city, d);
          if (found) return { ...found, postalCode: cp };
        }
      }
      if (dep && resolver.fromDepartement(dep)) return withRegion({ postalCode: cp, departement: dep });
    } else if (dep) {
      return { postalCode: cp, departement: dep };
    }
  }
  if (hint.city && hint.departement && resolver) {
    const found = resolver.findCommune(hint.city, hint.departement);
    if (found) return found;
  }
  if (hint.departement && /^(\d{2,3}|2[AB])$/.test(hint.departement)) {
    if (!resolver) return { departement: hint.departement };
    const t = resolver.fromDepartement(hint.departement);
    if (t) return t;
  }
  if (hint.departementName && resolver) {
    const d = resolver.findDepartement(hint.departementName);
    if (d) return withRegion({ departement: d });
  }
  // A commune's name with nothing else: only a name no other commune in France bears.
  if (hint.city && !cp && resolver) {
    // "ANTIBES JUAN LES PINS": the commune, then the quarter; the shorter names are tried in turn.
    // A name several communes bear ("Angles") is settled by the département of the buyer's SIREN.
    const words = hint.city.trim().split(/\s+/);
    for (let n = words.length; n >= 1; n--) {
      const name = words.slice(0, n).join(' ');
      const found = name.length >= 4 ? ((hint.registered && resolver.findCommune(name, hint.registered)) || resolver.findCommune(name)) : undefined;
      if (found) return found;
    }
    // "CHAMONIX" for Chamonix-Mont-Blanc: the one commune whose name begins with it, when none bears it exactly.
    const key = foldName(hint.city);
    if (key.length >= 6) {
      const near = resolver.searchCommunes(hint.city, 50);
      const longer = near.filter((c) => foldName(c.name).startsWith(`${key} `));
      const one = !near.some((c) => foldName(c.name) === key) && longer.length === 1 && longer[0] ? resolver.fromCommune(longer[0].code) : undefined;
      if (one) return one;
    }
  }
  const single = hint.execution?.length === 1 ? hint.execution[0] : undefined;
  const pub = performance ? undefined : hint.publication?.[0];
  const named = hint.named?.length === 1 ? hint.named[0] : undefined;
  for (const d of [single, pub, named, performance ? undefined : hint.registered]) {
    if (!d || !/^(\d{2,3}|2[AB])$/.test(d)) continue;
    if (!resolver) return { departement: d };
    const t = resolver.fromDepartement(d);
    if (t) return t;
  }
  return undefined;
}
