/**
 * The terminal chart under `run --chart`: total queue depth (all stages) over virtual
 * time, drawn with asciichart and resampled to the terminal's width, keeping the highest
 * depth of each column so no peak is lost. Pure: returns a string.
 */
import asciichart from 'asciichart';
import { fmtDuration } from './duration.js';
import type { SeriesRow } from './timeseries.js';

/** Rows of the chart body. */
const HEIGHT = 10;
/** Columns asciichart uses for the y labels and axis. */
const LABEL_COLUMNS = 13;

/** Max-preserving resampling of `values` to at most `n` columns. */
export function resampleMax(values: readonly number[], n: number): number[] {
  if (values.length <= n) return [...values];
  const out: number[] = [];
  for (let c = 0; c < n; c++) {
    const from = Math.floor((c * values.length) / n);
    const to = Math.floor(((c + 1) * values.length) / n);
    let m = values[from];
    for (let i = from + 1; i < to; i++) if (values[i] > m) m = values[i];
    out.push(m);
  }
  return out;
}


/**
 * The chart of total queue depth for rows of a run, `columns` wide (the terminal's width;
 * at least 40 are used).
 */
export function renderDepthChart(rows: readonly SeriesRow[], columns: number): string {
  const width = Math.max(40, Math.floor(columns)) - LABEL_COLUMNS;
  const total = rows.map((r) => r.depths.reduce((a, b) => a + b, 0));
  const series = resampleMax([0, ...total], width);
  const peak = Math.max(0, ...series);
  const endMs = rows.length === 0 ? 0 : rows[rows.length - 1].endMs;
  const title = `Total queue depth (messages waiting, all stages), peak ${peak.toLocaleString('en-US')}`;
  const body = asciichart.plot(series, {
    height: peak === 0 ? 1 : Math.min(HEIGHT, peak),
    format: (x: number) => Math.round(x).toLocaleString('en-US').padStart(10),
  });
  const start = '+0s';
  const end = `+${fmtDuration(Math.round(endMs / 1000))}`;
  const axis = ' '.repeat(LABEL_COLUMNS - 1) + start + end.padStart(Math.max(1, series.length - start.length + 1));
  return `${title}\n${body}\n${axis}\n`;
}
