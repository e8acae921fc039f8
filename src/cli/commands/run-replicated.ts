/**
 * `run --replications N`, split from `run-command.ts` so that a plain run does not load the worker
 * pool, the statistics and their libraries (issue 16: start-up).
 */
import type { Scenario } from '../../scenario/model.js';
import { replicatedDoc } from '../../check/replicated.js';
import { REPLICATED_FORMATS } from '../../check/replicated-table.js';
import type { SummaryFormat } from '../../report/formats.js';
import { replicationSeeds, runReplications } from '../../check/runner.js';
import { prepareReplay } from '../../traffic/replay.js';
import { EXIT, UsageError } from '../cli-errors.js';
import { readScenarioText } from '../parallel/jobs.js';
import { JobRunner, capWorkers } from '../parallel/worker-pool.js';
import { outWidth, printWarnings, type WidthIo } from '../io/terminal.js';
import { countProgress } from '../run/progress.js';
import type { ProgressIo } from '../run/progress.js';

/** The `run` options this path reads (a subset of run-command.ts's RunOptions; not imported, to keep imports acyclic). */
export interface ReplicatedOptions {
  format: SummaryFormat;
  set: string[];
  workers?: number;
  quiet?: boolean;
  delimiter?: string;
  bom?: boolean;
  messages?: string;
  timeseries?: string;
  report?: string;
  chart?: boolean;
}

/** Where the output goes (CliIo satisfies it). */
interface Io extends WidthIo, ProgressIo {
  stdout: (s: string) => void;
}

/**
 * `run --replications N`: the scenario under N seeds derived from its own (as `check`
 * derives them), printed as every metric's mean ± 95% half-width. Per-run outputs
 * (messages, time series, report, chart) describe one run, so they are refused here.
 */
export async function runReplicated(path: string, opts: ReplicatedOptions, io: Io, n: number, load: () => Scenario): Promise<number> {
  const workers = capWorkers(opts.workers, opts.quiet ? undefined : io.stderr);
  const perRun = (['messages', 'timeseries', 'report', 'chart'] as const).find((k) => opts[k] !== undefined && opts[k] !== false);
  if (perRun !== undefined) {
    throw new UsageError(`--replications: expected no --${perRun} (it describes one run; rerun one seed with --seed for it), got --${perRun}`);
  }
  const scenario = load();
  const seeds = replicationSeeds(scenario.seed, n);
  const { replay } = prepareReplay(scenario);
  const progress = countProgress(io, opts.quiet, n);
  let summaries;
  try {
    const onDone = (): void => progress?.tick();
    summaries = workers > 1 ? await runOnPool(path, opts.set, seeds, workers, onDone) : runReplications(scenario, seeds, { replay, onRun: onDone }).summaries;
  } finally {
    progress?.clear();
  }
  const doc = replicatedDoc(summaries, seeds);
  printWarnings(io, doc.warnings, opts.quiet);
  const csv = { delimiter: opts.delimiter, bom: opts.bom };
  io.stdout(REPLICATED_FORMATS[opts.format](doc, csv, { width: outWidth(io), warningsShown: !opts.quiet }));
  return EXIT.ok;
}

/** The summaries of `seeds` run on a worker pool, in seed order. */
async function runOnPool(path: string, set: readonly string[], seeds: readonly number[], workers: number, onDone: () => void) {
  const text = readScenarioText(path);
  const runner = new JobRunner(workers);
  runner.onDone = onDone;
  try {
    return await runner.run(seeds.map((seed) => ({ file: path, text, set: [...set], seed })));
  } finally {
    await runner.close();
  }
}
