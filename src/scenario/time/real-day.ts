/**
 * Resolution of the "real day" traffic fields: daily profiles (`arrival.kind: profile`,
 * 24 hourly values or a CSV of local time → requests per hour) and sending windows
 * (`send_window`). Time zones are checked here, when the scenario loads, never mid-run.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ScenarioError, describeValue } from '../errors.js';
import type { FieldPath, Source } from '../yaml/locate.js';
import type { DailyProfile, Incident, RetryPolicy, SendWindow, SenderChoice, Spacing } from '../model.js';
import { FAILURE_CODES } from '../../rules/codes.js';
import { isTimeZone, parseTimeOfDay, profileDailySum } from './time-of-day.js';
import { MAX_DURATION_MS, MAX_DURATION_TEXT } from '../units.js';

const WEIGHT_SUM_TOLERANCE = 1e-6;
const HOUR_MS = 3_600_000;
const ZONE_EXPECTED = 'an IANA time zone such as America/New_York';

/** The raw `profile` arrival, as the schema checked it. */
export interface RawProfile {
  readonly per_hour?: number[];
  readonly file?: string;
  readonly time_zone: string;
  readonly spacing?: Spacing;
}

/** The raw `send_window`, as the schema checked it. */
export interface RawSendWindow {
  readonly from: string;
  readonly to: string;
  readonly time_zone?: string;
  readonly time_zones?: Record<string, number>;
}

/** Checks a zone name; `atKey` when the name is a map key (`time_zones`), so the key is shown, not its weight. */
function zone(src: Source, path: FieldPath, name: string, atKey = false): string {
  if (!isTimeZone(name)) throw src.error(path, ZONE_EXPECTED, atKey ? JSON.stringify(name) : undefined, atKey);
  return name;
}

/**
 * A daily profile and its spacing. `scenarioFile` locates a relative CSV.
 * @throws ScenarioError for a bad zone, not exactly one of per_hour/file, a negative or
 *   non-finite rate, a profile that never sends, or a bad CSV (file:line:column).
 */
export function resolveProfile(src: Source, path: FieldPath, raw: RawProfile, scenarioFile: string): { profile: DailyProfile; spacing: Spacing } {
  const timeZone = zone(src, [...path, 'time_zone'], raw.time_zone);
  if ((raw.per_hour === undefined) === (raw.file === undefined)) {
    throw src.error(path, 'exactly one of per_hour (24 values) or file (a CSV)', raw.file === undefined ? 'neither' : 'both');
  }
  let profile: DailyProfile;
  if (raw.per_hour !== undefined) {
    const values = raw.per_hour;
    if (values.length !== 24) throw src.error([...path, 'per_hour'], 'a list of 24 numbers (requests in each local hour)', `${values.length} values`);
    values.forEach((v, i) => {
      if (!Number.isFinite(v) || v < 0) throw src.error([...path, 'per_hour', i], 'a number of requests per hour >= 0');
    });
    profile = { timeZone, atMsOfDay: values.map((_, h) => h * HOUR_MS), perHour: [...values] };
  } else {
    const file = isAbsolute(raw.file!) ? raw.file! : join(dirname(scenarioFile), raw.file!);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? String(e);
      throw src.error([...path, 'file'], 'a readable profile CSV', `${JSON.stringify(raw.file)} (${why})`);
    }
    profile = { timeZone, ...parseProfileCsv(text, file) };
  }
  if (!(profileDailySum(profile) > 0)) throw src.error(path, 'a profile that sends something (every rate is 0)', 'a daily sum of 0');
  return { profile, spacing: raw.spacing ?? 'poisson' };
}

/**
 * Parses a profile CSV (`file` names it in errors): a header `time,per_hour`, then rows
 * `HH:MM,requests per hour` in ascending time order; each rate holds until the next row's
 * time, the last wraps round midnight to the first.
 * @throws ScenarioError `FILE:LINE:COL per_hour: expected ..., got ...`.
 */
export function parseProfileCsv(text: string, file: string): { atMsOfDay: number[]; perHour: number[] } {  const bad = (line: number, column: number, path: string, expected: string, value: unknown) =>
    new ScenarioError({ file, line, column, path, expected, actual: describeValue(value) });
  let rows: string[][];
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (e) {
    throw new ScenarioError({ file, expected: 'a CSV file', actual: `an error: ${(e as Error).message}` });
  }
  const header = rows[0]?.map((h) => h.toLowerCase());
  if (header === undefined || header[0] !== 'time' || header[1] !== 'per_hour' || header.length !== 2) {
    throw bad(1, 1, 'header', 'the header time,per_hour', rows[0]?.join(','));
  }
  if (rows.length < 2) throw bad(2, 1, 'time', 'at least one row "HH:MM,requests per hour"', undefined);
  const atMsOfDay: number[] = [];
  const perHour: number[] = [];
  rows.slice(1).forEach((row, i) => {
    const line = i + 2;
    const at = parseTimeOfDay(row[0] ?? '');
    if (at === undefined || at >= 86_400_000) throw bad(line, 1, 'time', 'a local time of day "HH:MM" from 00:00 to 23:59', row[0]);
    if (atMsOfDay.length > 0 && at <= atMsOfDay[atMsOfDay.length - 1]) throw bad(line, 1, 'time', 'a time after the previous row', row[0]);
    const rate = Number(row[1]);
    if (row[1] === undefined || row[1] === '' || !Number.isFinite(rate) || rate < 0) {
      throw bad(line, (row[0]?.length ?? 0) + 2, 'per_hour', 'a number of requests per hour >= 0', row[1]);
    }
    atMsOfDay.push(at);
    perHour.push(rate);
  });
  return { atMsOfDay, perHour };
}

/**
 * A sending window: opening and closing local times and the recipient zones.
 * @throws ScenarioError for a bad time, equal from and to, a bad zone, not exactly one of
 *   time_zone/time_zones, or weights that do not sum to 1.
 */
export function resolveSendWindow(src: Source, path: FieldPath, raw: RawSendWindow): SendWindow {
  const tod = (key: 'from' | 'to') => {
    const ms = parseTimeOfDay(raw[key]);
    if (ms === undefined) throw src.error([...path, key], 'a local time of day "HH:MM" from 00:00 to 24:00');
    return ms % 86_400_000;
  };
  const fromMsOfDay = tod('from');
  const toMsOfDay = tod('to');
  if (fromMsOfDay === toMsOfDay) throw src.error([...path, 'to'], `a closing time other than the opening time (${raw.from})`);
  if ((raw.time_zone === undefined) === (raw.time_zones === undefined)) {
    throw src.error(path, 'exactly one of time_zone or time_zones', raw.time_zone === undefined ? 'neither' : 'both');
  }
  if (raw.time_zone !== undefined) {
    return { fromMsOfDay, toMsOfDay, zones: [{ timeZone: zone(src, [...path, 'time_zone'], raw.time_zone), weight: 1 }] };
  }
  const entries = Object.entries(raw.time_zones!);
  if (entries.length === 0) throw src.error([...path, 'time_zones'], 'at least one zone with a weight');
  const zones = entries.map(([name, weight]) => {
    const at = [...path, 'time_zones', name];
    zone(src, at, name, true);
    if (!(weight >= 0 && weight <= 1)) throw src.error(at, 'a weight from 0 to 1');
    return { timeZone: name, weight };
  });
  const sum = zones.reduce((a, z) => a + z.weight, 0);
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    throw src.error([...path, 'time_zones'], 'weights summing to 1', `a sum of ${Number(sum.toFixed(9))}`);
  }
  return { fromMsOfDay, toMsOfDay, zones };
}

/**
 * The sender choice and recipient pool of a source.
 * @throws ScenarioError for sticky without recipients_pool, or either on a replay source.
 */
export function resolveSenderChoice(
  src: Source,
  base: FieldPath,
  raw: { readonly sender?: SenderChoice; readonly recipients_pool?: number },
  replay: boolean,
): { sender: SenderChoice; recipientsPool: number | null } {
  const sender = raw.sender ?? 'round_robin';
  const pool = raw.recipients_pool ?? null;
  if (replay && raw.sender !== undefined) throw src.error([...base, 'sender'], 'no sender choice on a replay source (each row names its sender)');
  if (replay && pool !== null) throw src.error([...base, 'recipients_pool'], 'no recipients_pool on a replay source (each row names its destination)');
  if (sender === 'sticky' && pool === null) {
    throw src.error([...base, 'sender'], 'recipients_pool: N next to sender: sticky (sticky keeps each recipient on one number)', '"sticky" without recipients_pool');
  }
  return { sender, recipientsPool: pool };
}

/** The raw `retry`, as the schema checked it. */
export interface RawRetry {
  readonly on: (string | number)[];
  readonly after: string | number;
  readonly max?: number;
  readonly backoff?: number;
}

/**
 * A source's retry policy and daily-cap policy. `durationMs` parses `after`.
 * @throws ScenarioError for an unknown code, an empty list, a zero wait, tmobile_daily_cap
 *   both retried and deferred, or either on a replay source.
 */
export function resolveRetry(
  src: Source,
  base: FieldPath,
  raw: { readonly retry?: RawRetry; readonly on_daily_cap?: 'fail' | 'defer' },
  replay: boolean,
  durationMs: (path: FieldPath, value: unknown) => number,
): { retry: RetryPolicy | null; onDailyCap: 'fail' | 'defer' } {
  const onDailyCap = raw.on_daily_cap ?? 'fail';
  if (replay && raw.retry !== undefined) throw src.error([...base, 'retry'], 'no retry on a replay source (replay is exact)', 'a retry policy');
  if (replay && onDailyCap === 'defer') throw src.error([...base, 'on_daily_cap'], 'no on_daily_cap: defer on a replay source (replay is exact)');
  const r = raw.retry;
  if (r === undefined) return { retry: null, onDailyCap };
  const codes: readonly string[] = FAILURE_CODES.map((c) => c.code);
  if (r.on.length === 0) throw src.error([...base, 'retry', 'on'], `at least one failure code (${codes.join(', ')})`);
  const on = r.on.map(String);
  on.forEach((code, i) => {
    if (!codes.includes(code)) throw src.error([...base, 'retry', 'on', i], `a failure code: one of ${codes.join(', ')}`);
  });
  if (onDailyCap === 'defer' && on.includes('tmobile_daily_cap')) {
    throw src.error([...base, 'retry', 'on'], 'no tmobile_daily_cap next to on_daily_cap: defer (capped attempts are deferred, not retried)', 'tmobile_daily_cap');
  }
  const afterMs = durationMs([...base, 'retry', 'after'], r.after);
  if (afterMs <= 0) throw src.error([...base, 'retry', 'after'], 'a duration greater than 0');
  const max = r.max ?? 1;
  const backoff = r.backoff ?? 1;
  // The longest wait (before the last retry) is a time-valued field too: bounded like a duration.
  if (!(afterMs * backoff ** (max - 1) <= MAX_DURATION_MS)) {
    throw src.error([...base, 'retry', 'backoff'], `a backoff whose longest wait (after × backoff^(max − 1)) is at most ${MAX_DURATION_TEXT}`);
  }
  return { retry: { on: [...new Set(on)], afterMs, max, backoff }, onDailyCap };
}

/** A raw incident, as the schema checked it. */
export interface RawIncident {
  readonly kind: Incident['kind'];
  readonly carrier?: Incident['carrier'];
  readonly factor?: number;
  readonly start: string | number;
  readonly end: string | number;
}

/**
 * The scenario's incidents.
 * @throws ScenarioError for a carrier missing (or given to a provider outage), a factor
 *   missing or outside (0, 1) for a degraded carrier (or given to an outage), or an end
 *   not after the start.
 */
export function resolveIncidents(
  src: Source,
  raw: readonly RawIncident[] | undefined,
  durationMs: (path: FieldPath, value: unknown) => number,
): Incident[] {
  return (raw ?? []).map((x, i) => {
    const base = ['incidents', i];
    const provider = x.kind === 'provider_outage';
    if (provider && x.carrier !== undefined) throw src.error([...base, 'carrier'], 'no carrier for a provider_outage (nothing dispatches)');
    if (!provider && x.carrier === undefined) throw src.error([...base, 'carrier'], `a carrier for a ${x.kind}`, 'nothing');
    const degraded = x.kind === 'degraded_carrier';
    if (!degraded && x.factor !== undefined) throw src.error([...base, 'factor'], `no factor for a ${x.kind} (nothing is handed over)`);
    if (degraded && (x.factor === undefined || !(x.factor > 0 && x.factor < 1))) {
      throw src.error([...base, 'factor'], 'a factor between 0 and 1 (exclusive): the share of the rate left');
    }
    const startMs = durationMs([...base, 'start'], x.start);
    const endMs = durationMs([...base, 'end'], x.end);
    if (endMs <= startMs) throw src.error([...base, 'end'], `a time after start (${startMs / 1000}s)`);
    return { kind: x.kind, carrier: x.carrier ?? null, factor: x.factor ?? 0, startMs, endMs };
  });
}
