// A worker of analyze: reads and advises on batches of records so that every core is used on a large export.
import { parentPort, workerData } from 'node:worker_threads';
import type { ItemResult, Role, Tables } from './analyze-item.ts';
import { analyseJson, analyseRow, loadTables } from './analyze-item.ts';

/** A batch sent to a worker: JSON texts, or CSV rows with their header. */
export type Batch = { id: number; kind: 'json'; items: string[] } | { id: number; kind: 'csv'; header: string[]; items: string[][] };

/** A worker's answer: one result per item, in order. */
export interface BatchResult {
  id: number;
  results: ItemResult[];
}

const { root, role, countOnly, profile } = workerData as { root: string; role: Role; countOnly: boolean; profile?: Tables['profile'] };
const tables = loadTables(root, countOnly);
if (profile) tables.profile = profile;

parentPort?.on('message', (batch: Batch) => {
  const results: ItemResult[] =
    batch.kind === 'json' ? batch.items.map((t) => analyseJson(t, tables, role)) : batch.items.map((row) => analyseRow(batch.header, row, tables, role));
  parentPort?.postMessage({ id: batch.id, results } satisfies BatchResult);
});
