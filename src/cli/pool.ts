/**
 * Runs independent simulations on all cores: a tinypool of worker threads (a well-kept
 * pool, the one vitest runs on) that each simulate a {@link RunJob}'s scenario, with this
 * thread taking its share. This thread parses each job's scenario and hands the pool the
 * resolved scenario as plain data, so a pool thread loads only the engine (the lean,
 * separately bundled `sim-worker.js`) and starts fast. Results are returned in job order and each job is a pure function of its data,
 * so any number of workers gives exactly the single-thread output. With one worker, or one
 * job, everything runs on this thread.
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { Summary } from '../report/summary.js';
import { UsageError } from './errors.js';
import { resolveJob, runJob, type RunJob } from './jobs.js';
import type { SimReply } from './sim-worker.js';

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
 * The compiled worker module: the sibling `sim-worker.js` (in dist/bundle, the one-file
 * esbuild bundle, when the CLI runs from the bundle), else the bundled then the tsc-built
 * copy in dist/ (under the TypeScript sources, in tests); null when there is none.
 */
function workerFile(): string | null {
  for (const rel of ['./sim-worker.js', '../../dist/bundle/sim-worker.js', '../../dist/cli/sim-worker.js']) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return file;
  }
  return null;
}

/** A pool for one command: create it, `run` batches of jobs, then `close` it. */
export class JobRunner {
  private pool: Tinypool | null = null;

  /**
   * @param workers threads to use; 1 runs every job on this thread.
   * Marks `a2psim:jobs-start` here and `a2psim:jobs-done` after each batch (User Timing marks,
   * read by the benchmark's probe to time the jobs apart from the process start-up).
   */
  constructor(readonly workers: number) {
    performance.mark('a2psim:jobs-start');
  }

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
    if (this.workers <= 1 || jobs.length <= 1 || filename === null) {
      const all = jobs.map(runJob);
      performance.mark('a2psim:jobs-done');
      return all;
    }
    const threads = this.workers - 1;
    const pool = this.poolFor(filename);
    const results: Summary[] = new Array(jobs.length);
    let next = 0;
    const take = (): number => (next < jobs.length ? next++ : -1);
    const feed = async (): Promise<void> => {
      for (let i = take(); i >= 0; i = take()) {
        // A bad scenario throws here (ScenarioError), as it does on one worker.
        const r = (await pool.run(resolveJob(jobs[i]))) as SimReply;
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
    performance.mark('a2psim:jobs-done');
    return results;
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool !== null) await pool.destroy();
  }
}
