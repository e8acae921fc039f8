/**
 * One replay file: refused unless it is a regular file, its delimiter sniffed from the
 * header, its rows read and converted with file:line errors, and its identity (size and
 * modification time) pinned when it is checked, so that a file that changes before or
 * during the run stops the run with one line instead of feeding it other rows.
 */
import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type { ReplayRow } from './feed.js';
import type { Scenario, TrafficSource } from '../scenario/model.js';
import { ScenarioError } from '../scenario/errors.js';
import { CsvChunkReader, type CsvChunkOptions, type CsvRecord } from './csv-chunks.js';
import { CsvSyntaxError, pickFields, splitRecord } from './csv-fields.js';
import { mappedColumns } from './replay-columns-map.js';
import { replayColumns, rowTime, RowError, toReplayRow, type ReplayColumns, type ReplayDefaults } from './replay-row.js';

/** A reader positioned after the header, with the columns the header names. */
export interface OpenedReplay {
  readonly reader: CsvChunkReader;
  readonly cols: ReplayColumns;
}

/** What kind of file system object a non-regular path is, for the error message. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The delimiter of a file: the most frequent of `,`, `;` and tab in its first line. */
function sniffDelimiter(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const first = buf.subarray(0, n).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
    const count = (c: string): number => first.split(c).length - 1;
    return [';', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ',');
  } finally {
    closeSync(fd);
  }
}

/** A replay file of one traffic source. */
export class ReplayFile {
  readonly delimiter: string;
  readonly defaults: ReplayDefaults;
  /** Size and modification time when first opened; every later read must see the same. */
  private readonly size: number;
  private readonly mtimeMs: number;

  /**
   * @throws ScenarioError when the path is missing, unreadable or not a regular file (a
   *   FIFO would block the run forever).
   */
  constructor(
    readonly path: string,
    scenario: Scenario,
    readonly source: TrafficSource,
  ) {
    let st: Stats;
    try {
      st = statSync(path);
      if (!st.isFile()) {
        throw new ScenarioError({ file: path, expected: 'a regular file', actual: kindOf(st), reason: `the replay file of traffic "${source.name}" is ${kindOf(st)}, not a regular file` });
      }
      this.delimiter = sniffDelimiter(path);
    } catch (e) {
      if (e instanceof ScenarioError) throw e;
      const why = (e as NodeJS.ErrnoException).code ?? String(e);
      throw new ScenarioError({
        file: path,
        expected: 'a readable replay file',
        actual: why,
        reason: `cannot read the replay file of traffic "${source.name}" (${why})`,
      });
    }
    this.size = st.size;
    this.mtimeMs = st.mtimeMs;
    this.defaults = {
      startEpochMs: scenario.startEpochMs,
      type: source.type,
      toCountry: source.toCountry,
      text: source.text,
      units: source.units,
      expiryRange: scenario.rules.expiryRange,
      maxLength: scenario.rules.maxLength,
    };
  }

  error(line: number, column: string, expected: string, actual: string, col = 0): ScenarioError {
    return new ScenarioError({ file: this.path, line, column: col, path: column, expected, actual });
  }

  /** The error for a file that is not what was checked before the run. */
  changed(what: string): ScenarioError {
    return new ScenarioError({
      file: this.path,
      expected: 'a replay file that stays as it was checked',
      actual: what,
      reason: `the replay file changed after it was checked (${what}); no result is given for a run on a file that changed: run again`,
    });
  }

  /** Throws {@link changed} when the open file's size or modification time is not the checked one. */
  assertUnchanged(fd: number): void {
    const st = fstatSync(fd);
    if (st.size !== this.size) throw this.changed(`${this.size} bytes when checked, ${st.size} now`);
    if (st.mtimeMs !== this.mtimeMs) throw this.changed(`modified at ${new Date(st.mtimeMs).toISOString()}`);
  }

  /** Reads the next record, turning CSV syntax and encoding errors into ScenarioErrors. */
  read(reader: CsvChunkReader): CsvRecord | null {
    try {
      return reader.next();
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw this.error(e.line, '', e.expected, e.actual, e.column);
      throw e;
    }
  }

  /** The text of the next record (see `CsvChunkReader.nextText`), turning encoding errors into ScenarioErrors. */
  readText(reader: CsvChunkReader): string | null {
    return this.advance(reader) ? reader.recordText() : null;
  }

  /** Moves the reader to its next record (see `CsvChunkReader.advance`), turning encoding errors into ScenarioErrors. */
  advance(reader: CsvChunkReader): boolean {
    try {
      return reader.advance();
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw this.error(e.line, '', e.expected, e.actual, e.column);
      throw e;
    }
  }

  /** One array for the fields of every unquoted row: a row's cells are copied out before the next. */
  private readonly picked: string[] = [];

  /** The fields of a record's text (only the wanted ones cut out when it has no quotes); valid until the next call. */
  fields(text: string, line: number, quoted: boolean, cols: ReplayColumns): string[] {
    if (!quoted) return pickFields(text, this.delimiter, cols.wanted, this.picked);
    try {
      return splitRecord(text, this.delimiter);
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw this.error(line, '', e.expected, e.actual);
      throw e;
    }
  }

  /** The time of the reader's current record, ms since the scenario start; the other cells are not looked at. */
  time(reader: CsvChunkReader, cols: ReplayColumns): number {
    const line = reader.recordLine;
    const cell = reader.recordQuoted ? (this.fields(reader.recordText(), line, true, cols)[cols.time] ?? '') : reader.recordField(cols.time);
    try {
      return rowTime(cell, cols, this.defaults.startEpochMs);
    } catch (e) {
      if (e instanceof RowError) throw this.error(line, e.column, e.expected, e.actual);
      throw e;
    }
  }

  /** A reader at the first data row. */
  open(options: CsvChunkOptions = {}): OpenedReplay {
    const reader = new CsvChunkReader(this.path, { ...options, delimiter: this.delimiter, beforeRead: (fd) => this.assertUnchanged(fd) });
    const header = this.read(reader);
    if (header === null) throw this.error(1, '', 'a header row (From, To, Message Time, ...)', 'an empty file');
    if (header.fields.some((f) => f.includes('\r'))) {
      reader.close();
      throw this.error(1, '', 'lines that end in LF or CRLF', 'lines that end in CR alone (re-save the file with LF or CRLF line ends)');
    }
    try {
      const arrival = this.source.arrival;
      const map = arrival.kind === 'replay' ? arrival.columns : null;
      return { reader, cols: map === null ? replayColumns(header.fields, this.delimiter) : mappedColumns(header.fields, map) };
    } catch (e) {
      reader.close();
      if (e instanceof RowError) throw this.error(header.line, '', e.expected, e.actual, e.col);
      throw e;
    }
  }

  /** Converts a record; extra destinations of a bulk `To` go to `moreTo`. */
  row(fields: readonly string[], line: number, cols: ReplayColumns, moreTo?: string[]): ReplayRow {
    try {
      return toReplayRow(fields, cols, this.defaults, moreTo);
    } catch (e) {
      if (e instanceof RowError) throw this.error(line, e.column, e.expected, e.actual);
      throw e;
    }
  }
}
