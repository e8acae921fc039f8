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
 * and the run reads each row back by its offset, through a block cache whose size follows
 * how many rows each read serves (large for a file in reverse order, small for a shuffled one).
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

/** Options for tests: the reader's chunk size. */
export interface ReplayOptions {
  readonly chunkBytes?: number;
}

const MAX_BLOCK_BYTES = 1 << 20;
const MIN_BLOCK_BYTES = 4096;

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

/** Collects row positions into typed arrays that grow as needed (24 bytes a row). */
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

  /** The rows in stable time order (equal times in file order, by byte offset). */
  finish(): RowIndex {
    const n = this.rows;
    const at = this.at.subarray(0, n);
    const offset = this.offset.subarray(0, n);
    const order = new Uint32Array(n);
    for (let j = 0; j < n; j++) order[j] = j;
    order.sort((a, b) => at[a] - at[b] || offset[a] - offset[b]);
    return { order, at, offset, length: this.length.subarray(0, n), line: this.line.subarray(0, n) };
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
    if (index === null && at < prev) index = new IndexBuilder(Math.max(1024, rows * 2));
    index?.push(at, r.recordOffset, r.recordLength, r.recordLine);
    prev = at;
    rows++;
  }
  if (index === null) return { rows, index: null, cols: o.cols };
  const sortedPrefix = rows - index.rows;
  const again = file.open(options);
  const a = again.reader;
  for (let k = 0; k < sortedPrefix; k++) {
    if (!file.advance(a)) throw file.changed(`${rows} rows when checked, ${k} now`);
    index.push(file.time(a, again.cols), a.recordOffset, a.recordLength, a.recordLine);
  }
  a.close();
  return { rows, index: index.finish(), cols: o.cols };
}

/** Feeds an unordered file in stable time order from a compact index of row offsets. */
class SortedFeed extends RowFeed {
  private k = 0;
  private fd: number | null = null;
  private block = Buffer.alloc(0);
  private blockStart = 0;
  private blockBytes = MAX_BLOCK_BYTES;
  /** Rows served by the current block: decides the size of the next one. */
  private served = 0;
  private reads = 0;
  private lastOffset = 0;

  constructor(
    file: ReplayFile,
    private readonly index: RowIndex,
    private readonly cols: ReplayColumns,
  ) {
    super(file);
  }

  protected nextRow(moreTo: string[]): ReplayRow | null {
    const { order, at, offset, length, line } = this.index;
    if (this.k === order.length) {
      if (this.fd !== null) {
        this.file.assertUnchanged(this.fd);
        closeSync(this.fd);
      }
      this.fd = null;
      return null;
    }
    const i = order[this.k++];
    const bytes = this.bytes(offset[i], length[i]);
    let end = bytes.length;
    if (bytes[end - 1] === 0x0a) end--;
    if (bytes[end - 1] === 0x0d) end--;
    const text = bytes.toString('utf8', 0, end);
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

  /** The bytes of one record, through a block cache that follows forward or backward reads. */
  private bytes(off: number, len: number): Buffer {
    const end = this.blockStart + this.block.length;
    if (off < this.blockStart || off + len > end) {
      if (this.fd === null) {
        this.fd = openSync(this.file.path, 'r');
        this.file.assertUnchanged(this.fd);
      }
      // A block that served few rows was wasted: read less next time; one that served many, more.
      if (this.served < 4) this.blockBytes = Math.max(MIN_BLOCK_BYTES, this.blockBytes >> 2);
      else if (this.served * len * 2 > this.blockBytes) this.blockBytes = Math.min(MAX_BLOCK_BYTES, this.blockBytes * 2);
      this.served = 0;
      const size = Math.max(this.blockBytes, len);
      const start = off < this.lastOffset ? Math.max(0, off + len - size) : off;
      if (++this.reads % 256 === 0) this.file.assertUnchanged(this.fd);
      const buf = this.block.length >= size ? this.block : Buffer.allocUnsafe(size);
      const n = readSync(this.fd, buf, 0, size, start);
      this.block = buf.subarray(0, n);
      this.blockStart = start;
      if (off + len > start + n) throw this.file.changed('it is shorter than when checked');
    }
    this.served++;
    this.lastOffset = off;
    return this.block.subarray(off - this.blockStart, off - this.blockStart + len);
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
    return index === null ? new StreamFeed(f.file, rows, options) : new SortedFeed(f.file, index, cols);
  };
  return { replay, plans };
}
