/**
 * A scenario file loaded as the commands that run scenarios load it: with `--seed`, `--set`
 * and `--provider` applied, and refused when too large to run (`--max-messages`, see
 * `run-size.ts`).
 */
import { loadScenarioFile } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/model.js';
import { checkRunSize, DEFAULT_MAX_MESSAGES } from './run-size.js';
import type { OverrideOptions } from './shared-options.js';

/**
 * Loads a scenario with the command-line overrides applied, and refuses one too large to run.
 * @throws ScenarioError for a bad scenario; UsageError for one too large.
 */
export function loadWithOverrides(file: string, opts: OverrideOptions): Scenario {
  const scenario = loadScenarioFile(file, { seed: opts.seed, set: [...opts.set], provider: opts.provider });
  checkRunSize(scenario, opts.maxMessages ?? DEFAULT_MAX_MESSAGES);
  return scenario;
}
