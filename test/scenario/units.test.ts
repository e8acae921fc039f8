import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseRate, UnitError } from '../../src/scenario/units.js';

describe('parseDurationMs', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['5min', 300_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['4500ms', 4500],
    ['1.5h', 5_400_000],
    ['0s', 0],
    [' 10s ', 10_000],
    [30, 30_000],
    [0.5, 500],
    [0, 0],
    [0.001, 1],
  ])('%j → %d ms', (input, ms) => {
    expect(parseDurationMs(input)).toBe(ms);
  });

  it.each([['-5s'], [-1], ['5'], ['5 days'], ['5x'], ['1.5ms'], [0.0005], [Number.NaN], [Number.POSITIVE_INFINITY], [true], [null], [[]], ['']])(
    'rejects %j',
    (input) => {
      expect(() => parseDurationMs(input)).toThrow(UnitError);
    },
  );
});

describe('parseRate', () => {
  it.each([
    ['5/s', 5, 1000, 5],
    ['15/min', 15, 60_000, 0.25],
    ['4500/min', 4500, 60_000, 75],
    ['10/h', 10, 3_600_000, 10 / 3600],
    ['200000/day', 200_000, 86_400_000, 200_000 / 86_400],
    ['0.5/min', 1, 120_000, 0.5 / 60],
    [5, 5, 1000, 5],
    [0.25, 1, 4000, 0.25],
    [2.5, 5, 2000, 2.5],
    [0.001, 1, 1_000_000, 0.001],
    [1.1, 11, 10_000, 1.1],
    [1 / 3, 1, 3000, 1 / 3],
  ])('%j → %d per %d ms', (input, count, windowMs, perSecond) => {
    const r = parseRate(input);
    expect(r.count).toBe(count);
    expect(r.windowMs).toBe(windowMs);
    expect(r.perSecond).toBeCloseTo(perSecond, 12);
  });

  it.each([[0], ['0/s'], [-1], ['5/sec'], ['5'], ['five/s'], [0.0001], [0.1234567], [Number.NaN], [Number.POSITIVE_INFINITY], [{}], [null]])(
    'rejects %j',
    (input) => {
      expect(() => parseRate(input)).toThrow(UnitError);
    },
  );
});
