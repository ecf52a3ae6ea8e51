// The optional all-sites mode: when the user grants `<all_urls>` in the options, the first stage of the content
// script is registered for every page (the known portal hosts get it from the background once each page has
// loaded: first-stage.ts); revoked, it goes. The second stage follows where the first finds a notice, as on
// the portals.
import { browser } from 'wxt/browser';
import { reportFault } from '../../core/errors';
import { portalMatchPatterns } from '../../components/extension/portal-matches';
import { PROBE_SCRIPT } from './first-stage';

export const ALL_SITES_SCRIPT_ID = 'essor-all-sites';
export const ALL_SITES_ORIGINS = ['<all_urls>'];

/** Registers or unregisters the all-sites script to match the permission. Returns whether it is on. */
export async function syncAllSites(): Promise<boolean> {
  try {
    const granted = await browser.permissions.contains({ origins: ALL_SITES_ORIGINS });
    let existing = await browser.scripting.getRegisteredContentScripts({ ids: [ALL_SITES_SCRIPT_ID] });
    // Registered by an older version, whose first stage had another path: registered again.
    const path = (p: string) => p.replace(/^\//, '');
    if (existing.length > 0 && (existing[0]?.js ?? []).map(path).join() !== path(PROBE_SCRIPT)) {
      await browser.scripting.unregisterContentScripts({ ids: [ALL_SITES_SCRIPT_ID] });
      existing = [];
    }
    if (granted && existing.length === 0) {
      await browser.scripting.registerContentScripts([
        {
          id: ALL_SITES_SCRIPT_ID,
          matches: ['<all_urls>'],
          excludeMatches: portalMatchPatterns(),
          js: [PROBE_SCRIPT],
          runAt: 'document_idle',
          persistAcrossSessions: true,
        },
      ]);
    } else if (!granted && existing.length > 0) {
      await browser.scripting.unregisterContentScripts({ ids: [ALL_SITES_SCRIPT_ID] });
    }
    return granted;
  } catch (e) {
    reportFault('all-sites', e);
    return false;
  }
}
