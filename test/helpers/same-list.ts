// A fast `expect(actual).toEqual(expected)` for long lists of flat records (issue 23).
import { expect } from 'vitest';

/** True when `a` and `b` have the same own keys with Object.is-equal values. */
function sameFlat(a: object, b: object): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Asserts what `expect(actual).toEqual(expected)` asserts, for lists of records or tuples:
 * items whose own values are all Object.is-equal pass at once, any other goes through toEqual
 * with its neighbours, which shows the difference. One toEqual over 30,000 records costs
 * ~10 times as much, and one expect per item more again.
 */
export function expectSameList<T extends object>(actual: readonly T[], expected: readonly T[], what = 'list'): void {
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) {
    if (!sameFlat(actual[i], expected[i])) expect(actual.slice(Math.max(0, i - 2), i + 3), `${what}: item ${i}`).toEqual(expected.slice(Math.max(0, i - 2), i + 3));
  }
  expect(actual.length, `${what}: length`).toBe(expected.length);
}
