// One place where faults caught at a boundary are reported. Boundaries (the content script's entry, message
// handlers, the widget's mount, each engine call of the portal registry) catch so that nothing reaches a host
// page; inside core/ functions return what they found and let real faults rise to a boundary. Tests and the
// bench subscribe here to see faults that users never see.

/** Where a fault was caught: `engine:<id>`, `content-script`, `message:<type>`, `widget-mount`… */
export type FaultPlace = string;

/** A fault caught at a boundary. */
export interface Fault {
  where: FaultPlace;
  error: unknown;
}

type Listener = (fault: Fault) => void;

const listeners = new Set<Listener>();
const recent: Fault[] = [];
const KEEP = 50;

/** Reports a fault caught at a boundary. Never throws, whatever the listeners do. */
export function reportFault(where: FaultPlace, error: unknown): void {
  const fault = { where, error };
  recent.push(fault);
  if (recent.length > KEEP) recent.shift();
  for (const l of listeners) {
    try {
      l(fault);
    } catch {
      // A listener's own fault must not turn one reported fault into a thrown one at a boundary.
    }
  }
}

/** Subscribes to faults; returns the function that unsubscribes. */
export function onFault(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The last faults reported (at most 50), oldest first. */
export function recentFaults(): readonly Fault[] {
  return recent.slice();
}

/** Runs `fn` at a boundary: its fault is reported and `fallback` returned instead. */
export function guard<T>(where: FaultPlace, fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (error) {
    reportFault(where, error);
    return fallback;
  }
}
