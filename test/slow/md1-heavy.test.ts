// `npm run test:slow`: the M/D/1 mean wait in heavy traffic (ρ = 0.9, the bench's
// test/bench/md1.yaml), where one run is noisy and starts empty: 20 seeded replications of
// 250,000 messages (5 million in all) pin Wq = 45 ms within their 99% interval.
// npm test checks ρ = 0.5 with 180,000 messages (test/engine/theory.test.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { studentTQuantile } from '../../src/check/stats.js';
import { simulate } from '../../src/engine/simulate.js';
import { parseScenario } from '../../src/scenario/load.js';

const MD1 = 'test/bench/md1.yaml'; // 100/s smooth (D = 10 ms), Poisson 90/s
const WQ_MS = (0.9 / (2 * 100 * (1 - 0.9))) * 1000; // 45 ms (up to rounding)

describe('M/D/1 at ρ = 0.9 (Pollaczek–Khinchine)', () => {
  it('mean wait Wq = 45 ms lies in the 99% interval of 20 replications of 250,000 messages', () => {
    const means = Array.from({ length: 20 }, (_, i) => {
      const sc = parseScenario(readFileSync(MD1, 'utf8'), MD1, { seed: i + 1, set: ['duration=2777.778s'] });
      const t = simulate(sc).total;
      expect(t.failed).toBe(0);
      return t.waits.sum / t.waits.count;
    });
    const n = means.length;
    const mean = means.reduce((a, x) => a + x, 0) / n;
    const sd = Math.sqrt(means.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
    const halfWidth = (studentTQuantile(0.995, n - 1) * sd) / Math.sqrt(n);
    console.log(`M/D/1 ρ=0.9: mean wait ${mean.toFixed(3)} ± ${halfWidth.toFixed(3)} ms (99%), theory ${WQ_MS.toFixed(3)} ms`);
    expect(Math.abs(mean - WQ_MS)).toBeLessThanOrEqual(halfWidth);
    expect(halfWidth / WQ_MS).toBeLessThan(0.03);
  }, 300_000);
});
