/**
 * `a2psim compare BASE.json NEW.json`: the baseline comparison of `check --baseline` for
 * two saved summaries (`a2psim run --format json`) or replicated documents (`run
 * --replications N --format json`, `check --update-baseline --replications N`). Exit 0
 * when nothing regressed, 1 on a regression, 2 on bad input. Warns (stderr) when the two
 * come from different scenarios or different submitted counts.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { compareSets, describeComparison, replicatedFileSchema, SIGNIFICANCE, summaryFileSchema } from '../../check/baseline.js';
import { parseTolerance, type Tolerance } from '../../check/tolerance.js';
import { formatValue, ThresholdError } from '../../check/expr.js';
import { METRICS } from '../../scenario/expect/metric-defs.js';
import { fromDoc, fromSummaries, type MetricSet, type ReplicatedDoc } from '../../check/replicated.js';
import { welchTest } from '../../check/stats.js';
import type { Summary } from '../../report/summary.js';
import { formatPath } from '../../scenario/yaml/locate.js';
import { describeValue, oneLine } from '../../scenario/errors.js';
import { EXIT, UsageError } from '../cli-errors.js';
import type { CliIo } from '../io/cli-io.js';
import { fitOut, printWarnings } from '../io/terminal.js';

export interface CompareOptions {
  tolerance: string[];
  /** No warnings on stderr. */
  quiet?: boolean;
}

/** The JSON in `path`. @throws UsageError when it cannot be read or parsed. */
function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`${path}: cannot read summary file (${err.code ?? String(e)})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path}: expected JSON (a summary from a2psim run --format json), got an error: ${oneLine(String((e as Error).message))}`);
  }
}

/** `data` as T when `schema` accepts it. @throws UsageError naming the first bad field. */
function checked<T>(path: string, data: unknown, schema: z.ZodType, what: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = formatPath(issue.path as (string | number)[]);
    let got: unknown = data;
    for (const k of issue.path) got = got !== null && typeof got === 'object' ? (got as Record<PropertyKey, unknown>)[k] : undefined;
    throw new UsageError(`${path}${at ? ` ${at}` : ''}: expected ${what} (${issue.message}), got ${describeValue(got)}`);
  }
  return data as T;
}

/** A baseline (or compared) file: a single-run summary or a replicated document. */
export interface BaselineFile {
  readonly path: string;
  readonly metrics: MetricSet;
}

/**
 * Reads a baseline: a summary (`run --format json`), or, when it has a `replications`
 * field, a replicated document (`check --update-baseline --replications N`).
 * @throws UsageError when it cannot be read, is not JSON, or is neither.
 */
export function readBaselineFile(path: string): BaselineFile {
  const data = readJson(path);
  if (data !== null && typeof data === 'object' && 'replications' in data) {
    const doc = checked<ReplicatedDoc>(path, data, replicatedFileSchema, 'a replicated baseline from a2psim check --update-baseline --replications N');
    return { path, metrics: fromDoc(doc) };
  }
  return { path, metrics: fromSummaries([checked<Summary>(path, data, summaryFileSchema, 'a summary from a2psim run --format json')]) };
}

/**
 * Parses the `--tolerance` options.
 * @throws UsageError naming the bad option.
 */
export function parseTolerances(texts: readonly string[]): Tolerance[] {
  return texts.map((t) => {
    try {
      return parseTolerance(t);
    } catch (e) {
      if (e instanceof ThresholdError) throw new UsageError(`--tolerance ${t}: ${e.message}`);
      throw e;
    }
  });
}

const SUBMITTED = { def: METRICS.find((d) => d.name === 'submitted')!, code: null, scope: null };

/**
 * Why two metric sets should not be compared, if they should not: different scenarios,
 * or submitted counts that differ (significantly, when either has replications).
 */
export function comparabilityWarnings(a: BaselineFile, b: BaselineFile): string[] {
  const out: string[] = [];
  if (a.metrics.scenario !== b.metrics.scenario) {
    out.push(`comparing different scenarios: "${a.metrics.scenario}" (${a.path}) and "${b.metrics.scenario}" (${b.path})`);
  }
  const sa = a.metrics.sample(SUBMITTED);
  const sb = b.metrics.sample(SUBMITTED);
  if (!('reason' in sa) && !('reason' in sb) && sa.mean !== sb.mean) {
    const test = welchTest(sa, sb);
    if (test === null || test.p < SIGNIFICANCE) {
      const show = (v: number): string => formatValue(v, 'count');
      out.push(`different submitted counts: ${show(sa.mean)} (${a.path}) and ${show(sb.mean)} (${b.path}); the traffic differs, so counts are not like for like`);
    }
  }
  return out;
}

/** The `compare` command. Returns the exit code. */
export function compareCommand(basePath: string, newPath: string, opts: CompareOptions, io: CliIo): number {
  const tolerances = parseTolerances(opts.tolerance);
  const base = readBaselineFile(basePath);
  const current = readBaselineFile(newPath);
  printWarnings(io, comparabilityWarnings(base, current), opts.quiet);
  const comparisons = compareSets(base.metrics, current.metrics, tolerances);
  const label = (f: BaselineFile): string => `${f.path} (${f.metrics.scenario}, seed ${f.metrics.seed}${f.metrics.runs > 1 ? `, ${f.metrics.runs} runs` : ''})`;
  io.stdout(fitOut(io, `${label(base)} → ${label(current)}`) + '\n');
  for (const c of comparisons) io.stdout(fitOut(io, `  ${describeComparison(c)}`) + '\n');
  const n = comparisons.filter((c) => c.regression).length;
  io.stdout(n === 0 ? `compare passed: no regression in ${comparisons.length} metrics\n` : `compare FAILED: ${n} of ${comparisons.length} metrics regressed\n`);
  return n === 0 ? EXIT.ok : EXIT.thresholdFailed;
}
