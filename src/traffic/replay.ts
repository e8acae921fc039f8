/**
 * Replay files: every `arrival: { kind: replay }` source is checked completely before the
 * run (one streaming pass; the first bad row stops it with a ScenarioError naming file,
 * line and column), then fed to the engine row by row.
 *
 * Memory: when a file is in time order (or is time-ordered after a stable sort of equal
 * times), rows are streamed from disk during the run in chunks of about 1 MiB. When it is
 * not (MDR exports are often newest first), a second pass keeps 24 bytes per row (time,
 * byte offset, length, line), sorts by time (stable: equal times keep file order), and the
 * run reads each row back by its offset through a 1 MiB block cache.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { ReplayFeed, ReplayRow } from './types.js';
import type { Scenario, TrafficSource } from '../scenario/model.js';
import { ScenarioError } from '../scenario/errors.js';
import { CsvChunkReader, CsvSyntaxError, parseChunk, type CsvRecord } from './csv-chunks.js';
import { replayColumns, RowError, toReplayRow, type ReplayColumns, type ReplayDefaults } from './replay-row.js';

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

const BLOCK_BYTES = 1 << 20;

/** The replay file of a source, relative to the scenario file (or the working directory). */
export function replayPath(scenario: Scenario, source: TrafficSource): string {
  if (source.arrival.kind !== 'replay') throw new Error(`traffic "${source.name}" does not replay a file`);
  const file = source.arrival.file;
  return isAbsolute(file) || scenario.file === null ? file : join(dirname(scenario.file), file);
}

/** The delimiter of a file: the most frequent of `,`, `;` and tab in its first line. */
function sniffDelimiter(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    const first = text.split(/\r?\n/, 1)[0] ?? '';
    const count = (c: string): number => first.split(c).length - 1;
    return [';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
  } finally {
    closeSync(fd);
  }
}

interface Opened {
  readonly reader: CsvChunkReader;
  readonly cols: ReplayColumns;
  readonly defaults: ReplayDefaults;
}

class ReplayFile {
  readonly delimiter: string;
  readonly defaults: ReplayDefaults;

  constructor(
    readonly path: string,
    scenario: Scenario,
    source: TrafficSource,
  ) {
    try {
      this.delimiter = sniffDelimiter(path);
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code ?? String(e);
      throw new ScenarioError({
        file: path,
        expected: 'a readable replay file',
        actual: why,
        reason: `cannot read the replay file of traffic "${source.name}" (${why})`,
      });
    }
    this.defaults = {
      startEpochMs: scenario.startEpochMs,
      type: source.type,
      toCountry: source.toCountry,
      text: source.text,
      units: source.units,
      expiryRange: scenario.rules.expiryRange,
    };
  }

  error(line: number, column: string, expected: string, actual: string): ScenarioError {
    return new ScenarioError({ file: this.path, line, path: column, expected, actual });
  }

  /** Reads the next record, turning CSV syntax errors into ScenarioErrors. */
  read(reader: CsvChunkReader): CsvRecord | null {
    try {
      return reader.next();
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw this.error(e.line, '', 'well-formed CSV', e.reason);
      throw e;
    }
  }

  open(): Opened {
    const reader = new CsvChunkReader(this.path, { delimiter: this.delimiter });
    const header = this.read(reader);
    if (header === null) throw this.error(1, '', 'a header row (From, To, Message Time, ...)', 'an empty file');
    try {
      return { reader, cols: replayColumns(header.fields), defaults: this.defaults };
    } catch (e) {
      reader.close();
      if (e instanceof RowError) throw this.error(header.line, '', e.expected, e.actual);
      throw e;
    }
  }

  row(rec: CsvRecord, o: Opened): ReplayRow {
    try {
      return toReplayRow(rec.fields, o.cols, o.defaults);
    } catch (e) {
      if (e instanceof RowError) throw this.error(rec.line, e.column, e.expected, e.actual);
      throw e;
    }
  }

  /** The validating pass: every row converted once; returns the row count and order. */
  check(): { rows: number; sorted: boolean } {
    const o = this.open();
    let rows = 0;
    let sorted = true;
    let prev = -Infinity;
    for (let rec = this.read(o.reader); rec !== null; rec = this.read(o.reader)) {
      const at = this.row(rec, o).atMs;
      if (at < prev) sorted = false;
      prev = at;
      rows++;
    }
    return { rows, sorted };
  }
}

/** Streams a time-ordered file. */
class StreamFeed implements ReplayFeed {
  private o: Opened | null;
  constructor(private readonly file: ReplayFile) {
    this.o = file.open();
  }
  next(): ReplayRow | null {
    if (this.o === null) return null;
    const rec = this.file.read(this.o.reader);
    if (rec === null) {
      this.o = null;
      return null;
    }
    return this.file.row(rec, this.o);
  }
}

/** Feeds an unordered file in stable time order from a compact index of row offsets. */
class SortedFeed implements ReplayFeed {
  private readonly order: Uint32Array;
  private readonly offset: Float64Array;
  private readonly length: Uint32Array;
  private readonly line: Uint32Array;
  private readonly cols: Opened;
  private k = 0;
  private fd: number | null = null;
  private block = Buffer.alloc(0);
  private blockStart = 0;
  private lastOffset = 0;

  constructor(
    private readonly file: ReplayFile,
    rows: number,
  ) {
    const at = new Float64Array(rows);
    this.offset = new Float64Array(rows);
    this.length = new Uint32Array(rows);
    this.line = new Uint32Array(rows);
    const o = file.open();
    let i = 0;
    for (let rec = file.read(o.reader); rec !== null && i < rows; rec = file.read(o.reader), i++) {
      at[i] = file.row(rec, o).atMs;
      this.offset[i] = rec.offset;
      this.length[i] = rec.length;
      this.line[i] = rec.line;
    }
    o.reader.close();
    if (i !== rows) throw new Error(`replay file ${file.path} changed while being read`);
    this.cols = o;
    this.order = new Uint32Array(rows).map((_, j) => j).sort((a, b) => at[a] - at[b] || a - b);
  }

  next(): ReplayRow | null {
    if (this.k === this.order.length) {
      if (this.fd !== null) closeSync(this.fd);
      this.fd = null;
      return null;
    }
    const i = this.order[this.k++];
    const off = this.offset[i];
    const len = this.length[i];
    const bytes = this.bytes(off, len);
    const { records, error } = parseChunk(bytes, this.file.delimiter, false);
    if (error !== null || records.length !== 1) throw new Error(`replay file ${this.file.path} changed while being read`);
    return this.file.row({ fields: records[0].fields, line: this.line[i], offset: off, length: len }, this.cols);
  }

  /** The bytes of one record, through a block cache that follows forward or backward reads. */
  private bytes(off: number, len: number): Buffer {
    const end = this.blockStart + this.block.length;
    if (off < this.blockStart || off + len > end) {
      this.fd ??= openSync(this.file.path, 'r');
      const size = Math.max(BLOCK_BYTES, len);
      const start = off < this.lastOffset ? Math.max(0, off + len - size) : off;
      const buf = Buffer.allocUnsafe(size);
      const n = readSync(this.fd, buf, 0, size, start);
      this.block = buf.subarray(0, n);
      this.blockStart = start;
    }
    this.lastOffset = off;
    return this.block.subarray(off - this.blockStart, off - this.blockStart + len);
  }
}

/**
 * Checks every replay file of the scenario and returns the `replay` option for `simulate`
 * (undefined when the scenario replays nothing) and what was found.
 * @throws ScenarioError for an unreadable file, a bad header, malformed CSV or a bad row:
 *   `FILE:LINE COLUMN: expected X, got Y`.
 */
export function prepareReplay(scenario: Scenario): { replay: ReplayOpener | undefined; plans: ReplayPlan[] } {
  const plans: ReplayPlan[] = [];
  const files = new Map<number, { file: ReplayFile; rows: number; sorted: boolean }>();
  scenario.traffic.forEach((source, i) => {
    if (source.arrival.kind !== 'replay') return;
    const file = new ReplayFile(replayPath(scenario, source), scenario, source);
    const { rows, sorted } = file.check();
    files.set(i, { file, rows, sorted });
    plans.push({ path: file.path, delimiter: file.delimiter, rows, sorted });
  });
  if (files.size === 0) return { replay: undefined, plans };
  const replay: ReplayOpener = (_source, index) => {
    const f = files.get(index);
    if (f === undefined) throw new Error(`traffic[${index}] has no prepared replay file`);
    return f.sorted ? new StreamFeed(f.file) : new SortedFeed(f.file, f.rows);
  };
  return { replay, plans };
}
