/**
 * Decimal numbers as a user types them (`--set`, `--seed`, `--min`, a `--vary` range, ...):
 * read exactly or refused. A number is kept only when the double it becomes prints back as
 * the same decimal value (so `10.0000000000000001` and `9007199254740993` are refused, not
 * silently rounded) and lies within ±(2^53 − 1). One rule for every numeric option. Pure.
 */

/** Largest magnitude a number option or setting may have: 2^53 − 1. */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** Why a text is not an exact number. */
export type DecimalProblem = 'syntax' | 'range' | 'precision';

/** A decimal read: its value, or what is wrong with it. */
export type DecimalRead = { readonly value: number } | { readonly problem: DecimalProblem };

const DECIMAL_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** The decimal value of a number text as sign, significant digits and exponent; null if it is none. */
function canonical(text: string): string | null {
  const m = DECIMAL_RE.exec(text);
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const frac = m[3] ?? '';
  let digits = (m[2] + frac).replace(/^0+/, '');
  let exp = (m[4] === undefined ? 0 : Number(m[4])) - frac.length;
  if (digits === '') return '0';
  const trailing = /0*$/.exec(digits)![0].length;
  digits = digits.slice(0, digits.length - trailing);
  exp += trailing;
  return `${m[1] === '-' ? '-' : ''}${digits}e${exp}`;
}

/**
 * Reads a decimal number (`12`, `-0.5`, `1e9`, `.25`; with `grouping`, `1_000_000` and
 * `1,000,000` too) exactly.
 * @returns the value, or `syntax` (not a decimal number), `range` (beyond ±(2^53 − 1)) or
 *   `precision` (more digits than a double holds: it would be rounded).
 */
export function readDecimal(text: string, grouping = false): DecimalRead {
  let t = text.trim();
  if (grouping && /^[+-]?\d{1,3}([_,]\d{3})+$|^[+-]?\d+(_\d+)+$/.test(t)) t = t.replace(/[_,]/g, '');
  const want = canonical(t);
  if (want === null) return { problem: 'syntax' };
  const value = Number(t);
  if (!Number.isFinite(value) || Math.abs(value) > MAX_EXACT) return { problem: 'range' };
  const got = canonical(String(value));
  // -0 and 0 are the same number here.
  if (got !== want && !(value === 0 && want.replace('-', '') === '0')) return { problem: 'precision' };
  return { value: value === 0 ? 0 : value };
}

/** What a number option expects, in words, for a problem (beside its own range). */
export function decimalExpected(problem: DecimalProblem): string {
  if (problem === 'range') return `a number from -${MAX_EXACT} to ${MAX_EXACT} (2^53 - 1)`;
  if (problem === 'precision') return 'a number a2psim can hold exactly (at most 15 significant digits are always exact)';
  return 'a number';
}
