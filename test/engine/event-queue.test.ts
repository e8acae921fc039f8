import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/engine/event-queue.js';

describe('EventQueue', () => {
  it('pops by time, and equal times in insertion order (FIFO ties)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const q = new EventQueue(2);
        times.forEach((t, i) => q.push(t, i));
        const popped: number[] = [];
        while (q.length > 0) popped.push(q.pop());
        const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i).map((e) => e.i);
        expect(popped).toEqual(expected);
      }),
      { numRuns: 200, seed: 1 },
    );
  });

  it('reports Infinity when empty', () => {
    expect(new EventQueue().peekTime()).toBe(Infinity);
  });
});
