/**
 * `a2psim sweep SCENARIO --vary PATH=v1,v2,... --vary PATH2=a..b:step`: runs every point of
 * the grid (under `--replications` seeds), prints a tidy CSV or JSON, and writes an HTML
 * sweep report. Exit 0 when at least one point passes every threshold, 1 when none does,
 * 2 for bad input.
 */
import { createHash } from 'node:crypto';
import { replicationSeeds } from '../../check/runner.js';
import { GridError } from '../../check/solve.js';
import { parseShard, ShardError, shardItems, type Shard, type ShardFile } from '../../check/shards.js';
import { parseMetricRef, ThresholdError } from '../../check/expr.js';
import { COST_METRICS, SWEEP_METRICS, cheapestPoint, gridPoints, jsonValue, parseVary, pointRecord, sweepCsv, sweepJson, type SweepPoint, type SweepResult, type Vary } from '../../check/sweep.js';
import { chartAssets } from '../../report/html/assets.js';
import { renderSweepPage } from '../../check/sweep-page.js';
import type { Scenario } from '../../scenario/model.js';
import { EXIT, UsageError } from '../cli-errors.js';

import { readScenarioText, type RunJob } from '../parallel/jobs.js';
import { JobRunner, capWorkers } from '../parallel/worker-pool.js';
import { OutputGuard, STDOUT_ARG, type DeclaredOutput } from '../io/output-guard.js';
import { replayInputs } from '../io/inputs.js';
import type { CliIo } from '../io/cli-io.js';
import type { SweepFormat } from '../options/shared-options.js';
import { renderSweepMarkdown } from '../../check/job-summary.js';
import { stepSummaryOutput, stepSummaryPath } from '../io/step-summary.js';
import { checkExpectOption, loadPoint, parseVaryPath, pointSettings } from './points.js';
import { withProgress } from '../run/progress.js';

export interface SweepOptions {
  vary: string[];
  replications?: number;
  format: SweepFormat;
  expect: string[];
  report?: string;
  out?: string;
  /** Metrics to report instead of the default list (repeatable). */
  metric: string[];
  seed?: number;
  set: string[];
  /** Worker threads (default: one per core). */
  workers?: number;
  /** `i/n` (or `n` with the index from the environment): run one shard, write its result file. */
  shard?: string;
  /** False for `--no-what-if`: each point's bottleneck by share of waiting, without re-runs. */
  whatIf?: boolean;
  /** No progress line or notes on stderr. */
  quiet?: boolean;
}

/** Points run per batch of jobs (their summaries are reduced to metrics before the next batch). */
const POINTS_PER_BATCH = 64;

/** Most points a sweep may have. */
export const MAX_SWEEP_POINTS = 100_000;

/** Parses every `--vary`; paths must differ. */
export function parseVaries(specs: readonly string[]): Vary[] {
  if (specs.length === 0) throw new UsageError('--vary: expected at least one PATH=v1,v2,... or PATH=a..b:step, got none');
  const varies = specs.map((s) => {
    try {
      const v = parseVary(s);
      parseVaryPath('--vary', v.path);
      return v;
    } catch (e) {
      if (e instanceof GridError) throw new UsageError(e.message);
      throw e;
    }
  });
  const dup = varies.find((v, i) => varies.findIndex((w) => w.path === v.path) !== i);
  if (dup !== undefined) throw new UsageError(`--vary: expected each path once, got ${dup.path} twice`);
  const n = varies.reduce((a, v) => a * v.values.length, 1);
  if (n > MAX_SWEEP_POINTS) throw new UsageError(`--vary: expected at most ${MAX_SWEEP_POINTS} points in all, got ${n}`);
  return varies;
}

/** Checks `--metric` names (the default list when none). */
function parseMetrics(names: readonly string[], priced: boolean): string[] {
  for (const n of names) {
    if (COST_METRICS.includes(n)) {
      if (!priced) throw new UsageError(`--metric ${n}: expected a scenario with pricing:, got one without`);
      continue;
    }
    try {
      parseMetricRef(n);
    } catch (e) {
      if (e instanceof ThresholdError) throw new UsageError(`--metric: expected ${e.expected}, got ${e.actual ?? JSON.stringify(n)}`);
      throw e;
    }
  }
  if (names.length > 0) return [...names];
  return priced ? [...SWEEP_METRICS, ...COST_METRICS] : [...SWEEP_METRICS];
}

/** What a sweep needs before it runs: the scenario read and every value validated. */
export interface SweepPlan {
  readonly file: string;
  readonly text: string;
  readonly varies: Vary[];
  readonly grid: string[][];
  readonly expect: string[];
  readonly name: string;
  readonly seeds: number[];
  readonly set: string[];
  readonly replications: number;
  /** Whether each point's first run names its bottleneck by what-if. */
  readonly whatIf: boolean;
  readonly sha256: string;
  readonly metrics: string[];
  /** The scenario's pricing currency; null without pricing. */
  readonly currency: string | null;
  /**
   * With `--vary seed`: each seed value's checked seed (a point runs its own seed and the
   * replication seeds drawn from it); null when the seed is not varied.
   */
  readonly seedOf: ReadonlyMap<string, number> | null;
}

/** The path that sets a scenario's seed (a `--vary` of it varies every job's seed). */
export const SEED_PATH = 'seed';

/** The replication seeds of grid point `i` of a plan. */
export function pointSeeds(plan: SweepPlan, i: number): number[] {
  if (plan.seedOf === null) return plan.seeds;
  const k = plan.varies.findIndex((v) => v.path === SEED_PATH);
  return replicationSeeds(plan.seedOf.get(plan.grid[i][k])!, plan.replications);
}

/**
 * Reads the scenario and checks every value of every `--vary` on it (exit 2 before any run).
 * `checked` is told each point's settings and scenario as soon as it is checked (the job
 * runner starts it early on a pool thread).
 */
export function planSweep(
  file: string,
  opts: Pick<SweepOptions, 'vary' | 'replications' | 'expect' | 'seed' | 'set' | 'metric' | 'whatIf'>,
  checked: (set: readonly string[], scenario: Scenario) => void = () => undefined,
): SweepPlan {
  const varies = parseVaries(opts.vary);
  checkExpectOption(opts.expect);
  const replications = opts.replications ?? 1;
  const text = readScenarioText(file);
  const seed = opts.seed;
  const seedVary = varies.find((v) => v.path === SEED_PATH);
  if (seedVary !== undefined && seed !== undefined) {
    throw new UsageError('--seed: expected no --seed with --vary seed (each point runs its own seed), got both');
  }
  const seedOf = seedVary === undefined ? null : new Map<string, number>();
  const check = (set: string[]): Scenario => {
    // Without thresholds every point passes; the metrics are still the point of a sweep.
    const sc = loadPoint(file, text, set, seed, false);
    checked(set, sc);
    return sc;
  };
  const base = check(pointSettings(opts.set, opts.expect, varies.map((v) => [v.path, v.values[0]] as const)));
  seedOf?.set(seedVary!.values[0], base.seed);
  for (const v of varies) {
    for (const x of v.values.slice(1)) {
      const sc = check(pointSettings(opts.set, opts.expect, [[v.path, x]]));
      if (v === seedVary) seedOf!.set(x, sc.seed);
    }
  }
  const metrics = parseMetrics(opts.metric ?? [], base.pricing !== null);
  return {
    file,
    text,
    varies,
    grid: gridPoints(varies),
    expect: [...base.expect],
    name: base.name,
    // With --vary seed every point has its own seeds (each point's JSON lists them).
    seeds: seedOf === null ? replicationSeeds(base.seed, replications) : [],
    set: pointSettings(opts.set, opts.expect, []),
    replications,
    whatIf: opts.whatIf !== false,
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    metrics,
    currency: base.pricing?.currency ?? null,
    seedOf,
  };
}

/** Runs the points `indices` of a plan (all by default) on `runner` and returns the result. */
export async function runSweep(plan: SweepPlan, version: string, runner: JobRunner, indices?: readonly number[]): Promise<SweepResult> {
  const which = indices ?? plan.grid.map((_, i) => i);
  const r = plan.replications;
  const points: SweepPoint[] = [];
  // In batches, so that only a batch's summaries are held at once, however large the grid.
  for (let from = 0; from < which.length; from += POINTS_PER_BATCH) {
    const batch = which.slice(from, from + POINTS_PER_BATCH);
    const jobs: RunJob[] = batch.flatMap((i) => {
      const set = [...plan.set, ...plan.varies.map((v, k) => `${v.path}=${plan.grid[i][k]}`)];
      // The first seed's run names the point's bottleneck by what-if (re-runs with each limit relaxed).
      return pointSeeds(plan, i).map((seed, k) => ({ file: plan.file, text: plan.text, set, seed, whatIf: k === 0 && plan.whatIf }));
    });
    const summaries = await runner.run(jobs);
    batch.forEach((i, j) => {
      const p = pointRecord(i, plan.varies, plan.grid[i], plan.expect, summaries.slice(j * r, (j + 1) * r), plan.metrics);
      points.push(plan.seedOf === null ? p : { ...p, seeds: pointSeeds(plan, i) });
    });
  }
  const parameters = plan.varies.map((v) => ({ path: v.path, values: v.values.map(jsonValue) }));
  return {
    a2psim_version: version,
    scenario: plan.name,
    file: plan.file,
    scenario_sha256: plan.sha256,
    set: plan.set,
    parameters,
    replications: plan.replications,
    seeds: plan.seeds,
    expect: plan.expect,
    metrics: plan.metrics,
    points,
    cheapest: indices === undefined ? cheapestPoint(points, parameters) : null,
  };
}

/** The outputs of a sweep (or of a merge of sweep shards) as the guard takes them. */
export function sweepOutputs(opts: { out?: string; report?: string }): DeclaredOutput[] {
  return [
    ...(opts.out === undefined ? [] : [{ option: '--out', path: opts.out }]),
    ...(opts.report === undefined ? [] : [{ option: '--report', path: opts.report }]),
  ];
}

/** Prints (or writes, through `guard`) a complete sweep and its report; the exit code. */
export async function emitSweep(r: SweepResult, opts: { format: string; out?: string; report?: string }, io: CliIo, guard: OutputGuard): Promise<number> {
  const text = opts.format === 'json' ? sweepJson(r) : sweepCsv(r);
  if (opts.out !== undefined) guard.write(opts.out, text);
  if (opts.report !== undefined) guard.write(opts.report, renderSweepPage(r, chartAssets()));
  await guard.commit();
  if (opts.out === undefined) io.stdout(text);
  const summary = stepSummaryPath();
  if (summary !== undefined) guard.append(summary, renderSweepMarkdown(r));
  return r.points.some((p) => p.pass) ? EXIT.ok : EXIT.thresholdFailed;
}

/** Parses `--shard` against this process's environment. */
export function shardOption(text: string): Shard {
  try {
    return parseShard(text, process.env);
  } catch (e) {
    if (e instanceof ShardError) throw new UsageError(e.message);
    throw e;
  }
}

/** Checks that `--report -` leaves standard output to the CSV or JSON only when `--out` takes it elsewhere. */
export function checkSweepStdout(format: string, opts: { out?: string; report?: string } = {}): void {
  if (opts.report === STDOUT_ARG && opts.out === undefined) {
    throw new UsageError(`--report: expected standard output (-) free for the report, got the ${format.toUpperCase()} printed there too (give --out a file)`);
  }
}

/** The `sweep` command. Returns the exit code. */
export async function sweepCommand(file: string, opts: SweepOptions, io: CliIo, version: string): Promise<number> {
  checkSweepStdout(opts.format, opts);
  const workers = capWorkers(opts.workers, opts.quiet ? undefined : io.stderr);
  const shard = opts.shard === undefined ? null : shardOption(opts.shard);
  if (shard !== null && opts.report !== undefined) {
    throw new UsageError('--report: expected no --report with --shard (merge the shard files, then write the report), got both');
  }
  // The job summary is the merge's when sharded.
  const guard = OutputGuard.declare('sweep', [{ path: file, role: 'the scenario file' }], [...sweepOutputs(opts), ...(shard === null ? stepSummaryOutput() : [])]);
  const runner = new JobRunner(workers).warmUp();
  try {
    // Unsharded, the points checked first start on the pool threads while the rest are checked.
    let first = true;
    const plan = planSweep(file, opts, (set, sc) => {
      // The first point checked is the base scenario: its replay files are inputs too.
      if (first) guard.addInputs(replayInputs(sc));
      first = false;
      if (shard === null) runner.prefetch(file, set, sc, opts.whatIf !== false);
    });
    const points = shard === null ? undefined : shardItems(plan.grid.length, shard);
    const result = await withProgress(io, opts.quiet, (points?.length ?? plan.grid.length) * plan.replications, runner, () => runSweep(plan, version, runner, points));
    if (shard === null) return await emitSweep(result, opts, io, guard);
    const doc: ShardFile<SweepResult> = {
      format: 'a2psim-shard',
      format_version: 1,
      kind: 'sweep',
      a2psim_version: version,
      scenario_sha256: [plan.sha256],
      shard,
      points: points!,
      total: plan.grid.length,
      run: { scenario: result.scenario, set: result.set, parameters: result.parameters, replications: result.replications, seeds: result.seeds, expect: result.expect, metrics: result.metrics },
      result,
    };
    const text = JSON.stringify(doc, null, 2) + '\n';
    if (opts.out !== undefined) guard.write(opts.out, text);
    await guard.commit();
    if (opts.out === undefined) io.stdout(text);
    return EXIT.ok;
  } finally {
    await runner.close();
  }
}
