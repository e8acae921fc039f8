/**
 * A synchronous, bounded-memory CSV reader (RFC 4180, lines ending in LF or CRLF). The file
 * is read in byte chunks (1 MiB); each record is found in the bytes (a line, or several
 * when a quoted field holds line breaks) and split by `splitRecord` (csv-fields.ts).
 * Every chunk is checked to be UTF-8 (`buffer.isUtf8`): an invalid byte is an error with
 * its line and column, never a silent U+FFFD. Memory is one chunk.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { CsvSyntaxError, fieldAt, splitRecord } from './csv-fields.js';

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
  /** Called before each chunk is read, with the file descriptor (to check that the file did not change). */
  readonly beforeRead?: (fd: number) => void;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const EMPTY = Buffer.alloc(0);

/** Reads records one at a time; call `close()` when done (or let it end at EOF). */
export class CsvChunkReader {
  private fd: number | null;
  readonly delimiter: string;
  private chunkBytes: number;
  private readonly maxChunkBytes: number;
  private readonly beforeRead: ((fd: number) => void) | undefined;
  /** The bytes read and not yet consumed start at `buf[p]`; `buf[0]` is at file offset `bufPos`. */
  private buf: Buffer = EMPTY;
  private bufPos: number;
  private p = 0;
  /** Position of the next quote in `buf` at or after `p`, or -1 when there is none. */
  private nextQuote = -1;
  private eof = false;
  /** True when the chunk failed the UTF-8 check: each record is checked on its own then. */
  private checkUtf8 = false;
  private line: number;
  /** 1-based physical line where the last record read starts. */
  recordLine = 0;
  /** Byte offset of the last record read. */
  recordOffset = 0;
  /** Byte length of the last record read, its line ending included. */
  recordLength = 0;
  /** True when the last record read has a quote (split it with {@link splitRecord}). */
  recordQuoted = false;
  /** Where the current record's text is in `buf`. */
  private recordStart = 0;
  private recordTextEnd = 0;
  /** The delimiter as one byte, or -1 when it is not a single ASCII character. */
  private readonly delimiterByte: number;

  constructor(
    readonly path: string,
    options: CsvChunkOptions = {},
  ) {
    this.fd = openSync(path, 'r');
    this.delimiter = options.delimiter ?? ',';
    this.delimiterByte = this.delimiter.length === 1 && this.delimiter.charCodeAt(0) < 0x80 ? this.delimiter.charCodeAt(0) : -1;
    this.bufPos = options.offset ?? 0;
    this.line = options.line ?? 1;
    this.chunkBytes = options.chunkBytes ?? 1 << 20;
    this.maxChunkBytes = Math.max(this.chunkBytes, options.maxChunkBytes ?? 16 << 20);
    this.beforeRead = options.beforeRead;
  }

  /**
   * The next record, or null at the end of the file. Empty lines are skipped.
   * @throws CsvSyntaxError when the file is not well-formed CSV or not UTF-8.
   */
  next(): CsvRecord | null {
    const text = this.nextText();
    if (text === null) return null;
    let fields: string[];
    try {
      fields = splitRecord(text, this.delimiter);
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw new CsvSyntaxError(this.recordLine, 0, e.expected, e.actual);
      throw e;
    }
    return { fields, line: this.recordLine, offset: this.recordOffset, length: this.recordLength };
  }

  /**
   * The text of the next record without its line ending (not split into fields), or null
   * at the end of the file; `recordLine`, `recordOffset`, `recordLength` and
   * `recordQuoted` then describe it.
   * @throws CsvSyntaxError when the file is not UTF-8 (or a record never ends).
   */
  nextText(): string | null {
    return this.advance() ? this.buf.toString('utf8', this.recordStart, this.recordTextEnd) : null;
  }

  /**
   * Field `index` of the record last found by {@link advance}, decoding that cell only;
   * '' when the record has fewer fields. For a record without quotes only.
   */
  recordField(index: number): string {
    const buf = this.buf;
    const end = this.recordTextEnd;
    if (this.delimiterByte < 0) return fieldAt(buf.toString('utf8', this.recordStart, end), this.delimiter, index);
    let i = this.recordStart;
    for (let c = 0; c < index; c++) {
      const k = buf.indexOf(this.delimiterByte, i);
      if (k === -1 || k >= end) return '';
      i = k + 1;
    }
    const k = buf.indexOf(this.delimiterByte, i);
    return buf.toString('utf8', i, k === -1 || k > end ? end : k);
  }

  /** The text of the record last found by {@link advance}. */
  recordText(): string {
    return this.buf.toString('utf8', this.recordStart, this.recordTextEnd);
  }

  /**
   * Moves to the next record (false at the end of the file): `recordLine`, `recordOffset`,
   * `recordLength` and `recordQuoted` describe it, `recordText()` and `recordField()` read it.
   * @throws CsvSyntaxError when the file is not UTF-8 (or a record never ends).
   */
  advance(): boolean {
    for (;;) {
      const buf = this.buf;
      const n = buf.length;
      let p = this.p;
      while (p < n && (buf[p] === LF || (buf[p] === CR && buf[p + 1] === LF))) {
        if (buf[p] === LF) this.line++;
        p++;
      }
      this.p = p;
      if (p === n || (buf[p] === CR && p + 1 === n && !this.eof)) {
        if (this.eof) {
          this.close();
          return false;
        }
        this.fill();
        continue;
      }
      if (this.nextQuote !== -1 && this.nextQuote < p) this.nextQuote = buf.indexOf(QUOTE, p);
      const nl = buf.indexOf(LF, p);
      let end: number;
      let breaks = 0;
      const quoted = !(this.nextQuote === -1 || (nl !== -1 && this.nextQuote > nl));
      if (!quoted) {
        end = nl;
      } else {
        const q = this.quotedEnd(p);
        end = q.end;
        breaks = q.breaks;
      }
      if (end === -1) {
        if (!this.eof) {
          this.fill();
          continue;
        }
        end = n;
      }
      this.recordQuoted = quoted;
      this.record(p, end, breaks);
      return true;
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Makes the record in `buf[p, end)` the current one (`end` is its LF, or the end of the data). */
  private record(p: number, end: number, breaks: number): void {
    const buf = this.buf;
    if (this.checkUtf8 && !isUtf8(buf.subarray(p, end))) throw utf8Error(buf.subarray(p, end), this.line);
    this.recordStart = p;
    this.recordTextEnd = end > p && buf[end - 1] === CR ? end - 1 : end;
    const next = end < buf.length ? end + 1 : end;
    this.recordLine = this.line;
    this.recordOffset = this.bufPos + p;
    this.recordLength = next - p;
    this.line += breaks + (end < buf.length ? 1 : 0);
    this.p = next;
  }

  /** Where a record with quotes ends (its LF outside quotes), or -1 when not in `buf`. */
  private quotedEnd(p: number): { end: number; breaks: number } {
    const buf = this.buf;
    let i = p;
    let breaks = 0;
    for (;;) {
      const q = buf.indexOf(QUOTE, i);
      const nl = buf.indexOf(LF, i);
      if (nl !== -1 && (q === -1 || nl < q)) {
        this.nextQuote = q;
        return { end: nl, breaks };
      }
      if (q === -1) return { end: -1, breaks };
      const close = buf.indexOf(QUOTE, q + 1);
      if (close === -1) return { end: -1, breaks };
      for (let k = buf.indexOf(LF, q + 1); k !== -1 && k < close; k = buf.indexOf(LF, k + 1)) breaks++;
      i = close + 1;
    }
  }

  /** Reads the next chunk after the unconsumed bytes, growing the chunk for a long record. */
  private fill(): void {
    if (this.fd === null) throw new Error(`${this.path}: read after close`);
    const rest = this.buf.subarray(this.p);
    if (rest.length >= this.chunkBytes / 2) {
      if (rest.length >= this.maxChunkBytes) {
        throw new CsvSyntaxError(this.line, 0, 'well-formed CSV', `a record longer than ${this.maxChunkBytes} bytes (an unclosed quote?)`);
      }
      this.chunkBytes = Math.min(this.chunkBytes * 2, this.maxChunkBytes);
    }
    this.beforeRead?.(this.fd);
    const next = Buffer.allocUnsafe(this.chunkBytes);
    rest.copy(next, 0);
    const start = this.bufPos + this.p;
    const n = readSync(this.fd, next, rest.length, this.chunkBytes - rest.length, start + rest.length);
    this.eof = n === 0;
    this.buf = next.subarray(0, rest.length + n);
    this.bufPos = start;
    this.p = 0;
    if (start === 0 && this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) this.p = 3;
    this.nextQuote = this.buf.indexOf(QUOTE, this.p);
    const complete = this.eof ? this.buf.length : this.buf.lastIndexOf(LF) + 1;
    this.checkUtf8 = complete === 0 || !isUtf8(this.buf.subarray(this.p, complete));
  }
}

/** The line, column and byte of the first invalid UTF-8 sequence of a record starting on `line`. */
function utf8Error(bytes: Buffer, line: number): CsvSyntaxError {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >> 5 === 6 ? 2 : b >> 4 === 14 ? 3 : b >> 3 === 30 ? 4 : 0;
    if (len === 0 || i + len > bytes.length || !isUtf8(bytes.subarray(i, i + len))) break;
    i += len;
  }
  const before = bytes.subarray(0, i);
  const lineStart = before.lastIndexOf(LF) + 1;
  let breaks = 0;
  for (let k = before.indexOf(LF); k !== -1; k = before.indexOf(LF, k + 1)) breaks++;
  const column = [...before.subarray(lineStart).toString('utf8')].length + 1;
  const byte = (bytes[i] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return new CsvSyntaxError(line + breaks, column, 'UTF-8 text', `the byte 0x${byte}, which is not UTF-8 there`);
}
