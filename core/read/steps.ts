// A reading as a sequence of steps: each `yield` marks a point where the work may stop for a while and
// resume later with nothing lost. The same steps run at once (the synchronous readers: CLI, widget, tests)
// or in slices between which a content script lets the page run (a 5 MB notice must not hold the page's
// main thread in one long task).

/** A computation of `T` in steps; each `yield` is a point where it may pause. */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step at once and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** How {@link runInSlices} shares the thread with the page. */
export interface SliceOptions {
  /** Lets the page run (the browser's `scheduler.yield()`, or a zero-delay timer), then resolves. */
  yieldToPage: () => Promise<void>;
  /** Work done before letting the page run, in milliseconds (a slice ends at the first step past it). */
  sliceMs?: number;
  /** Asked after each pause: true abandons the work (the result is then undefined). */
  stop?: () => boolean;
}

/** Slice length: with the longest single step (a page's DOM walk, about 25 ms on 5 MB) a task stays far under 50 ms. */
export const SLICE_MS = 10;

/**
 * Runs the steps in slices of about `sliceMs`, awaiting `yieldToPage` between slices. Same result as
 * {@link runSteps}; undefined only when `stop` asked to abandon.
 */
export async function runInSlices<T>(steps: Steps<T>, opts: SliceOptions): Promise<T | undefined> {
  const sliceMs = opts.sliceMs ?? SLICE_MS;
  let start = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - start < sliceMs) continue;
    await opts.yieldToPage();
    if (opts.stop?.()) return undefined;
    start = performance.now();
  }
}
