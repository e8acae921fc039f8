/**
 * What `merge` checks in each shard file's `result` besides its header: that it holds
 * exactly the items the header names (each once, none missing, none another shard's) and
 * that every number in it is a finite number (`1e999` in JSON reads as Infinity). A shard
 * edited by hand or cut short is refused, never merged into a wrong whole. Pure.
 */
import { MergeError, type ShardFile } from './shards.js';

/** The first path under `value` holding a number that is not finite, or null. */
function nonFinite(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = nonFinite(value[i], `${path}[${i}]`);
      if (p !== null) return p;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = nonFinite(v, `${path}.${k}`);
      if (p !== null) return p;
    }
  }
  return null;
}

/** JSON text of a value with out-of-range numbers shown as such (JSON would print null). */
const show = (v: unknown): string => JSON.stringify(v, (_, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x)) ?? 'nothing';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Checks the items of a result against the header's list: same set, each once. */
function checkItems(name: string, header: readonly number[], got: readonly unknown[], what: string): void {
  const want = new Set(header);
  const seen = new Set<unknown>();
  for (const i of got) {
    if (seen.has(i)) throw new MergeError(`${name}: expected each ${what} of the shard once in its result, got ${what} ${JSON.stringify(i)} twice`);
    seen.add(i);
    if (typeof i !== 'number' || !want.has(i)) throw new MergeError(`${name}: expected the ${what}s ${JSON.stringify(header)} of its header in its result, got ${what} ${JSON.stringify(i)}`);
  }
  const missing = header.filter((i) => !seen.has(i));
  if (missing.length > 0) throw new MergeError(`${name}: expected the ${what}s ${JSON.stringify(header)} of its header in its result, got none for ${what} ${missing.join(', ')}`);
}

/** The run options a sweep result repeats from its header's `run`. */
const SWEEP_RUN_FIELDS = ['scenario', 'set', 'parameters', 'replications', 'seeds', 'expect', 'metrics'] as const;

/** Checks a sweep shard's result: its points are the header's, with finite metrics. */
function checkSweepResult(f: ShardFile<unknown>, name: string): void {
  const r = f.result;
  if (!isObject(r) || !Array.isArray(r.points)) throw new MergeError(`${name}: expected a sweep result with points, got ${r === null || typeof r !== 'object' ? JSON.stringify(r) : 'another shape'}`);
  const run = isObject(f.run) ? f.run : {};
  for (const k of SWEEP_RUN_FIELDS) {
    if (JSON.stringify(r[k]) !== JSON.stringify(run[k])) throw new MergeError(`${name}: expected the result's ${k} to be its header's (${JSON.stringify(run[k])}), got ${JSON.stringify(r[k])}`);
  }
  const points = r.points as unknown[];
  if (points.some((p) => !isObject(p) || !isObject(p.metrics) || !isObject(p.values) || typeof p.pass !== 'boolean')) {
    throw new MergeError(`${name}: expected every point of the result to have index, values, pass and metrics, got one without`);
  }
  checkItems(name, f.points, points.map((p) => (p as { index: unknown }).index), 'point');
  const metrics = run.metrics as readonly string[];
  for (const p of points as { index: number; metrics: Record<string, unknown> }[]) {
    for (const m of metrics) {
      const v = p.metrics[m];
      const ok = isObject(v) && [v.mean, v.half_width].every((x) => x === null || (typeof x === 'number' && Number.isFinite(x)));
      if (!ok) throw new MergeError(`${name}: expected metric ${m} of point ${p.index} to be finite numbers (or null without data), got ${show(v)}`);
    }
  }
}

/** Checks a check shard's result: one scenario check per item, each of its scenario (by hash). */
function checkCheckResult(f: ShardFile<unknown>, name: string): void {
  const r = f.result;
  if (!isObject(r) || !Array.isArray(r.checks)) throw new MergeError(`${name}: expected a check result with checks, got another shape`);
  const checks = r.checks as unknown[];
  if (checks.length !== f.points.length) {
    throw new MergeError(`${name}: expected ${f.points.length} scenario results (the items ${JSON.stringify(f.points)} of its header), got ${checks.length}`);
  }
  checks.forEach((c, k) => {
    const want = f.scenario_sha256[f.points[k]];
    if (!isObject(c) || c.sha256 !== want) {
      throw new MergeError(`${name}: expected result ${k + 1} to be scenario ${f.points[k] + 1} of the run (sha256 ${want}), got ${isObject(c) ? JSON.stringify(c.sha256) : 'another shape'}`);
    }
  });
}

/**
 * Checks a shard's `result` against its header (see the file comment).
 * @throws MergeError naming the file and what does not fit.
 */
export function checkShardResult(f: ShardFile<unknown>, name: string): void {
  if (f.kind === 'sweep') checkSweepResult(f, name);
  else checkCheckResult(f, name);
  const bad = nonFinite(f.result, 'result');
  if (bad !== null) throw new MergeError(`${name}: expected finite numbers in the result, got a number out of range at ${bad}`);
}
