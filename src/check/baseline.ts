/**
 * Baseline comparison: each metric of a new run against the same metric of a saved
 * summary (`a2psim run --format json`), in the direction that means "worse", within a
 * tolerance. Pure; reading files is the CLI's job.
 *
 * A regression is a worsening strictly greater than the tolerance: a change exactly at
 * the tolerance passes. Without a `--tolerance` for it a metric's tolerance is 0, so any
 * worsening is a regression.
 */
import { z } from 'zod';
import type { Summary } from '../report/summary.js';
import { formatValue, nearlyEqual, parseMetricRef, ThresholdError } from './expr.js';
import { formatRef, METRICS, type MetricRef, observe } from './metrics.js';
import { observeAll } from './evaluate.js';
import type { MeanInterval } from './stats.js';

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

/** One metric compared with its baseline. */
export interface Comparison {
  readonly metric: string;
  readonly ref: MetricRef;
  readonly baseline: number | null;
  /** The new value (the mean over replications); null without data. */
  readonly current: number | null;
  /** The allowed worsening, in the metric's unit (0 without a tolerance). */
  readonly allowed: number;
  readonly tolerance: string | null;
  readonly regression: boolean;
  /** Why a value is missing, or null. */
  readonly note: string | null;
}

/** The references compared by default: every top-level outcome metric. */
export function defaultRefs(): MetricRef[] {
  return METRICS.filter((d) => d.baselineDefault).map((def) => ({ def, code: null, scope: null }));
}

/**
 * Compares `current` (one summary, or one per replication: their mean is compared) with
 * `baseline` for the default metrics plus every metric a tolerance names, in list order.
 */
export function compareSummaries(baseline: Summary, current: readonly Summary[], tolerances: readonly Tolerance[]): Comparison[] {
  const refs = defaultRefs();
  for (const t of tolerances) if (!refs.some((r) => formatRef(r) === formatRef(t.ref))) refs.push(t.ref);
  return refs.map((ref) => {
    const metric = formatRef(ref);
    const tol = [...tolerances].reverse().find((t) => formatRef(t.ref) === metric) ?? null;
    const b = observe(baseline, ref);
    const c = observeAll(current, ref);
    const base = { metric, ref, tolerance: tol?.text ?? null };
    if (b.value === null && 'reason' in c) return { ...base, baseline: null, current: null, allowed: 0, regression: false, note: 'no data in either' };
    if (b.value === null) return { ...base, baseline: null, current: (c as MeanInterval).mean, allowed: 0, regression: false, note: `baseline: ${b.reason}` };
    const allowed = tol === null ? 0 : tol.mode === 'relative' ? Math.abs(b.value) * tol.amount : tol.amount;
    if ('reason' in c) return { ...base, baseline: b.value, current: null, allowed, regression: true, note: c.reason };
    const worsening = ref.def.worse === 'higher' ? c.mean - b.value : b.value - c.mean;
    const regression = worsening > allowed && !nearlyEqual(worsening, allowed);
    return { ...base, baseline: b.value, current: c.mean, allowed, regression, note: null };
  });
}

/** The change from baseline to current as shown: `+3s (+25%)`, `-0.5pp`, `+12`. */
export function describeChange(c: Comparison): string {
  if (c.baseline === null || c.current === null) return c.note ?? 'no data';
  const d = c.current - c.baseline;
  const sign = d > 0 ? '+' : d < 0 ? '-' : '±';
  const kind = c.ref.def.kind;
  const abs = kind === 'ratio' ? `${Number((Math.abs(d) * 100).toFixed(4))}pp` : formatValue(Math.abs(d), kind);
  const pct = (Math.abs(d) / Math.abs(c.baseline)) * 100;
  const rel = kind !== 'ratio' && c.baseline !== 0 && d !== 0 ? ` (${sign}${pct < 0.1 ? '<0.1' : Number(pct.toFixed(1))}%)` : '';
  return `${sign}${abs}${rel}`;
}

/** Both values and the change: `12s → 15s (+3s (+25%))`. */
export function describeValues(c: Comparison): string {
  const show = (v: number | null): string => (v === null ? '-' : formatValue(v, c.ref.def.kind));
  return `${show(c.baseline)} → ${show(c.current)}: ${describeChange(c)}`;
}

/** One comparison as a line: `✗ wait_p95  12s → 15s  +3s (+25%)  tolerance +10%: regression`. */
export function describeComparison(c: Comparison): string {
  const kind = c.ref.def.kind;
  const show = (v: number | null): string => (v === null ? '-' : formatValue(v, kind));
  const tol = c.tolerance === null ? 'tolerance 0' : `tolerance ${c.tolerance}`;
  const verdict = c.regression ? ': regression' : '';
  return `${c.regression ? '✗' : '✓'} ${c.metric}  ${show(c.baseline)} → ${show(c.current)}  ${describeChange(c)}  ${tol}${verdict}`;
}

const num = z.number();
/** Waits are null when nothing was delivered (older summaries wrote 0). */
const waitSchema = z.looseObject({ p50: num.nullable(), p95: num.nullable(), p99: num.nullable(), max: num.nullable(), mean: num.nullable() });
const scope = z.looseObject({
  submitted: num,
  delivered: num,
  failed: num,
  queued: num,
  delayed: num,
  failures: z.record(z.string(), num),
  wait: waitSchema,
  drain_time: num.nullable(),
});

/** The fields of a summary that comparisons read; anything else in the file is ignored. */
export const summaryFileSchema = z.looseObject({
  scenario: z.string(),
  seed: num,
  totals: z.looseObject({ submitted: num, delivered: num, failed: num, queued: num, delayed: num }),
  failures: z.record(z.string(), z.looseObject({ count: num })),
  wait: waitSchema,
  drain_time: num.nullable(),
  by_carrier: z.record(z.string(), scope),
  by_sender: z.record(z.string(), scope),
  by_traffic: z.record(z.string(), scope),
});
