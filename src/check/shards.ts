/**
 * Work split across machines: `--shard i/n` takes every n-th item starting at the i-th
 * (1-based), so the split is deterministic and balanced over a grid whose neighbours cost
 * alike; seeds never depend on it. Each shard writes a versioned result file, and `merge`
 * checks the files belong together before reassembling them. Pure.
 */

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Thrown for a bad `--shard` or shard environment; the CLI prints it as a usage error. */
export class ShardError extends Error {}

/** Environment variables that give a 0-based shard index, in the order they are read. */
export const SHARD_INDEX_ENV = ['JOB_COMPLETION_INDEX', 'AWS_BATCH_JOB_ARRAY_INDEX'] as const;

/** Most shards a run may be split into. */
export const MAX_SHARDS = 10_000;

/**
 * Parses `--shard i/n` (1-based i), or `--shard n` with the index from the environment:
 * a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX` or an AWS Batch array job's
 * `AWS_BATCH_JOB_ARRAY_INDEX` (both 0-based, so index 0 is shard 1).
 * @throws ShardError naming what was expected and what arrived.
 */
export function parseShard(text: string, env: Readonly<Record<string, string | undefined>>): Shard {
  const m = /^(?:(\d+)\/)?(\d+)$/.exec(text.trim());
  const count = m === null ? NaN : Number(m[2]);
  if (m === null || !(count >= 1 && count <= MAX_SHARDS)) {
    throw new ShardError(`--shard: expected i/n with 1 <= i <= n <= ${MAX_SHARDS} (or n, with the index from ${SHARD_INDEX_ENV.join(' or ')}), got ${JSON.stringify(text)}`);
  }
  if (m[1] !== undefined) {
    const index = Number(m[1]);
    if (index < 1 || index > count) throw new ShardError(`--shard: expected i/n with 1 <= i <= n, got ${JSON.stringify(text)}`);
    return { index, count };
  }
  for (const name of SHARD_INDEX_ENV) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    if (!/^\d+$/.test(v) || Number(v) >= count) {
      throw new ShardError(`${name}: expected a 0-based shard index from 0 to ${count - 1} (--shard ${count}), got ${JSON.stringify(v)}`);
    }
    return { index: Number(v) + 1, count };
  }
  throw new ShardError(`--shard ${text}: expected i/${count}, or ${SHARD_INDEX_ENV.join(' or ')} in the environment, got neither`);
}

/** The items of shard `s` among `total`: indices i with i mod n = s.index − 1, ascending. */
export function shardItems(total: number, s: Shard | null): number[] {
  const all = Array.from({ length: total }, (_, i) => i);
  return s === null ? all : all.filter((i) => i % s.count === s.index - 1);
}

/** The versioned envelope of a shard's result. */
export interface ShardFile<T> {
  /** `a2psim-shard`: what this file is. */
  readonly format: 'a2psim-shard';
  /** Version of this envelope's shape. */
  readonly format_version: 1;
  readonly kind: 'sweep' | 'check';
  readonly a2psim_version: string;
  /** SHA-256 of every scenario file involved, in order. */
  readonly scenario_sha256: readonly string[];
  readonly shard: Shard;
  /** Indices of the items (grid points, scenarios) this shard ran. */
  readonly points: readonly number[];
  /** Items in the whole run. */
  readonly total: number;
  /** What must match between shards besides the above (options of the run). */
  readonly run: unknown;
  readonly result: T;
}

/** Thrown by {@link checkShardSet} for files that do not make one whole run. */
export class MergeError extends Error {}

/**
 * Checks that `files` (named `names`) are the shards of one run: same kind, a2psim version,
 * scenarios, options and shard count; every shard once; every item exactly once.
 * @throws MergeError naming the first file that does not fit and why.
 */
export function checkShardSet(files: readonly ShardFile<unknown>[], names: readonly string[]): void {
  if (files.length === 0) throw new MergeError('merge: expected shard files, got none');
  const first = files[0];
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  const fields: [string, (f: ShardFile<unknown>) => unknown][] = [
    ['kind', (f) => f.kind],
    ['a2psim version', (f) => f.a2psim_version],
    ['scenario sha256', (f) => f.scenario_sha256],
    ['shard count', (f) => f.shard.count],
    ['item count', (f) => f.total],
    ['run options', (f) => f.run],
  ];
  files.forEach((f, i) => {
    for (const [what, get] of fields) {
      if (!same(get(f), get(first))) {
        throw new MergeError(`${names[i]}: expected the ${what} of ${names[0]} (${JSON.stringify(get(first))}), got ${JSON.stringify(get(f))}`);
      }
    }
  });
  const seen = new Map<number, string>();
  files.forEach((f, i) => {
    const prev = seen.get(f.shard.index);
    if (prev !== undefined) throw new MergeError(`${names[i]}: expected each shard once, got shard ${f.shard.index}/${f.shard.count} again (also in ${prev})`);
    seen.set(f.shard.index, names[i]);
    if (!same(f.points, shardItems(f.total, f.shard))) {
      throw new MergeError(`${names[i]}: expected the items of shard ${f.shard.index}/${f.shard.count}, got others`);
    }
  });
  const missing = Array.from({ length: first.shard.count }, (_, k) => k + 1).filter((k) => !seen.has(k));
  if (missing.length > 0) throw new MergeError(`merge: expected all ${first.shard.count} shards, got none for shard ${missing.map((k) => `${k}/${first.shard.count}`).join(', ')}`);
}
