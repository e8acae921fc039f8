/**
 * Independent runs for `solve`, `sweep` and `check`: a {@link RunJob} is a scenario text,
 * its `--set` overrides and a seed, small enough to hand to a worker thread. Results come
 * back in job order, so a run on N workers gives exactly the single-thread output.
 */
import { readFileSync } from 'node:fs';
import type { Summary } from '../report/summary.js';
import { parseScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/model.js';
import { ScenarioError } from '../scenario/errors.js';
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
}

/**
 * Runs one job on this thread and returns its summary.
 * @throws ScenarioError for a bad scenario or replay file.
 */
export function runJob(job: RunJob): Summary {
  return simulateSummary(resolveJob(job));
}

/**
 * Parses and resolves a job's scenario: plain data, which a pool thread receives ready to
 * simulate (so pool threads need no YAML or schema code).
 * @throws ScenarioError for a bad scenario.
 */
export function resolveJob(job: RunJob): Scenario {
  return parseScenario(job.text, job.file, { set: [...job.set], seed: job.seed });
}

/**
 * Reads a scenario file for jobs.
 * @throws ScenarioError when it cannot be read.
 */
export function readScenarioText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new ScenarioError({ file, expected: 'a readable scenario file', actual: why, reason: `cannot read scenario file (${why})` });
  }
}
