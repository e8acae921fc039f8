/**
 * Runs independent simulations on all cores: a tinypool of worker threads (a well-kept
 * pool, the one vitest runs on) that each run a {@link RunJob}. Results are returned in job
 * order and each job is a pure function of its data, so any number of workers gives exactly
 * the single-thread output. With one worker, or one job, everything runs on this thread.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { Summary } from '../report/summary.js';
import { UsageError } from './errors.js';
import type { JobReply } from './job-worker.js';
import { runJob, type RunJob } from './jobs.js';

/** Most worker threads a command accepts. */
export const MAX_WORKERS = 256;

/** The default number of workers: one per core the process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** Parses `--workers`: an integer from 1 to {@link MAX_WORKERS}; the default when absent. */
export function parseWorkers(v: string | undefined): number {
  if (v === undefined) return defaultWorkers();
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > MAX_WORKERS) throw new UsageError(`--workers: expected an integer from 1 to ${MAX_WORKERS}, got ${JSON.stringify(v)}`);
  return n;
}

/**
 * The compiled worker module. Under the TypeScript sources (tests) the sibling `.js` does not
 * exist, so the built copy in dist/ is used.
 */
function workerFile(): string {
  const here = fileURLToPath(new URL('./job-worker.js', import.meta.url));
  if (existsSync(here)) return here;
  return fileURLToPath(new URL('../../dist/cli/job-worker.js', import.meta.url));
}

/** A pool for one command: create it, `run` batches of jobs, then `close` it. */
export class JobRunner {
  private pool: Tinypool | null = null;

  /** @param workers threads to use; 1 runs every job on this thread. */
  constructor(readonly workers: number) {}

  /**
   * Runs `jobs` and returns their summaries in job order.
   * @throws UsageError with a job's one-line message when its scenario or replay file is bad.
   */
  async run(jobs: readonly RunJob[]): Promise<Summary[]> {
    if (this.workers <= 1 || jobs.length <= 1) return jobs.map(runJob);
    this.pool ??= new Tinypool({ filename: workerFile(), minThreads: 1, maxThreads: this.workers, idleTimeout: 60_000 });
    const pool = this.pool;
    const replies = (await Promise.all(jobs.map((job) => pool.run(job)))) as JobReply[];
    return replies.map((r) => {
      if ('badInput' in r) throw new UsageError(r.badInput);
      return r.summary;
    });
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool !== null) await pool.destroy();
  }
}
