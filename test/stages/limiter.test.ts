import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../src/stages/limiter.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

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
