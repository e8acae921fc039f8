// The stable time order of an unordered replay file: the radix sort gives what a stable
// comparison sort gives, for whole milliseconds of any size and for anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stableOrder } from '../../src/traffic/replay-feeds.js';

const reference = (at: number[]) => at.map((_, i) => i).sort((a, b) => at[a] - at[b] || a - b);

describe('stableOrder', () => {
  it.each([
    ['few distinct times', fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 300 })],
    ['times over days (two radix passes)', fc.array(fc.integer({ min: 0, max: 10 * 86_400_000 }), { maxLength: 300 })],
    ['times up to 2^48 (three passes)', fc.array(fc.double({ min: 0, max: 2 ** 48 - 1, noNaN: true }).map(Math.floor), { maxLength: 300 })],
    ['fractions (comparison sort)', fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { maxLength: 300 })],
  ])('%s: equal to a stable comparison sort', (_name, times) => {
    fc.assert(
      fc.property(times, (at) => {
        expect([...stableOrder(Float64Array.from(at))]).toEqual(reference(at));
      }),
      { numRuns: 200, seed: 25 },
    );
  });
});
