/**
 * Issue 27 N3: `--vary seed` varies the seed of every job in `sweep` and `solve` — each
 * point equals `run --seed N` — on one thread, on the worker pool and across shards.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const SCENARIO = 'scenarios/default.yaml';
const dir = mkdtempSync(join(tmpdir(), 'a2psim-vary-seed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Point { index: number; values: Record<string, number>; metrics: Record<string, { mean: number }>; seeds?: number[] }

/** `run --seed N`'s totals and wait percentiles, as the sweep metrics name them. */
async function metricsOf(seed: number): Promise<Record<string, number>> {
  const r = await cli('run', SCENARIO, '--seed', String(seed), '--format', 'json', '--no-what-if');
  expect(r.code).toBe(0);
  const j = JSON.parse(r.out);
  return { submitted: j.totals.submitted, delivered: j.totals.delivered, failed: j.totals.failed, wait_p95: j.wait.p95 };
}
/** {@link metricsOf} once a seed for the file (both sweeps compare with the same three runs). */
const runs = new Map<number, Promise<Record<string, number>>>();
const runMetrics = (seed: number): Promise<Record<string, number>> => runs.get(seed) ?? runs.set(seed, metricsOf(seed)).get(seed)!;

const METRICS = ['--metric', 'submitted', '--metric', 'delivered', '--metric', 'failed', '--metric', 'wait_p95'];
const pick = (p: Point) => Object.fromEntries(Object.entries(p.metrics).map(([k, v]) => [k, v.mean]));

describe('--vary seed', () => {
  it.each([['1'], ['2']])('sweep --vary seed=1,2,3 --workers %s equals three run --seed N', async (workers) => {
    const r = await cli('sweep', SCENARIO, '--vary', 'seed=1,2,3', ...METRICS, '--format', 'json', '--workers', workers);
    expect(r.code).toBe(0);
    const points = JSON.parse(r.out).points as Point[];
    for (const [i, seed] of [1, 2, 3].entries()) {
      expect(points[i].values.seed).toBe(seed);
      expect(points[i].seeds).toEqual([seed]);
      expect(pick(points[i])).toEqual(await runMetrics(seed));
    }
    // The three differ (the old code ran seed 1 three times).
    expect(new Set(points.map((p) => p.metrics.submitted.mean)).size).toBe(3);
  }, 60_000);

  it('with --replications each point draws its replication seeds from its own seed', async () => {
    const r = await cli('sweep', SCENARIO, '--vary', 'seed=2,3', '--replications', '2', '--metric', 'submitted', '--format', 'json', '--workers', '1');
    const j = JSON.parse(r.out);
    const one = await cli('run', SCENARIO, '--seed', '3', '--replications', '2', '--workers', '1', '--format', 'json');
    expect(j.points[1].seeds).toEqual(JSON.parse(one.out).replications.seeds);
    expect(j.points[1].seeds[0]).toBe(3);
  }, 60_000);

  it('shards merged equal the unsharded sweep', async () => {
    const whole = await cli('sweep', SCENARIO, '--vary', 'seed=1,2,3', '--metric', 'submitted', '--workers', '1');
    const files = [1, 2].map((i) => join(dir, `s${i}.json`));
    for (const [k, f] of files.entries()) {
      expect((await cli('sweep', SCENARIO, '--vary', 'seed=1,2,3', '--metric', 'submitted', '--workers', '1', '--shard', `${k + 1}/2`, '--out', f)).code).toBe(0);
    }
    const merged = await cli('merge', ...files);
    expect(merged.err).toBe('');
    expect(merged.out).toBe(whole.out);
    expect(whole.out).toContain('1,2,submitted,3069,');
  }, 60_000);

  it('--seed with --vary seed is refused with a reason', async () => {
    for (const cmd of [['sweep', SCENARIO, '--vary', 'seed=1,2'], ['solve', SCENARIO, '--vary', 'seed', '--values', '1,2', '--expect', 'submitted >= 1']]) {
      const r = await cli(...cmd, '--seed', '5');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^a2psim: --seed: expected no --seed with --vary seed .*\n$/);
    }
  });

  it('solve --vary seed runs each value under its own seed', async () => {
    // Seeds 1, 2, 3 submit 3019, 3069, 3089: the first seed reaching 3060 is 2.
    const r = await cli('solve', SCENARIO, '--vary', 'seed', '--values', '1,2,3', '--expect', 'submitted >= 3060', '--format', 'json', '--workers', '1');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).value).toBe(2);
  }, 60_000);
});
