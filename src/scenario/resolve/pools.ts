/**
 * Number pools: a `numbers:` entry with `count: N` stands for N numbers of one type,
 * with ids `<id>-1` .. `<id>-N`, and its id may be used in a traffic `from:` for all of
 * them. The numbers come from a pattern (`number: "+1202555xxxx"`: the run of `x` is
 * filled with 0, 1, 2, ... zero-padded) or, when `number` is omitted, from the NANP range
 * reserved for fictional use, 555-0100 to 555-0199. Pure.
 */
import type { NumberCountry, NumberType } from '../model.js';
import type { RawNumber } from '../schema.js';

/** Patterns used when a pool gives no `number`: 555-01xx is reserved for fiction (NANP). */
export const DEFAULT_POOL_PATTERNS: Readonly<Record<NumberCountry, Partial<Record<NumberType, string>>>> = {
  US: { long_code: '+120255501xx', toll_free: '+180055501xx' },
  CA: { long_code: '+141655501xx', toll_free: '+180055501xx' },
};

/** One entry of the expanded list: the number as a plain entry, and the index it was written at. */
export interface ExpandedNumber {
  readonly raw: RawNumber & { readonly number: string };
  /** Index of the `numbers:` entry (a pool's members share it). */
  readonly index: number;
}

/** A problem in one `numbers[i]` entry: its field, what was expected and what arrived. */
export class PoolError extends Error {
  constructor(
    readonly index: number,
    readonly field: string,
    readonly expected: string,
    readonly actual?: string,
  ) {
    super(`numbers[${index}].${field}: expected ${expected}${actual === undefined ? '' : `, got ${actual}`}`);
  }
}

const X_RUN = /x+/g;

/** The `k`-th number (0-based) of a pattern with one run of `x`. */
export function patternNumber(pattern: string, k: number): string {
  const run = /x+/.exec(pattern);
  if (run === null) return pattern;
  const digits = String(k).padStart(run[0].length, '0');
  return pattern.slice(0, run.index) + digits + pattern.slice(run.index + run[0].length);
}

function pool(n: RawNumber, index: number, count: number): ExpandedNumber[] {
  const given = n.number;
  const pattern = given ?? DEFAULT_POOL_PATTERNS[n.country][n.type];
  if (pattern === undefined) {
    throw new PoolError(index, 'number', `a number pattern such as "555xx" (a ${n.country} ${n.type} has no range reserved for fiction)`, 'nothing');
  }
  const runs = pattern.match(X_RUN) ?? [];
  if (runs.length !== 1) {
    throw new PoolError(index, 'number', `a pattern with one run of x digits for the ${count} numbers of the pool, such as "+1202555xxxx"`, JSON.stringify(pattern));
  }
  const capacity = 10 ** runs[0].length;
  if (count > capacity) {
    const where = given === undefined ? 'number: a pattern with more x digits, such as "+1202555xxxx" (the fictional range 555-01xx holds 100 numbers)' : 'a pattern with more x digits';
    throw new PoolError(index, given === undefined ? 'count' : 'number', `at most ${capacity} numbers, or ${where}`, String(count));
  }
  const { count: _count, ...rest } = n;
  return Array.from({ length: count }, (_, k) => ({
    raw: { ...rest, id: `${n.id}-${k + 1}`, number: patternNumber(pattern, k) },
    index,
  }));
}

/**
 * Expands every pool of `numbers` into its members, in order; a plain entry passes as is.
 * @returns the expanded list and, for each pool id, its member ids in order.
 * @throws PoolError for a plain entry without `number`, a pool pattern without exactly one
 *   run of `x`, or a pool larger than its pattern can number.
 */
export function expandPools(numbers: readonly RawNumber[]): { numbers: ExpandedNumber[]; pools: Map<string, string[]> } {
  const out: ExpandedNumber[] = [];
  const pools = new Map<string, string[]>();
  numbers.forEach((n, index) => {
    if (n.count === undefined) {
      if (n.number === undefined) {
        throw new PoolError(index, 'number', 'an E.164 number in quotes, such as "+14155550100" (or count: N for a pool of numbers)', 'nothing');
      }
      out.push({ raw: { ...n, number: n.number }, index });
      return;
    }
    const members = pool(n, index, n.count);
    pools.set(n.id, members.map((m) => m.raw.id));
    out.push(...members);
  });
  return { numbers: out, pools };
}
