/**
 * `check --replications N` on all cores: the replications after each scenario's first run
 * on the worker pool as plain-data jobs (the first runs on the main thread, where the HTML
 * report observes it). Summaries come back in seed order, so the output is the
 * single-thread output.
 */
import { replicationSeeds } from '../../check/runner.js';
import type { Summary } from '../../report/summary.js';
import { readScenarioFile } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/model.js';
import type { RunJob } from './jobs.js';
import { JobRunner } from './worker-pool.js';

/**
 * The summaries of seeds 2..N of every scenario (undefined per scenario when N is 1 or one
 * worker is asked for: everything then runs on this thread); `onDone` is told of each run.
 */
export async function replicationsOnPool(
  loaded: readonly { readonly file: string; readonly scenario: Scenario }[],
  replications: number,
  opts: { readonly set: readonly string[] },
  workers: number,
  onDone: () => void = () => undefined,
): Promise<(Summary[] | undefined)[]> {
  if (replications <= 1 || workers <= 1) return loaded.map(() => undefined);
  const jobs: RunJob[] = loaded.flatMap(({ file, scenario }) => {
    const text = readScenarioFile(file);
    return replicationSeeds(scenario.seed, replications)
      .slice(1)
      .map((seed) => ({ file, text, set: [...opts.set], seed }));
  });
  const runner = new JobRunner(workers);
  runner.onDone = onDone;
  let all: Summary[];
  try {
    all = await runner.run(jobs);
  } finally {
    await runner.close();
  }
  const per = replications - 1;
  return loaded.map((_, i) => all.slice(i * per, (i + 1) * per));
}
