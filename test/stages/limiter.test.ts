import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter, SmoothLimiter, type Limiter } from '../../src/stages/limiter.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

/** Departure times of `n` items of `weight` all ready at t=0, through `limiter`. */
function drain(limiter: Limiter, n: number, weight = 1): number[] {
  const out: number[] = [];
  let now = 0;
  for (let i = 0; i < n; i++) {
    now = limiter.earliest(now, weight);
    limiter.consume(now, weight);
    out.push(now);
  }
  return out;
}

describe('SlidingWindowLimiter', () => {
  it.each([
    // count, windowMs, n, expected departures
    [5, 1000, 10, [0, 0, 0, 0, 0, 1000, 1000, 1000, 1000, 1000]],
    [1, 4000, 3, [0, 4000, 8000]],
    [15, 60_000, 16, [...Array(15).fill(0), 60_000]],
    [2, 1000, 5, [0, 0, 1000, 1000, 2000]],
  ])('%i per %i ms, %i ready at 0', (count, windowMs, n, expected) => {
    expect(drain(new SlidingWindowLimiter(count, windowMs), n)).toEqual(expected);
  });

  it('frees a slot exactly one window after each departure (sliding, not fixed)', () => {
    const l = new SlidingWindowLimiter(2, 1000);
    l.consume(0, 1);
    l.consume(600, 1);
    expect(l.earliest(700, 1)).toBe(1000);
    l.consume(1000, 1);
    expect(l.earliest(1000, 1)).toBe(1600);
  });

  it('weights: 3-unit messages under 5 units per second', () => {
    expect(drain(new SlidingWindowLimiter(5, 1000), 3, 3)).toEqual([0, 1000, 2000]);
  });

  it('a message heavier than the limit waits for an empty window and goes alone', () => {
    const l = new SlidingWindowLimiter(2, 1000);
    l.consume(0, 1);
    expect(l.earliest(10, 5)).toBe(1000);
  });

  it('grows past its initial capacity', () => {
    const out = drain(new SlidingWindowLimiter(100_000, 1000), 100_001);
    expect(out[99_999]).toBe(0);
    expect(out[100_000]).toBe(1000);
  });
});

describe('SmoothLimiter', () => {
  it('spaces 100/s at 10 ms', () => {
    expect(drain(new SmoothLimiter(100, 1000), 4)).toEqual([0, 10, 20, 30]);
  });

  it('carries fractional spacing without drift: 4,500/min puts the 4,501st at 60 s', () => {
    const out = drain(new SmoothLimiter(4500, 60_000), 4501);
    expect(out[1]).toBe(14); // 13.33 ms rounded up
    expect(out[4500]).toBe(60_000);
  });

  it('restarts spacing after idling', () => {
    const l = new SmoothLimiter(1, 1000);
    l.consume(0, 1);
    expect(l.earliest(5000, 1)).toBe(5000);
  });
});

describe('SlidingWindowLimiter, a departure heavier than the limit', () => {
  it('leaves at once when the window is empty, even after earlier departures expired', () => {
    const l = new SlidingWindowLimiter(1, 1000);
    expect(l.earliest(0, 2)).toBe(0);
    l.consume(0, 2);
    expect(l.earliest(500, 2)).toBe(1000);
    // Window empty again at 5000: must not answer a stale time in the past.
    expect(l.earliest(5000, 2)).toBe(5000);
  });

  it('never dispatches a message before it was submitted (2-unit SMS, 1 unit/s)', () => {
    const sc = scenarioOf(`
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true, limits: { sms: { rate: 1/s, count: units } } }
traffic:
  - { name: t, from: [tf1], arrival: { kind: constant, rate: 1/s }, units: 2 }
duration: 5s
`);
    const { records } = runRecords(sc);
    expect(records.map((r) => [r.submitMs, r.dispatchedMs])).toEqual([
      [0, 0], [1000, 1000], [2000, 2000], [3000, 3000], [4000, 4000],
    ]);
  });
});
