/**
 * Any CSV as a replay file, through the scenario's `columns:` mapping: which header is the
 * time, sender, destination, text, units and type, and how the time is written (ISO with or
 * without offset, epoch seconds or milliseconds, or a day-first / month-first pattern in a
 * time zone). Produces the same {@link ReplayColumns} the built-in headers do, so every row
 * is checked and reported (file:line and the column as written) as any replay row is.
 */
import type { ReplayColumnMap, TimeFormat } from '../scenario/model.js';
import { normaliseHeader, RowError, TIME_EXPECTED, type ReplayColumns } from './replay-row.js';
import { replayTime } from './replay-time.js';
import { zonedEpochMs } from './local-zone.js';

type MappedField = 'time' | 'from' | 'to' | 'text' | 'units' | 'type';

/** Where a pattern writes the year, the month and the day (indices of its three date numbers). */
const PATTERNS: Readonly<Partial<Record<TimeFormat, readonly [number, number, number]>>> = {
  'YYYY-MM-DD HH:mm:ss': [0, 1, 2],
  'MM/DD/YYYY HH:mm:ss': [2, 0, 1],
  'DD/MM/YYYY HH:mm:ss': [2, 1, 0],
};

const PATTERN_RE: Readonly<Partial<Record<TimeFormat, RegExp>>> = {
  'YYYY-MM-DD HH:mm:ss': /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/,
  'MM/DD/YYYY HH:mm:ss': /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/,
  'DD/MM/YYYY HH:mm:ss': /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/,
};

/** The time parser of a mapping, and what an error says it expected. */
function timeParser(map: ReplayColumnMap): { parse: (text: string) => number | undefined; expected: string } {
  const f = map.timeFormat;
  if (f === 'epoch_s' || f === 'epoch_ms') {
    const scale = f === 'epoch_s' ? 1000 : 1;
    return {
      parse: (t) => (/^\d+(\.\d+)?$/.test(t) ? Math.round(Number(t) * scale) : undefined),
      expected: f === 'epoch_s' ? 'seconds since 1970-01-01 UTC, such as 1762419600' : 'milliseconds since 1970-01-01 UTC, such as 1762419600000',
    };
  }
  const re = PATTERN_RE[f];
  const order = PATTERNS[f];
  if (re === undefined || order === undefined) {
    // iso: the replay's own forms; a time without an offset is in the mapping's zone.
    return {
      parse: (t) => {
        if (map.zone === 'UTC' || /(Z|[+-]\d\d:?\d\d)$/.test(t)) return replayTime(t);
        const m = PATTERN_RE['YYYY-MM-DD HH:mm:ss']!.exec(t);
        return m === null ? undefined : fromParts(map.zone, [Number(m[1]), Number(m[2]), Number(m[3])], m);
      },
      expected: map.zone === 'UTC' ? TIME_EXPECTED : `a time such as 2026-03-09 08:00:00 (in ${map.zone}) or 2026-03-09T08:00:00-05:00`,
    };
  }
  return {
    parse: (t) => {
      const m = re.exec(t);
      if (m === null) return undefined;
      const n = [Number(m[1]), Number(m[2]), Number(m[3])];
      return fromParts(map.zone, [n[order[0]], n[order[1]], n[order[2]]], m);
    },
    expected: `a time written ${f} (in ${map.zone})`,
  };
}

/** Epoch ms of [year, month, day] and the h, m, s, ms groups (4..7) of a match; undefined when out of range. */
function fromParts(zone: string, [y, mo, d]: readonly number[], m: RegExpExecArray): number | undefined {
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return undefined;
  return zonedEpochMs(zone, y, mo, d, h, mi, s, ms);
}

/**
 * The columns of a header row under a mapping.
 * @throws RowError when a mapped header is not in the row (naming the mapping's key).
 */
export function mappedColumns(header: readonly string[], map: ReplayColumnMap): ReplayColumns {
  const find = (name: string): number => {
    let i = header.indexOf(name);
    if (i < 0) i = header.findIndex((h) => normaliseHeader(h) === normaliseHeader(name));
    return i;
  };
  const index: Partial<Record<MappedField, number>> = {};
  for (const key of ['time', 'from', 'to', 'text', 'units', 'type'] as const) {
    const name = map[key];
    if (name === null) continue;
    const i = find(name);
    if (i < 0) throw new RowError('header', `a column "${name}" (columns.${key} of the scenario)`, `the columns ${header.map((h) => JSON.stringify(h)).join(', ')}`);
    index[key] = i;
  }
  const wanted = new Uint8Array(header.length);
  for (const i of Object.values(index)) wanted[i] = 1;
  const { parse, expected } = timeParser(map);
  return { index, names: header, wanted, time: index.time!, parseTime: parse, timeExpected: expected };
}
