/**
 * The CPUs this process may use: the fewest of `os.availableParallelism()` (the CPUs it may
 * run on) and its cgroup's CPU quota (a container limited to one CPU on a 64-core host has
 * one to use, not 64). `--workers` is capped at that figure, and its default is that figure:
 * more threads than CPUs only add memory and start-up time.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { posix } from 'node:path';

/** Where cgroups are mounted, and the file naming this process's cgroup (injectable for tests). */
export interface CgroupPlaces {
  /** The cgroup mount root, `/sys/fs/cgroup` on Linux. */
  readonly root: string;
  /** `/proc/self/cgroup`: this process's cgroup path per hierarchy. */
  readonly self: string;
}

/** The places on a real Linux machine. */
export const CGROUP_PLACES: CgroupPlaces = { root: '/sys/fs/cgroup', self: '/proc/self/cgroup' };

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** CPUs a quota over a period allows (at least one); null for no quota. */
function cpusOf(quota: number, period: number): number | null {
  if (!(quota > 0) || !(period > 0)) return null;
  return Math.max(1, Math.ceil(quota / period));
}

/** This process's cgroup path in the hierarchy whose controllers `match`, `/` when unknown. */
function selfPath(places: CgroupPlaces, match: (controllers: string[]) => boolean): string {
  for (const line of (read(places.self) ?? '').split('\n')) {
    const m = /^\d+:([^:]*):(.*)$/.exec(line);
    if (m !== null && match(m[1].split(','))) return m[2] || '/';
  }
  return '/';
}

/** The folders from `path` up to the root of a hierarchy mounted at `mount` (a limit anywhere above applies). */
function upFrom(mount: string, path: string): string[] {
  const out: string[] = [];
  for (let p = posix.normalize(path); ; p = posix.dirname(p)) {
    out.push(posix.join(mount, p));
    if (p === '/' || p === '.') break;
  }
  return out;
}

/**
 * The CPU quota of this process's cgroup, in whole CPUs (rounded up, at least one): cgroup
 * v2's `cpu.max` (`QUOTA PERIOD`, or `max PERIOD` for none) or cgroup v1's
 * `cpu.cfs_quota_us` / `cpu.cfs_period_us` (quota −1 for none), the smallest limit on the way
 * from the process's cgroup up to the root. Null when there is none (or no cgroup at all).
 */
export function cgroupCpus(places: CgroupPlaces = CGROUP_PLACES): number | null {
  let best: number | null = null;
  const take = (n: number | null): void => {
    if (n !== null && (best === null || n < best)) best = n;
  };
  for (const dir of upFrom(places.root, selfPath(places, (c) => c.length === 1 && c[0] === ''))) {
    const max = read(posix.join(dir, 'cpu.max'));
    if (max === null) continue;
    const [quota, period] = max.trim().split(/\s+/);
    if (quota !== 'max') take(cpusOf(Number(quota), Number(period)));
  }
  for (const mount of ['cpu', 'cpu,cpuacct', 'cpuacct,cpu']) {
    for (const dir of upFrom(posix.join(places.root, mount), selfPath(places, (c) => c.includes('cpu')))) {
      const quota = read(posix.join(dir, 'cpu.cfs_quota_us'));
      const period = read(posix.join(dir, 'cpu.cfs_period_us'));
      if (quota !== null && period !== null) take(cpusOf(Number(quota.trim()), Number(period.trim())));
    }
  }
  return best;
}

/** The CPUs this process may use: min(cgroup quota, `os.availableParallelism()`), at least one. */
export function usableCpus(places: CgroupPlaces = CGROUP_PLACES): number {
  const quota = cgroupCpus(places);
  return Math.max(1, Math.min(availableParallelism(), quota ?? Infinity));
}
