// essor-check.js: reading and advising on a pasted notice, and in structure mode reading it for the structure's
// profile (core/fit). Built on its own (`vite build --mode check`) and
// loaded by the widget only when someone opens the "check a tender" tab, so residents' pages never
// download it. Pure functions only: the UI (and Preact) stays in essor-widget.js.
import { advise } from '../core/advise/index';
import { fitNotice } from '../core/fit/index';
import { readText } from '../core/read/index';
import { CHECK_FILE } from '../core/widget/files';

/** What essor-check.js registers. */
export interface CheckModule {
  readText: typeof readText;
  advise: typeof advise;
  fitNotice: typeof fitNotice;
}

try {
  const w = window as unknown as { __essorData?: Record<string, unknown> };
  const registry = w.__essorData && typeof w.__essorData === 'object' ? w.__essorData : (w.__essorData = {});
  const mod: CheckModule = { readText, advise, fitNotice };
  registry[CHECK_FILE.key] = mod;
} catch {
  // The widget reports the missing module itself.
}
