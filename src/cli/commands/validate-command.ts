/**
 * `a2psim validate <files>...`: everything `run` and `check` reject before simulating —
 * the scenario (schema, references, thresholds, with `--seed`/`--set` applied) and its
 * replay files (each exists and every row parses) — without simulating. Every file is
 * checked, and every error found is reported (every schema issue of a file; the first
 * cross-field or replay error, which stops that file's checks): one `a2psim: FILE:LINE:COL
 * ...` line each on stderr, at most {@link MAX_ERROR_LINES}, then `... and N more`; exit 2
 * when any file has one. `--format json` prints every file with its errors instead.
 */
import { validateReplay } from '../../traffic/replay.js';
import { ScenarioError } from '../../scenario/errors.js';
import { scenarioFileName } from '../../scenario/load.js';
import { EXIT, UsageError } from '../cli-errors.js';
import { expandFiles } from '../io/files.js';
import type { CliIo } from '../io/cli-io.js';
import { loadWithOverrides } from '../options/scenario-overrides.js';
import type { OverrideOptions } from '../options/shared-options.js';

/** Options of `validate`: the overrides `run` takes, and the output format. */
export interface ValidateOptions extends OverrideOptions {
  /** `text` (default): `ok FILE` lines and error lines; `json`: one document. */
  format?: 'text' | 'json';
}

/** Most error lines printed (the rest are counted in one last line). */
export const MAX_ERROR_LINES = 20;

/** One error of a file, as `--format json` prints it. */
export interface ValidateError {
  /** The line `run` would print after `a2psim: `. */
  readonly message: string;
  readonly file: string;
  /** 1-based; null when unknown (an unreadable file, a run too large). */
  readonly line: number | null;
  readonly column: number | null;
  /** Field path such as `traffic[0].expiry`; null for the whole file. */
  readonly path: string | null;
  readonly expected: string | null;
  readonly actual: string | null;
}

/** One file's verdict. */
export interface ValidateResult {
  readonly file: string;
  readonly valid: boolean;
  readonly errors: readonly ValidateError[];
}

function errorOf(e: ScenarioError | UsageError, file: string): ValidateError {
  if (e instanceof UsageError) return { message: e.message, file, line: null, column: null, path: null, expected: null, actual: null };
  return {
    message: e.message,
    file: e.file,
    line: e.line > 0 ? e.line : null,
    column: e.column > 0 ? e.column : null,
    path: e.path === '' ? null : e.path,
    expected: e.expected,
    actual: e.actual,
  };
}

/** Checks one scenario argument; its errors (none when valid). @throws anything but a ScenarioError or UsageError (a bug) */
export function validateFile(file: string, opts: ValidateOptions): ValidateResult {
  const name = scenarioFileName(file);
  try {
    // Every row of every replay file: what `run` checks before it simulates and while it reads.
    validateReplay(loadWithOverrides(file, opts));
    return { file: name, valid: true, errors: [] };
  } catch (e) {
    if (e instanceof ScenarioError) return { file: name, valid: false, errors: [e, ...e.also].map((x) => errorOf(x, name)) };
    if (e instanceof UsageError) return { file: name, valid: false, errors: [errorOf(e, name)] };
    throw e;
  }
}

/**
 * The `validate` command: prints `ok FILE` per valid scenario (or the JSON document) and
 * returns 0 when every file is valid, else 2 after reporting every error.
 * @throws UsageError for a bad option or a pattern matching no file (before any file is read).
 */
export function validateCommand(patterns: readonly string[], opts: ValidateOptions, io: CliIo): number {
  const format = opts.format ?? 'text';
  const files = expandFiles(patterns);
  const results: ValidateResult[] = [];
  const seen = new Set<string>();
  let shown = 0;
  let more = 0;
  for (const file of files) {
    const r = validateFile(file, opts);
    results.push(r);
    if (format === 'json') continue;
    if (r.valid) io.stdout(`ok ${r.file}\n`);
    for (const e of r.errors) {
      // A bad --set is the same error in every file: once.
      if (seen.has(e.message)) continue;
      seen.add(e.message);
      if (shown < MAX_ERROR_LINES) {
        io.stderr(`a2psim: ${e.message}\n`);
        shown++;
      } else {
        more++;
      }
    }
  }
  if (more > 0) io.stderr(`a2psim: … and ${more} more error${more === 1 ? '' : 's'}\n`);
  const valid = results.every((r) => r.valid);
  if (format === 'json') {
    const errors = results.reduce((n, r) => n + r.errors.length, 0);
    io.stdout(JSON.stringify({ valid, files: results, errors }, null, 2) + '\n');
  }
  return valid ? EXIT.ok : EXIT.badInput;
}
