/**
 * A synchronous, bounded-memory CSV reader: the file is read in byte chunks and each
 * chunk is parsed by csv-parse's sync API. Record boundaries come from csv-parse itself
 * (`info.bytes` of each record); a record cut by the chunk's end is dropped and read again
 * from the start of the next chunk, so quoting, embedded newlines and multi-byte UTF-8
 * are never split by hand. Memory is one chunk and its records.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** One record with where it came from. */
export interface CsvRecord {
  readonly fields: string[];
  /** 1-based physical line where the record starts. */
  readonly line: number;
  /** Byte offset of the record's first byte in the file. */
  readonly offset: number;
  /** Byte length of the record, its line ending included. */
  readonly length: number;
}

/** The file is not well-formed CSV (an unclosed quote, a stray quote, ...); `reason` says what was found. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvChunkOptions {
  /** Field delimiter; default ",". */
  readonly delimiter?: string;
  /** Byte offset to start at (a record boundary); default 0. */
  readonly offset?: number;
  /** Physical line at `offset`; default 1. */
  readonly line?: number;
  /** Initial chunk size in bytes; default 1 MiB. */
  readonly chunkBytes?: number;
  /** Largest chunk tried for one oversized (or malformed) record; default 16 MiB. */
  readonly maxChunkBytes?: number;
}

interface Captured {
  fields: string[];
  end: number;
}

/**
 * Parses a buffer with csv-parse and reports the records and each one's end offset.
 * Errors are returned, not thrown, with the records parsed before the error.
 */
export function parseChunk(buf: Buffer, delimiter: string, bom: boolean): { records: Captured[]; error: Error | null } {
  const records: Captured[] = [];
  try {
    parse(buf, {
      delimiter,
      bom,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      // With `info: true` csv-parse passes {record, info}; its types do not say so.
      on_record: ((r: { record: string[]; info: { bytes: number } }) => {
        records.push({ fields: r.record, end: r.info.bytes });
        return null;
      }) as unknown as (record: string[]) => null,
    });
    return { records, error: null };
  } catch (e) {
    if (e instanceof Error) return { records, error: e };
    throw e;
  }
}

const isBreak = (b: number): boolean => b === 0x0a || b === 0x0d;

/** Reads records one at a time; call `close()` when done (or let it end at EOF). */
export class CsvChunkReader {
  private fd: number | null;
  private readonly delimiter: string;
  private chunkBytes: number;
  private readonly maxChunkBytes: number;
  private pos: number;
  private line: number;
  private eof = false;
  private buffered: CsvRecord[] = [];
  private at = 0;
  private pending: CsvSyntaxError | null = null;

  constructor(
    readonly path: string,
    options: CsvChunkOptions = {},
  ) {
    this.fd = openSync(path, 'r');
    this.delimiter = options.delimiter ?? ',';
    this.pos = options.offset ?? 0;
    this.line = options.line ?? 1;
    this.chunkBytes = options.chunkBytes ?? 1 << 20;
    this.maxChunkBytes = Math.max(this.chunkBytes, options.maxChunkBytes ?? 16 << 20);
  }

  /**
   * The next record, or null at the end of the file.
   * @throws CsvSyntaxError when the file is not well-formed CSV.
   */
  next(): CsvRecord | null {
    while (this.at === this.buffered.length) {
      if (this.eof || this.fd === null) {
        this.close();
        if (this.pending !== null) throw this.pending;
        return null;
      }
      this.fill();
    }
    return this.buffered[this.at++];
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private fill(): void {
    const buf = Buffer.allocUnsafe(this.chunkBytes);
    const n = readSync(this.fd!, buf, 0, this.chunkBytes, this.pos);
    const eof = n < this.chunkBytes;
    const data = buf.subarray(0, n);
    const { records, error } = parseChunk(data, this.delimiter, this.pos === 0);
    // Before EOF the last record may be cut by the chunk's end (which can also look like a
    // quoting error): keep only records whose line ending lies strictly inside the chunk,
    // and read the rest again from there. A record that never completes, even in the
    // largest chunk, is a real error.
    const kept = eof ? records : records.filter((r) => r.end < n);
    if (!eof && kept.length === 0) {
      if (this.chunkBytes >= this.maxChunkBytes) {
        const line = this.startLine(data, 0).line;
        throw new CsvSyntaxError(line, error !== null ? csvReason(error) : `a record longer than ${this.maxChunkBytes} bytes`);
      }
      this.chunkBytes = Math.min(this.chunkBytes * 2, this.maxChunkBytes);
      return;
    }
    this.buffered = [];
    this.at = 0;
    let p = 0;
    for (const r of kept) {
      const start = this.startLine(data, p);
      this.line = start.line;
      for (let i = start.pos; i < r.end; i++) {
        if (data[i] === 0x0a || (data[i] === 0x0d && data[i + 1] !== 0x0a)) this.line++;
      }
      this.buffered.push({ fields: r.fields, line: start.line, offset: this.pos + start.pos, length: r.end - start.pos });
      p = r.end;
    }
    if (eof) {
      this.eof = true;
      // The error lies in the complete part of the file: reported after the good records.
      if (error !== null) this.pending = new CsvSyntaxError(this.startLine(data, p).line, csvReason(error));
    }
    this.pos += p;
  }

  /** Skips empty lines from byte `p`, advancing the line count; returns the record's start. */
  private startLine(data: Buffer, p: number): { pos: number; line: number } {
    let line = this.line;
    while (p < data.length && isBreak(data[p])) {
      if (data[p] === 0x0a || data[p + 1] !== 0x0a) line++;
      p++;
    }
    return { pos: p, line };
  }
}

/** csv-parse's message without its own (differently counted) line number. */
function csvReason(e: Error): string {
  return e.message.replace(/\s*at line \d+\.?/, '').replace(/[:.]\s*$/, '');
}
