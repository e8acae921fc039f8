/**
 * `solve --objective cost --vary A=... --vary B=...`: the cheapest point of the grid at
 * which every threshold holds, by the mean monthly cost under the scenario's `pricing:`.
 * Every point is run (a sweep), since cost need not fall or rise along any one parameter.
 * Exit 0 with an answer, 1 when no point passes, 2 for bad input.
 */
import { appendSolveSummary, solveGuard } from '../io/step-summary.js';
import { EXIT, UsageError } from '../cli-errors.js';
import { JobRunner, capWorkers } from '../parallel/worker-pool.js';
import type { CliIo } from '../io/cli-io.js';
import type { SolveFormat } from '../options/shared-options.js';
import { planSweep, runSweep } from './sweep-command.js';
import { fitOut } from '../io/terminal.js';
import { withProgress } from '../run/progress.js';

/** Options of the cost objective (those of `solve` that apply). */
export interface SolveCostOptions {
  /** One path (PATH=values for each with --objective cost). */
  vary: string[];
  replications?: number;
  format: SolveFormat;
  /** Thresholds replacing the scenario's `expect:` (repeatable). */
  expect: string[];
  seed?: number;
  set: string[];
  /** Worker threads (default: one per core). */
  workers?: number;
  /** No progress line or notes on stderr. */
  quiet?: boolean;
}

/** The JSON answer of `solve --objective cost --format json`. */
export interface SolveCostReport {
  objective: 'cost';
  /** The value of each varied path at the answer; null when no point passes. */
  values: Record<string, number | string> | null;
  /** Mean monthly cost and cost per run at the answer, in `currency`. */
  cost: { currency: string; monthly: number; per_run: number } | null;
  points: number;
  passing: number;
  runs: number;
  bottleneck: string | null;
}

/** The cost objective of `solve`. Returns the exit code. */
export async function solveCostCommand(file: string, opts: SolveCostOptions, io: CliIo, version: string): Promise<number> {
  const workers = capWorkers(opts.workers, opts.quiet ? undefined : io.stderr);
  const guard = solveGuard(file);
  const runner = new JobRunner(workers).warmUp();
  let plan;
  let result;
  try {
    plan = planSweep(file, { ...opts, metric: ['cost', 'cost_per_run'] });
    if (!plan.expect.length) throw new UsageError(`${file}: expected expect: thresholds to meet (in the scenario or with --expect), got none`);
    const p = plan;
    result = await withProgress(io, opts.quiet, p.grid.length * p.replications, runner, () => runSweep(p, version, runner));
  } finally {
    await runner.close();
  }
  const first = plan.grid.length;
  const best = result.cheapest === null ? null : result.points.find((p) => p.index === result.cheapest)!;
  const currency = plan.currency ?? 'USD';
  const report: SolveCostReport = {
    objective: 'cost',
    values: best === null ? null : best.values,
    cost: best === null ? null : { currency, monthly: best.metrics.cost.mean!, per_run: best.metrics.cost_per_run.mean! },
    points: first,
    passing: result.points.filter((p) => p.pass).length,
    runs: first * plan.replications,
    bottleneck: best?.bottleneck ?? null,
  };
  const text = renderCost(plan.name, report);
  io.stdout(opts.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : fitOut(io, text));
  appendSolveSummary(guard, best !== null, `a2psim solve — ${plan.name}`, text);
  return best === null ? EXIT.thresholdFailed : EXIT.ok;
}

function renderCost(name: string, r: SolveCostReport): string {
  const lines = [`a2psim solve — ${name}: the cheapest point at which every threshold holds`];
  if (r.values === null || r.cost === null) {
    lines.push(`no answer: none of the ${r.points} points passes`);
  } else {
    const at = Object.entries(r.values).map(([k, v]) => `${k} = ${v}`).join(', ');
    lines.push(`answer: ${at}`);
    lines.push(`cost: ${r.cost.monthly} ${r.cost.currency} a month (${r.cost.per_run} ${r.cost.currency} per run)`);
    lines.push(`bottleneck there: ${r.bottleneck}`);
  }
  lines.push(`points: ${r.points}, passing: ${r.passing}, runs: ${r.runs}`);
  return lines.join('\n') + '\n';
}
