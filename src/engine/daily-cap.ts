/**
 * A calendar-day cap (the T-Mobile TPD): counts per day of its time zone and answers, for
 * each message, pass (counted) or reject — never queue. Days are kept for the report.
 */
import { DayClock } from './calendar.js';
import type { DailyCapDef } from './network.js';
import type { DailyCapDay } from './result.js';

export class DailyCapCounter {
  /** Every day that saw traffic, in order. */
  readonly days: DailyCapDay[] = [];
  private current: DailyCapDay | null = null;
  private dayEndMs = -Infinity;
  private readonly clock: DayClock;

  constructor(
    startEpochMs: number,
    private readonly def: DailyCapDef,
  ) {
    this.clock = new DayClock(startEpochMs, def.zone);
  }

  /** The current day, or null before any traffic. */
  get today(): DailyCapDay | null {
    return this.current;
  }

  /** Start of the day after the current one, ms since start (Infinity before any traffic). */
  get nextDayMs(): number {
    return this.current === null ? Infinity : this.dayEndMs;
  }

  /**
   * Whether `weight` more fits in the day at virtual time `nowMs` (starting that day if it
   * is a new one). Counts nothing: {@link take} or {@link reject} follows.
   */
  fits(nowMs: number, weight: number): boolean {
    if (this.current === null || nowMs >= this.dayEndMs) {
      const day = this.clock.dayAt(nowMs);
      this.dayEndMs = day.endMs;
      this.current = { day: day.label, cap: this.def.cap, used: 0, rejected: 0 };
      this.days.push(this.current);
    }
    return this.current.used + weight <= this.def.cap;
  }

  /** Counts `weight` against the current day (after {@link fits} said yes). */
  take(weight: number): void {
    this.current!.used += weight;
  }

  /** Counts a rejected message on the current day (after {@link fits} said no). */
  reject(): void {
    this.current!.rejected++;
  }
}
