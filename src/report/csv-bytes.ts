/**
 * Byte-level writing for the message CSV: a reused output buffer and functions that print
 * cells that never need quoting (UUID hex, ISO timestamps, whole numbers, seconds) straight
 * into it as ASCII, allocating nothing per row. Each function takes the buffer and a
 * position and returns the position after what it wrote; the caller has made room.
 */

/** A reused output buffer handed to `out` in chunks of whole rows. */
export class ByteSink {
  buf: Buffer;
  pos = 0;

  /**
   * @param out receives each full chunk; the Buffer is reused afterwards, so `out` must
   *   consume it before returning (write it, or decode it).
   * @param size bytes per chunk (default 1 MiB: few write calls, and it stays in cache).
   */
  constructor(
    private readonly out: (chunk: Buffer) => void,
    size = 1 << 20,
  ) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Makes room for `n` more bytes: flushes, and grows the buffer for a row longer than it. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }

  /** Appends a string as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** Hands everything written so far to `out`. */
  flush(): void {
    if (this.pos === 0) return;
    this.out(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
}

/** The UTF-8 bytes of `s`. */
export const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');

/** Copies `b` into `buf` at `p`. */
export function putBytes(buf: Uint8Array, p: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) buf[p + i] = b[i];
  return p + b.length;
}

/** Writes a non-negative integer below 2^53 in decimal. */
export function putUint(buf: Uint8Array, p: number, n: number): number {
  if (n < 10) {
    buf[p] = 48 + n;
    return p + 1;
  }
  let digits = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
  let x = n;
  for (let i = p + digits - 1; i >= p; i--) {
    const q = Math.floor(x / 10);
    buf[i] = 48 + (x - q * 10);
    x = q;
  }
  return p + digits;
}

/** Writes `n` (0 <= n < 10^width) as exactly `width` decimal digits, zero-padded. */
export function putPadded(buf: Uint8Array, p: number, n: number, width: number): number {
  let x = n;
  for (let i = p + width - 1; i >= p; i--) {
    const q = Math.floor(x / 10);
    buf[i] = 48 + (x - q * 10);
    x = q;
  }
  return p + width;
}

/**
 * Writes `ms / 1000` exactly as `String(ms / 1000)` prints it, for a whole number of
 * milliseconds 0 <= ms < 1e15 (the caller checks): "12", "0.5", "3.25", "7.001".
 */
export function putSeconds(buf: Uint8Array, p: number, ms: number): number {
  const whole = Math.floor(ms / 1000);
  const frac = ms - whole * 1000;
  p = putUint(buf, p, whole);
  if (frac === 0) return p;
  buf[p++] = 46; // "."
  const d1 = Math.floor(frac / 100);
  const d2 = Math.floor(frac / 10) - d1 * 10;
  const d3 = frac % 10;
  buf[p++] = 48 + d1;
  if (d2 === 0 && d3 === 0) return p;
  buf[p++] = 48 + d2;
  if (d3 !== 0) buf[p++] = 48 + d3;
  return p;
}

/** True when `ms` can go through {@link putSeconds}. */
export const isWholeMs = (ms: number): boolean => Number.isInteger(ms) && ms >= 0 && ms < 1e15;

const HEX = utf8('0123456789abcdef');

/** Writes the low `digits` nibbles of `w` as lowercase hex, most significant first. */
export function putHex(buf: Uint8Array, p: number, w: number, digits: number): number {
  for (let i = digits - 1; i >= 0; i--) buf[p++] = HEX[(w >>> (i * 4)) & 15];
  return p;
}

/**
 * Writes a UUID from its four words in the layout of `messageUuid`:
 * `w0-w1hi-4w1lo(3)-w2hi-w2lo w3`, 36 bytes.
 */
export function putUuid(buf: Uint8Array, p: number, words: Uint32Array): number {
  const w1 = words[1];
  const w2 = words[2];
  p = putHex(buf, p, words[0], 8);
  buf[p++] = 45; // "-"
  p = putHex(buf, p, w1 >>> 16, 4);
  buf[p++] = 45;
  buf[p++] = 52; // version "4"
  p = putHex(buf, p, w1 & 0xfff, 3);
  buf[p++] = 45;
  p = putHex(buf, p, w2 >>> 16, 4);
  buf[p++] = 45;
  p = putHex(buf, p, w2 & 0xffff, 4);
  return putHex(buf, p, words[3], 8);
}

/**
 * `Date.prototype.toISOString()` of whole epoch milliseconds, as bytes. Rows come in near
 * time order, so the "YYYY-MM-DDTHH:MM:SS." prefix is formatted once per second and kept.
 */
export class IsoClock {
  private second = NaN;
  private readonly prefix = new Uint8Array(32);
  private prefixLength = 0;

  /** Writes the timestamp of `epochMs` (an integer of a valid date; the caller checks). */
  put(buf: Uint8Array, p: number, epochMs: number): number {
    const second = Math.floor(epochMs / 1000);
    if (second !== this.second) {
      const iso = new Date(second * 1000).toISOString();
      this.prefixLength = iso.length - 4;
      for (let i = 0; i < this.prefixLength; i++) this.prefix[i] = iso.charCodeAt(i);
      this.second = second;
    }
    const pre = this.prefix;
    for (let i = 0; i < this.prefixLength; i++) buf[p + i] = pre[i];
    p = putPadded(buf, p + this.prefixLength, epochMs - second * 1000, 3);
    buf[p] = 90; // "Z"
    return p + 1;
  }
}
