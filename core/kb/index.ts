import type { Actor, Fiche, Lever, Sector, Theme } from './types';
import type { KbData } from './validate';

export type { KbData } from './validate';
export type * from './types';

/** The knowledge base with lookups by id. */
export interface Kb extends KbData {
  fiche(id: string): Fiche | undefined;
  lever(id: string): Lever | undefined;
  theme(id: string): Theme | undefined;
  sector(id: string): Sector | undefined;
  actor(id: string): Actor | undefined;
}

/** Wraps validated data (data/kb.json) with id lookups. */
export function createKb(data: KbData): Kb {
  const by = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
  const fiches = by(data.fiches);
  const levers = by(data.levers);
  const themes = by(data.themes);
  const sectors = by(data.sectors);
  const actors = by(data.actors);
  return {
    ...data,
    fiche: (id) => fiches.get(id),
    lever: (id) => levers.get(id),
    theme: (id) => themes.get(id),
    sector: (id) => sectors.get(id),
    actor: (id) => actors.get(id),
  };
}
