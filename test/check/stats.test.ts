import { describe, expect, it } from 'vitest';
import { meanInterval, studentTQuantile, welchTest } from '../../src/check/stats.js';

describe('Student t', () => {
  // Two-sided 95% critical values from any t table.
  it.each([
    [1, 12.7062],
    [2, 4.3027],
    [4, 2.7764],
    [9, 2.2622],
    [19, 2.093],
    [29, 2.0452],
    [120, 1.9799],
    [1e6, 1.96],
  ])('t(0.975, %d) = %d', (df, t) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 3);
  });
});

describe('meanInterval', () => {
  it('identical values give a zero-width interval', () => {
    expect(meanInterval([45, 45, 45, 45])).toEqual({ n: 4, mean: 45, halfWidth: 0 });
  });

  it('one value has no interval', () => {
    expect(meanInterval([3])).toEqual({ n: 1, mean: 3, halfWidth: null });
  });

  it('half-width is t · s / √n', () => {
    // mean 2, s = 1, n = 3: 4.3027 · 1 / √3
    const r = meanInterval([1, 2, 3]);
    expect(r.mean).toBe(2);
    expect(r.halfWidth).toBeCloseTo(4.302653 / Math.sqrt(3), 5);
  });
});

describe("welchTest (Welch's t from means, 95% half-widths and runs)", () => {
  it('matches the textbook test: 1..5 against 2,4,..,10 gives t = 1.897, df = 5.882, p = 0.108', () => {
    const r = welchTest(meanInterval([1, 2, 3, 4, 5]), meanInterval([2, 4, 6, 8, 10]));
    expect(r?.df).toBeCloseTo(5.8824, 3);
    expect(r?.p).toBeCloseTo(0.1077, 3);
  });

  it('is symmetric and gives p = 1 for equal means', () => {
    const a = meanInterval([1, 2, 3, 4, 5]);
    const b = meanInterval([2, 4, 6, 8, 10]);
    expect(welchTest(b, a)?.p).toBeCloseTo(welchTest(a, b)!.p, 12);
    expect(welchTest(a, meanInterval([3, 3, 3]))?.p).toBe(1);
  });

  it('two samples without spread: p = 0 when they differ, 1 when they agree', () => {
    expect(welchTest(meanInterval([5, 5, 5]), meanInterval([6, 6]))).toEqual({ p: 0, df: Infinity });
    expect(welchTest(meanInterval([5, 5, 5]), meanInterval([5, 5]))).toEqual({ p: 1, df: Infinity });
  });

  it('a single run is taken to vary as the other side does (prediction interval), df = n − 1', () => {
    // s² = 2.5 over n = 5: var = 2.5/5 + 2.5 = 3, t = 3/√3 = 1.732 with 4 df: p = 0.158.
    const r = welchTest(meanInterval([1, 2, 3, 4, 5]), meanInterval([6]));
    expect(r?.df).toBe(4);
    expect(r?.p).toBeCloseTo(0.1583, 3);
  });

  it('two single runs: nothing to test with', () => {
    expect(welchTest(meanInterval([1]), meanInterval([2]))).toBeNull();
  });

  it('float noise is no spread: a deterministic metric summed in another order', () => {
    expect(meanInterval([0.1 + 0.2, 0.3, 0.3]).halfWidth).toBe(0);
  });
});
