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
 * not (MDR exports are often newest first), the checking pass keeps 24 bytes per row (32 with the order)
 * (time, byte offset, length, line), sorts by time (stable: equal times keep file order),
 * and the run reads the rows back by their offsets, a window of rows at a time in file
 * order (large reads for a file in reverse order, one read per cluster for a shuffled one).
 *
 * A file that changes after it was checked (size or modification time, a row count or an
 * order that differs) stops the run with a ScenarioError; the CLI then writes no output.
 */
import { dirname, isAbsolute, join } from 'node:path';
import type { ReplayFeed, ReplayRow } from './feed.js';
import type { Scenario, TrafficSource } from '../scenario/model.js';
import type { CsvChunkOptions } from './csv-chunks.js';
import { ReplayFile } from './replay-file.js';
import type { ReplayColumns } from './replay-row.js';
import { IndexBuilder, SortedFeed, StreamFeed, type RowIndex } from './replay-feeds.js';
import { ArrayFeed, formatOf, IN_MEMORY } from './replay-formats.js';

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


/** The replay file of a source, relative to the scenario file (or the working directory). */
export function replayPath(scenario: Scenario, source: TrafficSource): string {
  if (source.arrival.kind !== 'replay') throw new Error(`traffic "${source.name}" does not replay a file`);
  const file = source.arrival.file;
  return isAbsolute(file) || scenario.file === null ? file : join(dirname(scenario.file), file);
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
 * Checks every replay file of the scenario and returns the `replay` option for `simulate`
 * (undefined when the scenario replays nothing) and what was found.
 * @throws ScenarioError for a missing, unreadable or non-regular file, a bad header,
 *   malformed CSV, text that is not UTF-8 or a bad row: `FILE:LINE COLUMN: expected X, got Y`.
 *   The feeds throw a ScenarioError during the run when a file changed after its check.
 */
export function prepareReplay(scenario: Scenario, options: ReplayOptions = {}): { replay: ReplayOpener | undefined; plans: ReplayPlan[] } {
  const plans: ReplayPlan[] = [];
  const files = new Map<number, { file: ReplayFile; checked: Checked }>();
  const whole = new Map<number, readonly ReplayRow[]>();
  scenario.traffic.forEach((source, i) => {
    if (source.arrival.kind !== 'replay') return;
    const path = replayPath(scenario, source);
    const readAll = IN_MEMORY[formatOf(path, source)];
    if (readAll !== undefined) {
      // A format read whole (a Twilio BulkExport): every row checked now, fed from memory.
      const rows = readAll(path, scenario, source);
      whole.set(i, rows);
      plans.push({ path, delimiter: '', rows: rows.length, sorted: true });
      return;
    }
    const file = new ReplayFile(replayPath(scenario, source), scenario, source);
    const checked = checkFile(file, options);
    files.set(i, { file, checked });
    plans.push({ path: file.path, delimiter: file.delimiter, rows: checked.rows, sorted: checked.index === null });
  });
  if (files.size === 0 && whole.size === 0) return { replay: undefined, plans };
  const replay: ReplayOpener = (_source, i) => {
    const held = whole.get(i);
    if (held !== undefined) return new ArrayFeed(held);
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
    const path = replayPath(scenario, source);
    if (IN_MEMORY[formatOf(path, source)] !== undefined) continue; // checked whole by prepareReplay
    const file = new ReplayFile(path, scenario, source);
    const { reader, cols } = file.open();
    const moreTo: string[] = [];
    for (let text = file.readText(reader); text !== null; text = file.readText(reader)) {
      file.row(file.fields(text, reader.recordLine, reader.recordQuoted, cols), reader.recordLine, cols, moreTo);
      moreTo.length = 0;
    }
  }
  return plans;
}
