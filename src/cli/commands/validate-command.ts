/**
 * `a2psim validate <files>...`: everything `run` and `check` reject before simulating —
 * the scenario (schema, references, thresholds, with `--seed`/`--set` applied) and its
 * replay files (each exists and every row parses) — without simulating. The errors are
 * the same one-line ScenarioErrors (exit 2) that `run` prints.
 */
import { validateReplay } from '../../traffic/replay.js';
import { EXIT } from '../cli-errors.js';
import { expandFiles } from '../io/files.js';
import type { CliIo } from '../io/cli-io.js';
import { loadWithOverrides } from '../options/scenario-overrides.js';
import type { OverrideOptions } from '../options/shared-options.js';

/** Options of `validate`: the overrides `run` takes. */
export type ValidateOptions = OverrideOptions;

/**
 * The `validate` command: prints `ok FILE` per valid scenario and returns 0.
 * @throws ScenarioError or UsageError at the first invalid scenario, option or replay row.
 */
export function validateCommand(patterns: readonly string[], opts: ValidateOptions, io: CliIo): number {
  for (const file of expandFiles(patterns)) {
    const scenario = loadWithOverrides(file, opts);
    // Every row of every replay file: what `run` checks before it simulates and while it reads.
    validateReplay(scenario);
    io.stdout(`ok ${file}\n`);
  }
  return EXIT.ok;
}
