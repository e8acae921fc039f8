import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter, SmoothLimiter, type Limiter } from '../../src/stages/limiter.js';

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
