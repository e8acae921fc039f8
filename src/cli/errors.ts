/** Errors the CLI reports as one line with exit code 2 (bad input), besides ScenarioError. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes of every command. */
export const EXIT = { ok: 0, thresholdFailed: 1, badInput: 2, interrupted: 130 } as const;
