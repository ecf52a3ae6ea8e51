// The real background (message handlers over the real data) behind fakeBrowser, for the unit tests of the
// extension's pages and content script. Answers come on a later task, as from a real background, so that a
// request loop shows as extra requests.
import fs from 'node:fs';
import path from 'node:path';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createEngine } from '../../../entrypoints/background/engine';
import { createMessageListener } from '../../../entrypoints/background/handlers';

const root = path.resolve(__dirname, '../../..');

/** The background's data, read from data/ (the extension fetches the same files from its own origin). */
export const getEngine = createEngine(async (file) => JSON.parse(fs.readFileSync(path.join(root, 'data', `${file}.json`), 'utf8')));

/**
 * Resets fakeBrowser and puts the real background behind it. Returns the list of message types it received
 * (only those `count` accepts); messages `answer` refuses are left unanswered, as when no one listens.
 */
export function wireBackground(o: { count?: (type: string) => boolean; answer?: (type: string) => boolean } = {}): string[] {
  fakeBrowser.reset();
  const requests: string[] = [];
  const background = createMessageListener(getEngine);
  fakeBrowser.runtime.onMessage.addListener((msg: unknown, sender: unknown, sendResponse: (x: unknown) => void) => {
    const type = String((msg as { type?: unknown })?.type ?? '');
    if (o.count?.(type) ?? true) requests.push(type);
    if (o.answer && !o.answer(type)) return undefined;
    setTimeout(() => background(msg, sender as { url?: string }, sendResponse), 1);
    return true;
  });
  return requests;
}
