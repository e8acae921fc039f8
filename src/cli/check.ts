/**
 * `a2psim check <files or globs>...`: runs every scenario, evaluates its `expect:`
 * thresholds (and a baseline comparison when asked), prints ✓/✗ lines, and writes the
 * JUnit, JSON and GitHub job-summary reports. Exit 0 all pass, 1 any fails, 2 bad input.
 * Every scenario (and baseline) is read and validated before the first run.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareSummaries } from '../check/baseline.js';
import { checkJson } from '../check/json.js';
import { renderJUnit } from '../check/junit.js';
import { renderMarkdown } from '../check/markdown.js';
import { checkPassed, checkScenario, type ScenarioCheck } from '../check/runner.js';
import { renderText } from '../check/text.js';
import type { Summary } from '../report/summary.js';
import { parseTolerances, readSummaryFile } from './compare.js';
import { EXIT, UsageError } from './errors.js';
import { expandFiles, isDirectory } from './files.js';
import { writeFileAtomic } from './output.js';
import { writeReports, type ReportEntry } from './report.js';
import { reportObserver } from '../report/html/report.js';
import { loadWithOverrides, type CliIo } from './run.js';
import { prepareReplay } from '../traffic/replay.js';

export interface CheckOptions {
  seed?: string;
  set: string[];
  replications?: string;
  /** Directory for one HTML report per scenario plus index.html. */
  report?: string;
  baseline?: string;
  tolerance: string[];
  updateBaseline?: boolean;
  junit?: string;
  json?: string;
}

/** Most replications a check accepts. */
export const MAX_REPLICATIONS = 10_000;

export function parseReplications(v: string | undefined): number {
  if (v === undefined) return 1;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > MAX_REPLICATIONS) {
    throw new UsageError(`--replications: expected an integer from 1 to ${MAX_REPLICATIONS}, got ${JSON.stringify(v)}`);
  }
  return n;
}

/** File name of a scenario's baseline in a baseline directory. */
export function baselineFileName(scenarioName: string): string {
  return `${scenarioName.replace(/[^\w.-]/g, '_')}.json`;
}

/** The baseline file of each scenario: one file for one scenario, or DIR/<name>.json. */
function baselinePaths(opt: string, names: readonly string[]): string[] {
  if (!opt.endsWith('/') && !isDirectory(opt)) {
    if (names.length > 1) {
      throw new UsageError(`--baseline: expected a directory (one baseline per scenario) for ${names.length} scenarios, got the file ${opt}`);
    }
    return [opt];
  }
  const paths = names.map((n) => join(opt, baselineFileName(n)));
  const dup = paths.find((p, i) => paths.indexOf(p) !== i);
  if (dup !== undefined) throw new UsageError(`--baseline: two scenarios share the baseline ${dup}; give them different names`);
  return paths;
}

/** The `check` command. Returns the exit code. */
export function checkCommand(patterns: readonly string[], opts: CheckOptions, io: CliIo, version: string): number {
  const replications = parseReplications(opts.replications);
  const tolerances = parseTolerances(opts.tolerance);
  if (opts.baseline === undefined && (tolerances.length > 0 || opts.updateBaseline)) {
    throw new UsageError(`${opts.updateBaseline ? '--update-baseline' : '--tolerance'}: expected --baseline FILE too, got none`);
  }
  if (opts.updateBaseline && replications > 1) {
    throw new UsageError('--update-baseline: expected a single run, got --replications > 1 (a baseline is one run\'s summary)');
  }
  const files = expandFiles(patterns);
  const loaded = files.map((file) => {
    const scenario = loadWithOverrides(file, opts);
    return {
      file,
      scenario,
      // Replay files are read and checked completely here, before anything runs.
      replay: prepareReplay(scenario).replay,
      sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
    };
  });
  const paths = opts.baseline === undefined ? null : baselinePaths(opts.baseline, loaded.map((l) => l.scenario.name));
  const baselines: (Summary | null)[] = loaded.map((_, i) =>
    paths === null || opts.updateBaseline ? null : readSummaryFile(paths[i]),
  );

  const reports: ReportEntry[] = [];
  const checks: ScenarioCheck[] = loaded.map(({ file, scenario, replay, sha256 }, i) => {
    const series = opts.report === undefined ? undefined : reportObserver(scenario);
    const { summaries, result, ...run } = checkScenario(scenario, file, replications, sha256, { observer: series, replay });
    if (series !== undefined) reports.push({ source: file, result, series });
    const base = baselines[i];
    const baseline = base === null || paths === null ? null : { file: paths[i], comparisons: compareSummaries(base, summaries, tolerances) };
    let baselineWritten: string | null = null;
    if (opts.updateBaseline && paths !== null) {
      baselineWritten = paths[i];
      writeFileAtomic(baselineWritten, JSON.stringify(run.summary, null, 2) + '\n');
    }
    return { ...run, baseline, baselineWritten };
  });

  io.stdout(renderText(checks));
  if (opts.report !== undefined) {
    writeReports(opts.report, reports.map((r, i) => ({ ...r, passed: checkPassed(checks[i]) })));
  }
  if (opts.junit !== undefined) writeFileAtomic(opts.junit, renderJUnit(checks));
  if (opts.json !== undefined) {
    const doc = checkJson(checks, { version, set: opts.set, replications });
    writeFileAtomic(opts.json, JSON.stringify(doc, null, 2) + '\n');
  }
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) appendFileSync(stepSummary, renderMarkdown(checks));
  return checks.every(checkPassed) ? EXIT.ok : EXIT.thresholdFailed;
}

