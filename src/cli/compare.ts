/**
 * `a2psim compare BASE.json NEW.json`: the baseline comparison of `check --baseline` for
 * two saved summaries (`a2psim run --format json`). Exit 0 when nothing regressed, 1 on
 * a regression, 2 on bad input.
 */
import { readFileSync } from 'node:fs';
import { compareSummaries, describeComparison, parseTolerance, summaryFileSchema, type Tolerance } from '../check/baseline.js';
import { ThresholdError } from '../check/expr.js';
import type { Summary } from '../report/summary.js';
import { formatPath } from '../scenario/locate.js';
import { describeValue, oneLine } from '../scenario/errors.js';
import { EXIT, UsageError } from './errors.js';
import type { CliIo } from './run.js';

export interface CompareOptions {
  tolerance: string[];
}

/**
 * Reads a summary JSON file.
 * @throws UsageError when it cannot be read, is not JSON, or lacks a summary field.
 */
export function readSummaryFile(path: string): Summary {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`${path}: cannot read summary file (${err.code ?? String(e)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${path}: expected JSON (a summary from a2psim run --format json), got an error: ${oneLine(String((e as Error).message))}`);
  }
  const parsed = summaryFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = formatPath(issue.path as (string | number)[]);
    let got: unknown = data;
    for (const k of issue.path) got = got !== null && typeof got === 'object' ? (got as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined;
    throw new UsageError(`${path}${at ? ` ${at}` : ''}: expected a summary from a2psim run --format json (${issue.message}), got ${describeValue(got)}`);
  }
  return data as Summary;
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

/** The `compare` command. Returns the exit code. */
export function compareCommand(basePath: string, newPath: string, opts: CompareOptions, io: CliIo): number {
  const tolerances = parseTolerances(opts.tolerance);
  const base = readSummaryFile(basePath);
  const current = readSummaryFile(newPath);
  const comparisons = compareSummaries(base, [current], tolerances);
  io.stdout(`${basePath} (${base.scenario}, seed ${base.seed}) → ${newPath} (${current.scenario}, seed ${current.seed})\n`);
  for (const c of comparisons) io.stdout(`  ${describeComparison(c)}\n`);
  const n = comparisons.filter((c) => c.regression).length;
  io.stdout(n === 0 ? `compare passed: no regression in ${comparisons.length} metrics\n` : `compare FAILED: ${n} of ${comparisons.length} metrics regressed\n`);
  return n === 0 ? EXIT.ok : EXIT.thresholdFailed;
}
