/**
 * The files a run writes — message CSV, time-series CSV, HTML report — opened before the
 * simulation starts and committed only when it finishes. Shared by the plain `execute`
 * path and the interruptible CLI path, so both write exactly the same bytes.
 */
import { stringify } from 'csv-stringify/sync';
import type { SimulationResult, SimulateOptions } from '../engine/simulate.js';
import type { Scenario } from '../scenario/model.js';
import { CsvMessageSink } from '../report/csv.js';
import { chartAssets } from '../report/html/assets.js';
import { renderReport } from '../report/html/report.js';
import { needsRetention } from '../report/retention.js';
import { summarize, type Summary } from '../report/summary.js';
import { seriesCells, seriesColumns, type SeriesCollector } from '../report/timeseries.js';
import { prepareReplay } from '../traffic/replay.js';
import { AtomicFile } from './output.js';
import { rewriteWithRetention } from './retention.js';

/** What `prepareRun` needs of the `run` options. */
export interface RunFileOptions {
  messages?: string;
  timeseries?: string;
  report?: string;
  bom?: boolean;
  delimiter?: string;
}

/** A run's open output files and the engine options that feed them. */
export interface PreparedRun {
  /** Pass to `simulate`/`startSimulation`. */
  readonly simulateOptions: SimulateOptions;
  readonly series: SeriesCollector | undefined;
  readonly csv: { bom?: boolean; delimiter?: string };
  messages: { file: AtomicFile; sink: CsvMessageSink } | null;
  readonly report: AtomicFile | null;
  readonly timeseriesPath: string | undefined;
}

/**
 * Checks replay files (completely) and opens the output files, as `NAME.partial`.
 * `series` must be given when `--timeseries` or `--report` is.
 * @throws ScenarioError for a bad replay file — before any file is opened.
 */
export function prepareRun(scenario: Scenario, opts: RunFileOptions, series: SeriesCollector | undefined): PreparedRun {
  const { replay } = prepareReplay(scenario);
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
    timeseriesPath: opts.timeseries,
  };
  try {
    if (opts.messages !== undefined) {
      const file = new AtomicFile(opts.messages);
      const sink = new CsvMessageSink((chunk) => file.write(chunk), scenario.startEpochMs, scenario.rules.logIncomingMessages, { ...csv, scenario });
      prepared.messages = { file, sink };
    }
    const report = opts.report === undefined ? null : new AtomicFile(opts.report);
    return {
      ...prepared,
      report,
      simulateOptions: { sink: prepared.messages?.sink, replay, observer: series },
    };
  } catch (e) {
    abortRun(prepared);
    throw e;
  }
}

/** Completes every file of a finished run (retention, time series, report) and returns its summary. */
export function finishRun(p: PreparedRun, result: SimulationResult): Summary {
  try {
    if (p.messages !== null) {
      p.messages.sink.end();
      if (needsRetention(p.messages.sink.firstSubmitMs, result.endMs)) {
        p.messages.file = rewriteWithRetention(p.messages.file, result.scenario.startEpochMs + result.endMs, p.csv);
      }
    }
    if (p.timeseriesPath !== undefined) writeSeries(p.timeseriesPath, p.series!, result, p.csv);
    p.messages?.file.commit();
    const summary = summarize(result);
    if (p.report !== null) {
      p.report.write(renderReport(result, p.series!, chartAssets(), summary));
      p.report.commit();
    }
    return summary;
  } catch (e) {
    abortRun(p);
    throw e;
  }
}

/** Removes every partial file of a run that failed or was interrupted. */
export function abortRun(p: PreparedRun): void {
  p.messages?.file.abort();
  p.report?.abort();
}

function writeSeries(path: string, series: SeriesCollector, result: SimulationResult, csv: { bom?: boolean; delimiter?: string }): void {
  const out = new AtomicFile(path);
  const net = result.network;
  const start = result.scenario.startEpochMs;
  const opts = { delimiter: csv.delimiter ?? ',', record_delimiter: '\r\n' } as const;
  try {
    out.write((csv.bom ? '\ufeff' : '') + stringify([seriesColumns(net)], opts));
    for (let i = 0; i < series.rows.length; i += 4096) {
      out.write(stringify(series.rows.slice(i, i + 4096).map((r) => seriesCells(r, net, start)), opts));
    }
    out.commit();
  } catch (e) {
    out.abort();
    throw e;
  }
}
