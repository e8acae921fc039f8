/**
 * Independent runs for `solve`, `sweep` and `check`: a {@link RunJob} is a scenario text,
 * its `--set` overrides and a seed, small enough to hand to a worker thread. Results come
 * back in job order, so a run on N workers gives exactly the single-thread output.
 */
import type { Summary } from '../../report/summary.js';
import { parseScenario, readScenarioFile } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/model.js';
import { simulateSummary } from './sim-worker.js';

/** One simulation to run: everything a worker needs, as plain data. */
export interface RunJob {
  /** Scenario path (for messages and relative replay files). */
  readonly file: string;
  /** The scenario file's text, read once by the CLI. */
  readonly text: string;
  /** `--set` overrides, applied in order. */
  readonly set: readonly string[];
  readonly seed: number;
  /** Find the run's bottleneck by what-if (re-runs with each limit relaxed; see report/what-if.ts). */
  readonly whatIf?: boolean;
}

/**
 * Runs one job on this thread and returns its summary.
 * @throws ScenarioError for a bad scenario or replay file.
 */
export function runJob(job: RunJob): Summary {
  return simulateSummary(resolveJob(job), job.whatIf === true);
}

/**
 * Parses and resolves a job's scenario: plain data, which a pool thread receives ready to
 * simulate (so pool threads need no YAML or schema code).
 * @throws ScenarioError for a bad scenario.
 */
export function resolveJob(job: RunJob): Scenario {
  return resolvePoint(job.file, job.text, job.set, job.seed);
}

/** Most resolved scenarios {@link resolvePoint} keeps (the oldest goes first). */
const MAX_RESOLVED = 256;

/** Scenarios resolved lately from one file and text, by `--set` list and seed. */
const resolved = new Map<string, Scenario>();
let resolvedFrom: { readonly file: string; readonly text: string } | null = null;

/**
 * Resolves a scenario text under `--set` overrides and a seed (the scenario's own when
 * undefined). `sweep` and `solve` check every point before they run any, then run them:
 * the scenarios resolved by the check are kept (the last {@link MAX_RESOLVED}) and a run of
 * the same point takes them instead of parsing again. A scenario is a frozen pure function
 * of file, text, settings and seed, so taking it again gives exactly what parsing gives.
 * @throws ScenarioError for a bad scenario (never kept).
 */
export function resolvePoint(file: string, text: string, set: readonly string[], seed: number | undefined): Scenario {
  if (resolvedFrom === null || resolvedFrom.file !== file || resolvedFrom.text !== text) {
    resolved.clear();
    resolvedFrom = { file, text };
  }
  // Under the seed given, or under "own seed" (`*`) when none is.
  const key = (s: number | '*'): string => JSON.stringify([s, ...set]);
  const hit = resolved.get(key(seed ?? '*'));
  if (hit !== undefined) return hit;
  const scenario = parseScenario(text, file, { set: [...set], seed });
  for (const s of seed === undefined ? (['*', scenario.seed] as const) : [seed]) resolved.set(key(s), scenario);
  while (resolved.size > MAX_RESOLVED) resolved.delete(resolved.keys().next().value as string);
  return scenario;
}

/**
 * Reads a scenario file for jobs.
 * @throws ScenarioError when it cannot be read.
 */
export function readScenarioText(file: string): string {
  return readScenarioFile(file);
}
