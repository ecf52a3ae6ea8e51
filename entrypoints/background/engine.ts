// The knowledge base and the territory tables, built on first use (the service worker may wake up only to
// answer a context-menu click that needs neither).
import kbData from '../../data/kb.json';
import territoryData from '../../data/territory.json';
import { createKb, type KbData } from '../../core/kb/index';
import { createTerritory, type TerritoryData } from '../../core/territory/index';
import type { AdviceDeps } from './advice';

let engine: AdviceDeps | undefined;

/** The shared advising dependencies of the background. */
export function getEngine(): AdviceDeps {
  engine ??= { kb: createKb(kbData as unknown as KbData), territory: createTerritory(territoryData as unknown as TerritoryData) };
  return engine;
}
