/**
 * Rate limiters of a FIFO stage. Both answer one question — "at what time, no earlier than
 * `nowMs`, may a departure of `weight` happen?" — and record departures. Time is integer
 * milliseconds; neither reads a clock.
 */
import type { Limit } from '../scenario/model.js';

/** A limiter a stage consults before letting its head message leave. */
export interface Limiter {
  /** Earliest time ≥ `nowMs` at which `weight` may depart. Pure: changes nothing. */
  earliest(nowMs: number, weight: number): number;
  /** Records a departure of `weight` at `atMs` (non-decreasing across calls). */
  consume(atMs: number, weight: number): void;
}

/**
 * Sliding window: at most `count` (messages or units) depart in any window of `windowMs`,
 * i.e. in any half-open interval [t, t + windowMs). A departure at time e stops blocking at
 * e + windowMs. With count 5 per 1000 ms, 10 messages ready at 0 leave at 0 (×5) and
 * 1000 (×5) — the FAQ's MPS example. A single departure heavier than `count` waits until
 * the window is empty, then goes alone.
 */
export class SlidingWindowLimiter implements Limiter {
  private times: Float64Array;
  private weights: Float64Array;
  private head = 0;
  private len = 0;
  private sum = 0;

  constructor(
    private readonly count: number,
    private readonly windowMs: number,
  ) {
    let cap = 16;
    while (cap < count && cap < 1 << 16) cap *= 2;
    this.times = new Float64Array(cap);
    this.weights = new Float64Array(cap);
  }

  earliest(nowMs: number, weight: number): number {
    this.expire(nowMs);
    const limit = this.count;
    if (this.sum + weight <= limit) return nowMs;
    // Heavier than the whole limit and the window is empty: it goes alone, now.
    if (this.len === 0) return nowMs;
    // Walk the oldest departures until enough weight has left the window.
    const need = weight > limit ? this.sum : this.sum + weight - limit;
    const mask = this.times.length - 1;
    let freed = 0;
    let i = this.head;
    for (;;) {
      freed += this.weights[i];
      if (freed >= need) return this.times[i] + this.windowMs;
      i = (i + 1) & mask;
    }
  }

  consume(atMs: number, weight: number): void {
    this.expire(atMs);
    if (this.len === this.times.length) this.grow();
    const idx = (this.head + this.len) & (this.times.length - 1);
    this.times[idx] = atMs;
    this.weights[idx] = weight;
    this.len++;
    this.sum += weight;
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
 * Smooth pacing: departures evenly spaced `windowMs / count` apart (per unit of weight),
 * so 100 per second leaves one every 10 ms. Fractional spacing carries over (4500/min
 * spaces 13.33 ms without drifting), and it never exceeds `count` in any window.
 */
export class SmoothLimiter implements Limiter {
  /** Start of the current busy period, and units sent since: the next slot is base + k·W/N. */
  private baseMs = -Infinity;
  private k = 0;

  constructor(
    private readonly count: number,
    private readonly windowMs: number,
  ) {}

  /** The next free slot, computed afresh (no accumulated rounding error). */
  private nextSlot(): number {
    return Math.ceil(this.baseMs + (this.k * this.windowMs) / this.count - 1e-7);
  }

  earliest(nowMs: number, _weight: number): number {
    const slot = this.nextSlot();
    return slot > nowMs ? slot : nowMs;
  }

  consume(atMs: number, weight: number): void {
    if (atMs > this.nextSlot()) {
      // Idle stage: spacing restarts from now.
      this.baseMs = atMs;
      this.k = weight;
    } else {
      this.k += weight;
    }
  }
}

/** Builds the limiter a {@link Limit} asks for. */
export function limiterFor(limit: Limit): Limiter {
  return limit.pacing === 'smooth'
    ? new SmoothLimiter(limit.count, limit.windowMs)
    : new SlidingWindowLimiter(limit.count, limit.windowMs);
}
