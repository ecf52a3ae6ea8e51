import { defineContentScript } from 'wxt/utils/define-content-script';
import { portalMatchPatterns } from '@/components/portal-matches';
import { startOverlay } from '@/components/overlay-runtime';

// `matches` is computed from the portal registry when WXT evaluates this file at build time, so the
// manifest lists exactly the registry's hosts. Anywhere else the script runs only on demand (toolbar,
// activeTab) or through the optional all-sites permission (registered at runtime by the background).
export default defineContentScript({
  matches: portalMatchPatterns(),
  runAt: 'document_idle',
  main(ctx) {
    try {
      startOverlay(ctx);
    } catch {
      // Never throw into a host page.
    }
  },
});
