/**
 * Tolerances of a baseline comparison: the allowed worsening of a metric, as named with
 * `--tolerance METRIC=VALUE`, or the documented default when none is named. Pure.
 *
 * Defaults (docs/ci.md, "Tolerances"): 0 against a single-run baseline and for a metric
 * the baseline's replications show to be deterministic (every run gave the same value);
 * for a stochastic metric, a count may worsen by 5% of its baseline or 1% of the scope's
 * submitted messages (the larger), a ratio by 1 percentage point, a time by 10% of its
 * baseline or 1 s (the larger).
 */
import { parseMetricRef, ThresholdError } from './expr.js';
import { formatRef, type MetricKind, type MetricRef } from '../scenario/expect/metric-defs.js';

/** An allowed worsening of one metric. */
export interface Tolerance {
  readonly ref: MetricRef;
  /** `relative`: a fraction of the baseline value (`+10%`); `absolute`: in the metric's unit. */
  readonly mode: 'relative' | 'absolute';
  /** >= 0: a fraction for `relative`; a count, ratio or seconds for `absolute`. */
  readonly amount: number;
  /** As written after `=`. */
  readonly text: string;
}

const TOL_RE = /^([+-])?(\d+(?:\.\d+)?|\.\d+)(%|pp|ms|s|m|min|h)?$/;
const TIME_UNITS_S: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, min: 60, h: 3600 };

/**
 * Parses `METRIC=VALUE`, e.g. `delivered_ratio=-0.5pp`, `wait_p95=+10%`, `failed=5`,
 * `wait_max{traffic=otp}=2s`. `%` is relative to the baseline value; `pp` (percentage
 * points) is absolute, for ratios; a time unit is absolute, for times; a plain number is
 * absolute in the metric's unit. A sign, when given, must be the metric's worse direction.
 * @throws ThresholdError with the expected form.
 */
export function parseTolerance(text: string): Tolerance {
  const eq = text.lastIndexOf('=');
  if (eq <= 0) throw new ThresholdError('METRIC=VALUE such as wait_p95=+10% or delivered_ratio=-0.5pp', JSON.stringify(text));
  const ref = parseMetricRef(text.slice(0, eq));
  const name = formatRef(ref);
  const valueText = text.slice(eq + 1).trim();
  const { kind, worse } = ref.def;
  if (worse === null) throw new ThresholdError('a metric with a worse direction (submitted is an input, not an outcome)', name);
  const m = TOL_RE.exec(valueText);
  const forms = { count: 'N or N%', ratio: 'Npp or N%', time: 'Ns, Nms or N%' }[kind];
  if (!m) throw new ThresholdError(`a tolerance for ${name} such as ${forms}`, JSON.stringify(valueText));
  const [, sign, digits, unit] = m;
  const wantSign = worse === 'higher' ? '+' : '-';
  if (sign !== undefined && sign !== wantSign) {
    const dir = worse === 'higher' ? 'up' : 'down';
    throw new ThresholdError(`${wantSign}${digits}${unit ?? ''} (${name} gets worse when it goes ${dir})`, JSON.stringify(valueText));
  }
  const n = Number(digits);
  if (unit === '%') return { ref, mode: 'relative', amount: n / 100, text: valueText };
  const badUnit = (unit === 'pp' && kind !== 'ratio') || (unit !== undefined && unit !== 'pp' && kind !== 'time');
  if (badUnit) throw new ThresholdError(`a tolerance for ${name} such as ${forms}`, JSON.stringify(valueText));
  const amount = unit === 'pp' ? n / 100 : unit !== undefined ? n * TIME_UNITS_S[unit] : n;
  return { ref, mode: 'absolute', amount, text: valueText };
}

/** Default tolerances of stochastic metrics, per kind (see the file comment). */
export const STOCHASTIC_DEFAULTS: Readonly<Record<MetricKind, { relative: number; floor: number; text: string }>> = {
  count: { relative: 0.05, floor: 0.01, text: '5% or 1% of submitted' },
  ratio: { relative: 0, floor: 0.01, text: '1pp' },
  time: { relative: 0.1, floor: 1, text: '10% or 1s' },
};

/** Where a comparison's tolerance came from. */
export type ToleranceSource = 'named' | 'single-run' | 'deterministic' | 'stochastic';

/**
 * The allowed worsening of `ref` from `baseline` (a mean over `runs` runs with 95%
 * half-width `halfWidth`): the named tolerance when there is one, else the default.
 * `submitted` is the baseline's submitted count of the metric's scope (for the count
 * default's floor).
 */
export function allowedWorsening(
  ref: MetricRef,
  named: Tolerance | null,
  baseline: { readonly mean: number; readonly halfWidth: number | null; readonly n: number },
  submitted: number | null,
): { allowed: number; source: ToleranceSource } {
  if (named !== null) return { allowed: named.mode === 'relative' ? Math.abs(baseline.mean) * named.amount : named.amount, source: 'named' };
  if (baseline.n < 2 || baseline.halfWidth === null) return { allowed: 0, source: 'single-run' };
  if (baseline.halfWidth === 0) return { allowed: 0, source: 'deterministic' };
  const d = STOCHASTIC_DEFAULTS[ref.def.kind];
  const floor = ref.def.kind === 'count' ? d.floor * (submitted ?? 0) : d.floor;
  return { allowed: Math.max(d.relative * Math.abs(baseline.mean), floor), source: 'stochastic' };
}
