/**
 * The metrics a threshold or a baseline comparison can name, as data: each metric's kind
 * (what its values mean and how they are written), the direction in which it gets worse,
 * and how to read it from a summary. Pure.
 */
import { totalScope, type ScopeSummary, type Summary } from '../report/summary.js';

/** What a metric's values are: a message count, a ratio in [0, 1], or a time in seconds. */
export type MetricKind = 'count' | 'ratio' | 'time';

/** Which change of a metric is a regression. `null`: neither (an input, not an outcome). */
export type WorseWhen = 'higher' | 'lower' | null;

/** Scope kinds a metric can be restricted to, with the summary field holding them. */
export const SCOPE_KINDS = { carrier: 'by_carrier', sender: 'by_sender', traffic: 'by_traffic' } as const;
export type ScopeKind = keyof typeof SCOPE_KINDS;

/** A metric definition. */
export interface MetricDef {
  readonly name: string;
  readonly kind: MetricKind;
  readonly worse: WorseWhen;
  /** True for `failed[CODE]`, the only metric taking a `[CODE]`. */
  readonly takesCode: boolean;
  /** Compared against a baseline when no `--tolerance` names it. */
  readonly baselineDefault: boolean;
  readonly doc: string;
}

const m = (name: string, kind: MetricKind, worse: WorseWhen, doc: string, baselineDefault = true): MetricDef => ({
  name,
  kind,
  worse,
  takesCode: false,
  baselineDefault,
  doc,
});

/** Every metric, in the order they are listed and compared. */
export const METRICS: readonly MetricDef[] = [
  m('submitted', 'count', null, 'messages submitted (the API calls)', false),
  m('delivered', 'count', 'lower', 'messages handed to the carrier'),
  m('failed', 'count', 'higher', 'messages that failed, any code'),
  { ...m('failed', 'count', 'higher', 'messages that failed with CODE, e.g. failed[420]', false), takesCode: true },
  m('queued', 'count', 'higher', 'messages still waiting when the run ended'),
  m('delayed', 'count', 'higher', 'messages delivered after waiting more than 0 s (not compared by default: delivering more can mean more delayed)', false),
  m('delivered_ratio', 'ratio', 'lower', 'delivered / submitted'),
  m('failed_ratio', 'ratio', 'higher', 'failed / submitted'),
  m('wait_p50', 'time', 'higher', 'median wait of delivered messages'),
  m('wait_p95', 'time', 'higher', '95th percentile wait of delivered messages'),
  m('wait_p99', 'time', 'higher', '99th percentile wait of delivered messages'),
  m('wait_max', 'time', 'higher', 'longest wait of a delivered message'),
  m('wait_mean', 'time', 'higher', 'mean wait of delivered messages'),
  m('drain_time', 'time', 'higher', 'time from the start until the last message left'),
];

/** Metric names as written (without `[CODE]`), for messages and suggestions. */
export const METRIC_NAMES: readonly string[] = [...new Set(METRICS.map((d) => d.name))];

/** The definition of `name`, with or without a `[CODE]`; undefined when unknown. */
export function metricDef(name: string, withCode: boolean): MetricDef | undefined {
  return METRICS.find((d) => d.name === name && d.takesCode === withCode) ?? METRICS.find((d) => d.name === name);
}

/** A metric as referenced by a threshold or tolerance: `failed[420]{carrier=tmobile}`. */
export interface MetricRef {
  readonly def: MetricDef;
  /** The failure code of `failed[CODE]`; null otherwise. */
  readonly code: string | null;
  readonly scope: { readonly kind: ScopeKind; readonly name: string } | null;
}

/** The canonical text of a metric reference: `failed[420]{carrier=tmobile}`. */
export function formatRef(ref: MetricRef): string {
  const code = ref.code === null ? '' : `[${ref.code}]`;
  const scope = ref.scope === null ? '' : `{${ref.scope.kind}=${ref.scope.name}}`;
  return `${ref.def.name}${code}${scope}`;
}

/** A metric's value in a summary, or why there is none. */
export type Observed = { readonly value: number } | { readonly value: null; readonly reason: string };

const WAIT_FIELDS: Readonly<Record<string, keyof ScopeSummary['wait']>> = {
  wait_p50: 'p50',
  wait_p95: 'p95',
  wait_p99: 'p99',
  wait_max: 'max',
  wait_mean: 'mean',
};

/** The scope a reference reads: the whole run, or one carrier/sender/traffic source. */
function scopeOf(summary: Summary, ref: MetricRef): { scope: ScopeSummary; failures: Record<string, number> } | string {
  if (ref.scope === null) {
    const scope = totalScope(summary);
    return { scope, failures: scope.failures };
  }
  const table = (summary[SCOPE_KINDS[ref.scope.kind]] ?? {}) as Record<string, ScopeSummary>;
  if (!Object.prototype.hasOwnProperty.call(table, ref.scope.name)) {
    const known = Object.keys(table);
    const list = known.length > 0 ? known.join(', ') : 'none';
    return `no ${ref.scope.kind} "${ref.scope.name}" in the results (known: ${list})`;
  }
  const scope = table[ref.scope.name];
  return { scope, failures: scope.failures ?? {} };
}

/**
 * Reads a metric from a summary (a live one or a baseline JSON of `run --format json`).
 * A ratio with nothing submitted, a wait or drain time with nothing delivered, and an
 * unknown scope have no value: `{ value: null, reason }`, which a threshold treats as
 * failed. Never throws.
 */
export function observe(summary: Summary, ref: MetricRef): Observed {
  const found = scopeOf(summary, ref);
  if (typeof found === 'string') return { value: null, reason: found };
  const { scope, failures } = found;
  const name = ref.def.name;
  if (ref.code !== null) return { value: failures[ref.code] ?? 0 };
  switch (name) {
    case 'submitted':
    case 'delivered':
    case 'failed':
    case 'queued':
    case 'delayed':
      return { value: scope[name] };
    case 'delivered_ratio':
    case 'failed_ratio':
      if (scope.submitted === 0) return { value: null, reason: 'no data: no message was submitted' };
      return { value: (name === 'delivered_ratio' ? scope.delivered : scope.failed) / scope.submitted };
    case 'drain_time':
      if (scope.delivered === 0 || scope.drain_time === null) return { value: null, reason: 'no data: no message was delivered' };
      return { value: scope.drain_time };
    default: {
      const field = WAIT_FIELDS[name];
      if (field === undefined) throw new Error(`metric ${name} has no reader`); // a bug: METRICS and this switch disagree
      const wait = scope.wait[field];
      if (scope.delivered === 0 || wait === null) return { value: null, reason: 'no data: no message was delivered' };
      return { value: wait };
    }
  }
}
