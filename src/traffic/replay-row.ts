/**
 * Replay CSV rows → {@link ReplayRow}: header names of a Plivo MDR export (downloaded or
 * emailed) or of a2psim's own message CSV, and the value checks of every cell. Pure: a bad
 * value throws a {@link RowError} naming the column; the reader adds file and line.
 */
import type { Direction, ReplayRow } from './feed.js';
import { CARRIERS, LOG_SETTINGS, MESSAGE_TYPES, type Carrier, type LogSetting, type MessageType } from '../scenario/model.js';
import type { MaxLength } from '../rules/provider.js';
import { isTooLong, unitsOf } from '../scenario/segments.js';
import { replayTime } from './replay-time.js';

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

/** A bad cell: `column` is the header name as written. */
export class RowError extends Error {
  constructor(
    readonly column: string,
    readonly expected: string,
    readonly actual: string,
    /** 1-based character column in the line; 0 when unknown. */
    readonly col = 0,
  ) {
    super(`${column}: expected ${expected}, got ${actual}`);
    this.name = 'RowError';
  }
}

/** Where each field is in a row, and the header names as written. */
export interface ReplayColumns {
  readonly index: Readonly<Partial<Record<Field, number>>>;
  readonly names: readonly string[];
  /** 1 for each column a row is read from (the others need not be cut out of the text). */
  readonly wanted: Uint8Array;
  /** Column of the time. */
  readonly time: number;
  /** How the time is written, when not the replay's own forms (a `columns:` mapping): epoch ms, or undefined. */
  readonly parseTime?: (text: string) => number | undefined;
  /** What an error says a time should be, with `parseTime`. */
  readonly timeExpected?: string;
}

/** What a row falls back to when a column is absent or empty. */
export interface ReplayDefaults {
  readonly startEpochMs: number;
  readonly type: MessageType;
  readonly toCountry: string;
  readonly text: string | null;
  readonly units: number;
  /** The provider's expiry range. */
  readonly expiryRange: { readonly minSeconds: number; readonly maxSeconds: number };
  /** The provider's longest message: a row over it fails with code 110. */
  readonly maxLength: MaxLength;
}

/** "Message Time" → "message_time". */
export const normaliseHeader = (h: string): string => h.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

/**
 * Maps a header row. Unknown columns (Status, Error Code, Rate Per Unit, ...) are ignored:
 * the simulation computes its own outcome. `message_time` wins over `time` when both exist.
 * @param delimiter the field delimiter, to place a column in the header line for messages.
 * @throws RowError when From, To or the time column is missing, or a column is given twice
 *   (`From` and `from`): naming both, at the second one's column.
 */
export function replayColumns(header: readonly string[], delimiter = ','): ReplayColumns {
  const index: Partial<Record<Field, number>> = {};
  const keyOf: Partial<Record<Field, string>> = {};
  header.forEach((h, i) => {
    const key = normaliseHeader(h);
    const field = HEADER_FIELDS[key];
    if (field === undefined) return;
    const first = index[field];
    if (first !== undefined) {
      // The one documented pair: "Message Time" is taken over "Time".
      const timePair = field === 'time' && key !== keyOf[field] && (key === 'message_time' || keyOf[field] === 'message_time');
      if (!timePair) {
        const col = header.slice(0, i).reduce((n, f) => n + f.length + delimiter.length, 0) + 1;
        throw new RowError('header', 'each column once', `${JSON.stringify(header[first])} (column ${first + 1}) and ${JSON.stringify(h)} (column ${i + 1}) both naming ${field}`, col);
      }
      if (key !== 'message_time') return;
    }
    index[field] = i;
    keyOf[field] = key;
  });
  for (const f of REQUIRED) {
    if (index[f] === undefined) {
      const name = f === 'time' ? '"Message Time" (or "Time", "message_time")' : `"${f === 'from' ? 'From' : 'To'}"`;
      throw new RowError('header', `a header row with the columns From, To and Message Time`, `no ${name} column`);
    }
  }
  const wanted = new Uint8Array(header.length);
  for (const i of Object.values(index)) wanted[i] = 1;
  return { index, names: header, wanted, time: index.time! };
}

/**
 * Strips the `'` that formula neutralising put in front of `= + - @`, tab, CR or LF (after
 * any `'`s of the text itself): the inverse of the message CSV's `safeText`.
 */
export const unneutralise = (s: string): string => (s.length > 1 && s.charCodeAt(0) === 39 && /^'+[=+\-@\t\r\n]/.test(s) ? s.slice(1) : s);

export const TIME_EXPECTED = 'a time such as 2026-03-09T08:00:00.000Z, 2026-03-09 08:00:00+05:30 or 2026-03-09 08:00:00 (UTC)';

/** A phone number as written in a replay file: E.164 with or without "+", a short code, or redacted (`+12025550***`). */
const PHONE = /^\+?(?=[\d*]{3,15}$)\d+\**$/;

const TO_EXPECTED = 'a phone number such as +12025550123 or 12025550123 (several joined by "<")';

/** Plivo writes numbers without "+": 8 to 15 digits (or a redacted number) become E.164; short codes stay as they are. */
const phone = (s: string): string => (s.length >= 8 && s.charCodeAt(0) !== 43 && /^\d[\d]*\**$/.test(s) && s.length <= 15 ? `+${s}` : s);

/** "T-Mobile", "AT&T", "tmobile" → carrier; undefined when unknown. */
function carrierOf(s: string): Carrier | undefined {
  const k = (CARRIERS as readonly string[]).includes(s) ? s : s.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (CARRIERS as readonly string[]).includes(k) ? (k as Carrier) : undefined;
}

const show = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}...` : s);

/** A cell as written, trimmed and with formula neutralising undone. */
function clean(raw: string): string {
  if (raw === '') return '';
  const s = raw.trim();
  return s.charCodeAt(0) === 39 ? unneutralise(s) : s;
}

/** Cell `i` of a row, cleaned; '' when the column is absent. */
const cellAt = (fields: readonly string[], i: number | undefined): string => (i === undefined ? '' : clean(fields[i] ?? ''));

/** Units of the last text seen: replayed rows repeat a few texts, so most rows reuse it. */
let lastText: string | null = null;
let lastUnits = 1;

function textUnits(text: string): number {
  if (text !== lastText) {
    lastUnits = unitsOf(text).units;
    lastText = text;
  }
  return lastUnits;
}

/** The error for cell `f` of a row (made only when a row is bad). */
function badCell(fields: readonly string[], cols: ReplayColumns, f: Field, expected: string): RowError {
  return new RowError(cols.names[cols.index[f]!], expected, show(cellAt(fields, cols.index[f])));
}

/**
 * The time of a row, ms since the scenario start, from its time cell as written.
 * @throws RowError for a time that is not a documented date-time, or before the start.
 */
export function rowTime(raw: string, cols: ReplayColumns, startEpochMs: number): number {
  const text = clean(raw);
  const epochMs = cols.parseTime === undefined ? replayTime(text) : cols.parseTime(text);
  if (epochMs === undefined) throw new RowError(cols.names[cols.time], cols.timeExpected ?? TIME_EXPECTED, show(text));
  const atMs = epochMs - startEpochMs;
  if (atMs < 0) throw new RowError(cols.names[cols.time], `a time at or after the scenario start ${new Date(startEpochMs).toISOString()}`, show(text));
  return atMs;
}

/**
 * Converts one data row. A `To` of several numbers joined by `<` (the FAQ's bulk form)
 * gives the row for the first; the others are pushed to `moreTo` (when given), in order.
 * @throws RowError for a missing sender, a destination that is not a phone number, a bad
 *   time (or one before the scenario start), direction, message type, carrier, units,
 *   expiry or log value.
 */
export function toReplayRow(fields: readonly string[], cols: ReplayColumns, d: ReplayDefaults, moreTo?: string[]): ReplayRow {
  const ix = cols.index;
  const fromText = cellAt(fields, ix.from);
  if (fromText === '') throw badCell(fields, cols, 'from', 'a sender number');
  const from = phone(fromText);
  const toText = cellAt(fields, ix.to);
  if (toText === '') throw badCell(fields, cols, 'to', 'a destination number');
  let to: string;
  if (toText.includes('<')) {
    const parts = toText.split('<');
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k].trim();
      if (!PHONE.test(part)) throw badCell(fields, cols, 'to', TO_EXPECTED);
      parts[k] = phone(part);
    }
    to = parts[0];
    for (let k = 1; k < parts.length; k++) moreTo?.push(parts[k]);
  } else {
    if (!PHONE.test(toText)) throw badCell(fields, cols, 'to', TO_EXPECTED);
    to = phone(toText);
  }
  const atMs = rowTime(fields[cols.time] ?? '', cols, d.startEpochMs);
  let direction: Direction = 'outbound';
  const dir = cellAt(fields, ix.direction);
  if (dir !== '' && dir !== 'outbound') {
    const lower = dir.toLowerCase();
    if (lower === 'inbound') direction = 'inbound';
    else if (lower !== 'outbound') throw badCell(fields, cols, 'direction', 'outbound or inbound');
  }
  const typeText = cellAt(fields, ix.type);
  let type = d.type;
  if (typeText !== '') {
    const lower = typeText.toLowerCase();
    if (!(MESSAGE_TYPES as readonly string[]).includes(lower)) throw badCell(fields, cols, 'type', 'sms or mms');
    type = lower as MessageType;
  }
  const countryText = cellAt(fields, ix.toCountry).toUpperCase();
  if (countryText !== '' && !/^[A-Z]{2}$/.test(countryText)) throw badCell(fields, cols, 'toCountry', 'a two-letter country code such as US');
  const carrierText = cellAt(fields, ix.carrier);
  const carrier = carrierText === '' ? null : carrierOf(carrierText);
  if (carrier === undefined) throw badCell(fields, cols, 'carrier', `one of ${CARRIERS.join(', ')}`);
  const textCell = ix.text === undefined ? '' : unneutralise(fields[ix.text] ?? '');
  const text = textCell === '' ? d.text : textCell;
  let units: number;
  const unitsText = cellAt(fields, ix.units);
  if (unitsText !== '') {
    if (!/^\d+$/.test(unitsText) || Number(unitsText) < 1) throw badCell(fields, cols, 'units', 'a whole number of units >= 1');
    units = Number(unitsText);
  } else units = type === 'mms' ? 1 : text === null ? d.units : textUnits(text);
  const expiryText = cellAt(fields, ix.expiry);
  const { minSeconds, maxSeconds } = d.expiryRange;
  if (expiryText !== '' && (!/^\d+$/.test(expiryText) || +expiryText < minSeconds || +expiryText > maxSeconds)) {
    throw badCell(fields, cols, 'expiry', `an integer from ${minSeconds} to ${maxSeconds}`);
  }
  const logText = cellAt(fields, ix.log).toLowerCase();
  if (logText !== '' && !(LOG_SETTINGS as readonly string[]).includes(logText)) throw badCell(fields, cols, 'log', LOG_SETTINGS.join(', '));
  const uuid = cellAt(fields, ix.uuid);
  const max = d.maxLength;
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
    // A text over the maximum is longer than the shorter maximum of the two encodings.
    tooLong: units > max.units || (type === 'sms' && text !== null && text.length > Math.min(max.gsm7Chars, max.ucs2Chars) && isTooLong(text, max)),
  };
}
