/**
 * Runs a scenario for `check`: once, or under N replication seeds derived from its seed,
 * and gathers what the reports need. Pure: the CLI reads and writes the files.
 */
import { simulate, type SimulateOptions, type SimulationResult } from '../engine/simulate.js';
import { mix32 } from '../engine/random.js';
import { summarize, type Summary } from '../report/summary.js';
import type { Scenario } from '../scenario/model.js';
import type { Comparison } from './baseline.js';
import { evaluateExpectations, type ThresholdResult } from './evaluate.js';

/** Salt of the replication seed stream ("REPL"). */
const REPLICATION_SALT = 0x5245504c;

/**
 * The seeds of `n` replications of a scenario with seed `seed`: the first is `seed`
 * itself (so one replication is the plain run), the others are derived from it by a
 * 32-bit hash — the same for every machine and version, so any replication can be rerun
 * alone with `--seed`.
 */
export function replicationSeeds(seed: number, n: number): number[] {
  const seeds = [seed];
  for (let i = 1; i < n; i++) seeds.push(mix32(seed >>> 0, REPLICATION_SALT, i));
  return seeds;
}

/** Options of a replicated run. */
export interface ReplicationOptions extends Pick<SimulateOptions, 'observer' | 'replay'> {
  /**
   * Summaries of the seeds after the first, already run elsewhere (on worker threads), in
   * seed order; only the first seed is then simulated here.
   */
  readonly rest?: readonly Summary[];
  /** Called after each run simulated here (a progress display counts them). */
  readonly onRun?: () => void;
}

/**
 * Simulates `scenario` once per seed and returns the summaries, in seed order, and the
 * full result of the first run (observed by `options.observer`, e.g. for an HTML report);
 * `options.replay` opens the feeds of replay sources.
 */
export function runReplications(
  scenario: Scenario,
  seeds: readonly number[],
  options: ReplicationOptions = {},
): { summaries: Summary[]; first: SimulationResult } {
  const todo = options.rest === undefined ? seeds : seeds.slice(0, 1);
  const results = todo.map((seed, i) => {
    const result = simulate(seed === scenario.seed ? scenario : { ...scenario, seed }, {
      replay: options.replay,
      observer: i === 0 ? options.observer : undefined,
    });
    options.onRun?.();
    return result;
  });
  return { summaries: [...results.map(summarize), ...(options.rest ?? [])], first: results[0] };
}

/** Everything `check` reports about one scenario. */
export interface ScenarioCheck {
  readonly file: string;
  /** SHA-256 (hex) of the scenario file's bytes. */
  readonly sha256: string;
  readonly name: string;
  readonly seed: number;
  readonly seeds: readonly number[];
  readonly thresholds: readonly ThresholdResult[];
  /** The baseline comparison, when a baseline was given and not being rewritten. */
  readonly baseline: { readonly file: string; readonly comparisons: readonly Comparison[] } | null;
  /** The baseline file written by `--update-baseline`, or null. */
  readonly baselineWritten: string | null;
  /** The summary of the first run (the scenario's own seed). */
  readonly summary: Summary;
}

/** True when every threshold holds and no baseline metric regressed. */
export function checkPassed(c: ScenarioCheck): boolean {
  return c.thresholds.every((t) => t.pass) && !(c.baseline?.comparisons.some((x) => x.regression) ?? false);
}

/** What {@link runCheck} returns: the runs of one scenario and its thresholds judged on them. */
export interface CheckRun {
  readonly name: string;
  readonly seed: number;
  /** The replication seeds (see {@link replicationSeeds}); the first is `seed`. */
  readonly seeds: readonly number[];
  /** Each `expect:` threshold, judged over every replication. */
  readonly thresholds: readonly ThresholdResult[];
  /** True when every threshold holds. */
  readonly pass: boolean;
  /** The summary of the first run (the scenario's own seed). */
  readonly summary: Summary;
  /** Every replication's summary, in seed order. */
  readonly summaries: Summary[];
  /** The full result of the first run. */
  readonly result: SimulationResult;
}

/**
 * Runs `scenario` under `replications` seeds derived from its seed and judges its `expect:`
 * thresholds over them (what `check` does for each scenario before any baseline comparison).
 */
export function runCheck(scenario: Scenario, replications = 1, options: ReplicationOptions = {}): CheckRun {
  const seeds = replicationSeeds(scenario.seed, replications);
  const { summaries, first } = runReplications(scenario, seeds, options);
  const thresholds = evaluateExpectations(scenario.expect, summaries);
  return {
    name: scenario.name,
    seed: scenario.seed,
    seeds,
    thresholds,
    pass: thresholds.every((t) => t.pass),
    summary: summaries[0],
    summaries,
    result: first,
  };
}

/** Runs and evaluates one scenario (baseline comparison is added by the caller). */
export function checkScenario(
  scenario: Scenario,
  file: string,
  replications: number,
  sha256: string,
  options: ReplicationOptions = {},
): Omit<ScenarioCheck, 'baseline' | 'baselineWritten'> & { summaries: Summary[]; result: SimulationResult } {
  const { name, seed, seeds, thresholds, summary, summaries, result } = runCheck(scenario, replications, options);
  return { file, sha256, name, seed, seeds, thresholds, summary, summaries, result };
}
