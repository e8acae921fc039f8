/**
 * Local time of day in a named IANA zone, DST included, for traffic shaped by the clock on
 * the wall (daily profiles, sending windows). A day is cut into buckets at fixed local
 * times of day; {@link TodWalker} answers "which bucket is instant t in, and until when?"
 * Its answer ends early at a UTC-offset change, so a 23-hour day (spring forward) skips the
 * local hour that does not exist and a 25-hour day (fall back) lives the repeated hour
 * twice. Uses luxon's IANA zone (the offset at an instant); results are cached, so a run of
 * instants inside one bucket costs two comparisons each.
 */
import { IANAZone } from 'luxon';
import { DAY_MS } from '../scenario/time/time-of-day.js';

/** A stretch of virtual time inside one bucket: [startMs, endMs). */
export interface TodSegment {
  readonly startMs: number;
  readonly endMs: number;
  /** Index of the bucket: i when boundaries[i] <= local time of day < boundaries[i + 1], cyclic. */
  readonly bucket: number;
}

/**
 * Cuts virtual time (ms since the scenario start) into buckets of local time of day.
 * Bucket i runs from `boundaries[i]` to `boundaries[i + 1]` (ms since local midnight); the
 * last bucket wraps round midnight to `boundaries[0]`.
 */
export class TodWalker {
  private readonly zone: IANAZone;
  /** The last two segments asked for (a closed stretch and the open one after it, typically). */
  private a: TodSegment = { startMs: 0, endMs: 0, bucket: 0 };
  private b: TodSegment = { startMs: 0, endMs: 0, bucket: 0 };

  /**
   * @param startEpochMs the scenario start, epoch ms (UTC)
   * @param zoneName a valid IANA zone (checked when the scenario loads)
   * @param boundaries ascending local times of day in ms, each in [0, DAY_MS), at least one
   */
  constructor(
    private readonly startEpochMs: number,
    zoneName: string,
    private readonly boundaries: readonly number[],
  ) {
    this.zone = IANAZone.create(zoneName);
  }

  /** UTC offset of the zone at virtual time t, in ms. */
  offsetMs(t: number): number {
    return this.zone.offset(this.startEpochMs + t) * 60_000;
  }

  /** Local time of day at virtual time t, ms since local midnight. */
  todMs(t: number): number {
    const local = this.startEpochMs + t + this.offsetMs(t);
    return ((local % DAY_MS) + DAY_MS) % DAY_MS;
  }

  /** The segment holding virtual time t (its start may be t itself). */
  at(t: number): TodSegment {
    if (t >= this.b.startMs && t < this.b.endMs) return this.b;
    if (t >= this.a.startMs && t < this.a.endMs) return this.a;
    const seg = this.compute(t);
    this.a = this.b;
    this.b = seg;
    return seg;
  }

  private compute(t: number): TodSegment {
    const tod = this.todMs(t);
    const bs = this.boundaries;
    let bucket = bs.length - 1;
    for (let i = 0; i < bs.length; i++) if (bs[i] <= tod) bucket = i;
    const next = bs[(bucket + 1) % bs.length];
    let d = (next - tod + DAY_MS) % DAY_MS;
    if (d === 0) d = DAY_MS;
    const cand = t + d;
    return { startMs: t, endMs: Math.min(cand, this.nextShift(t, cand)), bucket };
  }

  /**
   * The first instant in (t, limit] whose UTC offset differs from the offset at t, or
   * Infinity. Offsets change at most once within a day in every IANA zone, so comparing the
   * ends and bisecting is enough.
   */
  private nextShift(t: number, limit: number): number {
    const off = this.offsetMs(t);
    if (this.offsetMs(limit) === off) return Infinity;
    let lo = t;
    let hi = limit;
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.offsetMs(mid) === off) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}
