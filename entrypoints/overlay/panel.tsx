import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { AdvicePanel } from '../../components/advice-panel';
import { adviceHeadline } from '../../components/headline';
import { t } from '../../components/i18n/index';
import type { OverlayModel } from './model';

export interface OverlayActions {
  /** Opens the panel (from the badge). */
  open(): void;
  /** Closes the panel; focus goes back to the badge. */
  close(): void;
  toggleCollapsed(): void;
  toggleSide(): void;
  copy(): void;
  showEvidence(evidence: string): boolean;
}

/** The badge and the panel it opens. Renders nothing until a notice is recognised. */
export function OverlayApp({ model, actions }: { model: OverlayModel; actions: OverlayActions }) {
  const badgeRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const wasOpen = useRef(false);
  const open = model.open.value;
  const reading = model.reading.value;
  const lang = model.panel.lang.value;
  const left = model.side.value === 'left';

  // Focus moves only on the user's own actions (opening, closing), never when the page loads.
  useEffect(() => {
    if (open && !wasOpen.current) headingRef.current?.focus();
    if (!open && wasOpen.current) badgeRef.current?.focus();
    wasOpen.current = open;
  }, [open]);

  if (!reading) return null;
  const res = model.response.value;
  const head = res?.ok ? adviceHeadline(res.advice, lang) : undefined;
  if (!open) {
    return (
      <button
        ref={badgeRef}
        type="button"
        class={`essor-badge${left ? ' essor-left' : ''}`}
        aria-label={head ? t(lang, 'badgeOpen', { title: head.title }) : t(lang, 'badge')}
        onClick={actions.open}
      >
        {head ? `${t(lang, 'appName')} · ${head.badge}` : t(lang, 'appName')}
      </button>
    );
  }
  return <OverlayPanel model={model} actions={actions} headingRef={headingRef} />;
}

function OverlayPanel({ model, actions, headingRef }: { model: OverlayModel; actions: OverlayActions; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const lang = model.panel.lang.value;
  const collapsed = model.collapsed.value;
  const left = model.side.value === 'left';
  const response = model.response.value;
  const fallback = model.copyFallback.value;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      // Handled here: the page's own Escape shortcuts (closing its menus) must not fire as well.
      e.stopPropagation();
      e.preventDefault();
      actions.close();
    }
  };
  return (
    <div role="dialog" aria-modal="false" aria-labelledby="essor-ov-title" class={`essor-panel${left ? ' essor-left' : ''}`} style={collapsed ? 'bottom:auto' : undefined} onKeyDown={onKeyDown}>
      <div class="essor-panel-head">
        <h2 id="essor-ov-title" ref={headingRef} tabIndex={-1}>
          {t(lang, 'appName')}
        </h2>
        <button type="button" aria-expanded={!collapsed} aria-controls="essor-ov-body" onClick={actions.toggleCollapsed}>
          {t(lang, collapsed ? 'expand' : 'collapse')}
        </button>
        <button type="button" onClick={actions.toggleSide}>
          {t(lang, left ? 'moveRight' : 'moveLeft')}
        </button>
        <button type="button" onClick={actions.close}>
          {t(lang, 'close')}
        </button>
      </div>
      <div id="essor-ov-body" class="essor-panel-body" hidden={collapsed}>
        {!response ? (
          <p role="status">{t(lang, 'analysing')}</p>
        ) : !response.ok ? (
          <p role="alert">{t(lang, 'adviceError')}</p>
        ) : (
          <>
            <AdvicePanel
              reading={response.reading}
              advice={response.advice}
              {...(response.fit ? { fit: response.fit } : {})}
              model={model.panel}
              ficheById={model.ficheById.value}
              territoryLabel={() => response.territoryLabel}
              onShowEvidence={actions.showEvidence}
              onCopy={actions.copy}
              roleSwitch
              idPrefix="essor-ov"
            />
            {fallback !== null && (
              <div class="essor-section">
                <label for="essor-ov-summary">{t(lang, 'summaryTextLabel')}</label>
                <textarea id="essor-ov-summary" readOnly value={fallback} onFocus={(e) => (e.currentTarget as HTMLTextAreaElement).select()} />
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}
