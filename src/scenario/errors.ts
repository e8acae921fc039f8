/**
 * The one domain error of scenario loading. The CLI prints `message` as one line and
 * exits 2; any other error thrown while loading is a bug.
 */

/** Fields of a {@link ScenarioError}. */
export interface ScenarioErrorInit {
  /** Scenario file path, or `--set` / `--seed` for a command-line override. */
  readonly file: string;
  /** 1-based line; 0 when unknown. */
  readonly line?: number;
  /** 1-based column; 0 when unknown (then left out of the message). */
  readonly column?: number;
  /** Field path such as `traffic[0].expiry`; empty for the whole file. */
  readonly path?: string;
  /** What was expected, e.g. `an integer from 5 to 10799`. */
  readonly expected: string;
  /** What was found, e.g. `3` (see {@link describeValue}). */
  readonly actual: string;
  /**
   * Replaces the `expected ..., got ...` part of the message, for errors that are not
   * about a value (e.g. `cannot read scenario file (ENOENT: no such file or directory)`).
   */
  readonly reason?: string;
}

/**
 * A bad scenario (or override). `message` is one line:
 * `FILE:LINE:COL PATH: expected EXPECTED, got ACTUAL`; `:LINE:COL` is left out when the
 * position is unknown and ` PATH` when the error concerns the whole file.
 */
export class ScenarioError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
  /**
   * Further errors found by the same check, after this one (every schema issue of a file:
   * `validate` prints them all; other commands print the first).
   */
  also: readonly ScenarioError[] = [];

  constructor(init: ScenarioErrorInit) {
    super(formatMessage(init));
    this.name = 'ScenarioError';
    this.file = init.file;
    this.line = init.line ?? 0;
    this.column = init.column ?? 0;
    this.path = init.path ?? '';
    this.expected = init.expected;
    this.actual = init.actual;
  }
}

function formatMessage(init: ScenarioErrorInit): string {
  const line = init.line ?? 0;
  const column = init.column ?? 0;
  const where = line > 0 ? (column > 0 ? `${init.file}:${line}:${column}` : `${init.file}:${line}`) : init.file;
  const head = init.path ? `${where} ${init.path}` : where;
  const body = init.reason ?? `expected ${init.expected}, got ${init.actual}`;
  return oneLine(`${head}: ${body}`);
}

/** Collapses newlines so that a message always prints as one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

const MAX_SHOWN = 60;

/**
 * Describes a value found in a scenario for the `got` part of a message: numbers and
 * booleans as written (`3`, `true`), strings quoted (`"abc"`, cut after 60 characters),
 * `a list`, `a map`, and `nothing` for null or a missing value.
 */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'string': {
      const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}...` : value;
      return JSON.stringify(shown);
    }
    case 'object':
      return value instanceof Date ? value.toISOString() : 'a map';
    default:
      return typeof value;
  }
}
