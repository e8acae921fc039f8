/**
 * Daily profiles: requests whose rate follows the local time of day (a rate per hour of the
 * day, or per row of a time-of-day table), repeating every day, in a named time zone, DST
 * included. The rate is piecewise constant, so the cumulative count Λ(t) is piecewise
 * linear: evenly spaced requests arrive where Λ(t) = 0, 1, 2, ... (so a whole local day
 * holds exactly the profile's daily sum); Poisson requests where Λ(t) crosses the partial
 * sums of unit exponential draws (a non-homogeneous Poisson process by time change).
 */
import type { DailyProfile, Spacing } from '../scenario/model.js';
import { TodWalker } from './local-time.js';

/** Floating-point slack when comparing cumulative counts (requests are whole numbers). */
const EPS = 1e-9;
const HOUR_MS = 3_600_000;

/** A generator of uniform numbers in [0, 1). */
type Uniform = () => number;

/**
 * The arrival process of a daily profile over the window [startMs, endMs) (virtual ms).
 * `next()` returns non-decreasing integer ms, then Infinity.
 */
export class ProfileProcess {
  private readonly walker: TodWalker;
  /** Current segment: [segStart, segEnd) at `perHour` requests per hour; `cum` = Λ(segStart). */
  private segStart: number;
  private segEnd: number;
  private perHour = 0;
  private cum = 0;
  /** Λ at the next request: k for even spacing, a running sum of Exp(1) for Poisson. */
  private target: number;

  constructor(
    startEpochMs: number,
    private readonly profile: DailyProfile,
    private readonly spacing: Spacing,
    startMs: number,
    private readonly endMs: number,
    private readonly rng: Uniform,
  ) {
    this.walker = new TodWalker(startEpochMs, profile.timeZone, profile.atMsOfDay);
    this.segStart = startMs;
    this.segEnd = startMs;
    this.target = spacing === 'even' ? 0 : this.draw();
  }

  private draw(): number {
    return -Math.log(1 - this.rng());
  }

  next(): number {
    for (;;) {
      const segCount = (this.perHour * (this.segEnd - this.segStart)) / HOUR_MS;
      if (this.target < this.cum + segCount - EPS) {
        const t = this.segStart + ((this.target - this.cum) * HOUR_MS) / this.perHour;
        const at = Math.floor(t + 1e-7);
        if (at >= this.endMs) return this.done();
        this.target += this.spacing === 'even' ? 1 : this.draw();
        return at;
      }
      if (this.segEnd >= this.endMs) return this.done();
      this.cum += segCount;
      const seg = this.walker.at(this.segEnd);
      this.segStart = this.segEnd;
      this.segEnd = Math.min(seg.endMs, this.endMs);
      this.perHour = this.profile.perHour[seg.bucket];
    }
  }

  private done(): number {
    this.segStart = this.segEnd = this.endMs;
    this.perHour = 0;
    return Infinity;
  }
}
