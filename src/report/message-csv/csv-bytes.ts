/**
 * Byte-level writing for the message CSV: a reused output buffer and functions that print
 * cells that never need quoting (UUID hex, ISO timestamps, whole numbers, seconds) straight
 * into it as ASCII, allocating nothing per row. Each function takes the buffer and a
 * position and returns the position after what it wrote; the caller has made room.
 */

/** A reused output buffer handed to `out` in chunks of whole rows. */
const ENCODER = new TextEncoder();

/**
 * Node's Buffer where there is one (a chunk then reads as text with `String(chunk)`), else
 * a plain Uint8Array (the playground's Web Worker).
 */
const NodeBuffer = (globalThis as { Buffer?: { allocUnsafe(n: number): Uint8Array } }).Buffer;
const allocate = (n: number): Uint8Array => (NodeBuffer === undefined ? new Uint8Array(n) : NodeBuffer.allocUnsafe(n));

export class ByteSink {
  buf: Uint8Array;
  /** A DataView of `buf`, for copying prepared cells a word at a time. */
  view: DataView;
  pos = 0;

  /**
   * @param out receives each full chunk; the bytes are reused afterwards, so `out` must
   *   consume it before returning (write it, or decode it).
   * @param size bytes per chunk (default 1 MiB: few write calls, and it stays in cache).
   */
  constructor(
    private readonly out: (chunk: Uint8Array) => void,
    size = 1 << 20,
  ) {
    this.buf = allocate(size);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  }

  /** Makes room for `n` more bytes: flushes, and grows the buffer for a row longer than it. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) {
      this.buf = allocate(n);
      this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    }
  }

  /** Appends a string as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3);
    this.pos += ENCODER.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  /** Appends bytes. */
  bytes(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length) {
      this.flush();
      if (b.length > this.buf.length) {
        this.out(b);
        return;
      }
    }
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Hands everything written so far to `out`. */
  flush(): void {
    if (this.pos === 0) return;
    this.out(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
}

/** The UTF-8 bytes of `s`. */
export const utf8 = (s: string): Uint8Array => ENCODER.encode(s);

/**
 * Prepared bytes (a cell or a run of cells), also as little-endian 32-bit words: short
 * ones are copied a word at a time, which is faster than a memcpy call for a few bytes.
 */
export class Segment {
  readonly words: Uint32Array;
  readonly length: number;

  constructor(readonly bytes: Uint8Array) {
    this.length = bytes.length;
    const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
    padded.set(bytes);
    const view = new DataView(padded.buffer);
    this.words = Uint32Array.from({ length: padded.length / 4 }, (_, i) => view.getUint32(4 * i, true));
  }
}

/** The UTF-8 bytes of `s` as a {@link Segment}. */
export const segment = (s: string): Segment => new Segment(utf8(s));

/**
 * Copies `seg` into `buf` (whose DataView is `view`) at `p`. Up to three bytes after the
 * segment may be overwritten: the caller keeps that much room and writes on from the
 * returned position.
 */
export function putSegment(buf: Uint8Array, view: DataView, p: number, seg: Segment): number {
  const n = seg.length;
  if (n > 32) {
    buf.set(seg.bytes, p);
    return p + n;
  }
  const w = seg.words;
  for (let i = 0; i < w.length; i++) view.setUint32(p + 4 * i, w[i], true);
  return p + n;
}

/** Copies `b` into `buf` at `p` (a loop for short cells, memcpy for long ones). */
export function putBytes(buf: Uint8Array, p: number, b: Uint8Array): number {
  const n = b.length;
  if (n > 12) buf.set(b, p);
  else for (let i = 0; i < n; i++) buf[p + i] = b[i];
  return p + n;
}

/** "00".."99" as byte pairs: decimal digits two at a time. */
const DIGIT_PAIRS = utf8(Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')).join(''));

/** Writes `n` (0..99) as two digits. */
export function put2(buf: Uint8Array, p: number, n: number): void {
  buf[p] = DIGIT_PAIRS[2 * n];
  buf[p + 1] = DIGIT_PAIRS[2 * n + 1];
}

/** Writes `n` (0 <= n < 10^width, n < 2^31) as exactly `width` digits, zero-padded. */
export function putPadded(buf: Uint8Array, p: number, n: number, width: number): number {
  let x = n | 0;
  let i = p + width;
  while (i - p >= 2) {
    const q = (x / 100) | 0;
    i -= 2;
    put2(buf, i, x - q * 100);
    x = q;
  }
  if (i > p) buf[p] = 48 + x;
  return p + width;
}

/** Decimal digits of 0 <= n < 2^31. */
const digitCount = (n: number): number =>
  n < 10 ? 1 : n < 100 ? 2 : n < 1e3 ? 3 : n < 1e4 ? 4 : n < 1e5 ? 5 : n < 1e6 ? 6 : n < 1e7 ? 7 : n < 1e8 ? 8 : n < 1e9 ? 9 : 10;

/** Writes a non-negative integer below 2^53 in decimal. */
export function putUint(buf: Uint8Array, p: number, n: number): number {
  if (n < 10) {
    buf[p] = 48 + n;
    return p + 1;
  }
  if (n <= 0x7fffffff) return putPadded(buf, p, n, digitCount(n));
  const high = Math.floor(n / 1e9);
  return putPadded(buf, putUint(buf, p, high), n - high * 1e9, 9);
}

/** Writes 0 <= n < 100000 as five digits, zero-padded (straight-line: this runs per row). */
export function put5(buf: Uint8Array, p: number, n: number): number {
  const high = (n / 1000) | 0;
  put2(buf, p, high);
  const low = n - high * 1000;
  const hundreds = (low / 100) | 0;
  buf[p + 2] = 48 + hundreds;
  put2(buf, p + 3, low - hundreds * 100);
  return p + 5;
}

/**
 * Writes `ms / 1000` exactly as `String(ms / 1000)` prints it, for a whole number of
 * milliseconds 0 <= ms < 1e15 (the caller checks): "12", "0.5", "3.25", "7.001".
 */
export function putSeconds(buf: Uint8Array, p: number, ms: number): number {
  if (ms === 0) {
    buf[p] = 48;
    return p + 1;
  }
  const whole = Math.floor(ms / 1000);
  let frac = ms - whole * 1000;
  p = putUint(buf, p, whole);
  if (frac === 0) return p;
  buf[p++] = 46; // "."
  const d1 = (frac / 100) | 0;
  buf[p++] = 48 + d1;
  frac -= d1 * 100;
  if (frac === 0) return p;
  const d2 = (frac / 10) | 0;
  buf[p++] = 48 + d2;
  frac -= d2 * 10;
  if (frac !== 0) buf[p++] = 48 + frac;
  return p;
}

/** True when `ms` can go through {@link putSeconds}. */
export const isWholeMs = (ms: number): boolean => Number.isInteger(ms) && ms >= 0 && ms < 1e15;

/**
 * "0000".."ffff" as little-endian 32-bit words: four lowercase hex digits of a 16-bit
 * value, written with one store (256 KiB, built on first use).
 */
let hex4: Uint32Array | null = null;
function hex4Table(): Uint32Array {
  const hex = '0123456789abcdef';
  const t = new Uint32Array(65536);
  for (let v = 0; v < 65536; v++) {
    const c = (i: number): number => hex.charCodeAt((v >>> (12 - 4 * i)) & 15);
    t[v] = c(0) | (c(1) << 8) | (c(2) << 16) | (c(3) << 24);
  }
  return (hex4 = t);
}

/**
 * Writes a UUID from its four words in the layout of `messageUuid`:
 * `w0-w1hi-4w1lo(3)-w2hi-w2lo w3`, 36 bytes, into `buf` (whose DataView is `view`).
 */
export function putUuid(buf: Uint8Array, view: DataView, p: number, words: Uint32Array): number {
  const t = hex4 ?? hex4Table();
  const w0 = words[0];
  const w1 = words[1];
  const w2 = words[2];
  const w3 = words[3];
  view.setUint32(p, t[w0 >>> 16], true);
  view.setUint32(p + 4, t[w0 & 0xffff], true);
  buf[p + 8] = 45; // "-"
  view.setUint32(p + 9, t[w1 >>> 16], true);
  buf[p + 13] = 45;
  view.setUint32(p + 14, t[0x4000 | (w1 & 0xfff)], true); // version "4", then 3 digits
  buf[p + 18] = 45;
  view.setUint32(p + 19, t[w2 >>> 16], true);
  buf[p + 23] = 45;
  view.setUint32(p + 24, t[w2 & 0xffff], true);
  view.setUint32(p + 28, t[w3 >>> 16], true);
  view.setUint32(p + 32, t[w3 & 0xffff], true);
  return p + 36;
}

const DAY_SECONDS = 86_400;

/**
 * `Date.prototype.toISOString()` of whole epoch milliseconds, as bytes. The date part
 * ("YYYY-MM-DDT") is formatted by Date once per UTC day, the time of day from the seconds
 * (JavaScript days have exactly 86,400 seconds); rows come in near time order, so the
 * whole "YYYY-MM-DDTHH:MM:SS." is kept for the next row of the same second.
 */
export class IsoClock {
  private day = NaN;
  private second = NaN;
  /** "YYYY-MM-DDTHH:MM:SS." of the current second, as bytes and as little-endian words. */
  private readonly prefix = new Uint8Array(32);
  private readonly prefixView = new DataView(this.prefix.buffer);
  private readonly words = new Uint32Array(8);
  private wordCount = 0;
  private length = 0;
  private dateLength = 0;

  /**
   * Writes the timestamp of `epochMs` (an integer of a valid date; the caller checks) into
   * `buf` (whose DataView is `view`) at `p`; may overwrite up to three bytes after it.
   */
  put(buf: Uint8Array, view: DataView, p: number, epochMs: number): number {
    const second = Math.floor(epochMs / 1000);
    if (second !== this.second) this.toSecond(second);
    const w = this.words;
    for (let i = 0; i < this.wordCount; i++) view.setUint32(p + 4 * i, w[i], true);
    p += this.length;
    const ms = epochMs - second * 1000;
    const hundreds = (ms / 100) | 0;
    buf[p] = 48 + hundreds;
    put2(buf, p + 1, ms - hundreds * 100);
    buf[p + 3] = 90; // "Z"
    return p + 4;
  }

  private toSecond(second: number): void {
    const day = Math.floor(second / DAY_SECONDS);
    const pre = this.prefix;
    if (day !== this.day) {
      const iso = new Date(day * DAY_SECONDS * 1000).toISOString();
      this.dateLength = iso.indexOf('T') + 1;
      for (let i = 0; i < this.dateLength; i++) pre[i] = iso.charCodeAt(i);
      this.day = day;
    }
    let s = second - day * DAY_SECONDS;
    const h = Math.floor(s / 3600);
    s -= h * 3600;
    const m = Math.floor(s / 60);
    const p = this.dateLength;
    put2(pre, p, h);
    pre[p + 2] = 58; // ":"
    put2(pre, p + 3, m);
    pre[p + 5] = 58;
    put2(pre, p + 6, s - m * 60);
    pre[p + 8] = 46; // "."
    this.length = p + 9;
    this.wordCount = Math.ceil(this.length / 4);
    for (let i = 0; i < this.wordCount; i++) this.words[i] = this.prefixView.getUint32(4 * i, true);
    this.second = second;
  }
}
