/**
 * Evaluates thresholds on the summaries of one scenario: one summary for a plain run, or
 * one per replication, in which case the threshold applies to the mean and a 95% Student-t
 * interval is reported beside it. Pure.
 */
import type { Summary } from '../report/summary.js';
import { formatValue, holds, parseThreshold, type Threshold } from './expr.js';
import { observe } from './metric-values.js';
import type { MetricRef } from '../scenario/expect/metric-defs.js';
import { meanInterval, type MeanInterval } from './stats.js';

/** The outcome of one threshold. */
export interface ThresholdResult {
  readonly threshold: Threshold;
  /** Observed value (the mean over replications); null when there is no data. */
  readonly observed: number | null;
  /** Half-width of the 95% interval of the mean; null for a single run or without data. */
  readonly halfWidth: number | null;
  readonly pass: boolean;
  /** Why a threshold without data failed; null otherwise. */
  readonly reason: string | null;
}

/**
 * A metric over the summaries (one per replication, in seed order): its mean and 95%
 * interval, or the reason it has no value (in any one replication).
 */
export function observeAll(summaries: readonly Summary[], ref: MetricRef): MeanInterval | { reason: string } {
  const values: number[] = [];
  for (let i = 0; i < summaries.length; i++) {
    const o = observe(summaries[i], ref);
    if (o.value === null) {
      const where = summaries.length > 1 ? ` (replication ${i + 1}, seed ${summaries[i].seed})` : '';
      return { reason: o.reason + where };
    }
    values.push(o.value);
  }
  return meanInterval(values);
}

/** Evaluates one threshold on the summaries of a scenario's runs (at least one). */
export function evaluateThreshold(threshold: Threshold, summaries: readonly Summary[]): ThresholdResult {
  const o = observeAll(summaries, threshold.ref);
  if ('reason' in o) return { threshold, observed: null, halfWidth: null, pass: false, reason: o.reason };
  return { threshold, observed: o.mean, halfWidth: o.halfWidth, pass: holds(o.mean, threshold.op, threshold.value), reason: null };
}

/**
 * Evaluates the `expect:` expressions of a scenario (already validated by the loader).
 * @throws ThresholdError only if an expression was not validated first (a bug).
 */
export function evaluateExpectations(expect: readonly string[], summaries: readonly Summary[]): ThresholdResult[] {
  return expect.map((text) => evaluateThreshold(parseThreshold(text), summaries));
}

/**
 * The observed part of a result line: `observed 45`, `observed 12.5s ± 0.8s (95% CI,
 * 20 runs)`, or `no data: no message was delivered`.
 */
export function describeObserved(r: ThresholdResult, runs: number): string {
  if (r.observed === null) return r.reason ?? 'no data';
  const { kind } = r.threshold.ref.def;
  const shown = formatValue(r.observed, kind, r.threshold.percent);
  if (r.halfWidth === null) return `observed ${shown}`;
  return `observed ${shown} ± ${formatValue(r.halfWidth, kind, r.threshold.percent)} (mean, 95% CI, ${runs} runs)`;
}
