/**
 * One run → one HTML report: collect the series during the run with
 * {@link reportObserver}, then {@link renderReport}. Pure apart from what the caller
 * passes in (the chart assets are read by the CLI).
 */
import type { SimulationResult } from '../../engine/simulate.js';
import type { Scenario } from '../../scenario/model.js';
import { summarize, type Summary } from '../summary.js';
import { SeriesCollector, type SeriesRow } from '../timeseries.js';
import type { ChartAssets } from './assets.js';
import type { WaitTally } from '../wait-tally.js';
import { buildReportData, type ReportData } from './data.js';
import { renderReportPage } from './page.js';
import { initialTickMs, MAX_POINTS, reduceRows } from './series.js';

/** A collector for a report on `scenario`; pass it as `simulate(scenario, { observer })`. */
export function reportObserver(scenario: Scenario): SeriesCollector {
  return new SeriesCollector(initialTickMs(scenario));
}

/** The collected series of a run: rows of `tickMs` each (a {@link SeriesCollector} fits). */
export interface CollectedSeries {
  readonly rows: readonly SeriesRow[];
  readonly tickMs: number;
  /** The delivered waits, counted exactly (the histogram is binned on them when present). */
  readonly waits?: WaitTally;
}

/**
 * The chart data of a run, the series merged down to at most `maxPoints` points.
 * Totals come from the unmerged counts, so every count column sums to the run's total.
 */
export function reportData(
  result: SimulationResult,
  series: CollectedSeries,
  summary: Summary = summarize(result),
  maxPoints: number = MAX_POINTS,
): ReportData {
  const { rows, intervalMs } = reduceRows(series.rows, series.tickMs, maxPoints);
  return buildReportData(result, summary, rows, intervalMs, series.waits);
}

/** The complete HTML report of a run. */
export function renderReport(
  result: SimulationResult,
  series: CollectedSeries,
  assets: ChartAssets,
  summary: Summary = summarize(result),
): string {
  return renderReportPage({ summary, network: result.network, data: reportData(result, series, summary), assets });
}
