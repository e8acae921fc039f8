/**
 * Runs a simulation from the command line in slices of events, going back to the event
 * loop between slices so that Ctrl-C (SIGINT) is heard while the engine works and a
 * progress line can be drawn. The first Ctrl-C stops the run at the next slice and removes
 * the partial message CSV; a second one exits at once (the file keeps its `.partial` name).
 */
import { performance } from 'node:perf_hooks';
import { startSimulation, type SimulationResult } from '../engine/simulate.js';
import { summarize, type Summary } from '../report/summary.js';
import type { Scenario } from '../scenario/model.js';
import { EXIT } from './errors.js';
import { abortAll } from './output.js';
import { ProgressBar, progressWanted } from './progress.js';
import { abortRun, finishRun, prepareRun, type RunFileOptions } from './run-files.js';
import type { SeriesCollector } from '../report/timeseries.js';

/** Events per slice: a few milliseconds of work, so Ctrl-C and redraws wait no longer. */
export const SLICE_EVENTS = 1 << 15;

/** What an interactive run reads of `run`'s options (declared here: run.ts imports this file). */
export type InteractiveOptions = RunFileOptions & { readonly quiet?: boolean };

/** Where an interactive run draws its progress. */
export interface InteractiveIo {
  readonly stderr: (s: string) => void;
  readonly stderrIsTTY?: boolean;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Simulates `scenario` like `execute`, but interruptibly. When interrupted, the result has
 * `interrupted: true`, no file is committed and every partial file is removed.
 */
export async function executeInteractive(
  scenario: Scenario,
  opts: InteractiveOptions,
  io: InteractiveIo,
  series?: SeriesCollector,
): Promise<{ result: SimulationResult; summary: Summary }> {
  // Replay files are checked and output files opened before any signal handling.
  const prepared = prepareRun(scenario, opts, series);
  let stop = false;
  const onSigint = (): void => {
    if (stop) {
      abortAll();
      process.exit(EXIT.interrupted);
    }
    stop = true;
  };
  process.on('SIGINT', onSigint);
  const bar = progressWanted(opts.quiet, io.stderrIsTTY, process.env)
    ? new ProgressBar(io.stderr, () => performance.now(), scenario.untilMs ?? scenario.durationMs)
    : null;
  try {
    const run = startSimulation(scenario, { ...prepared.simulateOptions, shouldStop: () => stop });
    while (!run.advance(SLICE_EVENTS)) {
      bar?.update(run.nowMs, run.submitted);
      await nextTurn();
    }
    bar?.clear();
    const result = run.finish();
    if (result.interrupted) {
      abortRun(prepared);
      return { result, summary: summarize(result) };
    }
    return { result, summary: finishRun(prepared, result) };
  } catch (e) {
    bar?.clear();
    abortRun(prepared);
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
