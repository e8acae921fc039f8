/**
 * `a2psim solve SCENARIO --vary PATH [--min A --max B | --values a,b,...]`: the smallest
 * value of PATH (largest with --maximize) at which every `expect:` threshold holds.
 * Exit 0 with an answer (or when the first value already passes), 1 when even the last
 * value fails, 2 for bad input.
 */
import { appendSolveSummary, solveGuard } from '../io/step-summary.js';
import { replicationSeeds } from '../../check/runner.js';
import { GridError, gridOf, solveGrid, type GridValue, type SolveOutcome } from '../../check/solve.js';
import { jsonValue } from '../../check/sweep.js';
import { SEED_PATH } from './sweep-command.js';
import { judge, type FailedThreshold, type Verdict } from '../../check/verdict.js';
import { formatValue, parseThreshold } from '../../check/expr.js';
import type { Summary } from '../../report/summary.js';
import { EXIT, UsageError } from '../cli-errors.js';
import { parseNumberOption } from '../options/number-option.js';

import { readScenarioText, runJob, type RunJob } from '../parallel/jobs.js';
import { checkExpectOption, loadPoint, parseVaryPath, pointSettings } from './points.js';
import { JobRunner, capWorkers } from '../parallel/worker-pool.js';
import { solveCostCommand, type SolveCostOptions } from './solve-cost.js';
import type { CliIo } from '../io/cli-io.js';
import { fitOut } from '../io/terminal.js';
import { withProgress } from '../run/progress.js';

/** Options of `solve`: those of the cost objective, plus the one-path search. */
export interface SolveOptions extends SolveCostOptions {
  /** `value` (default): the smallest passing value of one path; `cost`: the cheapest passing point. */
  objective?: string;
  min?: string;
  max?: string;
  step?: string;
  values?: string;
  maximize?: boolean;
  /** False for `--no-what-if`: the answer's bottleneck by share of waiting, without re-runs. */
  whatIf?: boolean;
}

/** The JSON answer of `solve --format json`. */
export interface SolveReport {
  parameter: string;
  /** The answer; null when even the last value fails. */
  value: number | string | null;
  /** The failing neighbour (below; above with --maximize); null when the first value passes. */
  below?: { value: number | string; failed: FailedThreshold[] } | null;
  above?: { value: number | string; failed: FailedThreshold[] } | null;
  runs: number;
  /** The binding constraint at the answer, in plain words; null without an answer. */
  bottleneck: string | null;
}

function num(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  return parseNumberOption(flag, v);
}

function describeFailed(f: FailedThreshold): string {
  const t = parseThreshold(f.threshold);
  if (f.observed === null) return `${f.threshold} (no data)`;
  const shown = formatValue(f.observed, t.ref.def.kind, t.percent);
  const hw = f.half_width === null ? '' : ` ± ${formatValue(f.half_width, t.ref.def.kind, t.percent)}`;
  return `${f.threshold} (observed ${shown}${hw})`;
}

/** A one-path search, its options already checked: what {@link solveValue} runs. */
export interface SolveSpec {
  /** Scenario path. */
  readonly file: string;
  /** The field path searched, e.g. `account.mps.sms`. */
  readonly path: string;
  /** The values in search order's ascending sense (see `gridOf`). */
  readonly grid: readonly GridValue[];
  /** True when the values were listed (every one is validated first), false for a range (its last is). */
  readonly listed: boolean;
  /** Search for the largest passing value instead of the smallest. */
  readonly maximize: boolean;
  readonly replications: number;
  /** Thresholds replacing the scenario's `expect:` (none: the scenario's). */
  readonly expect: readonly string[];
  /** `--set` overrides every point shares. */
  readonly set: readonly string[];
  /** Replaces the scenario's seed. */
  readonly seed?: number;
  /** False: the answer's bottleneck by share of waiting, without the what-if re-runs (`--no-what-if`). */
  readonly whatIf?: boolean;
}

/** A finished search: the scenario's name, the search itself and its report. */
export interface SolvedValue {
  readonly name: string;
  readonly outcome: SolveOutcome;
  readonly report: SolveReport;
}

/**
 * Validates every point a search may run (a bad value is bad input, not a failing point),
 * then searches the grid on `runner`.
 * @throws ScenarioError for a bad scenario or value; UsageError when there are no thresholds.
 */
export async function solveValue(spec: SolveSpec, runner: JobRunner): Promise<SolvedValue> {
  const { file, path, grid } = spec;
  if (path === SEED_PATH && spec.seed !== undefined) {
    throw new UsageError('--seed: expected no --seed with --vary seed (each value runs its own seed), got both');
  }
  const text = readScenarioText(file);
  const base = loadPoint(file, text, pointSettings(spec.set, spec.expect, [[path, grid[0]]]), spec.seed);
  const others = spec.listed ? grid.slice(1) : grid.slice(-1);
  for (const v of others) loadPoint(file, text, pointSettings(spec.set, spec.expect, [[path, v]]), spec.seed);
  const summaries = new Map<GridValue, Summary[]>();
  let runs = 0;
  /** A value's settings and its seeds: its own seed (not the first value's when the seed is the path) and those derived from it. */
  const pointOf = (value: GridValue): { set: string[]; seeds: number[] } => {
    const set = pointSettings(spec.set, spec.expect, [[path, value]]);
    return { set, seeds: replicationSeeds(loadPoint(file, text, set, spec.seed, false).seed, spec.replications) };
  };
  const evaluate = async (value: GridValue): Promise<Verdict> => {
    const { set, seeds } = pointOf(value);
    const jobs: RunJob[] = seeds.map((seed) => ({ file, text, set, seed }));
    const s = await runner.run(jobs);
    runs += s.length;
    summaries.set(value, s);
    return judge(base.expect, s);
  };
  // The answer's bottleneck: by what-if (one more run of its first seed, with the re-runs), unless switched off.
  const bottleneckAt = (value: GridValue): string | null => {
    if (spec.whatIf === false) return summaries.get(value)?.[0].bottlenecks.binding ?? null;
    const { set, seeds } = pointOf(value);
    return runJob({ file, text, set, seed: seeds[0], whatIf: true }).bottlenecks.binding;
  };
  const out = await solveGrid(grid, spec.maximize, evaluate);
  const side = spec.maximize ? 'above' : 'below';
  const neighbour = out.neighbour === null ? null : { value: jsonValue(out.neighbour.value), failed: [...out.neighbour.failed] };
  const report: SolveReport = {
    parameter: path,
    value: out.value === null ? null : jsonValue(out.value),
    [side]: neighbour,
    runs,
    bottleneck: out.value === null ? null : bottleneckAt(out.value),
  };
  return { name: base.name, outcome: out, report };
}

/** The `solve` command. Returns the exit code. */
export async function solveCommand(file: string, opts: SolveOptions, io: CliIo, version: string): Promise<number> {
  const objective = opts.objective ?? 'value';
  if (objective !== 'value' && objective !== 'cost') throw new UsageError(`--objective: expected value or cost, got ${JSON.stringify(objective)}`);
  if (objective === 'cost') {
    const stray = (['min', 'max', 'step', 'values', 'maximize'] as const).find((k) => opts[k] !== undefined);
    if (stray !== undefined) throw new UsageError(`--${stray}: expected no --${stray} with --objective cost (give each --vary PATH=values), got one`);
    return solveCostCommand(file, opts, io, version);
  }
  if (opts.vary.length !== 1) throw new UsageError(`--vary: expected one path (several only with --objective cost), got ${opts.vary.length}`);
  const path = parseVaryPath('--vary', opts.vary[0]);
  const replications = opts.replications ?? 1;
  const workers = capWorkers(opts.workers, opts.quiet ? undefined : io.stderr);
  checkExpectOption(opts.expect);
  let grid: GridValue[];
  try {
    const values = opts.values === undefined ? undefined : opts.values.split(',').map((v) => v.trim()).filter((v) => v !== '');
    grid = gridOf({ values, min: num('--min', opts.min), max: num('--max', opts.max), step: num('--step', opts.step) });
  } catch (e) {
    if (e instanceof GridError) throw new UsageError(e.message);
    throw e;
  }
  const guard = solveGuard(file);
  const runner = new JobRunner(workers);
  let solved: SolvedValue;
  try {
    const spec = { file, path, grid, listed: opts.values !== undefined, maximize: opts.maximize === true, replications, expect: opts.expect, set: opts.set, seed: opts.seed, whatIf: opts.whatIf };
    // The search decides how many values it tries: the count of runs has no total.
    solved = await withProgress(io, opts.quiet, null, runner, () => solveValue(spec, runner));
  } finally {
    await runner.close();
  }
  const { report } = solved;
  const text = renderSolve(solved.name, report, opts.maximize === true, grid, replications);
  io.stdout(opts.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : fitOut(io, text));
  appendSolveSummary(guard, report.value !== null, `a2psim solve — ${solved.name}`, text);
  return report.value === null ? EXIT.thresholdFailed : EXIT.ok;
}

function renderSolve(name: string, r: SolveReport, maximize: boolean, grid: readonly GridValue[], replications: number): string {
  const word = maximize ? 'largest' : 'smallest';
  const lines = [`a2psim solve — ${name}: the ${word} ${r.parameter} at which every threshold holds`];
  const n = maximize ? r.above : r.below;
  const runs = `runs: ${r.runs}${replications > 1 ? ` (${r.runs / replications} values × ${replications} replications)` : ''}`;
  if (r.value === null) {
    const last = maximize ? grid[0] : grid[grid.length - 1];
    lines.push(`no answer: even ${r.parameter} = ${last} fails`);
    for (const f of n?.failed ?? []) lines.push(`  ✗ ${describeFailed(f)}`);
    lines.push(runs);
    return lines.join('\n') + '\n';
  }
  if (n === null || n === undefined) {
    lines.push(`answer: ${r.parameter} = ${r.value} (the ${maximize ? 'largest' : 'smallest'} value tried already passes; widen the range to search further)`);
  } else {
    lines.push(`answer: ${r.parameter} = ${r.value}`);
    lines.push(`just ${maximize ? 'above' : 'below'}: ${n.value} fails`);
    for (const f of n.failed) lines.push(`  ✗ ${describeFailed(f)}`);
  }
  lines.push(`bottleneck at ${r.value}: ${r.bottleneck}`);
  lines.push(runs);
  return lines.join('\n') + '\n';
}
