/**
 * Whether a scenario's thresholds hold at one point of a search or sweep: on one run, the
 * observed value; over replications, the 95% bound on the unfavourable side of the mean
 * (a `>=` threshold holds when mean − half-width satisfies it, a `<=` one when mean +
 * half-width does), so "holds" means "holds with 95% confidence". Pure.
 */
import type { Summary } from '../report/summary.js';
import { evaluateExpectations, type ThresholdResult } from './evaluate.js';
import { holds } from './expr.js';

/** A threshold that failed at a point, with the value that made it fail. */
export interface FailedThreshold {
  threshold: string;
  /** The mean observed (null when the metric had no data). */
  observed: number | null;
  /** Half-width of its 95% interval over replications; null for one run. */
  half_width: number | null;
}

export interface Verdict {
  readonly pass: boolean;
  readonly failed: FailedThreshold[];
}

/** True when the threshold holds at the unfavourable end of its 95% interval. */
export function holdsAtBound(r: ThresholdResult): boolean {
  if (r.observed === null) return false;
  const hw = r.halfWidth ?? 0;
  const { op, value } = r.threshold;
  switch (op) {
    case '>=':
    case '>':
      return holds(r.observed - hw, op, value);
    case '<=':
    case '<':
      return holds(r.observed + hw, op, value);
    case '==':
      return hw === 0 && holds(r.observed, op, value);
    case '!=':
      return holds(r.observed - hw, op, value) && holds(r.observed + hw, op, value) && (r.observed - hw > value || r.observed + hw < value);
  }
}

/**
 * Judges `expect` (validated threshold texts) on the summaries of one point's runs.
 * @throws ThresholdError only for an expression that was not validated (a bug).
 */
export function judge(expect: readonly string[], summaries: readonly Summary[]): Verdict {
  const failed = evaluateExpectations(expect, summaries)
    .filter((r) => !holdsAtBound(r))
    .map((r) => ({ threshold: r.threshold.text, observed: r.observed, half_width: r.halfWidth }));
  return { pass: failed.length === 0, failed };
}
