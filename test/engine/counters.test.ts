// Issue 7: statistics come from bounded-memory structures; max is exact, p50/p95/p99 within
// 1 ms or 0.1% (whichever is larger) of the exact nearest-rank value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WaitHistogram } from '../../src/engine/counters.js';

const exactPercentile = (sorted: number[], p: number) => sorted[Math.max(1, Math.ceil(p * sorted.length - 1e-9)) - 1];

describe('WaitHistogram accuracy', () => {
  it('p50/p95/p99 within max(1 ms, 0.1%), max and mean exact', () => {
    const wait = fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 10_800_000 }), fc.integer({ min: 2040, max: 70_000 }));
    fc.assert(
      fc.property(fc.array(wait, { minLength: 1, maxLength: 3000 }), (waits) => {
        const h = new WaitHistogram();
        waits.forEach((w) => h.add(w));
        const sorted = [...waits].sort((a, b) => a - b);
        for (const p of [0.5, 0.95, 0.99]) {
          const exact = exactPercentile(sorted, p);
          expect(Math.abs(h.percentile(p) - exact)).toBeLessThanOrEqual(Math.max(1, exact * 0.001));
        }
        expect(h.max).toBe(sorted[sorted.length - 1]);
        expect(h.mean()).toBeCloseTo(waits.reduce((s, w) => s + w, 0) / waits.length, 6);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
