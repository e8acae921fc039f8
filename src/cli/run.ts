/**
 * `a2psim run`: load, simulate, report. Owns the files it writes (atomically) and the
 * streams it prints to.
 */
import { loadScenarioFile } from '../scenario/load.js';
import { parseDurationMs, UnitError } from '../scenario/units.js';
import { simulate } from '../engine/simulate.js';
import type { Summary } from '../report/summary.js';
import { summaryCsv } from '../report/summary-csv.js';
import { renderTable } from '../report/table.js';
import { renderDepthChart } from '../report/chart.js';
import { reportObserver } from '../report/html/report.js';
import { SeriesCollector } from '../report/timeseries.js';
import { UsageError } from './errors.js';
import { parseNumberOption } from './numbers.js';
import { executeInteractive, STOP_SIGNALS } from './interactive.js';
import { clockText } from './progress.js';
import { compareProviders, providerOption } from './providers.js';
import { abortRun, finishRun, prepareRun } from './run-files.js';
import { checkRunSize, parseMaxMessages } from './run-size.js';
import { outWidth, printWarnings } from './terminal.js';
import type { Scenario } from '../scenario/model.js';
import type { SimulationResult } from '../engine/simulate.js';

export interface RunOptions {
  format: string;
  messages?: string;
  /** Time-series CSV path. */
  timeseries?: string;
  /** Time-series interval, a duration such as "1m"; default 1m. */
  interval?: string;
  seed?: string;
  set: string[];
  /** `--max-messages`: refuse runs estimated larger (default one billion). */
  maxMessages?: string;
  bom?: boolean;
  delimiter?: string;
  quiet?: boolean;
  /** Write the HTML report to this file. */
  report?: string;
  /** Draw total queue depth under the table. */
  chart?: boolean;
  /** `--provider`: one provider, or a comma list to compare side by side. */
  provider?: string;
  /** Every column of the table, wider than 80 columns. */
  wide?: boolean;
  /** False for `--no-what-if`: the bottleneck by share of waiting, without re-runs. */
  whatIf?: boolean;
  /** Run N derived seeds and print every metric as mean ± 95% half-width. */
  replications?: string;
  /** Worker threads for `--replications` (default: one per core). */
  workers?: string;
}

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Width stdout text fits (see terminal.ts); `COLUMNS` or 80 when absent. */
  columns?: number;
  /** Width stderr text (warnings, the progress line) fits; `COLUMNS` or 80 when absent. */
  stderrColumns?: number;
  /** True when stderr is an interactive terminal (progress is shown only then). */
  stderrIsTTY?: boolean;
  /**
   * ANSI colour on stdout (✓/✗, failures, warnings). The CLI takes picocolors' answer:
   * off with NO_COLOR or when stdout is not a terminal, on with FORCE_COLOR. Default off.
   */
  colour?: boolean;
}

const FORMATS = ['table', 'json', 'csv'] as const;
const DEFAULT_INTERVAL = '1m';

/** Parses `--seed`: a non-negative integer. */
export function parseSeedOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  return parseNumberOption('--seed', v, { integer: true, min: 0 });
}

/** Parses `--interval`: a duration greater than 0 ("1m", "30s", "1h", ...), in ms. */
export function parseIntervalOption(v: string | undefined): number {
  const text = v ?? DEFAULT_INTERVAL;
  let ms: number;
  try {
    ms = parseDurationMs(/^\d+(\.\d+)?$/.test(text) ? Number(text) : text);
  } catch (e) {
    if (e instanceof UnitError) throw new UsageError(`--interval: expected ${e.expected}, got ${JSON.stringify(text)}`);
    throw e;
  }
  if (ms <= 0) throw new UsageError(`--interval: expected a duration greater than 0, got ${JSON.stringify(text)}`);
  return ms;
}

/** Most replications `run` and `check` accept. */
export const MAX_REPLICATIONS = 10_000;

/** Parses `--replications`: an integer from 1 to {@link MAX_REPLICATIONS}; 1 when absent. */
export function parseReplicationsOption(v: string | undefined): number {
  if (v === undefined) return 1;
  return parseNumberOption('--replications', v, { integer: true, min: 1, max: MAX_REPLICATIONS });
}

/**
 * Loads a scenario with the command-line overrides applied, and refuses one too large to
 * run (see `run-size.ts`).
 */
export function loadWithOverrides(file: string, opts: { seed?: string; set: string[]; maxMessages?: string; provider?: string }): Scenario {
  const maxMessages = parseMaxMessages(opts.maxMessages);
  const provider = opts.provider === undefined ? undefined : providerOption(opts.provider).id;
  const scenario = loadScenarioFile(file, { seed: parseSeedOption(opts.seed), set: opts.set, provider });
  checkRunSize(scenario, maxMessages);
  return scenario;
}

/** Most time-series rows kept in memory, when the report or the chart reads them too. */
export const MAX_KEPT_ROWS = 1_000_000;

/**
 * Most rows of a streamed time series (`--timeseries` alone): about a minute of writing at
 * the streaming rate, and a CSV of gigabytes; a longer series is refused before the run.
 */
export const MAX_STREAMED_ROWS = 10_000_000;

/**
 * Refuses, before the run, a time series of more than `max` intervals: the one check of
 * `--interval` against the run's length (`--report`/`--chart` keep the rows in memory, so
 * their bound is {@link MAX_KEPT_ROWS}; streamed alone, {@link MAX_STREAMED_ROWS}).
 */
export function checkIntervals(scenario: Scenario, tickMs: number, interval: string, max: number, what: string, hint: string): void {
  const rows = Math.ceil((scenario.untilMs ?? scenario.durationMs) / tickMs);
  if (rows > max) {
    throw new UsageError(`--interval ${interval}: expected at most ${max.toLocaleString('en-US')} intervals ${what}, got at least ${rows.toLocaleString('en-US')} (${hint})`);
  }
}

/**
 * The series collector a run needs: ticking at `--interval` when a time-series CSV is
 * asked for (the report and chart then use the same rows), else at the report's own
 * interval for `--report`/`--chart`, else none.
 */
export function seriesFor(scenario: Scenario, opts: RunOptions): SeriesCollector | undefined {
  if (opts.timeseries !== undefined) {
    const tickMs = parseIntervalOption(opts.interval);
    const interval = opts.interval ?? DEFAULT_INTERVAL;
    if (opts.report !== undefined || opts.chart) {
      checkIntervals(scenario, tickMs, interval, MAX_KEPT_ROWS, 'with --report or --chart', 'use a longer --interval; --timeseries alone streams up to 10,000,000');
    } else {
      checkIntervals(scenario, tickMs, interval, MAX_STREAMED_ROWS, 'in a time series', 'use a longer --interval');
    }
    return new SeriesCollector(tickMs);
  }
  return opts.report !== undefined || opts.chart ? reportObserver(scenario) : undefined;
}

/**
 * Simulates `scenario` in one go, writing the message and time-series CSVs and the HTML
 * report when asked (see `run-files.ts`). Replay files are checked completely before
 * anything runs; files are committed only on success.
 * @throws ScenarioError for a bad replay file (nothing is written then).
 */
export function execute(
  scenario: Scenario,
  opts: RunOptions,
  series: SeriesCollector | undefined = seriesFor(scenario, opts),
): { result: SimulationResult; summary: Summary } {
  const prepared = prepareRun(scenario, opts, series);
  let result: SimulationResult;
  try {
    result = simulate(scenario, prepared.simulateOptions);
  } catch (e) {
    abortRun(prepared);
    throw e;
  }
  return { result, summary: finishRun(prepared, result) };
}

/** The `run` command. Returns the exit code (130 after Ctrl-C, 143 after SIGTERM, 129 after SIGHUP). */
export async function runCommand(path: string, opts: RunOptions, io: CliIo): Promise<number> {
  if (opts.provider?.includes(',')) return compareProviders((provider) => loadWithOverrides(path, { ...opts, provider }), opts, io);
  if (!(FORMATS as readonly string[]).includes(opts.format)) {
    throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, got ${JSON.stringify(opts.format)}`);
  }
  if (opts.delimiter !== undefined && opts.delimiter.length !== 1) {
    throw new UsageError(`--delimiter: expected a single character, got ${JSON.stringify(opts.delimiter)}`);
  }
  if (opts.chart && opts.format !== 'table') {
    throw new UsageError(`--chart: the chart is drawn under the table, so it needs --format table, got ${JSON.stringify(opts.format)}`);
  }
  if (opts.delimiter !== undefined && /["\r\n]/.test(opts.delimiter)) {
    throw new UsageError(`--delimiter: expected a character other than a quote or a line break, got ${JSON.stringify(opts.delimiter)}`);
  }
  parseIntervalOption(opts.interval);
  if (opts.replications !== undefined) {
    // Loaded only here: the pool, the statistics and their libraries (tinypool, jstat) are
    // not needed by a plain run (issue 16: start-up).
    const n = parseReplicationsOption(opts.replications);
    return (await import('./run-replicated.js')).runReplicated(path, opts, io, n, () => loadWithOverrides(path, opts));
  }
  const scenario = loadWithOverrides(path, opts);
  const series = seriesFor(scenario, opts);
  const { result, summary, signal } = await executeInteractive(scenario, opts, io, series);
  if (result.interrupted) {
    const written = [opts.messages, opts.timeseries, opts.report].filter((f) => f !== undefined);
    const files = written.length === 0 ? '' : `; ${written.join(', ')} not written`;
    const by = signal === null || signal === 'SIGINT' ? '' : ` by ${signal}`;
    io.stderr(`a2psim: interrupted${by} at ${clockText(result.endMs)} virtual, ${result.total.submitted.toLocaleString('en-US')} messages simulated${files}\n`);
    return STOP_SIGNALS[signal ?? 'SIGINT'];
  }
  printWarnings(io, summary.warnings, opts.quiet);
  const out =
    opts.format === 'json'
      ? JSON.stringify(summary, null, 2) + '\n'
      : opts.format === 'csv'
        ? summaryCsv(summary, { delimiter: opts.delimiter, bom: opts.bom })
        : renderTable(summary, { wide: opts.wide, colour: io.colour, utcOffsetMinutes: scenario.startOffsetMinutes, width: outWidth(io), warningsShown: !opts.quiet });
  io.stdout(out);
  if (opts.chart && series !== undefined) io.stdout('\n' + renderDepthChart(series.rows, outWidth(io)));
  return 0;
}
