/**
 * Replay files: every `arrival: { kind: replay }` source is checked before the run — one
 * streaming pass over the CSV structure, the encoding and the time of every row (the first
 * fault stops it with a ScenarioError naming file, line and column) — then fed to the
 * engine row by row, each row's other cells checked as it is read (a bad one stops the
 * run the same way; the CLI then writes no output). A `To` of several numbers joined
 * by `<` gives one message per number, in order, at the row's time.
 *
 * Memory: when a file is in time order (or is time-ordered after a stable sort of equal
 * times), rows are streamed from disk during the run in chunks of about 1 MiB. When it is
 * not (MDR exports are often newest first), the checking pass keeps 24 bytes per row
 * (time, byte offset, length, line), sorts by time (stable: equal times keep file order),
 * and the run reads the rows back by their offsets, a window of rows at a time in file
 * order (large reads for a file in reverse order, one read per cluster for a shuffled one).
 *
 * A file that changes after it was checked (size or modification time, a row count or an
 * order that differs) stops the run with a ScenarioError; the CLI then writes no output.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { ReplayFeed, ReplayRow } from '../engine/types.js';
import type { Scenario, TrafficSource } from '../scenario/model.js';
import type { CsvChunkOptions } from './csv-chunks.js';
import { ScenarioError } from '../scenario/errors.js';
import { ReplayFile, type OpenedReplay } from './replay-file.js';
import type { ReplayColumns } from './replay-row.js';

/** Opens the feed of a replay source; the `replay` option of `simulate`. */
export type ReplayOpener = (source: TrafficSource, index: number) => ReplayFeed;

/** Where a replay source's rows are and in what order they will be fed. */
export interface ReplayPlan {
  readonly path: string;
  readonly delimiter: string;
  readonly rows: number;
  /** True when the file is already in time order and is streamed as is. */
  readonly sorted: boolean;
}

/** Options for tests: the reader's chunk size, the rows an unordered file reads at a time. */
export interface ReplayOptions {
  readonly chunkBytes?: number;
  readonly windowRows?: number;
}

/** Rows of an unordered file held as text at a time (about 250 bytes each). */
const WINDOW_ROWS = 1 << 17;
/** Rows closer than this in the file share a read: copying this many bytes costs about one read. */
const GAP_BYTES = 8192;
const MAX_READ_BYTES = 1 << 20;

/** The replay file of a source, relative to the scenario file (or the working directory). */
export function replayPath(scenario: Scenario, source: TrafficSource): string {
  if (source.arrival.kind !== 'replay') throw new Error(`traffic "${source.name}" does not replay a file`);
  const file = source.arrival.file;
  return isAbsolute(file) || scenario.file === null ? file : join(dirname(scenario.file), file);
}

/** Hands out rows, one message per destination of a bulk `To`. */
abstract class RowFeed implements ReplayFeed {
  private readonly moreTo: string[] = [];
  private bulk: ReplayRow | null = null;
  private bulkIndex = 0;
  protected prevAt = -Infinity;

  constructor(protected readonly file: ReplayFile) {}

  /** The next row of the file in feed order, its extra destinations pushed to `moreTo`; null at the end. */
  protected abstract nextRow(moreTo: string[]): ReplayRow | null;

  next(): ReplayRow | null {
    if (this.bulk !== null) return this.bulkMessage();
    const row = this.nextRow(this.moreTo);
    if (row === null) return null;
    if (row.atMs < this.prevAt) throw this.file.changed('its rows are no longer in the order found when it was checked');
    this.prevAt = row.atMs;
    if (this.moreTo.length === 0) return row;
    this.bulk = row;
    this.bulkIndex = 0;
    return { ...row, uuid: row.uuid === null ? null : `${row.uuid}-1` };
  }

  private bulkMessage(): ReplayRow {
    const row = this.bulk!;
    const k = this.bulkIndex++;
    const to = this.moreTo[k];
    if (this.bulkIndex === this.moreTo.length) {
      this.bulk = null;
      this.moreTo.length = 0;
    }
    return { ...row, to, uuid: row.uuid === null ? null : `${row.uuid}-${k + 2}` };
  }
}

/** Streams a time-ordered file. */
class StreamFeed extends RowFeed {
  private o: OpenedReplay | null;
  private rows = 0;

  constructor(
    file: ReplayFile,
    private readonly expectedRows: number,
    options: CsvChunkOptions,
  ) {
    super(file);
    this.o = file.open(options);
  }

  protected nextRow(moreTo: string[]): ReplayRow | null {
    if (this.o === null) return null;
    const r = this.o.reader;
    const text = this.file.readText(r);
    if (text === null) {
      this.o = null;
      if (this.rows !== this.expectedRows) throw this.file.changed(`${this.expectedRows} rows when checked, ${this.rows} now`);
      return null;
    }
    if (++this.rows > this.expectedRows) throw this.file.changed(`${this.expectedRows} rows when checked, more now`);
    const line = r.recordLine;
    return this.file.row(this.file.fields(text, line, r.recordQuoted, this.o.cols), line, this.o.cols, moreTo);
  }
}

/** The checked file's rows in stable time order: where each is, not what it says. */
interface RowIndex {
  readonly order: Uint32Array;
  readonly at: Float64Array;
  readonly offset: Float64Array;
  readonly length: Uint32Array;
  readonly line: Uint32Array;
}

/** Collects row positions, in file order, into typed arrays that grow as needed (24 bytes a row). */
class IndexBuilder {
  rows = 0;
  at: Float64Array;
  offset: Float64Array;
  length: Uint32Array;
  line: Uint32Array;

  constructor(capacity: number) {
    this.at = new Float64Array(capacity);
    this.offset = new Float64Array(capacity);
    this.length = new Uint32Array(capacity);
    this.line = new Uint32Array(capacity);
  }

  push(at: number, offset: number, length: number, line: number): void {
    if (this.rows === this.at.length) this.grow();
    const i = this.rows++;
    this.at[i] = at;
    this.offset[i] = offset;
    this.length[i] = length;
    this.line[i] = line;
  }

  private grow(): void {
    const n = Math.max(1024, Math.ceil(this.at.length * 1.5));
    const more = <T extends Float64Array | Uint32Array>(a: T, b: T): T => (b.set(a), b);
    this.at = more(this.at, new Float64Array(n));
    this.offset = more(this.offset, new Float64Array(n));
    this.length = more(this.length, new Uint32Array(n));
    this.line = more(this.line, new Uint32Array(n));
  }

  /** The rows (pushed in file order) in stable time order: equal times in file order. */
  finish(): RowIndex {
    const n = this.rows;
    const at = this.at.subarray(0, n);
    const order = new Uint32Array(n);
    for (let j = 0; j < n; j++) order[j] = j;
    order.sort((a, b) => at[a] - at[b] || a - b);
    return { order, at, offset: this.offset.subarray(0, n), length: this.length.subarray(0, n), line: this.line.subarray(0, n) };
  }
}

/** What the checking pass found in a file. */
interface Checked {
  readonly rows: number;
  /** Null when the file is in time order (it is streamed then). */
  readonly index: RowIndex | null;
  readonly cols: ReplayColumns;
}

/**
 * The checking pass: the CSV structure, the encoding and the time of every row (the other
 * cells are checked as the run reads them). From the first row out of time order on, row
 * positions are kept; the rows before it are then read again for their positions.
 */
function checkFile(file: ReplayFile, options: CsvChunkOptions): Checked {
  const o = file.open(options);
  const r = o.reader;
  let rows = 0;
  let prev = -Infinity;
  let index: IndexBuilder | null = null;
  while (file.advance(r)) {
    const at = file.time(r, o.cols);
    if (index === null && at < prev) index = indexPrefix(file, rows, options);
    index?.push(at, r.recordOffset, r.recordLength, r.recordLine);
    prev = at;
    rows++;
  }
  return { rows, index: index === null ? null : index.finish(), cols: o.cols };
}

/** An index of the first `rows` rows (read again), so that the index stays in file order. */
function indexPrefix(file: ReplayFile, rows: number, options: CsvChunkOptions): IndexBuilder {
  const index = new IndexBuilder(Math.max(1024, rows * 2));
  const again = file.open(options);
  const a = again.reader;
  for (let k = 0; k < rows; k++) {
    if (!file.advance(a)) throw file.changed(`${rows} rows or more when checked, ${k} now`);
    index.push(file.time(a, again.cols), a.recordOffset, a.recordLength, a.recordLine);
  }
  a.close();
  return index;
}

/**
 * Feeds an unordered file in stable time order from a compact index of row offsets. Rows
 * are read a window at a time (the next {@link WINDOW_ROWS} in time order) in file order
 * into one buffer: rows closer than {@link GAP_BYTES} share one read of up to 1 MiB, so a
 * file in reverse order is read in large blocks and a shuffled one a cluster at a time.
 */
class SortedFeed extends RowFeed {
  private k = 0;
  private fd: number | null = null;
  /** The bytes of the current window's rows; row i starts at `where[i]`. */
  private window = Buffer.alloc(0);
  private readonly where: Uint32Array;
  private windowEnd = 0;
  private readonly scratch = Buffer.allocUnsafe(MAX_READ_BYTES);
  private reads = 0;

  constructor(
    file: ReplayFile,
    private readonly index: RowIndex,
    private readonly cols: ReplayColumns,
    private readonly windowRows = WINDOW_ROWS,
  ) {
    super(file);
    this.where = new Uint32Array(index.order.length);
  }

  protected nextRow(moreTo: string[]): ReplayRow | null {
    const { order, at, length, line } = this.index;
    if (this.k === order.length) {
      if (this.fd !== null) {
        this.file.assertUnchanged(this.fd);
        closeSync(this.fd);
      }
      this.fd = null;
      this.window = Buffer.alloc(0);
      return null;
    }
    if (this.k === this.windowEnd) this.load(this.k);
    const i = order[this.k++];
    const a = this.where[i];
    let b = a + length[i];
    if (this.window[b - 1] === 0x0a) b--;
    if (this.window[b - 1] === 0x0d) b--;
    const text = this.window.toString('utf8', a, b);
    let fields: string[];
    try {
      fields = this.file.fields(text, line[i], text.includes('"'), this.cols);
    } catch (e) {
      if (e instanceof ScenarioError) throw this.file.changed(`line ${line[i]} is no longer the row that was checked`);
      throw e;
    }
    const row = this.file.row(fields, line[i], this.cols, moreTo);
    if (row.atMs !== at[i]) throw this.file.changed(`line ${line[i]} is no longer the row that was checked`);
    return row;
  }

  /**
   * Reads the rows `order[from ..]` of the next window into the window buffer: read in file
   * order, placed in time order (so the run then reads the buffer front to back).
   */
  private load(from: number): void {
    const { order, offset, length } = this.index;
    const to = Math.min(order.length, from + this.windowRows);
    let bytes = 0;
    for (let k = from; k < to; k++) {
      this.where[order[k]] = bytes;
      bytes += length[order[k]];
    }
    if (this.window.length < bytes) this.window = Buffer.allocUnsafe(bytes);
    if (this.fd === null) {
      this.fd = openSync(this.file.path, 'r');
      this.file.assertUnchanged(this.fd);
    }
    const rows = order.slice(from, to).sort(); // row numbers: file order
    for (let s = 0; s < rows.length; ) {
      const start = offset[rows[s]];
      let end = start + length[rows[s]];
      let e = s + 1;
      while (e < rows.length && offset[rows[e]] - end <= GAP_BYTES && offset[rows[e]] + length[rows[e]] - start <= MAX_READ_BYTES) {
        end = offset[rows[e]] + length[rows[e]];
        e++;
      }
      const size = end - start;
      const buf = size <= this.scratch.length ? this.scratch : Buffer.allocUnsafe(size);
      if (readSync(this.fd, buf, 0, size, start) < size) throw this.file.changed('it is shorter than when checked');
      if (++this.reads % 256 === 0) this.file.assertUnchanged(this.fd);
      for (; s < e; s++) {
        const i = rows[s];
        buf.copy(this.window, this.where[i], offset[i] - start, offset[i] - start + length[i]);
      }
    }
    this.windowEnd = from + rows.length;
  }
}

/**
 * Checks every replay file of the scenario and returns the `replay` option for `simulate`
 * (undefined when the scenario replays nothing) and what was found.
 * @throws ScenarioError for a missing, unreadable or non-regular file, a bad header,
 *   malformed CSV, text that is not UTF-8 or a bad row: `FILE:LINE COLUMN: expected X, got Y`.
 *   The feeds throw a ScenarioError during the run when a file changed after its check.
 */
export function prepareReplay(scenario: Scenario, options: ReplayOptions = {}): { replay: ReplayOpener | undefined; plans: ReplayPlan[] } {
  const plans: ReplayPlan[] = [];
  const files = new Map<number, { file: ReplayFile; checked: Checked }>();
  scenario.traffic.forEach((source, i) => {
    if (source.arrival.kind !== 'replay') return;
    const file = new ReplayFile(replayPath(scenario, source), scenario, source);
    const checked = checkFile(file, options);
    files.set(i, { file, checked });
    plans.push({ path: file.path, delimiter: file.delimiter, rows: checked.rows, sorted: checked.index === null });
  });
  if (files.size === 0) return { replay: undefined, plans };
  const replay: ReplayOpener = (_source, i) => {
    const f = files.get(i);
    if (f === undefined) throw new Error(`traffic[${i}] has no prepared replay file`);
    const { rows, index, cols } = f.checked;
    return index === null ? new StreamFeed(f.file, rows, options) : new SortedFeed(f.file, index, cols, options.windowRows);
  };
  return { replay, plans };
}

/**
 * The complete check that `a2psim validate` makes without running: what `prepareReplay`
 * checks, then every cell of every row, in file order (the run checks those cells as it
 * reads them).
 * @throws ScenarioError at the first fault, as `prepareReplay` and the feeds do.
 */
export function validateReplay(scenario: Scenario): ReplayPlan[] {
  const { plans } = prepareReplay(scenario);
  for (const source of scenario.traffic) {
    if (source.arrival.kind !== 'replay') continue;
    const file = new ReplayFile(replayPath(scenario, source), scenario, source);
    const { reader, cols } = file.open();
    const moreTo: string[] = [];
    for (let text = file.readText(reader); text !== null; text = file.readText(reader)) {
      file.row(file.fields(text, reader.recordLine, reader.recordQuoted, cols), reader.recordLine, cols, moreTo);
      moreTo.length = 0;
    }
  }
  return plans;
}
