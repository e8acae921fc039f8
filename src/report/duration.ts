/**
 * Durations and clock times as people say them: `2h 46m 39s`, `1m 52.9s`, `250ms`, and
 * `08:10:25` on the scenario's own clock. The one rounding rule of every table: a duration
 * to about 4 significant digits, never finer than 1 ms nor coarser than 1 s (a percentile
 * never finer than its histogram bucket), to the nearest; a clock time to the nearest second. Formatting is done by pretty-ms (a well-kept
 * library for exactly this); this module only decides how finely to round. Pure.
 */
import prettyMs from 'pretty-ms';
import { bucketWidthMs } from '../engine/counters.js';

/** Significant digits shown at most: a table is read at a glance, not to the millisecond. */
const DIGITS = 4;

/** The largest power of ten (ms) that is ≤ `ms`, between 1 ms and 1 s. */
function decade(ms: number): number {
  if (ms < 10) return 1;
  return Math.min(1000, 10 ** Math.floor(Math.log10(ms)));
}

/**
 * The step (ms) a duration of `ms` is rounded to: about {@link DIGITS} significant digits,
 * never finer than 1 ms nor coarser than 1 s, and for a histogram percentile never finer
 * than the histogram's bucket at that value (so `10119.588 s` reads `2h 48m 40s`).
 */
export function displayStepMs(ms: number, fromHistogram = false): number {
  const significant = decade(Math.abs(ms) / 10 ** (DIGITS - 1));
  return fromHistogram ? Math.max(significant, decade(bucketWidthMs(Math.abs(ms)))) : significant;
}

/**
 * A duration given in seconds as `2h 46m 39s`, `1m 5.19s`, `57s`, `250ms`, `0s`; `-` for
 * null (no value, e.g. the wait when nothing was delivered).
 * @param fromHistogram the value is a percentile of {@link WaitHistogram}: round to its
 *   precision.
 */
export function fmtDuration(seconds: number | null, fromHistogram = false): string {
  if (seconds === null) return '-';
  const ms = Math.round(seconds * 1000);
  if (ms === 0) return '0s';
  const step = displayStepMs(ms, fromHistogram);
  const rounded = Math.round(ms / step) * step;
  const decimals = Math.max(0, 3 - Math.round(Math.log10(step)));
  // pretty-ms floors to `secondsDecimalDigits` and keeps zeros after a non-zero decimal.
  return prettyMs(rounded, { secondsDecimalDigits: decimals }).replace(/(\.\d*?[1-9])0+s$/, '$1s').replace(/\.0+s$/, 's');
}

/** `+HH:MM`/`-HH:MM` of an offset in minutes; `UTC` for 0. */
export function offsetText(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const a = Math.abs(offsetMinutes);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${offsetMinutes < 0 ? '-' : '+'}${two(Math.floor(a / 60))}:${two(a % 60)}`;
}

/**
 * The wall-clock time of an instant at a fixed UTC offset, rounded to the nearest second
 * (as {@link fmtDuration} rounds a duration of hours: a drain of `15h 59m 59s` reads
 * `15:59:59`): `2026-03-09 08:00:00`, or only `08:10:25` when `sameDayAs` (epoch ms) falls
 * on the same local date.
 */
export function clockTime(epochMs: number, offsetMinutes: number, sameDayAs?: number): string {
  const local = (ms: number): string => new Date(ms + offsetMinutes * 60_000).toISOString();
  const iso = local(Math.round(epochMs / 1000) * 1000);
  const time = iso.slice(11, 19);
  const day = iso.slice(0, 10);
  return sameDayAs !== undefined && local(sameDayAs).slice(0, 10) === day ? time : `${day} ${time}`;
}
