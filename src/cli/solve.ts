/**
 * `a2psim solve SCENARIO --vary PATH [--min A --max B | --values a,b,...]`: the smallest
 * value of PATH (largest with --maximize) at which every `expect:` threshold holds.
 * Exit 0 with an answer (or when the first value already passes), 1 when even the last
 * value fails, 2 for bad input.
 */
import { replicationSeeds } from '../check/runner.js';
import { GridError, gridOf, solveGrid, type GridValue } from '../check/solve.js';
import { jsonValue } from '../check/sweep.js';
import { SEED_PATH } from './sweep.js';
import { judge, type FailedThreshold, type Verdict } from '../check/verdict.js';
import { formatValue, parseThreshold } from '../check/expr.js';
import type { Summary } from '../report/summary.js';
import { EXIT, UsageError } from './errors.js';
import { parseNumberOption } from './numbers.js';

import { readScenarioText, type RunJob } from './jobs.js';
import { checkExpectOption, loadPoint, parseVaryPath, pointSettings } from './points.js';
import { JobRunner, parseWorkers } from './pool.js';
import { solveCostCommand, type SolveCostOptions } from './solve-cost.js';
import { parseReplicationsOption, parseSeedOption, type CliIo } from './run.js';

/** Options of `solve`: those of the cost objective, plus the one-path search. */
export interface SolveOptions extends SolveCostOptions {
  /** `value` (default): the smallest passing value of one path; `cost`: the cheapest passing point. */
  objective?: string;
  min?: string;
  max?: string;
  step?: string;
  values?: string;
  maximize?: boolean;
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
  if (opts.format !== 'table' && opts.format !== 'json') throw new UsageError(`--format: expected table or json, got ${JSON.stringify(opts.format)}`);
  const replications = parseReplicationsOption(opts.replications);
  const workers = parseWorkers(opts.workers, io.stderr);
  checkExpectOption(opts.expect);
  let grid: GridValue[];
  try {
    const values = opts.values === undefined ? undefined : opts.values.split(',').map((v) => v.trim()).filter((v) => v !== '');
    grid = gridOf({ values, min: num('--min', opts.min), max: num('--max', opts.max), step: num('--step', opts.step) });
  } catch (e) {
    if (e instanceof GridError) throw new UsageError(e.message);
    throw e;
  }
  const text = readScenarioText(file);
  const seedOpt = parseSeedOption(opts.seed);
  if (path === SEED_PATH && seedOpt !== undefined) {
    throw new UsageError('--seed: expected no --seed with --vary seed (each value runs its own seed), got both');
  }
  // The values are validated before the first run (--values all, a range its ends): a bad
  // value is exit 2, not a failing point.
  const base = loadPoint(file, text, pointSettings(opts.set, opts.expect, [[path, grid[0]]]), seedOpt);
  const others = opts.values === undefined ? grid.slice(-1) : grid.slice(1);
  for (const v of others) loadPoint(file, text, pointSettings(opts.set, opts.expect, [[path, v]]), seedOpt);
  const summaries = new Map<GridValue, Summary[]>();
  let runs = 0;
  const evaluate = async (value: GridValue): Promise<Verdict> => {
    const set = pointSettings(opts.set, opts.expect, [[path, value]]);
    // Each value's own seed (it differs from the first value's when the seed is the path).
    const seeds = replicationSeeds(loadPoint(file, text, set, seedOpt, false).seed, replications);
    const jobs: RunJob[] = seeds.map((seed) => ({ file, text, set, seed }));
    const s = await runner.run(jobs);
    runs += s.length;
    summaries.set(value, s);
    return judge(base.expect, s);
  };
  const runner = new JobRunner(workers);
  let out;
  try {
    out = await solveGrid(grid, opts.maximize === true, evaluate);
  } finally {
    await runner.close();
  }
  const side = opts.maximize ? 'above' : 'below';
  const neighbour = out.neighbour === null ? null : { value: jsonValue(out.neighbour.value), failed: [...out.neighbour.failed] };
  const report: SolveReport = {
    parameter: path,
    value: out.value === null ? null : jsonValue(out.value),
    [side]: neighbour,
    runs,
    bottleneck: out.value === null ? null : (summaries.get(out.value)?.[0].bottlenecks.binding ?? null),
  };
  io.stdout(opts.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderSolve(base.name, report, opts.maximize === true, grid, replications));
  return out.value === null ? EXIT.thresholdFailed : EXIT.ok;
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
