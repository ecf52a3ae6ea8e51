// The list stage, an unlisted script (not in the manifest's content_scripts): the background injects it with
// scripting.executeScript, instead of the overlay, into a tab where the first stage found a list of results and
// markers are on in the options. Markers only, no panel. Built to /markers.js.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PageContext } from '../../components/extension/page-context';
import { reportFault } from '../../core/errors';
import { startListMarkers } from '../../components/extension/list-markers';
import { handoff } from '../overlay/handoff';

export default defineUnlistedScript(() => {
  try {
    const shared = handoff();
    if (shared.markers && !shared.markers.isInvalid()) return;
    // Our own context: WXT's announces every start with events the page can listen for (see page-context.ts).
    const ctx = new PageContext();
    shared.markers = { isInvalid: () => ctx.isInvalid };
    startListMarkers(ctx);
  } catch (e) {
    // Never throw into a host page.
    reportFault('content-script:markers', e);
  }
});
