/**
 * The time series a run keeps or streams: `--interval` parsed, its number of rows bounded
 * before the run, and the collector that ticks at it (or at the report's own interval).
 */
import { parseDurationMs, UnitError } from '../../scenario/units.js';
import type { Scenario } from '../../scenario/model.js';
import { reportObserver } from '../../report/html/report.js';
import { SeriesCollector } from '../../report/timeseries.js';
import { UsageError } from '../cli-errors.js';

/** What the series of a run depends on: `run`'s file and chart options. */
export interface SeriesOptions {
  /** Time-series CSV path. */
  readonly timeseries?: string;
  /** Time-series interval, a duration such as "1m"; default 1m. */
  readonly interval?: string;
  /** Write the HTML report to this file. */
  readonly report?: string;
  /** Draw total queue depth under the table. */
  readonly chart?: boolean;
}

const DEFAULT_INTERVAL = '1m';

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
export function seriesFor(scenario: Scenario, opts: SeriesOptions): SeriesCollector | undefined {
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

