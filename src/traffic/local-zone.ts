/**
 * Wall-clock times in an IANA time zone → epoch ms, for replay files whose times carry no
 * offset (a `columns: { zone }` of a mapped CSV). Uses the platform's time zone data.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at instant `epochMs`, in ms (New York in winter: -5 h). */
function offsetMs(zone: string, epochMs: number): number {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(epochMs)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * Epoch ms of a wall-clock time in `zone` (fields as written: month 1–12). A time in the
 * hour a clock skips is read with the offset before the change; a repeated hour gives its
 * first occurrence.
 */
export function zonedEpochMs(zone: string, y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (zone === 'UTC') return wall;
  const first = wall - offsetMs(zone, wall);
  const second = wall - offsetMs(zone, first);
  return Math.min(first, second);
}
