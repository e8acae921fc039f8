/**
 * `a2psim run`: load, simulate, report. Owns the files it writes (atomically) and the
 * streams it prints to.
 */
import { loadScenarioFile } from '../scenario/load.js';
import { simulate } from '../engine/simulate.js';
import { summarize, type Summary } from '../report/summary.js';
import { renderTable } from '../report/table.js';
import { CsvMessageSink } from '../report/csv.js';
import { renderDepthChart } from '../report/chart.js';
import { chartAssets } from '../report/html/assets.js';
import { renderReport, reportObserver } from '../report/html/report.js';
import type { SeriesCollector } from '../report/timeseries.js';
import { AtomicFile } from './output.js';
import { UsageError } from './errors.js';
import type { Scenario } from '../scenario/model.js';
import type { SimulationResult } from '../engine/simulate.js';

export interface RunOptions {
  format: string;
  messages?: string;
  seed?: string;
  set: string[];
  bom?: boolean;
  delimiter?: string;
  quiet?: boolean;
  /** Write the HTML report to this file. */
  report?: string;
  /** Draw total queue depth under the table. */
  chart?: boolean;
}

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Terminal width for `--chart`; 80 when unknown. */
  columns?: number;
}

const FORMATS = ['table', 'json'] as const;

/** Parses `--seed`: a non-negative integer. */
export function parseSeedOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
    throw new UsageError(`--seed: expected a non-negative integer, got ${JSON.stringify(v)}`);
  }
  return Number(v);
}

/** Loads a scenario with the command-line overrides applied. */
export function loadWithOverrides(file: string, opts: { seed?: string; set: string[] }): Scenario {
  return loadScenarioFile(file, { seed: parseSeedOption(opts.seed), set: opts.set });
}

/**
 * Simulates `scenario`, writing the message CSV and the HTML report when asked (`series`
 * must then be the run's collector). Files are committed only on success.
 */
export function execute(
  scenario: Scenario,
  opts: RunOptions,
  series?: SeriesCollector,
): { result: SimulationResult; summary: Summary } {
  const report = opts.report === undefined ? null : new AtomicFile(opts.report);
  let file: AtomicFile | null = null;
  let sink: CsvMessageSink | undefined;
  if (opts.messages !== undefined) {
    file = new AtomicFile(opts.messages);
    const f = file;
    sink = new CsvMessageSink((chunk) => f.write(chunk), scenario.startEpochMs, scenario.rules.logIncomingMessages, {
      bom: opts.bom,
      delimiter: opts.delimiter,
    });
  }
  try {
    const result = simulate(scenario, { sink, observer: series });
    sink?.end();
    file?.commit();
    const summary = summarize(result);
    if (report !== null) {
      if (series === undefined) throw new Error('execute: --report needs the run\'s series collector');
      report.write(renderReport(result, series, chartAssets(), summary));
      report.commit();
    }
    return { result, summary };
  } catch (e) {
    file?.abort();
    report?.abort();
    throw e;
  }
}

/** The `run` command. Returns the exit code. */
export function runCommand(path: string, opts: RunOptions, io: CliIo): number {
  if (!(FORMATS as readonly string[]).includes(opts.format)) {
    throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, got ${JSON.stringify(opts.format)}`);
  }
  if (opts.delimiter !== undefined && opts.delimiter.length !== 1) {
    throw new UsageError(`--delimiter: expected a single character, got ${JSON.stringify(opts.delimiter)}`);
  }
  if (opts.chart && opts.format !== 'table') {
    throw new UsageError(`--chart: the chart is drawn under the table, so it needs --format table, got ${JSON.stringify(opts.format)}`);
  }
  const scenario = loadWithOverrides(path, opts);
  const series = opts.report !== undefined || opts.chart ? reportObserver(scenario) : undefined;
  const { summary } = execute(scenario, opts, series);
  if (!opts.quiet) for (const w of summary.warnings) io.stderr(`warning: ${w}\n`);
  io.stdout(opts.format === 'json' ? JSON.stringify(summary, null, 2) + '\n' : renderTable(summary));
  if (opts.chart && series !== undefined) io.stdout('\n' + renderDepthChart(series.rows, io.columns ?? 80));
  return 0;
}
