// The first stage, an unlisted script (not in the manifest's content_scripts): the background injects it with
// scripting.executeScript into a portal tab once the page has loaded, and registers it on every site when the
// optional all-sites access is granted. Built to /probe.js.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PageContext } from '../../components/extension/page-context';
import { reportFault } from '../../core/errors';
import { handoff, mark, MARK_FIRST_STAGE } from '../overlay/handoff';
import { startFirstStage } from './first-stage';

export default defineUnlistedScript(() => {
  try {
    // Injected twice (a page restored from the back-forward cache, a load completing after the slow-page
    // fallback, the all-sites registration): the first one stays and this one does nothing at all.
    const shared = handoff();
    if (shared.probe && !shared.probe.isInvalid) return;
    mark(MARK_FIRST_STAGE);
    // Our own context: WXT's announces every start with events the page can listen for (see page-context.ts).
    const ctx = new PageContext();
    shared.probe = ctx;
    startFirstStage(ctx);
  } catch (e) {
    // Never throw into a host page.
    reportFault('content-script:probe', e);
  }
});
