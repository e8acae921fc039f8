/**
 * Rate limiters of a FIFO stage. Both answer one question — "at what time, no earlier than
 * `nowMs`, may the next unit leave?" — and record departures. Time is integer
 * milliseconds; neither reads a clock.
 */
import type { Limit } from '../scenario/model.js';

/**
 * A limiter a stage consults before letting its head message leave. It counts unit slots:
 * a message of k units (k = 1 when the limit counts messages) takes k consecutive slots in
 * FIFO order; it starts leaving with its first unit and is dispatched when its last unit
 * leaves (SPEC §1 "Counting", the FAQ's MPS examples for k = 1).
 */
export interface Limiter {
  /** Earliest time ≥ `nowMs` at which the next unit may leave. Changes no answer. */
  earliest(nowMs: number): number;
  /**
   * Records a departure of `units` units, the first at `atMs` (a time {@link earliest}
   * allowed), each further one at its own earliest slot; returns when the last one leaves.
   * Calls come in non-decreasing `atMs`, never before the previous call's answer.
   */
  consume(atMs: number, units: number): number;
}

/**
 * Sliding window: at most `count` units depart in any window of `windowMs`, i.e. in any
 * half-open interval [t, t + windowMs). A unit leaving at e stops blocking at e + windowMs,
 * so unit m leaves at max(ready, unit m−1, unit m−count + windowMs). With 5 per 1000 ms,
 * 10 messages ready at 0 leave at 0 (×5) and 1000 (×5) — the FAQ's MPS example; 3-unit
 * messages through 1 per 1000 ms are dispatched at 2000, 5000, 8000.
 */
export class SlidingWindowLimiter implements Limiter {
  /** Runs of units that left at the same time, oldest first, in a ring. */
  private times: Float64Array;
  private weights: Float64Array;
  private head = 0;
  private len = 0;
  /** Units in the ring. */
  private sum = 0;
  /** When the last unit left (units leave in order). */
  private lastMs = -Infinity;

  constructor(
    private readonly count: number,
    private readonly windowMs: number,
  ) {
    let cap = 16;
    while (cap < count && cap < 1 << 16) cap *= 2;
    this.times = new Float64Array(cap);
    this.weights = new Float64Array(cap);
  }

  earliest(nowMs: number): number {
    this.expire(nowMs);
    const at = nowMs > this.lastMs ? nowMs : this.lastMs;
    if (this.sum < this.count) return at;
    // The next unit waits for the unit `count` places before it: (sum − count) from the oldest.
    const skip = this.sum - this.count;
    const mask = this.times.length - 1;
    let seen = 0;
    let i = this.head;
    for (;;) {
      seen += this.weights[i];
      if (seen > skip) {
        const free = this.times[i] + this.windowMs;
        return free > at ? free : at;
      }
      i = (i + 1) & mask;
    }
  }

  consume(atMs: number, units: number): number {
    this.push(atMs);
    let t = atMs;
    for (let k = 1; k < units; k++) {
      t = this.earliest(t);
      this.push(t);
    }
    return t;
  }

  /** Records one unit leaving at `atMs`, merged into the newest run when simultaneous. */
  private push(atMs: number): void {
    this.expire(atMs);
    this.lastMs = atMs;
    this.sum++;
    const mask = this.times.length - 1;
    if (this.len > 0) {
      const last = (this.head + this.len - 1) & mask;
      if (this.times[last] === atMs) {
        this.weights[last]++;
        return;
      }
    }
    if (this.len === this.times.length) this.grow();
    const idx = (this.head + this.len) & (this.times.length - 1);
    this.times[idx] = atMs;
    this.weights[idx] = 1;
    this.len++;
  }

  /** Drops departures that no longer block at `nowMs`. */
  private expire(nowMs: number): void {
    const mask = this.times.length - 1;
    const horizon = nowMs - this.windowMs;
    while (this.len > 0 && this.times[this.head] <= horizon) {
      this.sum -= this.weights[this.head];
      this.head = (this.head + 1) & mask;
      this.len--;
    }
    if (this.len === 0) this.sum = 0;
  }

  private grow(): void {
    const old = this.times.length;
    const times = new Float64Array(old * 2);
    const weights = new Float64Array(old * 2);
    for (let k = 0; k < this.len; k++) {
      const idx = (this.head + k) & (old - 1);
      times[k] = this.times[idx];
      weights[k] = this.weights[idx];
    }
    this.times = times;
    this.weights = weights;
    this.head = 0;
  }
}

/**
 * Smooth pacing: unit slots evenly spaced `windowMs / count` apart, so 100 per second
 * leaves one every 10 ms. Fractional spacing carries over (4500/min spaces 13.33 ms
 * without drifting), and it never exceeds `count` in any window.
 */
export class SmoothLimiter implements Limiter {
  /** Start of the current busy period, and units sent since: the next slot is base + k·W/N. */
  private baseMs = -Infinity;
  private k = 0;

  constructor(
    private readonly count: number,
    private readonly windowMs: number,
  ) {}

  /** Slot `k` of the busy period, computed afresh (no accumulated rounding error). */
  private slot(k: number): number {
    return Math.ceil(this.baseMs + (k * this.windowMs) / this.count - 1e-7);
  }

  earliest(nowMs: number): number {
    const slot = this.slot(this.k);
    return slot > nowMs ? slot : nowMs;
  }

  consume(atMs: number, units: number): number {
    if (atMs > this.slot(this.k)) {
      // Idle stage: spacing restarts from now.
      this.baseMs = atMs;
      this.k = 0;
    }
    this.k += units;
    return units === 1 ? atMs : this.slot(this.k - 1);
  }
}

/** Builds the limiter a {@link Limit} asks for. */
export function limiterFor(limit: Limit): Limiter {
  return limit.pacing === 'smooth'
    ? new SmoothLimiter(limit.count, limit.windowMs)
    : new SlidingWindowLimiter(limit.count, limit.windowMs);
}
