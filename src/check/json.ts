/**
 * The `check --json` document: every result with the tool version, the seeds and a hash
 * of each scenario file, so a stored result says exactly what produced it. Pure.
 * `schema_version` changes only when a field is removed or changes meaning.
 */
import { formatRef } from '../scenario/expect/metric-defs.js';
import { checkPassed, type ScenarioCheck } from './runner.js';

/** Version of the JSON document's shape. */
export const CHECK_JSON_SCHEMA_VERSION = 1;

/** Options of the run recorded in the document. */
export interface CheckMeta {
  readonly version: string;
  readonly set: readonly string[];
  readonly replications: number;
}

/** The JSON document of a check (a plain object, ready for `JSON.stringify`). */
export function checkJson(checks: readonly ScenarioCheck[], meta: CheckMeta): Record<string, unknown> {
  return {
    schema_version: CHECK_JSON_SCHEMA_VERSION,
    tool: { name: 'a2psim', version: meta.version },
    ok: checks.every(checkPassed),
    set: [...meta.set],
    replications: meta.replications,
    scenarios: checks.map((c) => ({
      file: c.file,
      sha256: c.sha256,
      name: c.name,
      seed: c.seed,
      seeds: [...c.seeds],
      ok: checkPassed(c),
      thresholds: c.thresholds.map((t) => ({
        expect: t.threshold.text,
        metric: formatRef(t.threshold.ref),
        op: t.threshold.op,
        value: t.threshold.value,
        observed: t.observed,
        ci95_half_width: t.halfWidth,
        pass: t.pass,
        reason: t.reason,
      })),
      baseline:
        c.baseline === null
          ? null
          : {
              file: c.baseline.file,
              comparisons: c.baseline.comparisons.map((x) => ({
                metric: x.metric,
                baseline: x.baseline,
                baseline_ci95_half_width: x.baselineHalfWidth,
                baseline_runs: x.baselineRuns,
                current: x.current,
                current_ci95_half_width: x.currentHalfWidth,
                current_runs: x.currentRuns,
                tolerance: x.tolerance,
                tolerance_source: x.toleranceSource,
                allowed: x.allowed,
                p_value: x.p,
                regression: x.regression,
                note: x.note,
              })),
            },
      baseline_written: c.baselineWritten,
      summary: c.summary,
    })),
  };
}
