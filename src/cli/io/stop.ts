/**
 * Stop signals (Ctrl-C/SIGINT, SIGTERM, SIGHUP), one mechanism for every command. While a
 * command runs, `main` listens (and `run`'s interactive loop, which shares the listener):
 * the first signal is remembered, and the command stops at its next stop point — between
 * slices of a run, between jobs of a sweep, solve or check, and always right before its
 * outputs take their final names — removing every partial file, printing one line and
 * exiting with 128 + N. A second signal removes every partial file and exits at once.
 */
import { EXIT } from '../cli-errors.js';
import { abortAll } from './output.js';

/** The signals that stop a command, and the exit code each one ends it with (128 + N). */
export const STOP_SIGNALS = { SIGINT: EXIT.interrupted, SIGTERM: EXIT.terminated, SIGHUP: EXIT.hangup } as const;

/** A signal that stops a command. */
export type StopSignal = keyof typeof STOP_SIGNALS;

/** Thrown at a stop point after a stop signal; `main` turns it into one line and 128 + N. */
export class Stopped extends Error {
  constructor(readonly signal: StopSignal) {
    super(`stopped by ${signal}`);
    this.name = 'Stopped';
  }
}

let heard: StopSignal | null = null;
let listeners = 0;
let removeHandlers: (() => void) | null = null;
let rejectStopped: ((e: Stopped) => void) | null = null;
let stopped: Promise<never> = new Promise<never>(() => {});

/**
 * Starts listening for stop signals (nested calls share one listener) and returns the
 * function that stops listening. The signal heard is forgotten when the last listener goes.
 */
export function listenForStop(): () => void {
  if (listeners++ === 0) {
    heard = null;
    stopped = new Promise<never>((_, reject) => (rejectStopped = reject));
    stopped.catch(() => undefined); // read by whoever races it; never unhandled
    const offs = (Object.keys(STOP_SIGNALS) as StopSignal[]).map((name) => {
      const handler = (): void => {
        if (heard !== null) {
          abortAll();
          process.exit(STOP_SIGNALS[heard]);
        }
        heard = name;
        rejectStopped?.(new Stopped(name));
      };
      process.on(name, handler);
      return () => process.off(name, handler);
    });
    removeHandlers = () => offs.forEach((off) => off());
  }
  let done = false;
  return () => {
    if (done) return;
    done = true;
    if (--listeners > 0) return;
    removeHandlers?.();
    removeHandlers = null;
    rejectStopped = null;
    heard = null;
  };
}

/** The stop signal heard since listening began, or null. */
export const stopHeard = (): StopSignal | null => heard;

/** @throws Stopped when a stop signal has been heard. */
export function throwIfStopped(): void {
  if (heard !== null) throw new Stopped(heard);
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A stop point: goes back to the event loop (where a signal that arrived while this thread
 * worked is heard; twice, so that it is whatever phase the loop is in), then throws
 * {@link Stopped} if one was.
 */
export async function stopPoint(): Promise<void> {
  await turn();
  await turn();
  throwIfStopped();
}

/** A promise rejected with {@link Stopped} at the first stop signal (never settled without a listener); for racing long waits. */
export const whenStopped = (): Promise<never> => stopped;
