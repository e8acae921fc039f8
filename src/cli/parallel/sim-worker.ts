/**
 * The lean worker-thread entry of {@link JobRunner}: runs one already-resolved scenario
 * (plain data, cloned between threads) through the engine and returns its summary, or the
 * one-line message of a bad replay file (the error's class does not survive the trip
 * between threads; anything else is a bug and is rethrown as is). It imports only the
 * engine, the summary and the replay reader — no YAML, schema or CLI code — so a pool
 * thread starts in a fraction of the time the whole CLI takes to load.
 */
import { simulate } from '../../engine/simulate.js';
import { summarize, type Summary } from '../../report/summary.js';
import { withWhatIf } from '../../report/what-if.js';
import { ScenarioError } from '../../scenario/errors.js';
import type { Scenario } from '../../scenario/model.js';
import { prepareReplay } from '../../traffic/replay.js';

/** What a worker sends back. */
export type SimReply = { readonly summary: Summary } | { readonly badInput: string };

/**
 * Runs one resolved scenario on this thread (replay files included) and returns its
 * summary, its bottleneck by what-if when `whatIf` (see report/what-if.ts).
 */
export function simulateSummary(scenario: Scenario, whatIf = false): Summary {
  const { replay } = prepareReplay(scenario);
  const result = simulate(scenario, { replay });
  const summary = summarize(result);
  return whatIf ? withWhatIf(summary, result, { replay }) : summary;
}

/** A pool task: a resolved scenario, and whether its bottleneck is found by what-if. */
export interface SimTask {
  readonly scenario: Scenario;
  readonly whatIf: boolean;
}

/** Tinypool calls the default export once per task. */
export default function work(task: SimTask): SimReply {
  try {
    return { summary: simulateSummary(task.scenario, task.whatIf) };
  } catch (e) {
    if (e instanceof ScenarioError) return { badInput: e.message };
    throw e;
  }
}
