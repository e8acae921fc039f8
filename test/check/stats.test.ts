import { describe, expect, it } from 'vitest';
import { meanInterval, studentTQuantile } from '../../src/check/stats.js';

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
