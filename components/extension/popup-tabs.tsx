import type { ComponentChildren } from 'preact';
import type { Signal } from '@preact/signals';

export interface TabDef<T extends string> {
  id: T;
  label: string;
}

/**
 * ARIA tabs (popup and side panel): arrow keys, Home and End move between tabs; only the selected tab is in
 * the Tab order; the panel follows the selection.
 */
export function Tabs<T extends string>({ tabs, selected, label, idPrefix, children }: { tabs: TabDef<T>[]; selected: Signal<T>; label: string; idPrefix: string; children: ComponentChildren }) {
  const current = selected.value;
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.findIndex((x) => x.id === current);
    let j = -1;
    if (e.key === 'ArrowRight') j = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = tabs.length - 1;
    if (j < 0) return;
    e.preventDefault();
    selected.value = tabs[j]!.id;
    const root = (e.currentTarget as HTMLElement).ownerDocument;
    root.getElementById(`${idPrefix}-tab-${tabs[j]!.id}`)?.focus();
  };
  return (
    <>
      <div class="essor-tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((x) => (
          <button
            key={x.id}
            id={`${idPrefix}-tab-${x.id}`}
            type="button"
            role="tab"
            aria-selected={x.id === current}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={x.id === current ? 0 : -1}
            onClick={() => (selected.value = x.id)}
          >
            {x.label}
          </button>
        ))}
      </div>
      <div id={`${idPrefix}-panel`} role="tabpanel" aria-labelledby={`${idPrefix}-tab-${current}`}>
        {children}
      </div>
    </>
  );
}
