/**
 * Runs independent simulations on all cores: a tinypool of worker threads (a well-kept
 * pool, the one vitest runs on) that each run a {@link RunJob}, with this thread taking
 * its share. Results are returned in job order and each job is a pure function of its data,
 * so any number of workers gives exactly the single-thread output. With one worker, or one
 * job, everything runs on this thread.
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
 * exist, so the built copy in dist/ is used; null when there is none.
 */
function workerFile(): string | null {
  const here = fileURLToPath(new URL('./job-worker.js', import.meta.url));
  if (existsSync(here)) return here;
  const built = fileURLToPath(new URL('../../dist/cli/job-worker.js', import.meta.url));
  return existsSync(built) ? built : null;
}

/** A pool for one command: create it, `run` batches of jobs, then `close` it. */
export class JobRunner {
  private pool: Tinypool | null = null;

  /** @param workers threads to use; 1 runs every job on this thread. */
  constructor(readonly workers: number) {}

  /**
   * Starts the pool threads now, so that they load their modules while this thread still
   * reads and checks the input (call it before that work). Does nothing for one worker.
   */
  warmUp(): this {
    const filename = workerFile();
    if (this.workers > 1 && filename !== null) this.poolFor(filename);
    return this;
  }

  private poolFor(filename: string): Tinypool {
    const threads = this.workers - 1;
    // Two tasks in flight per thread, so a pool thread never waits for this one to hand it the next.
    this.pool ??= new Tinypool({ filename, minThreads: threads, maxThreads: threads, concurrentTasksPerWorker: 2, idleTimeout: 60_000 });
    return this.pool;
  }

  /**
   * Runs `jobs` and returns their summaries in job order. This thread works too: with N
   * workers, N − 1 pool threads and this one take the next job as each finishes (one
   * thread fewer to start, and the work spreads however long each job takes).
   * @throws UsageError with a job's one-line message when its scenario or replay file is bad.
   */
  async run(jobs: readonly RunJob[]): Promise<Summary[]> {
    const filename = workerFile();
    // Without a built worker module (sources run before any build) everything runs here.
    if (this.workers <= 1 || jobs.length <= 1 || filename === null) return jobs.map(runJob);
    const threads = this.workers - 1;
    const pool = this.poolFor(filename);
    const results: Summary[] = new Array(jobs.length);
    let next = 0;
    const take = (): number => (next < jobs.length ? next++ : -1);
    const feed = async (): Promise<void> => {
      for (let i = take(); i >= 0; i = take()) {
        const r = (await pool.run(jobs[i])) as JobReply;
        if ('badInput' in r) throw new UsageError(r.badInput);
        results[i] = r.summary;
      }
    };
    const here = async (): Promise<void> => {
      // Let the feeders hand out their first jobs before this thread starts on its own.
      await new Promise((resolve) => setImmediate(resolve));
      for (let i = take(); i >= 0; i = take()) {
        results[i] = runJob(jobs[i]);
        // Yield, so finished pool tasks are collected and new ones handed out.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all([...Array.from({ length: threads * 2 }, feed), here()]);
    return results;
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool !== null) await pool.destroy();
  }
}
