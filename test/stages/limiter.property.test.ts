/**
 * Property tests of the unit-slot rule (SPEC §1 "Counting"): however messages of 1..11
 * units arrive, no window of W holds more than N units, a backlog keeps the limiter fully
 * used, and taking k slots at once equals taking them one by one.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from '../../src/stages/limiter.js';

const arbCase = fc.record({
  count: fc.integer({ min: 1, max: 12 }),
  windowMs: fc.integer({ min: 1, max: 5000 }),
  // Gaps between submissions (ms) and each message's units.
  messages: fc.array(fc.record({ gapMs: fc.integer({ min: 0, max: 3000 }), units: fc.integer({ min: 1, max: 11 }) }), {
    minLength: 1,
    maxLength: 60,
  }),
});

/** Runs FIFO messages through `count`/`windowMs`; returns each unit's time and each message's dispatch. */
function run(c: { count: number; windowMs: number; messages: { gapMs: number; units: number }[] }) {
  const whole = new SlidingWindowLimiter(c.count, c.windowMs);
  const single = new SlidingWindowLimiter(c.count, c.windowMs);
  const unitTimes: number[] = [];
  const dispatch: number[] = [];
  const dispatchOneByOne: number[] = [];
  let submitted = 0;
  let free = 0;
  let freeSingle = 0;
  for (const m of c.messages) {
    submitted += m.gapMs;
    // FIFO: a message starts once it is submitted and the previous one has left.
    free = whole.consume(whole.earliest(Math.max(submitted, free)), m.units);
    dispatch.push(free);
    let t = Math.max(submitted, freeSingle);
    for (let k = 0; k < m.units; k++) {
      t = single.earliest(t);
      single.consume(t, 1);
      unitTimes.push(t);
    }
    freeSingle = t;
    dispatchOneByOne.push(t);
  }
  return { unitTimes, dispatch, dispatchOneByOne };
}

describe('unit slots (sliding window)', () => {
  it('never lets more than N units leave in any window W, and k slots at once = k one by one', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const { unitTimes, dispatch, dispatchOneByOne } = run(c);
        expect(dispatch).toEqual(dispatchOneByOne);
        for (let i = 1; i < unitTimes.length; i++) expect(unitTimes[i]).toBeGreaterThanOrEqual(unitTimes[i - 1]);
        // Unit i and unit i + N may not share a window [t, t + W).
        for (let i = c.count; i < unitTimes.length; i++) {
          expect(unitTimes[i] - unitTimes[i - c.count]).toBeGreaterThanOrEqual(c.windowMs);
        }
      }),
      { numRuns: 300, seed: 21 },
    );
  });

  it('is fully used under a backlog: unit i leaves at floor(i / N) windows', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const backlog = { ...c, messages: c.messages.map((m) => ({ ...m, gapMs: 0 })) };
        const { unitTimes } = run(backlog);
        unitTimes.forEach((t, i) => expect(t).toBe(Math.floor(i / c.count) * c.windowMs));
      }),
      { numRuns: 300, seed: 22 },
    );
  });
});
