// The toolbar button's state on a tab showing a recognised notice: the advice's headline (components/headline,
// the same the overlay's badge and the panel show) as the badge word, its sentence as the title. Elsewhere
// nothing: the browser resets a tab's badge when the tab navigates, and a single-page portal leaving a notice
// clears it through a message.
import { browser } from 'wxt/browser';
import { reportFault } from '../../core/errors';
import type { Advice } from '../../core/advise/index';
import type { Lang } from '../../core/lang';
import type { AdviseResponse } from '../../components/extension/messages';
import { adviceHeadline } from '../../components/headline';

/** What the toolbar shows for one advice. */
export interface ToolbarState {
  text: string;
  title: string;
}

/** The badge word and the title of an advice. */
export function toolbarState(advice: Advice, lang: Lang): ToolbarState {
  const h = adviceHeadline(advice, lang);
  return { text: h.badge, title: `Essor — ${h.title}` };
}

/** Shows the advice's headline on the tab's toolbar button (or clears it). Never throws. */
export async function showOnToolbar(tabId: number, res: AdviseResponse | null, lang: Lang): Promise<void> {
  try {
    const action = browser.action;
    if (!action) return;
    if (!res?.ok) {
      // null, not '': the tab goes back to the global badge (the watch's count of unseen notices).
      await action.setBadgeText({ tabId, text: null as unknown as string });
      await action.setTitle({ tabId, title: browser.i18n.getMessage('actionTitle') || 'Essor' });
      return;
    }
    const s = toolbarState(res.advice, lang);
    await action.setBadgeBackgroundColor({ tabId, color: '#1f5f4a' });
    await action.setBadgeText({ tabId, text: s.text });
    await action.setTitle({ tabId, title: s.title });
  } catch (e) {
    // The tab closed meanwhile, most often; reported all the same.
    reportFault('toolbar', e);
  }
}
