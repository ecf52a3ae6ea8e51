// The second stage, an unlisted script (not in the manifest's content_scripts): the background injects it
// with scripting.executeScript into a tab where the first stage found a possible notice or list, or where the
// user asked ("Analyser cette page", activeTab). Built to /overlay.js.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PageContext } from '../../components/extension/page-context';
import { reportFault } from '../../core/errors';
import { liveOverlay, mark, MARK_STAGE2 } from './handoff';
import { startOverlay } from './runtime';

export default defineUnlistedScript(() => {
  try {
    // Injected twice (two quick clicks, the first stage and the toolbar at once): the first one stays and
    // this one does nothing at all.
    if (liveOverlay()) return;
    mark(MARK_STAGE2);
    // Our own context: WXT's announces every start with events the page can listen for (see page-context.ts).
    startOverlay(new PageContext());
  } catch (e) {
    // Never throw into a host page.
    reportFault('content-script', e);
  }
});
