/**
 * `a2psim run`: load, simulate, report. Owns the files it writes (atomically) and the
 * streams it prints to.
 */
import { renderDepthChart } from '../../report/chart.js';
import { SUMMARY_FORMATS, type SummaryFormat } from '../../report/formats.js';
import type { ProviderId } from '../../rules/providers.js';
import { UsageError } from '../cli-errors.js';
import type { CliIo } from '../io/cli-io.js';
import { STDOUT_ARG } from '../io/output-guard.js';
import { outWidth, printWarnings } from '../io/terminal.js';
import { STOP_SIGNALS } from '../io/stop.js';
import { loadWithOverrides } from '../options/scenario-overrides.js';
import { executeInteractive } from '../run/interactive.js';
import { clockText } from '../run/progress.js';
import { parseIntervalOption, seriesFor } from '../run/series-plan.js';
import { compareProviders } from './run-providers.js';

export interface RunOptions {
  format: SummaryFormat;
  messages?: string;
  /** Time-series CSV path. */
  timeseries?: string;
  /** Time-series interval, a duration such as "1m"; default 1m. */
  interval?: string;
  seed?: number;
  set: string[];
  /** `--max-messages`: refuse runs estimated larger (default one billion). */
  maxMessages?: number;
  bom?: boolean;
  delimiter?: string;
  quiet?: boolean;
  /** Write the HTML report to this file. */
  report?: string;
  /** Draw total queue depth under the table. */
  chart?: boolean;
  /** `--provider`: one provider, or several to compare side by side. */
  provider?: readonly ProviderId[];
  /** Every column of the table, wider than 80 columns. */
  wide?: boolean;
  /** False for `--no-what-if`: the bottleneck by share of waiting, without re-runs. */
  whatIf?: boolean;
  /** Run N derived seeds and print every metric as mean ± 95% half-width. */
  replications?: number;
  /** Worker threads for `--replications` (default: one per core). */
  workers?: number;
}

/** The `run` command. Returns the exit code (130 after Ctrl-C, 143 after SIGTERM, 129 after SIGHUP). */
export async function runCommand(path: string, opts: RunOptions, io: CliIo): Promise<number> {
  if (opts.provider !== undefined && opts.provider.length > 1) return compareProviders((provider) => loadWithOverrides(path, { ...opts, provider }), { ...opts, provider: opts.provider }, io);
  const load = () => loadWithOverrides(path, { ...opts, provider: opts.provider?.[0] });
  if (opts.delimiter !== undefined && opts.delimiter.length !== 1) {
    throw new UsageError(`--delimiter: expected a single character, got ${JSON.stringify(opts.delimiter)}`);
  }
  if (opts.chart && opts.format !== 'table') {
    throw new UsageError(`--chart: the chart is drawn under the table, so it needs --format table, got ${JSON.stringify(opts.format)}`);
  }
  if (opts.delimiter !== undefined && /["\r\n]/.test(opts.delimiter)) {
    throw new UsageError(`--delimiter: expected a character other than a quote or a line break, got ${JSON.stringify(opts.delimiter)}`);
  }
  parseIntervalOption(opts.interval);
  const toStdout = stdoutOutput(opts);
  if (opts.replications !== undefined) {
    // Loaded only here: the pool, the statistics and their libraries (tinypool, jstat) are
    // not needed by a plain run (issue 16: start-up).
    return (await import('./run-replicated.js')).runReplicated(path, opts, io, opts.replications, load);
  }
  const scenario = load();
  const series = seriesFor(scenario, opts);
  const { result, summary, signal } = await executeInteractive(scenario, opts, io, series);
  if (result.interrupted) {
    const written = [opts.messages, opts.timeseries, opts.report].filter((f) => f !== undefined);
    const files = written.length === 0 ? '' : `; ${written.join(', ')} not written`;
    const by = signal === null || signal === 'SIGINT' ? '' : ` by ${signal}`;
    io.stderr(`a2psim: interrupted${by} at ${clockText(result.endMs)} virtual, ${result.total.submitted.toLocaleString('en-US')} messages simulated${files}\n`);
    return STOP_SIGNALS[signal ?? 'SIGINT'];
  }
  printWarnings(io, summary.warnings, opts.quiet);
  const out = await SUMMARY_FORMATS[opts.format](summary, { wide: opts.wide, colour: io.colour, utcOffsetMinutes: scenario.startOffsetMinutes, width: outWidth(io), warningsShown: !opts.quiet, delimiter: opts.delimiter, bom: opts.bom });
  // With a file on standard output (`--messages -`), the table goes to stderr: the pipe gets the file alone.
  const print = toStdout === undefined ? io.stdout : io.stderr;
  print(out);
  if (opts.chart && series !== undefined) print('\n' + renderDepthChart(series.rows, outWidth(io)));
  return 0;
}

/**
 * The option whose file goes to standard output (`--messages -`), if any. Only one may, and
 * the summary then goes to stderr — the table, which is for people; a JSON or CSV summary is
 * data, so it is refused there rather than mixed with the file or moved.
 * @throws UsageError for two outputs on `-`, or `--format json|csv` with one.
 */
export function stdoutOutput(opts: Pick<RunOptions, 'messages' | 'timeseries' | 'report' | 'format'>): string | undefined {
  const options = (['messages', 'timeseries', 'report'] as const).filter((k) => opts[k] === STDOUT_ARG).map((k) => `--${k}`);
  if (options.length > 1) throw new UsageError(`${options[1]}: expected one output on standard output (-), got ${options[0]} - too`);
  if (options.length === 1 && opts.format !== 'table') {
    throw new UsageError(`${options[0]}: expected standard output (-) free for the file, got --format ${opts.format} printing the summary there too (write one of them to a file)`);
  }
  return options[0];
}
