/**
 * a2psim as a library: `import { loadScenario, simulate, summarize, check, sweep, solve } from 'a2psim'`.
 * The functions are the ones the CLI's commands are built on; the CLI adds only option
 * parsing, files and printing. Bad input throws a typed error: {@link ScenarioError} (with
 * file, line, column and field path) for a scenario, {@link UsageError} for a bad option
 * value. Simulations are deterministic: the same scenario and seed give the same summary.
 */
import { readFileSync } from 'node:fs';
import { runCheck, type CheckRun } from '../check/runner.js';
import type { Scenario } from '../scenario/model.js';
import { prepareReplay } from '../traffic/replay.js';
import { JobRunner } from '../cli/parallel/worker-pool.js';
import { planSweep, runSweep } from '../cli/commands/sweep-command.js';
import { solveValue, type SolvedValue } from '../cli/commands/solve-command.js';
import { GridError, gridOf, type GridSpec } from '../check/solve.js';
import type { SweepResult } from '../check/sweep.js';
import { UsageError } from '../cli/cli-errors.js';
import { parseReplications, parseSeed } from '../cli/options/shared-options.js';
import type { SimulationResult } from '../engine/simulate.js';
import { summarize as summarizeResult, type Summary } from '../report/summary.js';
import { withWhatIf, type WhatIfChoice } from '../report/what-if.js';

export { loadScenarioFile as loadScenario, parseScenario, type ScenarioOverrides } from '../scenario/load.js';
export { ScenarioError, type ScenarioErrorInit } from '../scenario/errors.js';
export type { Scenario } from '../scenario/model.js';
export { simulate, type SimulateOptions, type SimulationResult } from '../engine/simulate.js';
export type { Summary, ScopeSummary, CarrierSummary, WaitSummary } from '../report/summary.js';
export { replicationSeeds, type CheckRun } from '../check/runner.js';
export type { ThresholdResult } from '../check/evaluate.js';
export type { FailedThreshold, Verdict } from '../check/verdict.js';
export type { SweepPoint, SweepResult, PointMetric } from '../check/sweep.js';
export type { SolveOutcome, GridSpec, GridValue } from '../check/solve.js';
export type { SolveReport, SolvedValue } from '../cli/commands/solve-command.js';
export { UsageError, OutputError } from '../cli/cli-errors.js';

/** This package's version, e.g. `0.2.0`. */
export const version: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The summary of a run, as `run --format json` prints it: totals, waits, failures, per
 * carrier, sender and traffic, and the bottleneck — by what-if (the run repeated with each
 * limit that held messages relaxed; runs of up to a million messages) unless
 * `{ enabled: false }`, then by share of waiting, as `--no-what-if`. A replayed run's trials
 * need its replay files: pass `{ replay }` as given to {@link simulate}.
 */
export function summarize(result: SimulationResult, whatIf: WhatIfChoice = {}): Summary {
  return withWhatIf(summarizeResult(result), result, whatIf);
}

/** Options of {@link check}. */
export interface CheckOptions {
  /** Seeds to run, derived from the scenario's (the first is its own); default 1. */
  readonly replications?: number;
}

/**
 * Runs a scenario (under `replications` derived seeds) and judges its `expect:` thresholds,
 * as `a2psim check` does before comparing with a baseline. Replay files are read and
 * checked completely first.
 * @throws ScenarioError for a bad replay file.
 */
export function check(scenario: Scenario, options: CheckOptions = {}): CheckRun {
  const replications = options.replications ?? 1;
  if (!Number.isInteger(replications) || replications < 1) throw new UsageError(`replications: expected an integer from 1, got ${replications}`);
  return runCheck(scenario, replications, { replay: prepareReplay(scenario).replay });
}

/** Options shared by {@link sweep} and {@link solve}. */
export interface GridOptions {
  /** Seeds per point, derived from the scenario's; default 1. */
  readonly replications?: number;
  /** Thresholds replacing the scenario's `expect:`, e.g. `wait_p95 <= 5m`. */
  readonly expect?: readonly string[];
  /** Overrides every point shares, as `--set`: `path=value`. */
  readonly set?: readonly string[];
  /** Replaces the scenario's seed. */
  readonly seed?: number;
  /** Worker threads; default 1 (this thread only). */
  readonly workers?: number;
}

/** Options of {@link sweep}. */
export interface SweepOptions extends GridOptions {
  /** One entry per parameter, as `--vary`: `PATH=v1,v2,...` or `PATH=a..b:step`. */
  readonly vary: readonly string[];
  /** Metrics to report instead of the default list. */
  readonly metrics?: readonly string[];
}

/** Runs `work` on a job runner of `workers` threads, closing it after. */
async function withRunner<T>(workers: number | undefined, work: (runner: JobRunner) => Promise<T>): Promise<T> {
  const n = workers ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`workers: expected an integer from 1, got ${n}`);
  const runner = new JobRunner(n);
  try {
    return await work(runner);
  } finally {
    await runner.close();
  }
}

/**
 * Runs every point of a parameter grid, as `a2psim sweep`: the same points, seeds and
 * metrics, so `JSON.stringify` of the result equals the CLI's `--format json` output.
 * @throws UsageError for a bad `vary` or `expect`; ScenarioError for a bad scenario or value.
 */
export async function sweep(file: string, options: SweepOptions): Promise<SweepResult> {
  const opts = {
    vary: [...options.vary],
    // Checked as the CLI checks `--replications` and `--seed` (same limits, same messages).
    replications: options.replications === undefined ? undefined : parseReplications(String(options.replications)),
    expect: [...(options.expect ?? [])],
    seed: options.seed === undefined ? undefined : parseSeed(String(options.seed)),
    set: [...(options.set ?? [])],
    metric: [...(options.metrics ?? [])],
  };
  return withRunner(options.workers, async (runner) => runSweep(planSweep(file, opts), version, runner));
}

/** Options of {@link solve}. */
export interface SolveOptions extends GridOptions, GridSpec {
  /** The field path searched, e.g. `account.mps.sms`. */
  readonly path: string;
  /** Search for the largest passing value instead of the smallest. */
  readonly maximize?: boolean;
}

/**
 * The smallest value of `path` (largest with `maximize`) at which every threshold holds, as
 * `a2psim solve`: the values are `values`, or `min` to `max` by `step`.
 * @throws UsageError for a bad grid or no thresholds; ScenarioError for a bad scenario or value.
 */
export async function solve(file: string, options: SolveOptions): Promise<SolvedValue> {
  let grid: string[];
  try {
    grid = gridOf(options);
  } catch (e) {
    if (e instanceof GridError) throw new UsageError(e.message);
    throw e;
  }
  const replications = options.replications ?? 1;
  const spec = {
    file,
    path: options.path,
    grid,
    listed: options.values !== undefined,
    maximize: options.maximize === true,
    replications,
    expect: options.expect ?? [],
    set: options.set ?? [],
    seed: options.seed,
  };
  return withRunner(options.workers, (runner) => solveValue(spec, runner));
}
