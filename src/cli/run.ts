/**
 * `a2psim run`: load, simulate, report. Owns the files it writes (atomically) and the
 * streams it prints to.
 */
import { loadScenarioFile } from '../scenario/load.js';
import { simulate } from '../engine/simulate.js';
import { summarize, type Summary } from '../report/summary.js';
import { renderTable } from '../report/table.js';
import { CsvMessageSink } from '../report/csv.js';
import { AtomicFile } from './output.js';
import { EXIT, UsageError } from './errors.js';
import { executeInteractive } from './interactive.js';
import { clockText } from './progress.js';
import type { Scenario } from '../scenario/model.js';
import type { SimulationResult } from '../engine/simulate.js';

export interface RunOptions {
  format: string;
  messages?: string;
  seed?: string;
  set: string[];
  bom?: boolean;
  delimiter?: string;
  quiet?: boolean;
}

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** True when stderr is an interactive terminal (progress is shown only then). */
  stderrIsTTY?: boolean;
}

const FORMATS = ['table', 'json'] as const;

/** Parses `--seed`: a non-negative integer. */
export function parseSeedOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
    throw new UsageError(`--seed: expected a non-negative integer, got ${JSON.stringify(v)}`);
  }
  return Number(v);
}

/** Loads a scenario with the command-line overrides applied. */
export function loadWithOverrides(file: string, opts: { seed?: string; set: string[] }): Scenario {
  return loadScenarioFile(file, { seed: parseSeedOption(opts.seed), set: opts.set });
}

/** The message CSV of a run, when `--messages` asks for one: written to `NAME.partial` until committed. */
export function openMessages(scenario: Scenario, opts: RunOptions): { file: AtomicFile; sink: CsvMessageSink } | null {
  if (opts.messages === undefined) return null;
  const file = new AtomicFile(opts.messages);
  const sink = new CsvMessageSink((chunk) => file.write(chunk), scenario.startEpochMs, scenario.rules.logIncomingMessages, {
    bom: opts.bom,
    delimiter: opts.delimiter,
  });
  return { file, sink };
}

/** Simulates `scenario`, writing the message CSV when asked. Files are committed only on success. */
export function execute(scenario: Scenario, opts: RunOptions): { result: SimulationResult; summary: Summary } {
  const out = openMessages(scenario, opts);
  try {
    const result = simulate(scenario, { sink: out?.sink });
    out?.sink.end();
    out?.file.commit();
    return { result, summary: summarize(result) };
  } catch (e) {
    out?.file.abort();
    throw e;
  }
}

/** The `run` command. Returns the exit code (130 when interrupted by Ctrl-C). */
export async function runCommand(path: string, opts: RunOptions, io: CliIo): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(opts.format)) {
    throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, got ${JSON.stringify(opts.format)}`);
  }
  if (opts.delimiter !== undefined && opts.delimiter.length !== 1) {
    throw new UsageError(`--delimiter: expected a single character, got ${JSON.stringify(opts.delimiter)}`);
  }
  const scenario = loadWithOverrides(path, opts);
  const { result, summary } = await executeInteractive(scenario, opts, io);
  if (result.interrupted) {
    const files = opts.messages === undefined ? '' : `; ${opts.messages} not written`;
    io.stderr(`a2psim: interrupted at ${clockText(result.endMs)} virtual, ${result.total.submitted.toLocaleString('en-US')} messages simulated${files}\n`);
    return EXIT.interrupted;
  }
  if (!opts.quiet) for (const w of summary.warnings) io.stderr(`warning: ${w}\n`);
  io.stdout(opts.format === 'json' ? JSON.stringify(summary, null, 2) + '\n' : renderTable(summary));
  return 0;
}
