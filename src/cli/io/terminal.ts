/**
 * The width every line the CLI prints fits (issue 25): a terminal's own width, else the
 * `COLUMNS` variable (as shells and `less` set it), else 80. Tables fit it by their
 * renderers; prose (check verdicts, warnings, solve answers) is word-wrapped to it here.
 * Not fitted, by design: machine formats (CSV, JSON, JUnit, shard files), `--wide`, and
 * the one-line `a2psim: ...` errors and notes (one line per fault, to grep).
 */
import { fitText } from '../../report/fit-width.js';

/** The width when nothing says otherwise. */
export const DEFAULT_COLUMNS = 80;

/** A stream's terminal side: what `process.stdout` and `process.stderr` carry. */
export interface TerminalLike {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** `COLUMNS` as a positive integer, else undefined. */
function envColumns(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const v = env.COLUMNS;
  if (v === undefined || !/^\d+$/.test(v.trim())) return undefined;
  const n = Number(v);
  return n > 0 ? n : undefined;
}

/**
 * Columns to fit on `stream`: its width when it is a terminal that knows it, else `COLUMNS`
 * when set to a positive integer, else {@link DEFAULT_COLUMNS}.
 */
export function terminalWidth(stream: TerminalLike | undefined, env: Readonly<Record<string, string | undefined>> = process.env): number {
  if (stream?.isTTY === true && stream.columns !== undefined && stream.columns > 0) return stream.columns;
  return envColumns(env) ?? DEFAULT_COLUMNS;
}

/** What the width helpers read of a command's io (run.ts's CliIo satisfies it). */
export interface WidthIo {
  /** Width of stdout (set by the CLI's own io; `COLUMNS` or 80 when absent). */
  readonly columns?: number;
  /** Width of stderr (likewise). */
  readonly stderrColumns?: number;
  readonly stderr: (s: string) => void;
}

/** Columns stdout text fits. */
export function outWidth(io: { readonly columns?: number }): number {
  return io.columns ?? terminalWidth(undefined);
}

/** Columns stderr text fits. */
export function errWidth(io: { readonly stderrColumns?: number }): number {
  return io.stderrColumns ?? terminalWidth(undefined);
}

/** `text` (one or more lines) with each line word-wrapped to stdout's width. */
export function fitOut(io: { readonly columns?: number }, text: string): string {
  return fitText(text, outWidth(io));
}

/**
 * Prints each warning once on stderr as `warning: PREFIX TEXT`, wrapped to stderr's width
 * (continuation lines indented), unless `quiet`.
 */
export function printWarnings(io: WidthIo, warnings: Iterable<string>, quiet: boolean | undefined, prefix = ''): void {
  if (quiet === true) return;
  for (const w of warnings) io.stderr(fitText(`warning: ${prefix}${w}`, errWidth(io)) + '\n');
}
