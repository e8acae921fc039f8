/**
 * `a2psim check <files or globs>...`: runs every scenario, evaluates its `expect:`
 * thresholds (and a baseline comparison when asked), prints ✓/✗ lines, and writes the
 * JUnit, JSON and GitHub job-summary reports. Exit 0 all pass, 1 any fails, 2 bad input.
 * Every scenario (and baseline) is read and validated before the first run.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { compareSets } from '../../check/baseline.js';
import { METRICS, type MetricRef } from '../../scenario/expect/metric-defs.js';
import { fromSummaries, replicatedDoc } from '../../check/replicated.js';
import { checkJson } from '../../check/json.js';
import { renderJUnit } from '../../check/junit.js';
import { renderMarkdown } from '../../check/markdown.js';
import { checkPassed, checkScenario, type ScenarioCheck } from '../../check/runner.js';
import { renderText } from '../../check/text.js';
import type { IndexMeans, MeanCell } from '../../report/html/index-page.js';
import type { Summary } from '../../report/summary.js';
import { parseTolerances, readBaselineFile, type BaselineFile } from './compare-command.js';
import { EXIT, UsageError } from '../cli-errors.js';
import { expandFiles, isDirectory } from '../io/files.js';
import { OutputGuard, STDOUT_ARG, type DeclaredOutput } from '../io/output-guard.js';
import { reportPaths, writeReports, type ReportEntry } from '../io/report-files.js';
import { stopPoint } from '../io/stop.js';
import { reportObserver } from '../../report/html/report.js';
import type { CliIo } from '../io/cli-io.js';
import type { ProviderId } from '../../rules/providers.js';
import { loadWithOverrides } from '../options/scenario-overrides.js';
import { prepareReplay } from '../../traffic/replay.js';
import { scenarioFileBytes, scenarioFileName } from '../../scenario/load.js';
import { capWorkers } from '../parallel/worker-pool.js';
import { replicationsOnPool } from '../parallel/check-pool.js';
import { checkShardOptions, writeCheckShard } from '../parallel/check-shard.js';
import { shardItems } from '../../check/shards.js';
import { shardOption } from './sweep-command.js';
import { fitOut, printWarnings } from '../io/terminal.js';
import { checkExpectOption } from './points.js';
import { pointSettings } from './points.js';
import { countProgress } from '../run/progress.js';

export interface CheckOptions {
  seed?: number;
  set: string[];
  /** `--max-messages`: refuse runs estimated larger (default one billion). */
  maxMessages?: number;
  /** `--provider`: whose rules apply. */
  provider?: ProviderId;
  replications?: number;
  /** Directory for one HTML report per scenario plus index.html. */
  report?: string;
  baseline?: string;
  tolerance: string[];
  updateBaseline?: boolean;
  junit?: string;
  json?: string;
  /** No warnings on stderr. */
  quiet?: boolean;
  /** Worker threads for the replications (default: one per core). */
  workers?: number;
  /** `i/n` (or `n` with the index from the environment): check one shard of the files, write its result file. */
  shard?: string;
  /** With --shard: the result file (default stdout). */
  out?: string;
  /** Thresholds judged instead of each scenario's `expect:` (as `solve` and `sweep` take them). */
  expect?: string[];
}

const ref = (name: string): MetricRef => ({ def: METRICS.find((d) => d.name === name && !d.takesCode)!, code: null, scope: null });

/** The index page's figures as means ± 95% half-width over the replications. */
function indexMeans(summaries: readonly Summary[]): IndexMeans {
  const set = fromSummaries(summaries);
  const cell = (name: string): MeanCell => {
    const s = set.sample(ref(name));
    return 'reason' in s ? { mean: null, halfWidth: null } : { mean: s.mean, halfWidth: s.halfWidth };
  };
  return { runs: summaries.length, submitted: cell('submitted'), delivered: cell('delivered'), failed: cell('failed'), queued: cell('queued'), waitP95: cell('wait_p95') };
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

const optionalFile = (option: string, path: string | undefined): DeclaredOutput[] => (path === undefined ? [] : [{ option, path }]);

/** The `check` command. Returns the exit code. */
export async function checkCommand(patterns: readonly string[], opts: CheckOptions, io: CliIo, version: string): Promise<number> {
  // `--expect` replaces every scenario's thresholds, as one more `--set` (so replications,
  // shards and the JSON see the same settings).
  checkExpectOption(opts.expect ?? []);
  opts = { ...opts, set: pointSettings(opts.set, opts.expect ?? [], []) };
  const replications = opts.replications ?? 1;
  const workers = capWorkers(opts.workers, opts.quiet ? undefined : io.stderr);
  const tolerances = parseTolerances(opts.tolerance);
  if (opts.baseline === undefined && (tolerances.length > 0 || opts.updateBaseline)) {
    throw new UsageError(`${opts.updateBaseline ? '--update-baseline' : '--tolerance'}: expected --baseline FILE too, got none`);
  }
  const shard = opts.shard === undefined ? null : shardOption(opts.shard);
  if (shard !== null) checkShardOptions(opts);
  if (opts.report === STDOUT_ARG) throw new UsageError('--report: expected a folder, got - (standard output holds one file only; the report is a file per scenario and an index.html)');
  const allFiles = expandFiles(patterns);
  const items = shardItems(allFiles.length, shard);
  const files = items.map((i) => allFiles[i]);
  const loaded = files.map((file) => {
    const scenario = loadWithOverrides(file, opts);
    return {
      file,
      scenario,
      // Replay files are read and checked completely here, before anything runs.
      ...prepareReplay(scenario),
      sha256: createHash('sha256').update(scenarioFileBytes(file)).digest('hex'),
    };
  });
  const paths = opts.baseline === undefined ? null : baselinePaths(opts.baseline, loaded.map((l) => l.scenario.name));
  const baselines: (BaselineFile | null)[] = loaded.map((_, i) =>
    paths === null || opts.updateBaseline ? null : readBaselineFile(paths[i]),
  );
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  const guard = OutputGuard.declare(
    'check',
    [
      ...loaded.flatMap((l) => [{ path: l.file, role: 'a scenario file' }, ...l.plans.map((p) => ({ path: p.path, role: 'a replay file' }))]),
      ...(paths !== null && !opts.updateBaseline ? paths.map((p) => ({ path: p, role: 'a baseline' })) : []),
    ],
    [
      ...(paths !== null && opts.updateBaseline ? paths.map((p) => ({ option: '--baseline', path: p, role: '--update-baseline' })) : []),
      ...optionalFile('--junit', opts.junit),
      ...optionalFile('--json', opts.json),
      ...optionalFile('--out', opts.out),
      // Every file of the report folder, by the scenarios' names: one may be an input.
      ...(opts.report === undefined ? [] : reportPaths(opts.report, loaded.map((l) => l.scenario.name)).map((path) => ({ option: '--report', path }))),
      ...optionalFile('GITHUB_STEP_SUMMARY', stepSummary || undefined),
    ],
  );

  const reports: ReportEntry[] = [];
  const means: (IndexMeans | undefined)[] = [];
  const checks: ScenarioCheck[] = [];
  const progress = countProgress(io, opts.quiet, loaded.length * replications);
  const tick = (): void => progress?.tick();
  try {
    // Every replication after the first runs on the worker pool; the first runs here, observed for the report.
    const rest = await replicationsOnPool(loaded, replications, opts, workers, tick);
    for (const [i, { file, scenario, replay, sha256 }] of loaded.entries()) {
      await stopPoint(); // between scenarios: a stop signal is heard here
      const series = opts.report === undefined ? undefined : reportObserver(scenario);
      const { summaries, result, ...run } = checkScenario(scenario, scenarioFileName(file), replications, sha256, { observer: series, replay, rest: rest[i], onRun: tick });
      if (series !== undefined) reports.push({ source: file, result, series });
      const warnings = new Set(summaries.flatMap((s) => s.warnings));
      if (warnings.size > 0) progress?.clear(); // redrawn at the next run
      printWarnings(io, warnings, opts.quiet, `${scenarioFileName(file)}: `);
      means.push(replications > 1 ? indexMeans(summaries) : undefined);
      const base = baselines[i];
      const baseline = base === null ? null : { file: base.path, comparisons: compareSets(base.metrics, fromSummaries(summaries), tolerances) };
      let baselineWritten: string | null = null;
      if (opts.updateBaseline && paths !== null) {
        baselineWritten = paths[i];
        // One run: its summary, as `run --format json` prints it; N: every metric's mean ± 95% and N.
        const doc = replications > 1 ? replicatedDoc(summaries, run.seeds) : run.summary;
        guard.write(baselineWritten, JSON.stringify(doc, null, 2) + '\n');
      }
      checks.push({ ...run, baseline, baselineWritten });
    }
  } finally {
    progress?.clear();
  }

  if (shard !== null) {
    const run = { set: opts.set, seed: opts.seed === undefined ? null : String(opts.seed), replications, baseline: opts.baseline ?? null, tolerance: opts.tolerance };
    return writeCheckShard(checks, { version, allFiles, shard, items, run, out: opts.out }, io, guard);
  }
  if (opts.report !== undefined) {
    writeReports(
      opts.report,
      reports.map((r, i) => {
        const c = checks[i];
        const thresholdsFailed = c.thresholds.filter((t) => !t.pass).length;
        const regressions = c.baseline?.comparisons.filter((x) => x.regression).length ?? 0;
        return { ...r, passed: checkPassed(c), index: { thresholdsFailed, regressions, means: means[i] } };
      }),
      guard,
    );
  }
  if (opts.junit !== undefined) guard.write(opts.junit, renderJUnit(checks));
  if (opts.json !== undefined) {
    const doc = checkJson(checks, { version, set: opts.set, replications });
    guard.write(opts.json, JSON.stringify(doc, null, 2) + '\n');
  }
  // Every file (baselines included) takes its name here, together, unless a signal came.
  await guard.commit();
  // A file on standard output (`--junit -`) has it alone: the report goes to stderr then.
  guard.reportStream(io)(fitOut(io, renderText(checks, io.colour)));
  if (stepSummary) guard.append(stepSummary, renderMarkdown(checks));
  return checks.every(checkPassed) ? EXIT.ok : EXIT.thresholdFailed;
}

