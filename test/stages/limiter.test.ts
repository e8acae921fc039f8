import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter, SmoothLimiter, type Limiter } from '../../src/stages/limiter.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

/** Dispatch times (last unit out) of `n` messages of `units` units all ready at t=0, through `limiter`. */
function drain(limiter: Limiter, n: number, units = 1): number[] {
  const out: number[] = [];
  let now = 0;
  for (let i = 0; i < n; i++) {
    now = limiter.consume(limiter.earliest(now), units);
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
    expect(l.earliest(700)).toBe(1000);
    l.consume(1000, 1);
    expect(l.earliest(1000)).toBe(1600);
  });

  // SPEC §1 "Counting": a k-unit message takes k unit slots in FIFO order and is
  // dispatched when its last unit leaves.
  it('unit slots: 3-unit SMS through 1 unit/s are dispatched at 2, 5, 8 s', () => {
    expect(drain(new SlidingWindowLimiter(1, 1000), 3, 3)).toEqual([2000, 5000, 8000]);
  });

  it('unit slots: a backlog of 3-unit SMS under 5 units/s sustains 5 units/s', () => {
    // Units at 0 ×5, 1 s ×5, 2 s ×5: messages end at 0, 1, 1, 2, 2 s (15 units in 3 s).
    expect(drain(new SlidingWindowLimiter(5, 1000), 5, 3)).toEqual([0, 1000, 1000, 2000, 2000]);
    // 100 messages = 300 units leave in 60 windows: the last one at 59 s.
    expect(drain(new SlidingWindowLimiter(5, 1000), 100, 3).at(-1)).toBe(59_000);
  });

  it('unit slots: a message heavier than the limit spreads over several windows', () => {
    const l = new SlidingWindowLimiter(2, 1000);
    l.consume(0, 1);
    expect(l.earliest(10)).toBe(10);
    // Units at 10, 1000, 1010, 2000, 2010.
    expect(l.consume(10, 5)).toBe(2010);
    expect(l.earliest(2010)).toBe(3000);
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
    expect(l.earliest(5000)).toBe(5000);
  });

  it('spaces the units of a message: 3 units at 1/s from 0 end at 2 s', () => {
    const l = new SmoothLimiter(1, 1000);
    expect(l.consume(0, 3)).toBe(2000);
    expect(l.earliest(2000)).toBe(3000);
  });
});

describe('unit slots in the engine', () => {
  it('never dispatches a message before it was submitted (2-unit SMS, 1 unit/s)', () => {
    const sc = scenarioOf(`
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true, limits: { sms: { rate: 1/s, count: units } } }
traffic:
  - { name: t, from: [tf1], arrival: { kind: constant, rate: 1/s }, units: 2 }
duration: 5s
`);
    const { records } = runRecords(sc);
    // 2 units per second offered, 1 unit per second allowed: units at 0,1 | 2,3 | 4,5 ...
    expect(records.map((r) => [r.submitMs, r.dispatchedMs])).toEqual([
      [0, 1000], [1000, 3000], [2000, 5000], [3000, 7000], [4000, 9000],
    ]);
  });

  it('3-unit SMS through a 1 unit/s sender limit leave at 2, 5, 8 s', () => {
    const sc = scenarioOf(`
account: { mps: { sms: 100 } }
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true, limits: { sms: { rate: 1/s, count: units } } }
traffic:
  - { name: t, from: [tf1], arrival: { kind: burst, count: 3 }, units: 3 }
`);
    expect(runRecords(sc).records.map((r) => r.dispatchedMs)).toEqual([2000, 5000, 8000]);
  });

  it('judges expiry when the first unit would leave, not the last', () => {
    const sc = scenarioOf(`
account: { mps: { sms: 100 } }
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true, limits: { sms: { rate: 1/s, count: units } } }
traffic:
  - { name: t, from: [tf1], arrival: { kind: burst, count: 3 }, units: 3, expiry: 5 }
`);
    // First units at 0, 3 and 6 s: the third waited 6 s > 5 s when its first unit was due.
    const { records } = runRecords(sc);
    expect(records.map((r) => [r.status, r.endMs])).toEqual([['delivered', 2000], ['delivered', 5000], ['failed', 6000]]);
  });
});
