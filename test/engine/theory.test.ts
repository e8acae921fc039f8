// Queueing theory as a test (issue 10): one short code paced smoothly to μ = 100 SMS/s is a
// single server with deterministic service D = 10 ms. Deterministic arrivals (D/D/1) give
// exact waits; Poisson arrivals (M/D/1) give the Pollaczek–Khinchine mean wait
// Wq = ρ / (2μ(1 − ρ)), checked against the confidence interval of seeded replications.
// The 1M-message version at ρ = 0.9 stays in `npm run bench` (test/bench/md1.yaml).
import { describe, expect, it } from 'vitest';
import { studentTQuantile } from '../../src/check/stats.js';
import { simulate } from '../../src/engine/simulate.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

const MU = 100; // service rate, SMS per second: D = 10 ms

/** One server at MU/s (smooth pacing), one traffic source; waits never expire. */
const singleServer = (arrival: string, durationMs: number, seed = 1) => scenarioOf(`
name: single-server
seed: ${seed}
duration: ${durationMs}ms
account:
  mps: { sms: 10000 }
numbers:
  - { id: sc1, number: "12345", type: short_code, country: US, limits: { sms: { rate: ${MU}/s, pacing: smooth } } }
carriers: { att: 1 }
traffic:
  - { name: t, from: [sc1], arrival: ${arrival}, expiry: 3600 }
`);

describe('D/D/1: deterministic arrivals, deterministic service (exact)', () => {
  it('under capacity (50/s into 100/s) nobody waits: every message leaves as it arrives', () => {
    const { result, records } = runRecords(singleServer('{ kind: constant, rate: 50/s }', 10_000));
    expect(result.total.submitted).toBe(500);
    expect(records.map((r) => r.dispatchedMs)).toEqual(records.map((_, k) => 20 * k));
    expect(result.total.delayed).toBe(0);
    expect(result.total.waits.max).toBe(0);
  });

  it('at capacity (100/s into 100/s) nobody waits either', () => {
    const { result } = runRecords(singleServer('{ kind: constant, rate: 100/s }', 10_000));
    expect(result.total.submitted).toBe(1000);
    expect(result.total.delivered).toBe(1000);
    expect(result.total.waits.max).toBe(0);
  });

  it('over capacity (200/s into 100/s) message k leaves at 10k ms and waits 5k ms', () => {
    const { result, records } = runRecords(singleServer('{ kind: constant, rate: 200/s }', 10_000));
    const n = 2000;
    expect(result.total.submitted).toBe(n);
    expect(records.map((r) => [r.submitMs, r.dispatchedMs])).toEqual(records.map((_, k) => [5 * k, 10 * k]));
    expect(result.total.waits.sum / n).toBe((5 * (n - 1)) / 2); // mean wait 4,997.5 ms
    expect(result.total.waits.max).toBe(5 * (n - 1));
    expect(result.endMs).toBe(10 * (n - 1));
  });

  it('a burst of n at once: waits 0, D, 2D, … so the mean is D(n − 1)/2', () => {
    const { result, records } = runRecords(singleServer('{ kind: burst, count: 301 }', 1000));
    expect(records.map((r) => r.dispatchedMs)).toEqual(records.map((_, k) => 10 * k));
    expect(result.total.waits.sum / 301).toBe(1500);
  });
});

describe('M/D/1: Poisson arrivals, deterministic service (Pollaczek–Khinchine)', () => {
  // ρ = 0.5 keeps the start-up transient and the variance small, so 20 replications of
  // 180 s (~9,000 messages each, 180,000 in all) pin the mean wait to about ±2% (99%).
  // Times are whole ms: an idle server starts at the arrival's ms, and the wait counts from
  // it; the two effects cancel in the mean wait (not in P(wait > 0), which is ~1.6% under ρ).
  const RHO = 0.5;
  const LAMBDA = RHO * MU;
  const WQ_MS = (RHO / (2 * MU * (1 - RHO))) * 1000; // 5 ms
  const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
  const runs = SEEDS.map((seed) => simulate(singleServer(`{ kind: poisson, rate: ${LAMBDA}/s }`, 180_000, seed)).total);

  /** Mean of `xs` with the half-width of its 99% Student-t interval. */
  function interval99(xs: number[]): { mean: number; halfWidth: number } {
    const n = xs.length;
    const mean = xs.reduce((a, x) => a + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
    return { mean, halfWidth: (studentTQuantile(0.995, n - 1) * sd) / Math.sqrt(n) };
  }

  it('replications are independent runs of the same size', () => {
    expect(new Set(runs.map((t) => t.waits.sum)).size).toBe(SEEDS.length);
    for (const t of runs) {
      expect(t.submitted).toBeGreaterThan(8_500);
      expect(t.submitted).toBeLessThan(9_500);
      expect(t.delivered).toBe(t.submitted); // nothing expires or stays queued
    }
  });

  it(`mean wait: Wq = ρ / (2μ(1 − ρ)) = ${WQ_MS} ms lies in the 99% interval of 20 replications`, () => {
    const { mean, halfWidth } = interval99(runs.map((t) => t.waits.sum / t.waits.count));
    expect(Math.abs(mean - WQ_MS)).toBeLessThanOrEqual(halfWidth);
    // The interval is narrow enough that a model 5% off would fail this test: its Wq lies
    // outside the interval by at least 5% − (half-width + |error|) of Wq.
    expect(halfWidth / WQ_MS).toBeLessThan(0.03);
    expect(Math.abs(mean - 1.05 * WQ_MS)).toBeGreaterThan(halfWidth);
    expect(Math.abs(mean - 0.95 * WQ_MS)).toBeGreaterThan(halfWidth);
  });
});
