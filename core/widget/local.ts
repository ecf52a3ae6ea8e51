// What the widget shows about a territory: the CRESS of its région, the actors based there, national
// networks that work on the chosen themes, and the examples of the fiches that took place there.
import type { Actor, Fiche, FicheExample } from '../kb/types';
import type { KbData } from '../kb/validate';
import { departementFromCommuneCode as departementOfCommune, type Place } from '../territory/index';

export type Nearness = 'commune' | 'departement' | 'region';

export interface NearActor {
  actor: Actor;
  where: Nearness;
}

export interface NearExample {
  fiche: Fiche;
  example: FicheExample;
  where: Nearness;
}

export interface LocalGuidance {
  cress: Actor[];
  near: NearActor[];
  networks: Actor[];
  examples: NearExample[];
}

const NETWORK_KINDS: readonly string[] = ['network', 'federation', 'facilitator', 'platform', 'public-agency', 'funder'];
const RANK: Record<Nearness, number> = { commune: 0, departement: 1, region: 2 };
const MAX_NEAR = 12;
const MAX_NETWORKS = 8;
const MAX_EXAMPLES = 8;

function nearness(place: Place, at: { commune?: string; departement?: string; region?: string }, regionOf: (dep: string) => string | undefined, regionWide: boolean): Nearness | undefined {
  const dep = at.departement ?? (at.commune ? departementOfCommune(at.commune) : undefined);
  const region = at.region ?? (dep ? regionOf(dep) : undefined);
  if (at.commune && place.communes.includes(at.commune)) return 'commune';
  if (dep && place.departements.includes(dep)) return 'departement';
  if (region && place.regions.includes(region) && regionWide) return 'region';
  return undefined;
}

const shared = (topics: readonly string[], themes: readonly string[]) => topics.filter((t) => themes.includes(t)).length;

/**
 * Local guidance for a place and the host's themes. Without a place, only the national networks.
 * `regionOf` maps a département code to its région code.
 */
export function localGuidance(kb: KbData, place: Place | undefined, themes: readonly string[], regionOf: (dep: string) => string | undefined): LocalGuidance {
  const byName = (a: Actor, b: Actor) => a.name.localeCompare(b.name, 'fr');
  const cress = place ? kb.actors.filter((a) => a.kind === 'cress' && a.region && place.regions.includes(a.region)).sort(byName) : [];

  const near: NearActor[] = [];
  if (place) {
    for (const a of kb.actors) {
      if (a.kind === 'cress' || a.scope === 'national') continue;
      // A région-wide body is near everyone in the région; a town's own actor only in its département.
      const where = nearness(place, a, regionOf, a.scope === 'region' || place.level === 'region');
      if (where) near.push({ actor: a, where });
    }
    near.sort((x, y) => RANK[x.where] - RANK[y.where] || shared(y.actor.topics, themes) - shared(x.actor.topics, themes) || byName(x.actor, y.actor));
  }

  // Without themes, the generalist ESS networks and federations (those covering the most topics) first;
  // with themes, whoever works on them, networks before agencies and funders.
  const kindRank = (a: Actor) => NETWORK_KINDS.indexOf(a.kind);
  const networks = kb.actors
    .filter((a) => a.scope === 'national' && NETWORK_KINDS.includes(a.kind) && (themes.length ? shared(a.topics, themes) > 0 : kindRank(a) <= 1))
    .sort((x, y) => shared(y.topics, themes) - shared(x.topics, themes) || kindRank(x) - kindRank(y) || y.topics.length - x.topics.length || Number(y.verified) - Number(x.verified) || byName(x, y));

  const examples: NearExample[] = [];
  if (place) {
    const seen = new Set<string>();
    for (const f of kb.fiches) {
      if (f.status !== 'complete') continue;
      for (const ex of f.examples) {
        let best: Nearness | undefined;
        for (const p of ex.places) {
          const w = nearness(place, p, regionOf, true);
          if (w && (!best || RANK[w] < RANK[best])) best = w;
        }
        const key = ex.title.toLowerCase();
        if (!best || seen.has(key)) continue;
        seen.add(key);
        examples.push({ fiche: f, example: ex, where: best });
      }
    }
    examples.sort((x, y) => RANK[x.where] - RANK[y.where] || shared(y.fiche.topics, themes) - shared(x.fiche.topics, themes));
  }

  return { cress, near: near.slice(0, MAX_NEAR), networks: networks.slice(0, MAX_NETWORKS), examples: examples.slice(0, MAX_EXAMPLES) };
}
