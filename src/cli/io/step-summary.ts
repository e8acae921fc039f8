/**
 * The GitHub job summary file (`$GITHUB_STEP_SUMMARY`), as `check`, `sweep`, `solve` and
 * `merge` append to it: declared to the output guard with the command's other outputs,
 * then appended through it (see output-guard.ts).
 */
import { renderTextMarkdown } from '../../check/job-summary.js';
import { OutputGuard, type DeclaredOutput } from './output-guard.js';

/** The job summary file of this run, or undefined outside GitHub Actions (unset or empty). */
export function stepSummaryPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.GITHUB_STEP_SUMMARY || undefined;
}

/** The job summary as an output to declare: none when there is no file. */
export function stepSummaryOutput(env: NodeJS.ProcessEnv = process.env): DeclaredOutput[] {
  const path = stepSummaryPath(env);
  return path === undefined ? [] : [{ option: 'GITHUB_STEP_SUMMARY', path }];
}

/** The output guard of `solve`: its only file is the job summary, when there is one. */
export function solveGuard(file: string): OutputGuard {
  return OutputGuard.declare('solve', [{ path: file, role: 'the scenario file' }], stepSummaryOutput());
}

/** Appends a solve's report to the job summary (`$GITHUB_STEP_SUMMARY`), when there is one. */
export function appendSolveSummary(guard: OutputGuard, ok: boolean, title: string, report: string): void {
  const summary = stepSummaryPath();
  if (summary !== undefined) guard.append(summary, renderTextMarkdown(ok, title, report));
}
