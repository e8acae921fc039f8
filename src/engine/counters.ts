/**
 * Bounded-memory statistics: counters and a wait histogram per scope (the whole run, each
 * carrier, each sender, each traffic source). Memory depends on the range of waits seen,
 * never on the number of messages.
 */
import { FAILURE_CODES } from '../rules/codes.js';

const EXACT = 2048; // waits below this many ms are counted exactly, one bucket per ms
const SUB_BITS = 11; // 2048 sub-buckets per octave above: relative width < 0.05%
const SUB = 1 << SUB_BITS;
const BLOCK_BITS = 6; // counts per 64 buckets too, so a percentile skips empty stretches
const BLOCK = 1 << BLOCK_BITS;

interface Octave {
  readonly counts: Uint32Array;
  readonly sums: Float64Array;
  /** Counts per block of 64 buckets. */
  readonly blocks: Uint32Array;
  total: number;
}

/**
 * Width (ms) of the histogram bucket that holds a wait of `ms`: 1 below 2,048 ms, then
 * doubling each octave (1/2048 of the value or less) — the precision of a percentile.
 */
export function bucketWidthMs(ms: number): number {
  if (ms < EXACT) return 1;
  return 2 ** (Math.floor(Math.log2(ms)) - SUB_BITS);
}

/**
 * Log-linear histogram of non-negative integer waits in ms (HDR-style). Values below
 * 2048 ms are exact; above, each power-of-two octave is split into 2048 buckets, and each
 * bucket remembers the sum of its values, so a percentile reports the mean of its bucket:
 * exact when the bucket holds one distinct value, otherwise within 0.05% of the truth.
 * `max`, `mean` and `count` are exact.
 */
export class WaitHistogram {
  count = 0;
  sum = 0;
  max = 0;
  private readonly low = new Uint32Array(EXACT);
  private readonly lowBlocks = new Uint32Array(EXACT >> BLOCK_BITS);
  private readonly octaves: Octave[] = [];

  /** Records one wait of `ms` (integer ≥ 0). */
  add(ms: number): void {
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
    if (ms < EXACT) {
      this.low[ms]++;
      this.lowBlocks[ms >> BLOCK_BITS]++;
      return;
    }
    const e = 31 - Math.clz32(ms) - SUB_BITS; // octave index ≥ 0 for ms ≥ 2048
    const o = this.octave(e);
    const sub = (ms >>> e) & (SUB - 1);
    o.counts[sub]++;
    o.sums[sub] += ms;
    o.blocks[sub >> BLOCK_BITS]++;
    o.total++;
  }

  /**
   * Nearest-rank percentile `p` in [0, 1], in ms; 0 when empty. Skips whole octaves and
   * blocks of 64 buckets by their counts (a few hundred steps, not ~40k: start-up of a
   * small run, issue 16).
   */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(p * this.count - 1e-9));
    let seen = 0;
    for (let b = 0; b < this.lowBlocks.length; b++) {
      if (seen + this.lowBlocks[b] < rank) {
        seen += this.lowBlocks[b];
        continue;
      }
      for (let v = b * BLOCK; ; v++) {
        seen += this.low[v];
        if (seen >= rank) return v;
      }
    }
    for (const o of this.octaves) {
      if (o === undefined) continue;
      if (seen + o.total < rank) {
        seen += o.total;
        continue;
      }
      for (let b = 0; b < o.blocks.length; b++) {
        if (seen + o.blocks[b] < rank) {
          seen += o.blocks[b];
          continue;
        }
        for (let s = b * BLOCK; ; s++) {
          const c = o.counts[s];
          seen += c;
          if (seen >= rank) return o.sums[s] / c;
        }
      }
    }
    return this.max;
  }

  /** Mean wait in ms; 0 when empty. */
  mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /** Bucket counts for charts: [lower bound ms, count] pairs of non-empty buckets, ascending. */
  buckets(): [number, number][] {
    const out: [number, number][] = [];
    for (let v = 0; v < EXACT; v++) if (this.low[v] > 0) out.push([v, this.low[v]]);
    this.octaves.forEach((o, e) => {
      if (o === undefined) return;
      for (let s = 0; s < SUB; s++) if (o.counts[s] > 0) out.push([(SUB + s) * 2 ** e, o.counts[s]]);
    });
    return out;
  }

  /**
   * The coarsest of 1 s, 100 ms, 10 ms and 1 ms that every recorded wait is a multiple of
   * (waits of whole seconds → 1000), so charts can bin at the data's own resolution. Above
   * 2,048 ms it is judged from each bucket's sum (a bucket of multiples of 1 s sums to one).
   */
  resolutionMs(): number {
    const divides = (step: number): boolean => {
      for (let v = 0; v < EXACT; v++) if (this.low[v] > 0 && v % step !== 0) return false;
      for (const o of this.octaves) {
        if (o === undefined) continue;
        for (let s = 0; s < SUB; s++) if (o.counts[s] > 0 && o.sums[s] % step !== 0) return false;
      }
      return true;
    };
    for (const step of [1000, 100, 10]) if (divides(step)) return step;
    return 1;
  }

  private octave(e: number): Octave {
    let o = this.octaves[e];
    if (o === undefined) {
      o = { counts: new Uint32Array(SUB), sums: new Float64Array(SUB), blocks: new Uint32Array(SUB >> BLOCK_BITS), total: 0 };
      this.octaves[e] = o;
    }
    return o;
  }
}

/** Counters of one scope. */
export class ScopeStats {
  submitted = 0;
  delivered = 0;
  failed = 0;
  queued = 0;
  /** Delivered after waiting more than 0 ms. */
  delayed = 0;
  unitsSubmitted = 0;
  unitsCharged = 0;
  /** Latest dispatch time, ms since start; -1 when nothing was delivered. */
  lastDispatchMs = -1;
  /** Failures per code, indexed like FAILURE_CODES. */
  readonly failedByCode = new Float64Array(FAILURE_CODES.length);
  readonly waits = new WaitHistogram();

  submission(units: number): void {
    this.submitted++;
    this.unitsSubmitted += units;
  }

  delivery(waitMs: number, atMs: number, units: number): void {
    this.delivered++;
    this.unitsCharged += units;
    if (waitMs > 0) this.delayed++;
    if (atMs > this.lastDispatchMs) this.lastDispatchMs = atMs;
    this.waits.add(waitMs);
  }

  /** Counts a failure with code index `code`; `chargedUnits` > 0 when the code is charged. */
  failure(code: number, chargedUnits = 0): void {
    this.failed++;
    this.failedByCode[code]++;
    this.unitsCharged += chargedUnits;
  }
}
