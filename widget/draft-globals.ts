// Evaluated before pdf.js's worker module, which sets `globalThis.pdfjsWorker` as it loads: notes the host page's
// own value so that essor-draft.js can put it back (a municipal site may use pdf.js itself).
const g = globalThis as { pdfjsWorker?: unknown };

/** The host's `pdfjsWorker` before essor-draft.js loaded. */
export const hostWorker = { had: Object.prototype.hasOwnProperty.call(g, 'pdfjsWorker'), value: g.pdfjsWorker };
