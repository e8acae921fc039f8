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
import type { MessageRecord, MessageSink, MessageView } from '../../engine/types.js';
import type { Scenario } from '../../scenario/model.js';
import { ByteSink, isWholeMs } from './csv-bytes.js';
import { GeneratedRows } from './csv-fast.js';
import { MESSAGE_COLUMNS, RETRY_COLUMNS, recordCells } from '../records.js';

export interface CsvOptions {
  /** Field delimiter, default ",". */
  readonly delimiter?: string;
  /** Prefix a UTF-8 byte-order mark (for Excel). */
  readonly bom?: boolean;
  /** The run's scenario: lets `writeView` print generated messages without a record. */
  readonly scenario?: Scenario;
  /** Bytes per chunk handed to `write` (default 1 MiB). */
  readonly chunkBytes?: number;
  /** Adds the `attempt` and `retry_of` columns (a scenario with client retries). */
  readonly retryColumns?: boolean;
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
 * The fast path's printer for `scenario`'s message CSV, or null when every row takes the
 * generic path: the fast path prints a destination from the message index and no retry
 * columns, so it serves scenarios without recipient pools or client retries (and a
 * delimiter that cannot occur in a digit cell).
 */
export function fastRowsFor(scenario: Scenario, delimiter: string, retryColumns: boolean): GeneratedRows | null {
  const plain = !retryColumns && scenario.traffic.every((t) => t.recipientsPool === null);
  return plain ? GeneratedRows.create(scenario, delimiter, quoter(delimiter)) : null;
}

/**
 * True when message `v` can take the fast path: generated (not replayed), with times in
 * whole milliseconds (always, for generated traffic).
 */
export function isFastRow(startEpochMs: number, v: MessageView): boolean {
  if (v.replayRow !== undefined) return false;
  const submitEpoch = startEpochMs + v.submitMs;
  const endEpoch = startEpochMs + v.endMs; // NaN when there is no end
  return Number.isInteger(submitEpoch) && isWholeMs(v.submitMs) && (Number.isNaN(endEpoch) || (Number.isInteger(endEpoch) && isWholeMs(v.endMs - v.submitMs)));
}

/** What a run's files need of a message CSV sink, on one thread or two. */
export interface MessageCsv extends MessageSink {
  /** Submission time (ms since start) of the first row, or null before any. */
  readonly firstSubmitMs: number | null;
  /** Writes any buffered rows; every byte is written when it returns. */
  end(): void;
}

/** A sink that turns records into CSV bytes passed to `write` in chunks. Call `end()` once. */
export class CsvMessageSink implements MessageCsv {
  private readonly sink: ByteSink;
  private readonly delimiter: string;
  private readonly quote: (s: string) => string;
  private readonly fast: GeneratedRows | null;
  private readonly retryColumns: boolean;
  rowCount = 0;
  /** Submission time (ms since start) of the first row; rows are in submission order. */
  firstSubmitMs: number | null = null;

  /**
   * @param out receives the CSV in chunks of whole rows (UTF-8; a Buffer under Node). The bytes are reused
   *   afterwards: consume it before returning.
   */
  constructor(
    out: (chunk: Uint8Array) => void,
    private readonly startEpochMs: number,
    private readonly logIncoming: boolean,
    options: CsvOptions = {},
  ) {
    this.sink = new ByteSink(out, options.chunkBytes);
    this.delimiter = options.delimiter ?? ',';
    this.quote = quoter(this.delimiter);
    this.retryColumns = options.retryColumns ?? false;
    this.fast = options.scenario === undefined ? null : fastRowsFor(options.scenario, this.delimiter, this.retryColumns);
    const header = [...MESSAGE_COLUMNS, ...(this.retryColumns ? RETRY_COLUMNS : [])].map(this.quote).join(this.delimiter);
    this.sink.text(`${options.bom ? '\ufeff' : ''}${header}\r\n`);
  }

  /** Writes one record (the generic path). */
  write(record: MessageRecord): void {
    if (this.firstSubmitMs === null) this.firstSubmitMs = record.submitMs;
    const cells = recordCells(record, this.startEpochMs, this.logIncoming);
    if (this.retryColumns) cells.push(record.attempt, record.retryOf ?? '');
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
    const fast = this.fast;
    if (fast === null || !isFastRow(this.startEpochMs, v)) {
      this.write(v.record());
      return;
    }
    if (this.firstSubmitMs === null) this.firstSubmitMs = v.submitMs;
    const sink = this.sink;
    sink.room(fast.rowBound[v.source]);
    sink.pos = fast.put(sink.buf, sink.view, sink.pos, v, this.startEpochMs + v.submitMs, this.startEpochMs + v.endMs);
    this.rowCount++;
  }

  /** Writes any buffered rows. */
  end(): void {
    this.sink.flush();
  }
}
