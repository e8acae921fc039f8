/**
 * Runs a simulation from the command line in slices of events, going back to the event
 * loop between slices so that Ctrl-C (SIGINT), SIGTERM and SIGHUP are heard while the
 * engine works (a large burst is sliced too) and while the retention rewrite runs, and a
 * progress line can be drawn. The first signal stops the run at the next slice and removes
 * every partial file; a second one exits at once (after removing them as well). The
 * listener is the one every command shares (`io/stop.ts`). The message CSV's writer thread
 * drains in steps too, and the loop always visits the event loop once more right before
 * the files take their final names: a signal is heard at every moment, and a run stopped
 * by one never commits a file.
 */
import { performance } from 'node:perf_hooks';
import { startSimulation, type SimulationResult } from '../../engine/simulate.js';
import { summarize, type Summary } from '../../report/summary.js';
import type { Scenario } from '../../scenario/model.js';
import { listenForStop, stopHeard, type StopSignal } from '../io/stop.js';
import { ProgressBar, progressWanted } from './progress.js';
import { abortRun, COMMIT, finishSteps, prepareRun, type RunFileOptions } from './run-files.js';
import type { SeriesCollector } from '../../report/timeseries.js';

/** Events per slice: well under a millisecond of work on a normal machine. */
export const SLICE_EVENTS = 1 << 12;

/**
 * Wall time between two visits to the event loop (where signals are heard and progress is
 * drawn), ms: slices are run back to back until this much time has passed, so a slow
 * machine (or a slow observer) still yields often and a fast one wastes nothing.
 */
export const TURN_MS = 50;


/** What an interactive run reads of `run`'s options (declared here: run-command.ts imports this file). */
export type InteractiveOptions = RunFileOptions & { readonly quiet?: boolean };

/** Where an interactive run draws its progress. */
export interface InteractiveIo {
  readonly stderr: (s: string) => void;
  readonly stderrIsTTY?: boolean;
  /** Columns of stderr: the progress line is cut to fit (80 when unknown). */
  readonly stderrColumns?: number;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Simulates `scenario` like `execute`, but interruptibly. When a stop signal arrives, the
 * result has `interrupted: true`, `signal` names it, no file is committed and every
 * partial file is removed.
 */
export async function executeInteractive<Options extends InteractiveOptions>(
  scenario: Scenario,
  opts: Options,
  io: InteractiveIo,
  series?: SeriesCollector,
): Promise<{ result: SimulationResult; summary: Summary; signal: StopSignal | null }> {
  // Replay files are checked and output files opened first; a signal heard meanwhile (main listens) stops the run at its first slice.
  const prepared = prepareRun(scenario, opts, series);
  const stopListening = listenForStop();
  const bar = progressWanted(opts.quiet, io.stderrIsTTY, process.env)
    ? new ProgressBar(io.stderr, () => performance.now(), scenario.untilMs ?? scenario.durationMs, { columns: io.stderrColumns })
    : null;
  try {
    const run = startSimulation(scenario, { ...prepared.simulateOptions, shouldStop: () => stopHeard() !== null });
    bar?.update(0, 0); // at once: the work has started
    let turnStart = performance.now();
    while (!run.advance(SLICE_EVENTS)) {
      if (performance.now() - turnStart < TURN_MS) continue;
      bar?.update(run.nowMs, run.submitted);
      await nextTurn();
      turnStart = performance.now();
    }
    const result = run.finish();
    // Where the run ended, shown while the files are written (then cleared).
    if (!result.interrupted) bar?.update(result.endMs, result.total.submitted, true);
    if (result.interrupted) {
      bar?.clear();
      abortRun(prepared);
      return { result, summary: summarize(result), signal: stopHeard() };
    }
    const steps = finishSteps(prepared, result);
    turnStart = performance.now();
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done === true) {
        bar?.clear();
        return { result, summary: step.value, signal: null };
      }
      // Right before the commit, always back to the event loop: a signal that came while
      // this thread waited (the writer thread's drain) is heard before any file is final.
      if (step.value !== COMMIT && performance.now() - turnStart < TURN_MS && stopHeard() === null) continue;
      await nextTurn();
      if (step.value === COMMIT) await nextTurn();
      turnStart = performance.now();
      const signal = stopHeard();
      if (signal !== null) {
        bar?.clear();
        steps.return(undefined as never); // removes every partial file
        return { result: { ...result, interrupted: true }, summary: summarize(result), signal };
      }
    }
  } catch (e) {
    bar?.clear();
    abortRun(prepared);
    throw e;
  } finally {
    stopListening();
  }
}
