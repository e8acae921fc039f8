import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GridError, gridOf, solveGrid } from '../../src/check/solve.js';
import { holdsAtBound, judge, type Verdict } from '../../src/check/verdict.js';
import { parseThreshold } from '../../src/check/expr.js';
import { replicationSeeds } from '../../src/check/runner.js';
import { runJob } from '../../src/cli/parallel/jobs.js';
import { loadPoint, pointSettings } from '../../src/cli/commands/points.js';

const passFrom = (answer: number) => async (v: string): Promise<Verdict> =>
  Number(v) >= answer ? { pass: true, failed: [] } : { pass: false, failed: [{ threshold: 'x >= 1', observed: 0, half_width: null }] };

describe('gridOf', () => {
  it.each([
    [{ min: 1, max: 5 }, ['1', '2', '3', '4', '5']],
    [{ min: 0.1, max: 0.5, step: 0.1 }, ['0.1', '0.2', '0.3', '0.4', '0.5']],
    [{ min: 10, max: 25, step: 10 }, ['10', '20']],
    [{ values: ['5/s', '10/s'] }, ['5/s', '10/s']],
  ])('%j → %j', (spec, grid) => expect(gridOf(spec)).toEqual(grid));

  it.each([
    [{ min: 1 }, '--min/--max: expected both (or --values a,b,...), got no --max'],
    [{ min: 5, max: 1 }, '--max: expected a value >= --min (5), got 1'],
    [{ min: 1, max: 5, step: 0 }, '--step: expected a number greater than 0, got 0'],
    [{ values: ['1'], min: 1 }, '--values: expected either --values or --min/--max/--step, got both'],
  ])('%j is refused: %s', (spec, message) => {
    expect(() => gridOf(spec)).toThrow(new GridError(message));
  });
});

describe('solveGrid', () => {
  it.each([1, 2, 3, 17, 63, 64, 99, 100])('finds answer %i on 1..100, its neighbour below run and failed', async (answer) => {
    const grid = gridOf({ min: 1, max: 100 });
    const out = await solveGrid(grid, false, passFrom(answer));
    expect(out.value).toBe(String(answer));
    expect(out.neighbour?.value ?? null).toBe(answer === 1 ? null : String(answer - 1));
    if (answer > 1) expect(out.evaluated).toContain(String(answer - 1));
    // Galloping then bisection: a handful of runs, not a hundred.
    expect(out.evaluated.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(100)) + 1);
    expect(new Set(out.evaluated).size).toBe(out.evaluated.length);
  });

  it('reports no answer when even the last value fails, with what failed there', async () => {
    const out = await solveGrid(gridOf({ min: 1, max: 10 }), false, passFrom(11));
    expect(out).toMatchObject({ value: null, neighbour: { value: '10', failed: [{ threshold: 'x >= 1' }] }, verdict: null });
  });

  it('with maximize, finds the largest passing value and its failing neighbour above', async () => {
    const out = await solveGrid(gridOf({ min: 1, max: 50 }), true, async (v) => ({ pass: Number(v) <= 37, failed: [] }));
    expect([out.value, out.neighbour?.value]).toEqual(['37', '38']);
  });
});

describe('holds at the 95% bound', () => {
  const r = (text: string, observed: number, halfWidth: number | null) => ({ threshold: parseThreshold(text), observed, halfWidth, pass: true, reason: null });
  it.each([
    ['delivered_ratio >= 0.9', 0.95, 0.04, true],
    ['delivered_ratio >= 0.9', 0.95, 0.06, false],
    ['wait_p95 <= 2s', 1.5, 0.4, true],
    ['wait_p95 <= 2s', 1.5, 0.6, false],
    ['failed == 0', 0, 0, true],
    ['failed == 0', 0.2, 0.3, false],
    ['failed != 3', 5, 1, true],
    ['failed != 3', 5, 3, false],
    ['wait_p95 <= 2s', 2, null, true],
  ] as const)('%s, mean %d ± %s → %s', (text, mean, hw, pass) => expect(holdsAtBound(r(text, mean, hw))).toBe(pass));
});

/** Runs one point (every replication) and judges it. */
function point(file: string, text: string, userSet: readonly string[], expectOverride: readonly string[], path: string, v: string, replications: number): Verdict {
  const set = pointSettings(userSet, expectOverride, [[path, v]]);
  const sc = loadPoint(file, text, set, undefined);
  return judge(sc.expect, replicationSeeds(sc.seed, replications).map((seed) => runJob({ file, text, set, seed })));
}

describe('solve agrees with a brute-force sweep of the same range', () => {
  // Each case stays well under 200k simulated messages in total (brute force + search).
  it.each([
    ['scenarios/otp-burst-tollfree.yaml', 'account.mps.sms', { min: 1, max: 40 }, ['failed[420] == 0'], [], 1, '17'], // 40 × 1,000
    ['test/fixtures/solve/pool-alerts.yaml', 'numbers[0].count', { min: 1, max: 20 }, [], [], 1, '7'], // 20 × 300: 7 × 15/min × 3 windows (0, 60, 120 s) ≥ 300
    ['scenarios/tmobile-cap-blast.yaml', 'rules.tpd', { min: 100, max: 1500, step: 100 }, ['failed[tmobile_daily_cap] == 0'], ['duration=30m'], 1, null], // 15 × 3,000
    ['test/fixtures/solve/poisson-queue.yaml', 'account.mps.sms', { min: 6, max: 16 }, [], [], 5, null], // 11 × 5 × ~480
  ] as const)('%s, %s', async (file, path, range, expectOverride, userSet, replications, known) => {
    const grid = gridOf(range);
    const text = readFileSync(file, 'utf8');
    const brute = grid.map((v) => point(file, text, userSet, expectOverride, path, v, replications));
    const firstPass = brute.findIndex((v) => v.pass);
    expect(firstPass).toBeGreaterThan(0);
    // Monotone: everything from the first pass on passes, everything before fails.
    expect(brute.map((v) => v.pass)).toEqual(grid.map((_, i) => i >= firstPass));
    const out = await solveGrid(grid, false, async (v) => point(file, text, userSet, expectOverride, path, v, replications));
    expect(out.value).toBe(grid[firstPass]);
    expect(out.neighbour?.value).toBe(grid[firstPass - 1]);
    expect(out.neighbour?.failed).toEqual(brute[firstPass - 1].failed);
    if (known !== null) expect(out.value).toBe(known);
  });
});
