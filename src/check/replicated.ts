/**
 * Every metric of a scenario over N replications as a mean with its 95% half-width: the
 * document `run --replications N --format json` prints and `check --update-baseline
 * --replications N` stores as a baseline. And the one interface comparisons read metrics
 * through, whether they come from live summaries, a saved single-run summary or such a
 * document. Pure.
 */
import { FAILURE_CODES } from '../rules/codes.js';
import type { Summary } from '../report/summary.js';
import { observeAll } from './evaluate.js';
import { formatRef, METRICS, type MetricRef, SCOPE_KINDS, type ScopeKind } from '../scenario/expect/metric-defs.js';
import type { MeanInterval } from './stats.js';

/** One metric over the replications; `mean` null (with `note`) when a run had no value. */
export interface MetricStat {
  readonly mean: number | null;
  readonly ci95_half_width: number | null;
  /** Number of runs. */
  readonly n: number;
  readonly note?: string;
}

/** Every metric of a scenario over its replications. */
export interface ReplicatedDoc {
  readonly scenario: string;
  /** The scenario's seed: the first replication's. */
  readonly seed: number;
  readonly replications: { readonly n: number; readonly seeds: readonly number[] };
  /** Keyed by the metric's canonical text: `delivered`, `failed[420]{carrier=att}`. */
  readonly metrics: Readonly<Record<string, MetricStat>>;
  readonly warnings: readonly string[];
}

/** A metric's value over some runs, or why it has none. */
export type Sample = MeanInterval | { readonly reason: string };

/** Metrics of one scenario's runs, however they were stored. */
export interface MetricSet {
  readonly scenario: string;
  readonly seed: number;
  /** Number of runs behind each mean. */
  readonly runs: number;
  sample(ref: MetricRef): Sample;
}

/** Metrics of live (or saved single-run) summaries, one per replication. */
export function fromSummaries(summaries: readonly Summary[]): MetricSet {
  return { scenario: summaries[0].scenario, seed: summaries[0].seed, runs: summaries.length, sample: (ref) => observeAll(summaries, ref) };
}

/** Metrics of a replicated document (a baseline written with `--replications`). */
export function fromDoc(doc: ReplicatedDoc): MetricSet {
  return {
    scenario: doc.scenario,
    seed: doc.seed,
    runs: doc.replications.n,
    sample: (ref) => {
      const s = doc.metrics[formatRef(ref)];
      if (s === undefined) {
        return { reason: ref.scope === null ? 'not in the baseline' : `no ${ref.scope.kind} "${ref.scope.name}" in the results` };
      }
      if (s.mean === null) return { reason: s.note ?? 'no data' };
      return { n: s.n, mean: s.mean, halfWidth: s.n < 2 ? null : s.ci95_half_width };
    },
  };
}

const SCOPES = Object.keys(SCOPE_KINDS) as ScopeKind[];

/**
 * Every metric of every scope of the summaries: the whole run first, then each carrier,
 * sender and traffic source; in each, the metrics in catalogue order, with `failed[CODE]`
 * for each code that occurs in any run.
 */
export function everyRef(summaries: readonly Summary[]): MetricRef[] {
  const refs: MetricRef[] = [];
  const scopes: (MetricRef['scope'])[] = [null];
  for (const kind of SCOPES) {
    const names = new Set(summaries.flatMap((s) => Object.keys(s[SCOPE_KINDS[kind]] ?? {})));
    for (const name of names) scopes.push({ kind, name });
  }
  for (const scope of scopes) {
    const codes = new Set<string>();
    for (const s of summaries) {
      const failures = scope === null ? Object.keys(s.failures) : Object.keys((s[SCOPE_KINDS[scope.kind]] as Record<string, { failures: object }>)[scope.name]?.failures ?? {});
      for (const c of failures) codes.add(c);
    }
    for (const def of METRICS) {
      if (!def.takesCode) refs.push({ def, code: null, scope });
      else for (const r of FAILURE_CODES) if (codes.has(r.code)) refs.push({ def, code: r.code, scope });
    }
  }
  return refs;
}

/** The replicated document of a scenario's runs (`summaries` in `seeds` order). */
export function replicatedDoc(summaries: readonly Summary[], seeds: readonly number[]): ReplicatedDoc {
  const metrics: Record<string, MetricStat> = {};
  for (const ref of everyRef(summaries)) {
    const o = observeAll(summaries, ref);
    metrics[formatRef(ref)] = 'reason' in o ? { mean: null, ci95_half_width: null, n: summaries.length, note: o.reason } : { mean: o.mean, ci95_half_width: o.halfWidth, n: o.n };
  }
  const warnings = [...new Set(summaries.flatMap((s) => s.warnings))];
  return { scenario: summaries[0].scenario, seed: summaries[0].seed, replications: { n: summaries.length, seeds: [...seeds] }, metrics, warnings };
}
