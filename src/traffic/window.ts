/**
 * Sending windows, a client policy: a request the client would submit outside its window
 * (local time in the recipient's zone) is held by the client and submitted when the window
 * next opens — so its expiry counts from then. With one zone the mapping "due at t →
 * submitted at the next open instant ≥ t" keeps times in order; with a weighted mix of
 * zones each request draws its zone, and held requests wait in one queue per zone,
 * run-length encoded (a night of held requests is one entry: all are released together).
 */
import type { SendWindow } from '../scenario/model.js';
import { TodWalker } from './local-time.js';

/** A generator of uniform numbers in [0, 1). */
type Uniform = () => number;

/** Anything with a `next()` of non-decreasing ms, Infinity when done. */
interface Process {
  next(): number;
}

/** Bucket 0 of a window walker is [from, to) local time: the window is open there. */
function windowWalker(startEpochMs: number, window: SendWindow, zone: string): { walker: TodWalker; open: number } {
  const { fromMsOfDay: from, toMsOfDay: to } = window;
  const bounds = from < to ? [from, to] : [to, from];
  // Ascending boundaries: when from < to, bucket 0 is [from, to); when the window wraps
  // midnight (from > to), bucket 1 ([from, to) across midnight) is the open one.
  return { walker: new TodWalker(startEpochMs, zone, bounds), open: from < to ? 0 : 1 };
}

/** The first instant >= t at which the window is open. */
function openAt(w: { walker: TodWalker; open: number }, t: number): number {
  for (;;) {
    const seg = w.walker.at(t);
    if (seg.bucket === w.open) return t;
    t = seg.endMs;
  }
}

/** A process whose requests are held until the window of their recipient's zone opens. */
export class WindowProcess implements Process {
  private readonly zones: { walker: TodWalker; open: number }[];
  private readonly cum: Float64Array;
  /** Per zone: release times and counts of held requests, FIFO from `head`. */
  private readonly heldAt: number[][];
  private readonly heldN: number[][];
  private readonly head: Int32Array;
  /** The next raw (due) time of the wrapped process, read ahead; NaN before the first read. */
  private raw = NaN;

  constructor(
    private readonly inner: Process,
    startEpochMs: number,
    window: SendWindow,
    private readonly rng: Uniform,
  ) {
    this.zones = window.zones.map((z) => windowWalker(startEpochMs, window, z.timeZone));
    let acc = 0;
    this.cum = Float64Array.from(window.zones.map((z) => (acc += z.weight)));
    this.heldAt = window.zones.map(() => []);
    this.heldN = window.zones.map(() => []);
    this.head = new Int32Array(window.zones.length);
  }

  next(): number {
    if (this.zones.length === 1) {
      const t = this.inner.next();
      return t === Infinity ? t : openAt(this.zones[0], t);
    }
    if (Number.isNaN(this.raw)) this.raw = this.inner.next();
    for (;;) {
      // The earliest held release; every later request is released at or after its due
      // time, which is >= raw, so a release <= raw can go now.
      let best = -1;
      let bestAt = Infinity;
      for (let k = 0; k < this.zones.length; k++) {
        const h = this.head[k];
        if (h < this.heldAt[k].length && this.heldAt[k][h] < bestAt) {
          bestAt = this.heldAt[k][h];
          best = k;
        }
      }
      if (best >= 0 && bestAt <= this.raw) return this.release(best);
      if (this.raw === Infinity) return Infinity;
      this.hold(this.raw);
      this.raw = this.inner.next();
    }
  }

  private hold(due: number): void {
    const u = this.rng();
    let k = 0;
    while (k < this.cum.length - 1 && u >= this.cum[k]) k++;
    const at = openAt(this.zones[k], due);
    const times = this.heldAt[k];
    const counts = this.heldN[k];
    if (times.length > this.head[k] && times[times.length - 1] === at) counts[counts.length - 1]++;
    else {
      times.push(at);
      counts.push(1);
    }
  }

  private release(k: number): number {
    const h = this.head[k];
    const at = this.heldAt[k][h];
    if (--this.heldN[k][h] === 0) {
      this.head[k]++;
      // Compact now and then so a long run keeps its queues small.
      if (this.head[k] > 1024 && this.head[k] * 2 > this.heldAt[k].length) {
        this.heldAt[k].splice(0, this.head[k]);
        this.heldN[k].splice(0, this.head[k]);
        this.head[k] = 0;
      }
    }
    return at;
  }
}

/** Wraps `inner` in the source's sending window, or returns it as is when there is none. */
export function withSendWindow<P extends Process>(
  inner: P,
  window: SendWindow | null,
  startEpochMs: number,
  rng: Uniform,
): Process {
  return window === null ? inner : new WindowProcess(inner, startEpochMs, window, rng);
}
