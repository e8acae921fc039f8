/**
 * Comparing and showing threshold values. The `expect:` grammar itself (parsing, the
 * ThresholdError) is the scenario's (scenario/expect/thresholds.ts), re-exported here. Pure.
 */
export {
  checkScope, GRAMMAR_EXPECTED, KNOWN_CARRIERS, OPS, parseMetricRef, parseThreshold, ThresholdError,
  type KnownScopes, type Op, type Threshold,
} from '../scenario/expect/thresholds.js';
import type { Op } from '../scenario/expect/thresholds.js';
import type { MetricKind } from '../scenario/expect/metric-defs.js';

/** Relative tolerance of comparisons, so float noise (0.1 + 0.2) never flips a result. */
const EPS = 1e-9;

/** True when a and b are equal up to a relative 1e-9. */
export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
}

/** `observed OP value`, with equality up to a relative 1e-9. */
export function holds(observed: number, op: Op, value: number): boolean {
  const eq = nearlyEqual(observed, value);
  switch (op) {
    case '==':
      return eq;
    case '!=':
      return !eq;
    case '<=':
      return eq || observed < value;
    case '>=':
      return eq || observed > value;
    case '<':
      return !eq && observed < value;
    case '>':
      return !eq && observed > value;
  }
}

const trim = (x: number, digits: number): string => String(Number(x.toFixed(digits)));

/**
 * A value as shown next to a threshold: counts as numbers (`45`, `1003.4`), times in
 * seconds (`12.5s`), ratios as written in the threshold (`0.985` or `98.5%`).
 */
export function formatValue(value: number, kind: MetricKind, percent = false): string {
  if (kind === 'time') return `${trim(value, 3)}s`;
  if (kind === 'ratio') return percent ? `${trim(value * 100, 4)}%` : trim(value, 6);
  return trim(value, 3);
}
