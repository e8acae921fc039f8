/**
 * The feeds of replay files (see `replay.ts`): a time-ordered file streamed from disk, an
 * unordered one fed through an index of row positions, in stable time order, a window of
 * rows at a time. Each checks that the file is still the one that was checked.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import type { ReplayFeed, ReplayRow } from './feed.js';
import type { CsvChunkOptions } from './csv-chunks.js';
import { ScenarioError } from '../scenario/errors.js';
import type { ReplayFile, OpenedReplay } from './replay-file.js';
import type { ReplayColumns } from './replay-row.js';

/** Rows of an unordered file held in memory at a time, as bytes (about 250 each: ~32 MB). */
const WINDOW_ROWS = 1 << 17;
/** Rows closer than this in the file share a read: copying this many bytes costs about one read. */
const GAP_BYTES = 8192;
const MAX_READ_BYTES = 1 << 20;

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
export class StreamFeed extends RowFeed {
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
export interface RowIndex {
  readonly order: Uint32Array;
  readonly at: Float64Array;
  readonly offset: Float64Array;
  readonly length: Uint32Array;
  readonly line: Uint32Array;
}

/**
 * Row numbers 0..n-1 ordered by `at`, equal values in row order. Whole numbers from 0 to
 * 2^48 (replay times are whole milliseconds) go through an LSD radix sort, 16 bits a pass
 * (stable, linear: 10M rows in a fraction of a second); anything else through a comparison sort.
 */
export function stableOrder(at: Float64Array): Uint32Array {
  const n = at.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const v = at[i];
    if (!(Number.isInteger(v) && v >= 0 && v < 2 ** 48)) return order.sort((a, b) => at[a] - at[b] || a - b);
    if (v > max) max = v;
  }
  let spare = new Uint32Array(n);
  const count = new Uint32Array(1 << 16);
  for (let shift = 0; shift === 0 || max >= 2 ** shift; shift += 16) {
    const div = 2 ** shift;
    count.fill(0);
    for (let i = 0; i < n; i++) count[Math.floor(at[order[i]] / div) & 0xffff]++;
    let sum = 0;
    for (let d = 0; d < count.length; d++) {
      const c = count[d];
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const row = order[i];
      spare[count[Math.floor(at[row] / div) & 0xffff]++] = row;
    }
    [order, spare] = [spare, order];
  }
  return order;
}

/** Collects row positions, in file order, into typed arrays that grow as needed (24 bytes a row). */
export class IndexBuilder {
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
    return { order: stableOrder(at), at, offset: this.offset.subarray(0, n), length: this.length.subarray(0, n), line: this.line.subarray(0, n) };
  }

}

/**
 * Feeds an unordered file in stable time order from a compact index of row offsets. Rows
 * are read a window at a time (the next {@link WINDOW_ROWS} in time order) in file order
 * into one buffer: rows closer than {@link GAP_BYTES} share one read of up to 1 MiB, so a
 * file in reverse order is read in large blocks and a shuffled one a cluster at a time.
 */
export class SortedFeed extends RowFeed {
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
    this.fd ??= openSync(this.file.path, 'r');
    this.file.assertUnchanged(this.fd);
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
