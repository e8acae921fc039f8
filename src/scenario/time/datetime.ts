/**
 * Calendar date-times written by users — the scenario `start`, replay `Message Time` —
 * parsed by luxon (ISO-8601), after a strict shape check so that only the forms we
 * document are accepted: `YYYY-MM-DD`, `T` or a space, `HH:MM`, optional `:SS` and
 * fraction (`.` or `,`, cut to the millisecond), and an offset `Z`, `±HH`, `±HHMM` or `±HH:MM`.
 */
import { DateTime } from 'luxon';

/**
 * The JSON Schema pattern of a date-time with an offset (the scenario `start`): the shape
 * {@link parseDateTime} checks, with the spaces it tolerates. Impossible dates and offsets
 * beyond ±18:00 pass the pattern; the loader refuses them.
 */
export const DATE_TIME_WITH_OFFSET_PATTERN = /^\s*\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?\s*([Zz]|[+-]\d{2}(:?\d{2})?)\s*$/.source;

const SHAPE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const OFFSET = /(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * Epoch ms of `text`, or undefined when it is not a valid date-time of the documented
 * shape (including impossible dates such as February 30, and offsets beyond ±18:00).
 * @param requireOffset when true, a time without an offset is rejected; when false it is
 *   taken as UTC.
 */
export function parseDateTime(text: string, requireOffset: boolean): number | undefined {
  // Fast path: ECMAScript's own date-time string format in UTC (what a2psim writes),
  // which Date.parse is specified to read exactly.
  if (text.length === 24 && CANONICAL.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) || new Date(ms).toISOString() !== text ? undefined : ms;
  }
  // A space before the offset ("2026-03-09 08:00:00 +05:30") is tolerated.
  const t = text.trim().replace(/\s+(Z|[+-]\d{2}(:?\d{2})?)$/i, '$1');
  if (!SHAPE.test(t)) return undefined;
  const hasOffset = OFFSET.test(t.slice(16));
  if (requireOffset && !hasOffset) return undefined;
  const dt = DateTime.fromISO(t.replace(' ', 'T'), { zone: 'utc', setZone: true });
  if (!dt.isValid || Math.abs(dt.offset) > 18 * 60) return undefined;
  return dt.toMillis();
}

/**
 * The UTC offset written at the end of a date-time that {@link parseDateTime} accepts, in
 * minutes east of UTC (`-07:00` → -420); 0 for `Z` or no offset.
 */
export function writtenOffsetMinutes(text: string): number {
  const m = /([+-])(\d{2}):?(\d{2})?$/.exec(text.trim());
  return m === null ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}
