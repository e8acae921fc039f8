/** Errors the CLI reports as one line with exit code 2 (bad input), besides ScenarioError. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * An output file that could not be written: `PATH: cannot write (ENOSPC: no space left on
 * device)`. Reported like a UsageError (one line, exit 2); by then the partial file is gone.
 */
export class OutputError extends UsageError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: cannot write (${reason})`);
    this.name = 'OutputError';
  }
}

/** The `CODE: text` of a Node file-system error, e.g. `ENOSPC: no space left on device`. */
export function errnoText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const m = /^(E[A-Z]+): ([^,]+)/.exec(err?.message ?? '');
  if (m) return `${m[1]}: ${m[2]}`;
  return err?.code ?? (e instanceof Error ? e.message : String(e));
}

/** Exit codes of every command; a signal `N` ends a run with 128 + N. */
export const EXIT = { ok: 0, thresholdFailed: 1, badInput: 2, hangup: 129, interrupted: 130, terminated: 143 } as const;
