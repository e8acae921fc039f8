/**
 * Replay CSV rows → {@link ReplayRow}: header names of a Plivo MDR export (downloaded or
 * emailed) or of a2psim's own message CSV, and the value checks of every cell. Pure: a bad
 * value throws a {@link RowError} naming the column; the reader adds file and line.
 */
import { parseDateTime } from '../scenario/datetime.js';
import type { Direction, ReplayRow } from '../engine/types.js';
import { CARRIERS, LOG_SETTINGS, MESSAGE_TYPES, type Carrier, type LogSetting, type MessageType } from '../scenario/model.js';
import { EXPIRY } from '../rules/rulebook.js';
import { isTooLong, unitsOf } from '../scenario/segments.js';

/** Fields a replay row can carry. */
type Field = 'uuid' | 'from' | 'to' | 'toCountry' | 'direction' | 'time' | 'type' | 'carrier' | 'units' | 'text' | 'expiry' | 'log';

/** Normalised header name → field. MDR names ("Message Time") normalise to snake_case. */
const HEADER_FIELDS: Readonly<Record<string, Field>> = {
  message_uuid: 'uuid',
  uuid: 'uuid',
  from: 'from',
  to: 'to',
  to_country_iso2: 'toCountry',
  to_country: 'toCountry',
  direction: 'direction',
  message_time: 'time',
  time: 'time',
  message_type: 'type',
  carrier: 'carrier',
  units: 'units',
  text: 'text',
  expiry: 'expiry',
  log: 'log',
};

const REQUIRED: readonly Field[] = ['from', 'to', 'time'];

/** Largest units of one message (Plivo: 1,600 GSM-7 or 737 UCS-2 characters = 11 units). */
const MAX_UNITS = 11;

/** A bad cell: `column` is the header name as written. */
export class RowError extends Error {
  constructor(
    readonly column: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${column}: expected ${expected}, got ${actual}`);
    this.name = 'RowError';
  }
}

/** Where each field is in a row, and the header names as written. */
export interface ReplayColumns {
  readonly index: Readonly<Partial<Record<Field, number>>>;
  readonly names: readonly string[];
}

/** What a row falls back to when a column is absent or empty. */
export interface ReplayDefaults {
  readonly startEpochMs: number;
  readonly type: MessageType;
  readonly toCountry: string;
  readonly text: string | null;
  readonly units: number;
}

/** "Message Time" → "message_time". */
export const normaliseHeader = (h: string): string => h.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/**
 * Maps a header row. Unknown columns (Status, Error Code, Rate Per Unit, ...) are ignored:
 * the simulation computes its own outcome. `message_time` wins over `time` when both exist.
 * @throws RowError when From, To or the time column is missing.
 */
export function replayColumns(header: readonly string[]): ReplayColumns {
  const index: Partial<Record<Field, number>> = {};
  header.forEach((h, i) => {
    const key = normaliseHeader(h);
    const field = HEADER_FIELDS[key];
    if (field === undefined) return;
    if (index[field] !== undefined && !(field === 'time' && key === 'message_time')) return;
    index[field] = i;
  });
  for (const f of REQUIRED) {
    if (index[f] === undefined) {
      const name = f === 'time' ? '"Message Time" (or "Time", "message_time")' : `"${f === 'from' ? 'From' : 'To'}"`;
      throw new RowError('header', `a header row with the columns From, To and Message Time`, `no ${name} column`);
    }
  }
  return { index, names: header };
}

/**
 * Strips the `'` that formula neutralising put in front of `= + - @`, tab, CR or LF (after
 * any `'`s of the text itself): the inverse of the message CSV's `safeText`.
 */
export const unneutralise = (s: string): string => (s.length > 1 && s[0] === "'" && /^'+[=+\-@\t\r\n]/.test(s) ? s.slice(1) : s);

export const TIME_EXPECTED = 'a time such as 2026-03-09T08:00:00.000Z, 2026-03-09 08:00:00+05:30 or 2026-03-09 08:00:00 (UTC)';

/** Plivo writes numbers without "+": 8 to 15 digits become E.164; short codes stay as they are. */
const phone = (s: string): string => (/^\d{8,15}$/.test(s) ? `+${s}` : s);

/** "T-Mobile", "AT&T", "tmobile" → carrier; undefined when unknown. */
function carrierOf(s: string): Carrier | undefined {
  const k = s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (CARRIERS as readonly string[]).includes(k) ? (k as Carrier) : undefined;
}

const show = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}...` : s);

/**
 * Converts one data row.
 * @throws RowError for a missing sender or destination, a bad time (or one before the
 *   scenario start), direction, message type, carrier, units, expiry or log value.
 */
export function toReplayRow(fields: readonly string[], cols: ReplayColumns, d: ReplayDefaults): ReplayRow {
  const cell = (f: Field): string => {
    const i = cols.index[f];
    return i === undefined ? '' : unneutralise((fields[i] ?? '').trim());
  };
  const bad = (f: Field, expected: string): RowError => new RowError(cols.names[cols.index[f]!], expected, show(cell(f)));
  const from = phone(cell('from'));
  if (from === '') throw bad('from', 'a sender number');
  const to = phone(cell('to'));
  if (to === '') throw bad('to', 'a destination number');
  const epochMs = parseDateTime(cell('time'), false);
  if (epochMs === undefined) throw bad('time', TIME_EXPECTED);
  const atMs = epochMs - d.startEpochMs;
  if (atMs < 0) throw bad('time', `a time at or after the scenario start ${new Date(d.startEpochMs).toISOString()}`);
  const dir = cell('direction').toLowerCase();
  if (dir !== '' && dir !== 'outbound' && dir !== 'inbound') throw bad('direction', 'outbound or inbound');
  const direction: Direction = dir === 'inbound' ? 'inbound' : 'outbound';
  const typeText = cell('type').toLowerCase();
  if (typeText !== '' && !(MESSAGE_TYPES as readonly string[]).includes(typeText)) throw bad('type', 'sms or mms');
  const type = typeText === '' ? d.type : (typeText as MessageType);
  const countryText = cell('toCountry').toUpperCase();
  if (countryText !== '' && !/^[A-Z]{2}$/.test(countryText)) throw bad('toCountry', 'a two-letter country code such as US');
  const carrierText = cell('carrier');
  const carrier = carrierText === '' ? null : carrierOf(carrierText);
  if (carrier === undefined) throw bad('carrier', `one of ${CARRIERS.join(', ')}`);
  const textCell = cols.index.text === undefined ? '' : unneutralise(fields[cols.index.text] ?? '');
  const text = textCell === '' ? d.text : textCell;
  let units = type === 'mms' ? 1 : text === null ? d.units : unitsOf(text).units;
  const unitsText = cell('units');
  if (unitsText !== '') {
    if (!/^\d+$/.test(unitsText) || Number(unitsText) < 1) throw bad('units', 'a whole number of units >= 1');
    units = Number(unitsText);
  }
  const expiryText = cell('expiry');
  const range = `an integer from ${EXPIRY.minSeconds} to ${EXPIRY.maxSeconds}`;
  if (expiryText !== '' && (!/^\d+$/.test(expiryText) || +expiryText < EXPIRY.minSeconds || +expiryText > EXPIRY.maxSeconds)) {
    throw bad('expiry', range);
  }
  const logText = cell('log').toLowerCase();
  if (logText !== '' && !(LOG_SETTINGS as readonly string[]).includes(logText)) throw bad('log', LOG_SETTINGS.join(', '));
  const uuid = cell('uuid');
  return {
    atMs,
    uuid: uuid === '' ? null : uuid,
    from,
    to,
    toCountry: countryText === '' ? d.toCountry : countryText,
    direction,
    type,
    carrier,
    units,
    text,
    expirySeconds: expiryText === '' ? null : Number(expiryText),
    log: logText === '' ? null : (logText as LogSetting),
    tooLong: units > MAX_UNITS || (type === 'sms' && text !== null && isTooLong(text)),
  };
}
