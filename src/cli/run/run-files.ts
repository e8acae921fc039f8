/**
 * The files a run writes — message CSV, time-series CSV, HTML report — opened before the
 * simulation starts and committed only when it finishes. Shared by the plain `execute`
 * path and the interruptible CLI path, so both write exactly the same bytes.
 */
import type { SimulationResult, SimulateOptions } from '../../engine/simulate.js';
import type { Scenario } from '../../scenario/model.js';
import { CsvMessageSink, fastRowsFor, type MessageCsv } from '../../report/message-csv/message-csv.js';
import { estimateRun } from '../../scenario/limits.js';
import { chartAssets } from '../../report/html/assets.js';
import { renderReport } from '../../report/html/report.js';
import { needsRetention } from '../../report/retention.js';
import { summarize, type Summary } from '../../report/summary.js';
import type { SeriesCollector } from '../../report/timeseries.js';
import { prepareReplay } from '../../traffic/replay.js';
import { withWhatIf } from '../../report/what-if.js';
import { csvWorkerFile, ThreadedCsvSink, type CsvThreadOptions } from '../csv-thread/csv-thread.js';
import { OutputGuard } from '../io/output-guard.js';
import { type AtomicFile, usesSystemWrite } from '../io/output.js';
import { retentionSteps } from './csv-retention.js';
import { SeriesFile } from './series-file.js';

/** What `prepareRun` needs of the `run` options. */
export interface RunFileOptions {
  messages?: string;
  timeseries?: string;
  report?: string;
  bom?: boolean;
  delimiter?: string;
  /** The chart under the table reads the series rows too (so they are kept in memory). */
  chart?: boolean;
  /**
   * Print and write the message CSV on a second thread: `auto` (the default) for a run of
   * at least {@link CSV_THREAD_MIN_MESSAGES} estimated messages with generated rows; tests
   * force it either way, with small ring sizes.
   */
  csvThread?: 'auto' | 'never' | ({ readonly always: true } & CsvThreadOptions);
  /** False for `--no-what-if`: name the bottleneck by share of waiting, without re-runs. */
  whatIf?: boolean;
}

/**
 * Runs estimated smaller than this print their message CSV on the run's thread: a second
 * thread costs a few milliseconds to start and pays off only on large files.
 */
export const CSV_THREAD_MIN_MESSAGES = 200_000;

/** A run's open output files and the engine options that feed them. */
export interface PreparedRun {
  /** Pass to `simulate`/`startSimulation`. */
  simulateOptions: SimulateOptions;
  readonly series: SeriesCollector | undefined;
  readonly csv: { bom?: boolean; delimiter?: string };
  messages: { file: AtomicFile; sink: MessageCsv } | null;
  timeseries: SeriesFile | null;
  report: AtomicFile | null;
  /** Whether the summary's bottleneck is found by what-if (see report/what-if.ts). */
  readonly whatIf: boolean;
}

/**
 * Checks replay files (CSV structure, encoding and times; the feeds check the other cells
 * as the run reads them, and a fault then aborts the run: see `abortRun`) and opens the
 * output files, as `NAME.partial`.
 * `series` must be given when `--timeseries` or `--report` is.
 * @throws ScenarioError for a bad replay file (structure, encoding, a time) — before any file is opened.
 * @throws UsageError for an output that is an input or another output of the run.
 * @throws OutputError for an output that cannot be created (nothing is left behind).
 */
export function prepareRun(scenario: Scenario, opts: RunFileOptions, series: SeriesCollector | undefined): PreparedRun {
  const { replay, plans } = prepareReplay(scenario);
  const guard = OutputGuard.declare(
    'run',
    [
      ...(scenario.file === null ? [] : [{ path: scenario.file, role: 'the scenario file' }]),
      ...plans.map((p) => ({ path: p.path, role: 'a replay file' })),
    ],
    (['messages', 'timeseries', 'report'] as const).flatMap((k) => (opts[k] === undefined ? [] : [{ option: `--${k}`, path: opts[k] }])),
  );
  if ((opts.timeseries !== undefined || opts.report !== undefined) && series === undefined) {
    throw new Error('prepareRun: --timeseries and --report need the run\'s series collector');
  }
  const csv = { bom: opts.bom, delimiter: opts.delimiter };
  const prepared: PreparedRun = {
    simulateOptions: {},
    series,
    csv,
    messages: null,
    report: null,
    timeseries: null,
    whatIf: opts.whatIf !== false,
  };
  try {
    if (opts.messages !== undefined) {
      const file = guard.open(opts.messages);
      const retryColumns = scenario.traffic.some((t) => t.retry !== null || t.onDailyCap === 'defer');
      prepared.messages = { file, sink: messageSink(file, scenario, { ...csv, retryColumns }, opts.csvThread ?? 'auto') };
    }
    if (opts.timeseries !== undefined) {
      // Streamed to disk unless the report or the chart reads the same rows.
      const stream = opts.report === undefined && !opts.chart;
      prepared.timeseries = new SeriesFile(guard.open(opts.timeseries), series!, stream);
    }
    if (opts.report !== undefined) prepared.report = guard.open(opts.report);
    prepared.simulateOptions = { sink: prepared.messages?.sink, replay, observer: series };
    return prepared;
  } catch (e) {
    abortRun(prepared);
    throw e;
  }
}

/** The message CSV sink of a run: on a writer thread for a large run (see {@link RunFileOptions.csvThread}), else on this one. */
function messageSink(
  file: AtomicFile,
  scenario: Scenario,
  csv: { bom?: boolean; delimiter?: string; retryColumns: boolean },
  mode: NonNullable<RunFileOptions['csvThread']>,
): MessageCsv {
  const worker = mode === 'never' ? null : csvWorkerFile();
  const thread =
    worker !== null &&
    (mode !== 'auto' ||
      (usesSystemWrite() && fastRowsFor(scenario, csv.delimiter ?? ',', csv.retryColumns) !== null && estimateRun(scenario).messages >= CSV_THREAD_MIN_MESSAGES));
  if (thread) return new ThreadedCsvSink(file, scenario, csv, worker, typeof mode === 'object' ? mode : {});
  return new CsvMessageSink((chunk) => file.write(chunk), scenario.startEpochMs, scenario.rules.logIncomingMessages, { ...csv, scenario });
}

/** What {@link finishSteps} yields right before the files take their final names (a stop point). */
export const COMMIT = 'commit';

/** Completes every file of a finished run (retention, time series, report) and returns its summary. */
export function finishRun(p: PreparedRun, result: SimulationResult): Summary {
  const steps = finishSteps(p, result);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

/**
 * {@link finishRun} in steps: it yields while the writer thread drains, between batches of
 * the retention rewrite and of the time series, the long parts, and ({@link COMMIT}) right
 * before the commit, so that an interactive caller can stop it by closing the generator
 * (`return()`): every partial file is then removed, as on an error.
 */
export function* finishSteps(p: PreparedRun, result: SimulationResult): Generator<void | typeof COMMIT, Summary> {
  let finished = false;
  try {
    if (p.messages !== null) {
      // The writer thread's drain, in steps: a stop signal is heard while it lasts.
      const sink = p.messages.sink;
      if (sink instanceof ThreadedCsvSink) yield* sink.endSteps();
      else sink.end();
      if (needsRetention(p.messages.sink.firstSubmitMs, result.endMs)) {
        p.messages.file = yield* retentionSteps(p.messages.file, result.scenario.startEpochMs + result.endMs, p.csv);
      }
    }
    if (p.timeseries !== null) yield* p.timeseries.write(p.series!, result, p.csv);
    const summary = withWhatIf(summarize(result), result, { enabled: p.whatIf, replay: p.simulateOptions.replay });
    if (p.report !== null) p.report.write(renderReport(result, p.series!, chartAssets(), summary));
    // Every byte is written before any file takes its final name; a caller that stops at
    // this step (a signal) closes the generator and every partial file goes.
    yield COMMIT;
    p.messages?.file.commit();
    p.timeseries?.commit();
    p.report?.commit();
    finished = true;
    return summary;
  } finally {
    if (!finished) abortRun(p);
  }
}

/** Removes every partial file of a run that failed or was interrupted (a retention rewrite's too). */
export function abortRun(p: PreparedRun): void {
  p.messages?.file.abort();
  p.timeseries?.abort();
  p.report?.abort();
}
