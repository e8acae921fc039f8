/**
 * Local times of day as scenarios write them ("08:30"), IANA zone names, and the daily sum
 * of a profile: the pure, calendar-free part of daily profiles and sending windows.
 */
import { IANAZone } from 'luxon';
import type { DailyProfile } from '../model.js';

/** Milliseconds in a 24-hour local day. */
export const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** True when `zone` is an IANA time zone name luxon knows (e.g. "America/New_York"). */
export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The JSON Schema pattern of a local time of day {@link parseTimeOfDay} accepts: 00:00 to 24:00. */
export const TIME_OF_DAY_PATTERN = /^\s*(([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?|24:00(:00)?)\s*$/.source;

/** "HH:MM" (or "HH:MM:SS"), 00:00 to 24:00, as ms since midnight; undefined when malformed. */
export function parseTimeOfDay(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (m === null) return undefined;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (min > 59 || s > 59 || h > 24 || (h === 24 && (min > 0 || s > 0))) return undefined;
  return ((h * 60 + min) * 60 + s) * 1000;
}

/**
 * Requests a profile places in one 24-hour local day: the sum of rate × row length in
 * hours (for 24 hourly rates, their sum). A 23- or 25-hour day (DST) differs by the hour
 * skipped or repeated.
 */
export function profileDailySum(profile: DailyProfile): number {
  const at = profile.atMsOfDay;
  let sum = 0;
  for (let i = 0; i < at.length; i++) {
    const end = i + 1 < at.length ? at[i + 1] : at[0] + DAY_MS;
    sum += (profile.perHour[i] * (end - at[i])) / HOUR_MS;
  }
  return sum;
}
