/** Where a command prints: the streams and what is known of the terminal. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Terminal width for `--chart`; 80 when unknown. */
  columns?: number;
  /** True when stderr is an interactive terminal (progress is shown only then). */
  stderrIsTTY?: boolean;
  /**
   * ANSI colour on stdout (✓/✗, failures, warnings). The CLI takes picocolors' answer:
   * off with NO_COLOR or when stdout is not a terminal, on with FORCE_COLOR. Default off.
   */
  colour?: boolean;
}
