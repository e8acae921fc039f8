/**
 * The one place that knows calendars: maps virtual time (ms since scenario start) to the
 * calendar day of a time zone, DST included (a Pacific day can be 23 or 25 hours long).
 * Uses luxon's IANA zone support; the current day's bounds are cached, so the per-message
 * cost is two comparisons.
 */
import { DateTime } from 'luxon';

/** A calendar day of the zone, with its bounds in virtual ms. */
export interface CalendarDay {
  /** "YYYY-MM-DD" in the zone. */
  readonly label: string;
  /** First ms of the day, since scenario start (may be negative for the first day). */
  readonly startMs: number;
  /** First ms of the next day. */
  readonly endMs: number;
}

export class DayClock {
  private current: CalendarDay | null = null;

  /**
   * @param startEpochMs scenario start as epoch ms (UTC)
   * @param zone IANA zone name, e.g. "America/Los_Angeles"
   */
  constructor(
    private readonly startEpochMs: number,
    private readonly zone: string,
  ) {}

  /** The day containing virtual time `tMs`. */
  dayAt(tMs: number): CalendarDay {
    const c = this.current;
    if (c !== null && tMs >= c.startMs && tMs < c.endMs) return c;
    const local = DateTime.fromMillis(this.startEpochMs + tMs, { zone: this.zone });
    const start = local.startOf('day');
    const end = start.plus({ days: 1 });
    const day: CalendarDay = {
      label: start.toISODate() ?? '',
      startMs: start.toMillis() - this.startEpochMs,
      endMs: end.toMillis() - this.startEpochMs,
    };
    this.current = day;
    return day;
  }
}
