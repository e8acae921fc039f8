/**
 * The metrics a threshold or a baseline comparison can name, as data: each metric's kind
 * (what its values mean and how they are written) and the direction in which it gets
 * worse. The scenario's `expect:` grammar is built on it; reading a metric from a summary
 * lives in check/metric-values.ts. Pure.
 */

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
  // Per message (a chain of attempts when clients retry; the same as the counts above without retries). Whole run only.
  m('messages', 'count', null, 'messages (first attempts; each resubmission is an attempt of the same message)', false),
  m('messages_delivered', 'count', 'lower', 'messages delivered by one of their attempts', false),
  m('messages_lost', 'count', 'higher', 'messages whose last attempt failed with no retry left', false),
  m('messages_pending', 'count', 'higher', 'messages still waiting (queued, or a retry not yet due) when the run ended', false),
  m('message_delivered_ratio', 'ratio', 'lower', 'messages_delivered / messages', false),
  m('message_lost_ratio', 'ratio', 'higher', 'messages_lost / messages', false),
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
