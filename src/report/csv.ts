/**
 * Streaming CSV of message records (RFC 4180, the bytes csv-stringify writes). Rows are
 * printed into a reused buffer handed to a synchronous `write` callback in chunks of whole
 * rows, so memory stays flat and the (synchronous) engine never waits on a stream.
 *
 * Two paths give the same bytes. A generated message, read in place from the engine
 * (`writeView`), is printed cell by cell into the buffer: cells that can never need
 * quoting (UUIDs, times, numbers) as ASCII digits, the others (names, numbers, texts,
 * codes, reasons) from bytes prepared once per traffic source, sender or code. Anything
 * else (a record, a replayed row, a delimiter that could occur in a digit cell) takes the
 * generic path: {@link recordCells}, then RFC 4180 quoting of each cell.
 */
import type { MessageRecord, MessageSink, MessageView } from '../engine/types.js';
import { FAILURE_CODES } from '../rules/codes.js';
import { DATA_LOGGING } from '../rules/rulebook.js';
import { callingCode } from '../engine/random.js';
import { STATUS_NAMES } from '../engine/record.js';
import { CARRIERS, MESSAGE_TYPES, type Scenario } from '../scenario/model.js';
import { ByteSink, IsoClock, isWholeMs, putBytes, putPadded, putSeconds, putUint, putUuid, utf8 } from './csv-bytes.js';
import { MESSAGE_COLUMNS, numberCell, recordCells, REDACTED_TEXT, safeText } from './records.js';

export interface CsvOptions {
  /** Field delimiter, default ",". */
  readonly delimiter?: string;
  /** Prefix a UTF-8 byte-order mark (for Excel). */
  readonly bom?: boolean;
  /** The run's scenario: lets `writeView` print generated messages without a record. */
  readonly scenario?: Scenario;
  /** Bytes per chunk handed to `write` (default 1 MiB). */
  readonly chunkBytes?: number;
}

/** ".001" .. ".999" with trailing zeros trimmed; "" for 0. */
const FRACTION: readonly string[] = Array.from({ length: 1000 }, (_, i) =>
  i === 0 ? '' : `.${String(i).padStart(3, '0').replace(/0+$/, '')}`,
);

/**
 * Exactly `String(value)`, faster for whole milliseconds written as seconds (0.028):
 * every number of the form ms/1000 with 0 <= ms < 1e15 prints as its decimal digits.
 */
export function numberText(value: number): string {
  const ms = Math.round(value * 1000);
  if (ms / 1000 === value && ms >= 0 && ms < 1e15) {
    const whole = Math.floor(ms / 1000);
    return whole + FRACTION[ms - whole * 1000];
  }
  return String(value);
}

/**
 * RFC 4180 quoting as csv-stringify does it for a one-character delimiter: a cell that
 * holds the delimiter, a double quote, CR or LF is wrapped in quotes, its quotes doubled.
 */
export function quoter(delimiter: string): (cell: string) => string {
  return (cell) =>
    cell.includes('"') || cell.includes(delimiter) || cell.includes('\n') || cell.includes('\r')
      ? `"${cell.replaceAll('"', '""')}"`
      : cell;
}

/**
 * Delimiters that may occur in the cells printed unquoted (hex, digits, "-", ":", ".",
 * "+", "*", "T", "Z"): with one of them every row takes the generic path.
 */
const DIGIT_CELL_CHARS = /[0-9A-Za-z.:+\-*]/;

const DELIVERED = STATUS_NAMES.indexOf('delivered');

/** Bytes prepared once per run for the fast path. */
interface Prepared {
  readonly delimiter: number;
  /** Per traffic source. */
  readonly traffic: Uint8Array[];
  readonly text: Uint8Array[];
  readonly redactTo: boolean[];
  /** "+" and the calling code of the source's synthetic destinations. */
  readonly callingCode: Uint8Array[];
  /** The country and direction cells with their delimiters: "US,outbound,". */
  readonly countryDirection: Uint8Array[];
  /** Bytes a row of the source takes at most. */
  readonly rowBound: number[];
  /** Per sender number: the `from` cell. */
  readonly from: Uint8Array[];
  readonly type: Uint8Array[];
  readonly carrier: Uint8Array[];
  /** Status, error code and reason cells joined by the delimiter: per status, and per failure code. */
  readonly statusCells: Uint8Array[];
  readonly failureCells: Uint8Array[];
}

function prepare(scenario: Scenario, delimiter: string, quote: (s: string) => string): Prepared | null {
  if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 127 || DIGIT_CELL_CHARS.test(delimiter)) return null;
  const d = delimiter;
  const bytes = (s: string): Uint8Array => utf8(s);
  const from = scenario.numbers.map((n) => bytes(quote(numberCell(n.number))));
  const type = MESSAGE_TYPES.map((t) => bytes(quote(t)));
  const carrier = CARRIERS.map((c) => bytes(quote(c)));
  const statusCells = STATUS_NAMES.map((s) => bytes(quote(s) + d + d));
  const failureCells = FAILURE_CODES.map((f) => bytes(quote('failed') + d + quote(f.code) + d + quote(safeText(f.reason))));
  const longest = (xs: Uint8Array[]): number => xs.reduce((m, x) => Math.max(m, x.length), 0);
  const fixed = 256 + longest(from) + longest(type) + longest(carrier) + longest(statusCells) + longest(failureCells);
  const p: Prepared = {
    delimiter: d.charCodeAt(0),
    traffic: [], text: [], redactTo: [], callingCode: [], countryDirection: [], rowBound: [],
    from, type, carrier, statusCells, failureCells,
  };
  for (const def of scenario.traffic) {
    const red = DATA_LOGGING[def.log];
    const text = def.text === null ? '' : red.redactText ? REDACTED_TEXT : def.text;
    p.traffic.push(bytes(quote(safeText(def.name))));
    p.text.push(bytes(quote(safeText(text))));
    p.redactTo.push(red.redactNumber);
    p.callingCode.push(bytes(`+${callingCode(def.toCountry)}`));
    p.countryDirection.push(bytes(quote(def.toCountry) + d + quote('outbound') + d));
    p.rowBound.push(fixed + p.traffic.at(-1)!.length + p.text.at(-1)!.length + p.countryDirection.at(-1)!.length);
  }
  return p;
}

/** A sink that turns records into CSV bytes passed to `write` in chunks. Call `end()` once. */
export class CsvMessageSink implements MessageSink {
  private readonly sink: ByteSink;
  private readonly delimiter: string;
  private readonly quote: (s: string) => string;
  private readonly fast: Prepared | null;
  private readonly words = new Uint32Array(4);
  private readonly submitClock = new IsoClock();
  private readonly endClock = new IsoClock();
  rowCount = 0;
  /** Submission time (ms since start) of the first row; rows are in submission order. */
  firstSubmitMs: number | null = null;

  /**
   * @param out receives the CSV in chunks of whole rows (UTF-8). The Buffer is reused
   *   afterwards: consume it before returning.
   */
  constructor(
    out: (chunk: Buffer) => void,
    private readonly startEpochMs: number,
    private readonly logIncoming: boolean,
    options: CsvOptions = {},
  ) {
    this.sink = new ByteSink(out, options.chunkBytes);
    this.delimiter = options.delimiter ?? ',';
    this.quote = quoter(this.delimiter);
    this.fast = options.scenario === undefined ? null : prepare(options.scenario, this.delimiter, this.quote);
    const header = MESSAGE_COLUMNS.map(this.quote).join(this.delimiter);
    this.sink.text(`${options.bom ? '\ufeff' : ''}${header}\r\n`);
  }

  /** Writes one record (the generic path). */
  write(record: MessageRecord): void {
    if (this.firstSubmitMs === null) this.firstSubmitMs = record.submitMs;
    const cells = recordCells(record, this.startEpochMs, this.logIncoming);
    const s = this.sink;
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) s.text(this.delimiter);
      const c = cells[i];
      s.text(this.quote(typeof c === 'number' ? numberText(c) : c));
    }
    s.text('\r\n');
    this.rowCount++;
  }

  /** Writes one message read in place: generated messages by the fast path. */
  writeView(v: MessageView): void {
    const f = this.fast;
    const submitEpoch = this.startEpochMs + v.submitMs;
    const endEpoch = this.startEpochMs + v.endMs; // NaN when there is no end
    const ended = !Number.isNaN(v.endMs);
    // Whole milliseconds everywhere (always, for generated traffic) or the generic path.
    const whole = Number.isInteger(submitEpoch) && isWholeMs(v.submitMs) && (!ended || (Number.isInteger(endEpoch) && isWholeMs(v.endMs - v.submitMs)));
    if (f === null || v.replayRow !== undefined || !whole) {
      this.write(v.record());
      return;
    }
    if (this.firstSubmitMs === null) this.firstSubmitMs = v.submitMs;
    const src = v.source;
    const sink = this.sink;
    sink.room(f.rowBound[src]);
    const buf = sink.buf;
    const d = f.delimiter;
    let p = sink.pos;
    v.uuidWords(this.words);
    p = putUuid(buf, p, this.words);
    buf[p++] = d;
    p = putBytes(buf, p, f.traffic[src]);
    buf[p++] = d;
    p = putBytes(buf, p, f.from[v.sender]);
    buf[p++] = d;
    p = putBytes(buf, p, f.callingCode[src]);
    const to = v.destination();
    if (f.redactTo[src]) {
      p = putPadded(buf, p, Math.floor(to / 1000), 7);
      buf[p++] = 42; // "*"
      buf[p++] = 42;
      buf[p++] = 42;
    } else {
      p = putPadded(buf, p, to, 10);
    }
    buf[p++] = d;
    p = putBytes(buf, p, f.countryDirection[src]);
    p = putBytes(buf, p, f.type[v.type]);
    buf[p++] = d;
    p = putBytes(buf, p, f.carrier[v.carrier]);
    buf[p++] = d;
    p = this.submitClock.put(buf, p, submitEpoch);
    buf[p++] = d;
    if (ended && v.status === DELIVERED) p = this.endClock.put(buf, p, endEpoch); // dispatched_at
    buf[p++] = d;
    if (ended) p = putSeconds(buf, p, v.endMs - v.submitMs);
    buf[p++] = d;
    p = putBytes(buf, p, v.code >= 0 ? f.failureCells[v.code] : f.statusCells[v.status]);
    buf[p++] = d;
    p = putUint(buf, p, v.units);
    buf[p++] = d;
    p = putBytes(buf, p, f.text[src]);
    buf[p++] = d;
    p = putSeconds(buf, p, v.submitMs);
    buf[p++] = 13;
    buf[p++] = 10;
    sink.pos = p;
    this.rowCount++;
  }

  /** Writes any buffered rows. */
  end(): void {
    this.sink.flush();
  }
}
