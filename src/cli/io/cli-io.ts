/** Where a command prints: the streams and what is known of the terminal. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Width stdout text fits (see terminal.ts); `COLUMNS` or 80 when absent. */
  columns?: number;
  /** Width stderr text (warnings, the progress line) fits; `COLUMNS` or 80 when absent. */
  stderrColumns?: number;
  /** True when stderr is an interactive terminal (progress is shown only then). */
  stderrIsTTY?: boolean;
  /**
   * ANSI colour on stdout (✓/✗, failures, warnings). The CLI takes picocolors' answer:
   * off with NO_COLOR or when stdout is not a terminal, on with FORCE_COLOR. Default off.
   */
  colour?: boolean;
}
