/**
 * Arrival processes of traffic sources, generated lazily: each answers "when is the next
 * API request?" one at a time, so a source of ten million messages holds one pending
 * arrival, never a list. Times are integer ms since scenario start; a process returns
 * `Infinity` when it is done.
 */
import type { Arrival, TrafficSource } from '../scenario/model.js';
import type { Rng } from './feed.js';
import { ProfileProcess } from './profile.js';
import { withSendWindow } from './window.js';

/** A lazily generated sequence of non-decreasing arrival times. */
export interface ArrivalProcess {
  /** The next arrival time (integer ms), or `Infinity` when the source is done. */
  next(): number;
}

/** `count` requests at one instant, `at` after the scenario start. */
class BurstProcess implements ArrivalProcess {
  private left: number;
  constructor(private readonly atMs: number, count: number) {
    this.left = count;
  }
  next(): number {
    if (this.left <= 0) return Infinity;
    this.left--;
    return this.atMs;
  }
}

/**
 * Deterministic arrivals whose cumulative count is Λ(t) = r0·t + (r1 − r0)·t²/(2T) over the
 * window of length T: request k (0-based) arrives at the t with Λ(t) = k. Constant rate is
 * the case r0 = r1 (request k at k/r).
 */
class RateProcess implements ArrivalProcess {
  private k = 0;
  constructor(
    private readonly startMs: number,
    private readonly endMs: number,
    private readonly r0PerMs: number,
    private readonly r1PerMs: number,
  ) {}
  next(): number {
    const T = this.endMs - this.startMs;
    const a = (this.r1PerMs - this.r0PerMs) / (2 * T);
    const b = this.r0PerMs;
    const k = this.k;
    let t: number;
    if (Math.abs(a) < 1e-15) {
      if (b <= 0) return Infinity;
      t = k / b;
    } else {
      const disc = b * b + 4 * a * k;
      if (disc < 0) return Infinity;
      t = (-b + Math.sqrt(disc)) / (2 * a);
    }
    const at = this.startMs + Math.floor(t + 1e-7);
    if (!(at < this.endMs)) return Infinity;
    this.k++;
    return at;
  }
}

/** Poisson arrivals: exponential gaps of mean 1/rate, in continuous time, floored to ms. */
class PoissonProcess implements ArrivalProcess {
  private t: number;
  constructor(
    startMs: number,
    private readonly endMs: number,
    private readonly ratePerMs: number,
    private readonly rng: Rng,
  ) {
    this.t = startMs;
  }
  next(): number {
    this.t += -Math.log(1 - this.rng()) / this.ratePerMs;
    const at = Math.floor(this.t);
    return at < this.endMs ? at : Infinity;
  }
}

/**
 * The arrival process of a (non-replay) traffic source: when each API request is submitted,
 * after the source's sending window (if any) held it. `startEpochMs` places virtual time on
 * the calendar (daily profiles and windows follow local time).
 */
export function arrivalProcess(source: TrafficSource, rng: Rng, startEpochMs = 0): ArrivalProcess {
  return withSendWindow(dueProcess(source, rng, startEpochMs), source.sendWindow, startEpochMs, rng);
}

/** When each request of the source is due (before any sending window). */
function dueProcess(source: TrafficSource, rng: Rng, startEpochMs: number): ArrivalProcess {
  const a: Arrival = source.arrival;
  switch (a.kind) {
    case 'burst':
      return new BurstProcess(a.atMs, a.count);
    case 'constant':
      return new RateProcess(source.startMs, source.endMs, a.perSecond / 1000, a.perSecond / 1000);
    case 'ramp':
      return new RateProcess(source.startMs, source.endMs, a.fromPerSecond / 1000, a.toPerSecond / 1000);
    case 'poisson':
      return new PoissonProcess(source.startMs, source.endMs, a.perSecond / 1000, rng);
    case 'profile':
      return new ProfileProcess(startEpochMs, a.profile, a.spacing, source.startMs, source.endMs, rng);
    case 'replay':
      throw new Error('replay sources are fed by a replay reader, not an arrival process');
    default: {
      const never: never = a;
      throw new Error(`unknown arrival ${JSON.stringify(never)}`);
    }
  }
}
