/**
 * What `solve` and `sweep` share about a point of a search or grid: the checked `--vary`
 * path and `--expect` thresholds, the `--set` list of a point, and its scenario loaded and
 * validated before anything runs.
 */
import { parseThreshold, ThresholdError } from '../../check/expr.js';
import type { GridValue } from '../../check/solve.js';
import type { Scenario } from '../../scenario/model.js';
import { UsageError } from '../cli-errors.js';
import { resolvePoint } from '../parallel/jobs.js';

const PATH_RE = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*$/;

/** Checks `--vary`: a field path such as account.mps.sms or numbers[0].count. */
export function parseVaryPath(flag: string, path: string): string {
  if (!PATH_RE.test(path)) throw new UsageError(`${flag}: expected a field path such as account.mps.sms or numbers[0].count, got ${JSON.stringify(path)}`);
  return path;
}

/**
 * Checks every `--expect` threshold's grammar, metric and value before anything else, so a
 * typo reads as `--expect: expected ...` (scopes are checked with the scenario).
 */
export function checkExpectOption(expect: readonly string[]): void {
  for (const text of expect) {
    try {
      parseThreshold(text);
    } catch (e) {
      if (e instanceof ThresholdError) throw new UsageError(`--expect: expected ${e.expected}, got ${e.actual ?? JSON.stringify(text)}`);
      throw e;
    }
  }
}

/** The `--set` list of a point: the user's settings, the `--expect` replacement, then the varied values. */
export function pointSettings(userSet: readonly string[], expect: readonly string[], assignments: readonly (readonly [string, GridValue])[]): string[] {
  const out = [...userSet];
  if (expect.length > 0) out.push(`expect=${JSON.stringify(expect)}`);
  for (const [path, value] of assignments) out.push(`${path}=${value}`);
  return out;
}

/**
 * Loads the scenario at one point (validating the path and value).
 * @throws UsageError when `requireExpect` and the point has no thresholds to judge.
 */
export function loadPoint(file: string, text: string, set: readonly string[], seed: number | undefined, requireExpect = true): Scenario {
  const sc = resolvePoint(file, text, set, seed);
  if (requireExpect && sc.expect.length === 0) {
    throw new UsageError(`${file}: expected expect: thresholds to search for (in the scenario or with --expect), got none`);
  }
  return sc;
}
