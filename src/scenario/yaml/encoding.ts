/**
 * Scenario files are UTF-8 (a byte-order mark allowed). Anything else is refused with where
 * and what: a UTF-16 or UTF-32 file is named as such ("save it as UTF-8"), and the first byte
 * that is not UTF-8 (a Latin-1 `é`, 0xE9) is shown with its line and column — never decoded
 * to U+FFFD and accepted, which would silently change the text (GSM-7 becoming UCS-2). Pure.
 */
import { ScenarioError } from '../errors.js';

/** The UTF-16/32 encoding a file's first bytes show (BOM, or ASCII with NUL bytes between), or null. */
function wideEncoding(b: Uint8Array): string | null {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return 'UTF-32 (LE)';
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'UTF-32 (BE)';
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return 'UTF-16 (LE)';
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return 'UTF-16 (BE)';
  // Without a BOM: ASCII text in UTF-16 has a NUL in every other byte.
  if (b.length >= 2 && b[0] !== 0 && b[1] === 0) return 'UTF-16 (LE)';
  if (b.length >= 2 && b[0] === 0 && b[1] !== 0) return 'UTF-16 (BE)';
  return null;
}

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none. */
function sequenceAt(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k] >= lo && b[i + k] <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const [lo, hi] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const [lo, hi] = c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Offset of the first byte that is not UTF-8 (the file is known not to be). */
function firstBadByte(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const n = sequenceAt(b, i);
    if (n === 0) return i;
    i += n;
  }
  return b.length;
}

/**
 * Decodes a scenario file's bytes as UTF-8 (a BOM is kept, as the YAML reader expects).
 * @throws ScenarioError `FILE:1:1: expected a UTF-8 text file, got UTF-16 (LE) — save it as UTF-8`,
 *   or `FILE:LINE:COL: expected UTF-8 text, got byte 0xE9 (not UTF-8; ...)`.
 */
export function decodeScenarioBytes(bytes: Uint8Array, file: string): string {
  const buf = bytes;
  const wide = wideEncoding(buf);
  if (wide === null) {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
    } catch {
      // Not UTF-8: find where, below.
    }
  }
  if (wide !== null) {
    throw new ScenarioError({ file, line: 1, column: 1, expected: 'a UTF-8 text file', actual: `${wide} — save it as UTF-8` });
  }
  const at = firstBadByte(buf);
  const lineStart = buf.lastIndexOf(0x0a, at - 1) + 1;
  let line = 1;
  for (let i = buf.indexOf(0x0a); i >= 0 && i < at; i = buf.indexOf(0x0a, i + 1)) line++;
  const column = [...new TextDecoder().decode(buf.subarray(lineStart, at))].length + 1;
  const hex = buf[at].toString(16).toUpperCase().padStart(2, '0');
  const latin1 = buf[at] >= 0xa0 ? ` ("${String.fromCharCode(buf[at])}" in Latin-1)` : '';
  throw new ScenarioError({ file, line, column, expected: 'UTF-8 text', actual: `byte 0x${hex}${latin1}, not UTF-8 — save the file as UTF-8` });
}
