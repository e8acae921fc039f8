/**
 * Messages between the playground page and its Web Worker. A request carries the whole
 * YAML (the worker keeps no state between runs), so cancelling is just terminating the
 * worker and starting another.
 */
import type { ReportData } from '../report/html/data.js';

/** Most messages the page writes as a message CSV (the file would pass ~100 MB). */
export const MAX_CSV_MESSAGES = 1_000_000;

/** Page → worker: run the scenario (`run`) or run it again writing the message CSV (`csv`). */
export interface WorkerRequest {
  readonly kind: 'run' | 'csv';
  readonly id: number;
  readonly yaml: string;
  /** File name used in error messages and for the default scenario name. */
  readonly file: string;
}

/** One of the scenario's `expect:` thresholds judged on the run, as `check` prints it. */
export interface ThresholdLine {
  readonly text: string;
  readonly pass: boolean;
  /** `observed 45`, or why there is no value. */
  readonly observed: string;
}

/** Worker → page. */
export type WorkerReply =
  | { readonly kind: 'progress'; readonly id: number; readonly fraction: number; readonly submitted: number }
  /** The run's summary exactly as `a2psim run --format json` prints it, its chart data and its wall time. */
  | { readonly kind: 'done'; readonly id: number; readonly summaryJson: string; readonly data: ReportData; readonly ms: number; readonly thresholds: readonly ThresholdLine[] }
  | { readonly kind: 'csv'; readonly id: number; readonly csv: Blob; readonly rows: number }
  /** A bad scenario: the one-line message the CLI prints, and where (1-based; 0 = unknown). */
  | { readonly kind: 'invalid'; readonly id: number; readonly message: string; readonly line: number; readonly column: number }
  /** Anything else: a bug, shown in full. */
  | { readonly kind: 'bug'; readonly id: number; readonly message: string };
