/**
 * Baseline comparison: each metric of a new run (or the mean of its replications) against
 * the same metric of a baseline — a saved summary (`a2psim run --format json`) or a
 * replicated baseline (`check --update-baseline --replications N`) — in the direction that
 * means "worse", within a tolerance. Pure; reading files is the CLI's job.
 *
 * A metric regresses when its worsening is strictly greater than its tolerance (a change
 * exactly at the tolerance passes) AND, when either side has replications, the difference
 * is significant at 95% (Welch's t-test, two-sided p < 0.05). Without replications on
 * either side there is nothing to test with, and the tolerance alone decides.
 */
import { z } from 'zod';
import type { Summary } from '../report/summary.js';
import { formatValue, nearlyEqual } from './expr.js';
import { formatRef, METRICS, type MetricRef } from '../scenario/expect/metric-defs.js';
import { fromSummaries, type MetricSet, type Sample } from './replicated.js';
import { welchTest } from './stats.js';
import { allowedWorsening, type Tolerance, type ToleranceSource } from './tolerance.js';


/** Significance level of the test of a worsening: two-sided p below this is significant. */
export const SIGNIFICANCE = 0.05;

/** One metric compared with its baseline. */
export interface Comparison {
  readonly metric: string;
  readonly ref: MetricRef;
  /** The baseline value (its mean over replications); null without data. */
  readonly baseline: number | null;
  /** The new value (the mean over replications); null without data. */
  readonly current: number | null;
  /** 95% half-widths of the two means; null for a single run or without data. */
  readonly baselineHalfWidth: number | null;
  readonly currentHalfWidth: number | null;
  /** Runs behind each value. */
  readonly baselineRuns: number;
  readonly currentRuns: number;
  /** The allowed worsening, in the metric's unit. */
  readonly allowed: number;
  /** The `--tolerance` text naming this metric, or null (a default applies). */
  readonly tolerance: string | null;
  readonly toleranceSource: ToleranceSource;
  /** Two-sided p-value of Welch's t-test of the difference; null when not tested. */
  readonly p: number | null;
  /** The worsening is beyond the tolerance (a regression when also significant). */
  readonly beyondTolerance: boolean;
  readonly regression: boolean;
  /** Why a value is missing, or null. */
  readonly note: string | null;
}

/** The references compared by default: every top-level outcome metric. */
export function defaultRefs(): MetricRef[] {
  return METRICS.filter((d) => d.baselineDefault).map((def) => ({ def, code: null, scope: null }));
}

const SUBMITTED = METRICS.find((d) => d.name === 'submitted')!;

/** Compares one metric. */
function compareOne(ref: MetricRef, baseline: MetricSet, current: MetricSet, tol: Tolerance | null): Comparison {
  const b: Sample = baseline.sample(ref);
  const c: Sample = current.sample(ref);
  const base = {
    metric: formatRef(ref),
    ref,
    tolerance: tol?.text ?? null,
    baselineRuns: baseline.runs,
    currentRuns: current.runs,
    baselineHalfWidth: 'reason' in b ? null : b.halfWidth,
    currentHalfWidth: 'reason' in c ? null : c.halfWidth,
    p: null,
  };
  const noTol = { allowed: 0, toleranceSource: tol === null ? ('single-run' as const) : ('named' as const) };
  if ('reason' in b) {
    const note = 'reason' in c ? 'no data in either' : `baseline: ${b.reason}`;
    return { ...base, ...noTol, baseline: null, current: 'reason' in c ? null : c.mean, beyondTolerance: false, regression: false, note };
  }
  const sub = baseline.sample({ def: SUBMITTED, code: null, scope: ref.scope });
  const { allowed, source } = allowedWorsening(ref, tol, b, 'reason' in sub ? null : sub.mean);
  const known = { ...base, baseline: b.mean, allowed, toleranceSource: source };
  if ('reason' in c) return { ...known, current: null, beyondTolerance: true, regression: true, note: c.reason };
  const worsening = ref.def.worse === 'higher' ? c.mean - b.mean : b.mean - c.mean;
  const beyond = worsening > allowed && !nearlyEqual(worsening, allowed);
  const test = welchTest(b, c);
  const regression = beyond && (test === null || test.p < SIGNIFICANCE);
  return { ...known, current: c.mean, p: test?.p ?? null, beyondTolerance: beyond, regression, note: null };
}

/**
 * Compares `current` with `baseline` for the default metrics plus every metric a
 * tolerance names, in list order (the last `--tolerance` of a metric wins).
 */
export function compareSets(baseline: MetricSet, current: MetricSet, tolerances: readonly Tolerance[]): Comparison[] {
  const refs = defaultRefs();
  for (const t of tolerances) if (!refs.some((r) => formatRef(r) === formatRef(t.ref))) refs.push(t.ref);
  return refs.map((ref) => {
    const metric = formatRef(ref);
    return compareOne(ref, baseline, current, [...tolerances].reverse().find((t) => formatRef(t.ref) === metric) ?? null);
  });
}

/**
 * Compares `current` (one summary, or one per replication: their mean is compared) with
 * a single-run `baseline` summary; see {@link compareSets}.
 */
export function compareSummaries(baseline: Summary, current: readonly Summary[], tolerances: readonly Tolerance[]): Comparison[] {
  return compareSets(fromSummaries([baseline]), fromSummaries(current), tolerances);
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

/** A value with its 95% half-width when it is a mean over replications: `12s ± 0.4s`. */
function showWithInterval(c: Comparison, v: number | null, halfWidth: number | null): string {
  if (v === null) return '-';
  const kind = c.ref.def.kind;
  return halfWidth === null ? formatValue(v, kind) : `${formatValue(v, kind)} ± ${formatValue(halfWidth, kind)}`;
}

/** Both values and the change: `12s → 15s (+3s (+25%))`. */
export function describeValues(c: Comparison): string {
  return `${showWithInterval(c, c.baseline, c.baselineHalfWidth)} → ${showWithInterval(c, c.current, c.currentHalfWidth)}: ${describeChange(c)}`;
}

/**
 * The tolerance and the test as shown: `tolerance +10%`, `tolerance 0`,
 * `tolerance 0 (deterministic), p < 0.001`, `tolerance 1pp (default), p = 0.412`.
 */
export function describeTolerance(c: Comparison): string {
  const kind = c.ref.def.kind;
  const amount = kind === 'ratio' ? `${Number((c.allowed * 100).toFixed(4))}pp` : formatValue(c.allowed, kind);
  const tol = {
    named: `tolerance ${c.tolerance}`,
    'single-run': 'tolerance 0',
    deterministic: 'tolerance 0 (deterministic)',
    stochastic: `tolerance ${amount} (default)`,
  }[c.toleranceSource];
  if (c.p === null) return tol;
  return `${tol}, p ${c.p < 0.001 ? '< 0.001' : `= ${c.p.toFixed(3)}`}`;
}

/**
 * One comparison as a line: `✗ wait_p95  12s → 15s  +3s (+25%)  tolerance +10%: regression`;
 * means over replications carry their 95% half-width and the test's p-value.
 */
export function describeComparison(c: Comparison): string {
  const verdict = c.regression ? ': regression' : c.beyondTolerance ? ': not significant' : '';
  const values = `${showWithInterval(c, c.baseline, c.baselineHalfWidth)} → ${showWithInterval(c, c.current, c.currentHalfWidth)}`;
  return `${c.regression ? '✗' : '✓'} ${c.metric}  ${values}  ${describeChange(c)}  ${describeTolerance(c)}${verdict}`;
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

const stat = z.looseObject({ mean: num.nullable(), ci95_half_width: z.number().min(0).nullable(), n: z.number().int().min(1), note: z.string().optional() });

/**
 * A replicated baseline (`check --update-baseline --replications N`, or `run
 * --replications N --format json`): every metric's mean, 95% half-width and runs.
 */
export const replicatedFileSchema = z.looseObject({
  scenario: z.string(),
  seed: num,
  replications: z.looseObject({ n: z.number().int().min(1), seeds: z.array(num) }),
  metrics: z.record(z.string(), stat),
  warnings: z.array(z.string()).optional(),
});
