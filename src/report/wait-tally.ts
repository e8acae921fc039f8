/**
 * Exact counts of delivered waits for the report's histogram (issue 24): one count per
 * `resolutionMs` of wait, the resolution 1 ms until a wait beyond {@link SLOTS} ms arrives,
 * then coarsened ×10 at a time (10 ms, 100 ms, 1 s, ...) so that memory stays at most
 * {@link SLOTS} counts. A bar whose width is a multiple of the resolution is exact: it
 * counts precisely the waits in [i·bin, (i+1)·bin). Pure.
 */

/** Counts kept at most: 65,536 × 1 s covers 18 h of wait exactly to the second. */
export const SLOTS = 65_536;

export class WaitTally {
  /** Width of one count, ms: 1, 10, 100, 1000, ... */
  resolutionMs = 1;
  count = 0;
  max = 0;
  private counts = new Float64Array(SLOTS);

  /** Counts one delivered wait of `ms` (integer ≥ 0). */
  add(ms: number): void {
    while (ms >= SLOTS * this.resolutionMs) this.coarsen();
    this.counts[Math.floor(ms / this.resolutionMs)]++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  /**
   * The waits in bars of `binMs` (a multiple of {@link resolutionMs}): `bars[i]` counts
   * the waits in [i·binMs, (i+1)·binMs), exactly; bars up to the largest wait.
   * @throws RangeError when `binMs` is not a multiple of the resolution.
   */
  bars(binMs: number): number[] {
    if (binMs % this.resolutionMs !== 0) throw new RangeError(`bin ${binMs} ms is not a multiple of the resolution ${this.resolutionMs} ms`);
    const out = new Array<number>(this.count === 0 ? 0 : Math.floor(this.max / binMs) + 1).fill(0);
    const per = binMs / this.resolutionMs;
    const last = Math.floor(this.max / this.resolutionMs);
    for (let i = 0; i <= last && this.count > 0; i++) if (this.counts[i] > 0) out[Math.floor(i / per)] += this.counts[i];
    return out;
  }

  private coarsen(): void {
    const next = new Float64Array(SLOTS);
    for (let i = 0; i < SLOTS; i++) next[Math.floor(i / 10)] += this.counts[i];
    this.counts = next;
    this.resolutionMs *= 10;
  }
}
