/**
 * Runs independent simulations on all cores: a tinypool of worker threads (a well-kept
 * pool, the one vitest runs on) that each simulate a {@link RunJob}'s scenario, with this
 * thread taking its share. This thread parses each job's scenario and hands the pool the
 * resolved scenario as plain data, so a pool thread loads only the engine (the lean,
 * separately bundled `sim-worker.js`) and starts fast. Results are returned in job order and each job is a pure function of its data,
 * so any number of workers gives exactly the single-thread output. With one worker, or one
 * job, everything runs on this thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import type { Summary } from '../../report/summary.js';
import { UsageError } from '../cli-errors.js';
import { usableCpus, type CgroupPlaces } from './cores.js';
import type { Scenario } from '../../scenario/model.js';
import { resolveJob, runJob, type RunJob } from './jobs.js';
import type { SimReply, SimTask } from './sim-worker.js';
import { stopPoint, throwIfStopped, whenStopped } from '../io/stop.js';

/** The default number of workers: one per CPU the process may use (cgroup quota included). */
export function defaultWorkers(places?: CgroupPlaces): number {
  return usableCpus(places);
}

/**
 * The workers of `--workers n` (parsed by its option): `n` capped at the CPUs this process
 * may use (with a one-line note to `note` when capped); that figure when absent.
 */
export function capWorkers(n: number | undefined, note: (line: string) => void = () => undefined, places?: CgroupPlaces): number {
  const cpus = defaultWorkers(places);
  if (n === undefined) return cpus;
  if (n <= cpus) return n;
  note(`a2psim: note: --workers ${n} capped at ${cpus}, the CPUs this process may use\n`);
  return cpus;
}

/**
 * The compiled worker module: the sibling `sim-worker.js` (in dist/bundle, the one-file
 * esbuild bundle, when the CLI runs from the bundle), else the bundled then the tsc-built
 * copy in dist/ (under the TypeScript sources, in tests); null when there is none.
 */
function workerFile(): string | null {
  for (const rel of ['./sim-worker.js', '../../../dist/bundle/sim-worker.js', '../../../dist/cli/parallel/sim-worker.js']) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return file;
  }
  return null;
}

/** What identifies a job's result: its file, `--set` list and seed (one text per file in a command). */
const jobKey = (file: string, set: readonly string[], seed: number, whatIf = false): string => JSON.stringify([file, seed, whatIf, ...set]);

/** A pool for one command: create it, `run` batches of jobs, then `close` it. */
export class JobRunner {
  private pool: Tinypool | null = null;
  /** Jobs handed to the pool by {@link prefetch}, by {@link jobKey}, until a `run` takes them. */
  private readonly prefetched = new Map<string, Promise<SimReply>>();
  private prefetchedInFlight = 0;
  /** Told of each job whose summary has come in (the progress display counts them). */
  onDone: (() => void) | null = null;

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

  /**
   * Hands a job whose scenario this thread has just resolved to the pool at once, while this
   * thread goes on checking the other points: the pool threads warm up on real work instead
   * of waiting, and `run` takes the result instead of running the job again. At most two
   * jobs per pool thread wait at a time (more would sit unread until this thread is free);
   * without a started pool it does nothing. A job `run` never asks for is simply dropped.
   */
  prefetch(file: string, set: readonly string[], scenario: Scenario, whatIf = false): void {
    const pool = this.pool;
    const key = jobKey(file, set, scenario.seed, whatIf);
    if (pool === null || this.prefetchedInFlight >= (this.workers - 1) * 2 || this.prefetched.has(key)) return;
    this.prefetchedInFlight++;
    const reply = (pool.run({ scenario, whatIf } satisfies SimTask) as Promise<SimReply>).finally(() => this.prefetchedInFlight--);
    // Read (and any failure reported) by the `run` that takes it.
    reply.catch(() => undefined);
    this.prefetched.set(key, reply);
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
   * A stop point between jobs and while waiting for the pool: after a stop signal it throws
   * {@link Stopped} (the caller's `close` then ends the pool threads).
   * @throws UsageError with a job's one-line message when its scenario or replay file is bad.
   */
  async run(jobs: readonly RunJob[]): Promise<Summary[]> {
    const results: Summary[] = new Array(jobs.length);
    const reply = (i: number, r: SimReply): void => {
      if ('badInput' in r) throw new UsageError(r.badInput);
      results[i] = r.summary;
      this.onDone?.();
    };
    // Jobs prefetched while the command checked its points: their results are on the way.
    const early: Promise<void>[] = [];
    const todo: number[] = [];
    jobs.forEach((job, i) => {
      const key = jobKey(job.file, job.set, job.seed, job.whatIf === true);
      const r = this.prefetched.get(key);
      this.prefetched.delete(key);
      if (r === undefined) todo.push(i);
      else early.push(r.then((x) => reply(i, x)));
    });
    const filename = workerFile();
    // Without a built worker module (sources run before any build) everything runs here.
    if (this.workers <= 1 || todo.length <= 1 || filename === null) {
      for (const i of todo) {
        await stopPoint();
        results[i] = runJob(jobs[i]);
        this.onDone?.();
      }
      await Promise.race([Promise.all(early), whenStopped()]);
      performance.mark('a2psim:jobs-done');
      return results;
    }
    const threads = this.workers - 1;
    const pool = this.poolFor(filename);
    let next = 0;
    const take = (): number => (next < todo.length ? todo[next++] : -1);
    const feed = async (): Promise<void> => {
      // A bad scenario throws here (ScenarioError), as it does on one worker.
      for (let i = take(); i >= 0; i = take()) {
        throwIfStopped();
        reply(i, (await Promise.race([pool.run({ scenario: resolveJob(jobs[i]), whatIf: jobs[i].whatIf === true } satisfies SimTask), whenStopped()])) as SimReply);
      }
    };
    const here = async (): Promise<void> => {
      // Let the feeders hand out their first jobs before this thread starts on its own.
      await new Promise((resolve) => setImmediate(resolve));
      for (let i = take(); i >= 0; i = take()) {
        throwIfStopped();
        results[i] = runJob(jobs[i]);
        this.onDone?.();
        // Yield, so finished pool tasks are collected and new ones handed out (and a signal heard).
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.race([Promise.all([...early, ...Array.from({ length: threads * 2 }, feed), here()]), whenStopped()]);
    performance.mark('a2psim:jobs-done');
    return results;
  }

  /** Stops the worker threads. */
  async close(): Promise<void> {
    this.prefetched.clear();
    const pool = this.pool;
    this.pool = null;
    if (pool !== null) await pool.destroy();
  }
}
