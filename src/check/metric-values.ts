/**
 * Reading a metric from a summary. The catalogue of metrics (kinds, directions, names)
 * is the scenario's (scenario/expect/metric-defs.ts). Pure.
 */
import { totalScope, type ScopeSummary, type Summary } from '../report/summary.js';

import { type MetricRef, SCOPE_KINDS } from '../scenario/expect/metric-defs.js';

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
    case 'messages':
    case 'messages_delivered':
    case 'messages_lost':
    case 'messages_pending':
    case 'message_delivered_ratio':
    case 'message_lost_ratio':
      return messageMetric(summary, ref);
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

/**
 * A per-message metric: from the summary's `messages` (present when clients retry or
 * defer), else from the totals (without retries every attempt is a message). Whole run only.
 */
function messageMetric(summary: Summary, ref: MetricRef): Observed {
  if (ref.scope !== null) return { value: null, reason: `${ref.def.name} is counted for the whole run only, not per ${ref.scope.kind}` };
  const t = summary.totals;
  const m = summary.messages ?? { total: t.submitted, delivered: t.delivered, failed: t.failed, queued: t.queued };
  switch (ref.def.name) {
    case 'messages':
      return { value: m.total };
    case 'messages_delivered':
      return { value: m.delivered };
    case 'messages_lost':
      return { value: m.failed };
    case 'messages_pending':
      return { value: m.queued };
    default:
      if (m.total === 0) return { value: null, reason: 'no data: no message was submitted' };
      return { value: (ref.def.name === 'message_delivered_ratio' ? m.delivered : m.failed) / m.total };
  }
}
