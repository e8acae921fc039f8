/**
 * Replay times at the speed of the rows: the forms that MDR exports and a2psim's own CSV
 * write (`2026-03-09T15:00:00.123Z`, `2026-03-09 15:00:00+00:00`, `2026-03-09 15:00:00`)
 * are read from their characters; anything else goes to the scenario's `parseDateTime`,
 * which decides. The fast path returns a value only where `parseDateTime` returns the same
 * (checked by a property test), so the accepted forms stay the documented ones.
 */
import { parseDateTime } from '../scenario/time/datetime.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The number of `len` digits at `i`, or -1 when a character there is not a digit. */
function digits(s: string, i: number, len: number): number {
  let v = 0;
  for (let k = i; k < i + len; k++) {
    const d = s.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** Minutes east of UTC of the offset from `i` to the end of `s`, or null when it is not one the fast path reads. */
function offsetMinutes(s: string, i: number): number | null {
  const n = s.length;
  if (i === n) return 0;
  const c = s.charCodeAt(i);
  if ((c === 90 || c === 122) && i + 1 === n) return 0; // Z, z
  if (c !== 43 && c !== 45) return null; // + -
  const hh = digits(s, i + 1, 2);
  let mm = 0;
  if (n === i + 3) mm = 0;
  else if (n === i + 5) mm = digits(s, i + 3, 2);
  else if (n === i + 6 && s.charCodeAt(i + 3) === 58) mm = digits(s, i + 4, 2);
  else return null;
  if (hh < 0 || mm < 0 || mm > 59 || hh * 60 + mm > 18 * 60) return null;
  return c === 45 ? -(hh * 60 + mm) : hh * 60 + mm;
}

/** Epoch ms of the minute `YYYY-MM-DD?hh:mm` that starts `s`, or null when it is not a valid one. */
function minuteOf(s: string): number | null {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58) return null;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return null; // T or space
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59) return null;
  if (d > (mo === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[mo - 1])) return null;
  return Date.UTC(y, mo - 1, d, h, mi);
}

/** The last minute read: rows come in bursts within a minute, so most rows reuse it. */
let lastMinuteText = '';
let lastMinuteMs = 0;

/** Epoch ms of a time of a common form, or null when the fast path does not decide it. */
export function fastTime(s: string): number | null {
  if (s.length < 19 || s.charCodeAt(16) !== 58) return null;
  let minute: number;
  if (lastMinuteText !== '' && s.startsWith(lastMinuteText)) minute = lastMinuteMs;
  else {
    const m = minuteOf(s);
    if (m === null) return null;
    lastMinuteText = s.slice(0, 16);
    lastMinuteMs = minute = m;
  }
  const se = digits(s, 17, 2);
  if (se < 0 || se > 59) return null;
  let i = 19;
  let ms = 0;
  const dot = s.charCodeAt(i);
  if (dot === 46 || dot === 44) {
    i++;
    const from = i;
    while (i < s.length) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      if (i - from < 3) ms = ms * 10 + c;
      i++;
    }
    if (i === from) return null;
    for (let k = Math.min(i - from, 3); k < 3; k++) ms *= 10;
  }
  const off = offsetMinutes(s, i);
  if (off === null) return null;
  return minute + se * 1000 + ms - off * 60_000;
}

/** Epoch ms of a replay time (no offset = UTC), or undefined when it is not a documented date-time. */
export function replayTime(s: string): number | undefined {
  return fastTime(s) ?? parseDateTime(s, false);
}
