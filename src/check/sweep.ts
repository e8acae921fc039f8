/**
 * `sweep`: every point of a grid of parameter values (the product of one list per
 * `--vary`), each run under the same replication seeds, judged by the scenario's
 * thresholds and reduced to a fixed list of metrics. The result is plain data that a
 * shard file can carry and `merge` can reassemble; the CSV and JSON are rendered from it
 * alone, so a merged result prints byte for byte what one unsharded run prints. Pure.
 */
import { stringify } from 'csv-stringify/sync';
import { FAILURE_CODES } from '../rules/codes.js';
import type { Summary } from '../report/summary.js';
import { observeAll } from './evaluate.js';
import { parseMetricRef } from './expr.js';
import { decimalExpected, readDecimal } from '../scenario/numbers.js';
import { GridError, gridOf, type GridValue } from './solve.js';
import { judge, type FailedThreshold } from './verdict.js';
import { meanInterval } from './stats.js';

/** One `--vary`: a path and its values, in order. */
export interface Vary {
  readonly path: string;
  readonly values: readonly GridValue[];
}

/** The metrics every point reports by default, in this order (one CSV row each). */
export const SWEEP_METRICS: readonly string[] = [
  'submitted', 'delivered', 'failed', 'queued', 'delayed', 'delivered_ratio', 'failed_ratio',
  'wait_p50', 'wait_p95', 'wait_p99', 'wait_max', 'wait_mean', 'drain_time',
  ...FAILURE_CODES.map((c) => `failed[${c.code}]`),
];

/** Cost metrics of a scenario with `pricing:`: a month's total, and one run's. */
export const COST_METRICS: readonly string[] = ['cost', 'cost_per_run'];

/** A cost metric's mean over replications, or why there is none. */
function costMetric(name: string, summaries: readonly Summary[]): PointMetric {
  const values = summaries.map((s) => (s.cost === undefined ? null : name === 'cost' ? s.cost.monthly.total : s.cost.run.total));
  if (values.some((v) => v === null)) return { mean: null, half_width: null };
  const m = meanInterval(values as number[]);
  return { mean: m.mean, half_width: m.halfWidth };
}

/** A metric at a point: the mean over replications and the 95% half-width (null for one run). */
export interface PointMetric {
  mean: number | null;
  half_width: number | null;
}

/** One point of a sweep. */
export interface SweepPoint {
  /** Position in the full grid (row-major over the `--vary` order). */
  index: number;
  /** The value of each varied path, as given (numbers as numbers). */
  values: Record<string, number | string>;
  pass: boolean;
  failed: FailedThreshold[];
  /** The binding constraint of the first replication, in plain words. */
  bottleneck: string;
  metrics: Record<string, PointMetric>;
  /** With `--vary seed` only: this point's replication seeds (the first is its `seed` value). */
  seeds?: number[];
}

/** A whole sweep (or, with `shard`, one shard of it). */
export interface SweepResult {
  a2psim_version: string;
  scenario: string;
  file: string;
  /** SHA-256 (hex) of the scenario file's bytes. */
  scenario_sha256: string;
  /** The `--set` overrides every point shares. */
  set: string[];
  parameters: { path: string; values: (number | string)[] }[];
  replications: number;
  /** The replication seeds every point runs; empty with `--vary seed` (each point lists its own). */
  seeds: number[];
  expect: string[];
  /** The metrics of every point, in CSV row order. */
  metrics: string[];
  points: SweepPoint[];
  /** Index of the cheapest passing point (see {@link cheapestPoint}), or null. */
  cheapest: number | null;
}

/** A value as JSON shows it: a number when it is one. */
export function jsonValue(v: GridValue): number | string {
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n : v;
}

/**
 * Parses `PATH=v1,v2,...` or `PATH=a..b` / `PATH=a..b:step`.
 * @throws GridError naming the flag, what was expected and what arrived.
 */
export function parseVary(spec: string): Vary {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new GridError(`--vary: expected PATH=v1,v2,... or PATH=a..b:step, got ${JSON.stringify(spec)}`);
  const path = spec.slice(0, eq).trim();
  const text = spec.slice(eq + 1).trim();
  const range = /^([-+]?[\d.eE+-]+?)\.\.([-+]?[\d.eE+-]+?)(?::([\d.eE+-]+))?$/.exec(text);
  if (range !== null) {
    const [min, max, step] = [range[1], range[2], range[3] ?? '1'].map((t) => {
      const r = readDecimal(t);
      if ('problem' in r) throw new GridError(`--vary ${path}: expected ${r.problem === 'syntax' ? 'numbers in a..b:step' : decimalExpected(r.problem)}, got ${JSON.stringify(t)} in ${JSON.stringify(text)}`);
      return r.value;
    });
    return { path, values: gridOf({ min, max, step }) };
  }
  const values = text.split(',').map((v) => v.trim());
  if (text === '' || values.some((v) => v === '')) throw new GridError(`--vary ${path}: expected a list of values v1,v2,... or a range a..b:step, got ${JSON.stringify(text)}`);
  return { path, values };
}

/** The grid: every combination, the first `--vary` outermost. */
export function gridPoints(varies: readonly Vary[]): GridValue[][] {
  let out: GridValue[][] = [[]];
  for (const v of varies) out = out.flatMap((prefix) => v.values.map((x) => [...prefix, x]));
  return out;
}

/** A point's record from the summaries of its replications (in seed order). */
export function pointRecord(
  index: number,
  varies: readonly Vary[],
  values: readonly GridValue[],
  expect: readonly string[],
  summaries: readonly Summary[],
  names: readonly string[] = SWEEP_METRICS,
): SweepPoint {
  const verdict = judge(expect, summaries);
  const metrics: Record<string, PointMetric> = {};
  for (const name of names) {
    if (COST_METRICS.includes(name)) {
      metrics[name] = costMetric(name, summaries);
      continue;
    }
    const o = observeAll(summaries, parseMetricRef(name));
    metrics[name] = 'reason' in o ? { mean: null, half_width: null } : { mean: o.mean, half_width: o.halfWidth };
  }
  return {
    index,
    values: Object.fromEntries(varies.map((v, i) => [v.path, jsonValue(values[i])])),
    pass: verdict.pass,
    failed: verdict.failed,
    bottleneck: summaries[0].bottlenecks.binding,
    metrics,
  };
}

/**
 * The cheapest passing point: with `pricing:` (a `cost` metric at every passing point), the
 * one with the least mean monthly cost; otherwise the one asking least of every varied
 * parameter, i.e. with the smallest sum of its positions along each `--vary` list (each
 * scaled to 0..1). Ties go to the earlier point. Null when no point passes.
 */
export function cheapestPoint(points: readonly SweepPoint[], parameters: SweepResult['parameters']): number | null {
  const passing = points.filter((p) => p.pass);
  const byCost = passing.length > 0 && passing.every((p) => p.metrics.cost?.mean != null);
  let best: { index: number; cost: number } | null = null;
  for (const p of passing) {
    const cost = byCost
      ? p.metrics.cost.mean!
      : parameters.reduce((acc, par) => {
          const pos = par.values.indexOf(p.values[par.path]);
          return acc + (par.values.length > 1 ? pos / (par.values.length - 1) : 0);
        }, 0);
    if (best === null || cost < best.cost - 1e-12) best = { index: p.index, cost };
  }
  return best?.index ?? null;
}

/** The sweep as JSON text (what `sweep --format json` and `merge --format json` print). */
export function sweepJson(r: SweepResult): string {
  return JSON.stringify(r, null, 2) + '\n';
}

/**
 * The sweep as a tidy CSV: one row per point and metric — `point`, each varied path,
 * `metric`, `mean`, `ci95_half_width`, `pass`, `cheapest` — ready for a pivot table.
 */
export function sweepCsv(r: SweepResult): string {
  const head = ['point', ...r.parameters.map((p) => p.path), 'metric', 'mean', 'ci95_half_width', 'pass', 'cheapest'];
  const rows: (string | number)[][] = [head];
  for (const p of r.points) {
    for (const name of r.metrics) {
      const m = p.metrics[name];
      rows.push([
        p.index,
        ...r.parameters.map((par) => p.values[par.path]),
        name,
        m.mean === null ? '' : m.mean,
        m.half_width === null ? '' : m.half_width,
        p.pass ? 'true' : 'false',
        p.index === r.cheapest ? 'true' : 'false',
      ]);
    }
  }
  return stringify(rows, { record_delimiter: '\r\n' });
}
