/**
 * The shared memory between a run's thread and its message-CSV writer thread: a ring of
 * record slots (see `report/csv-records.ts`) and a few control words, used with `Atomics`
 * only (no messages: the run's thread never yields to the event loop while it simulates).
 *
 * One producer (the run) fills slot `head % slots` and publishes it by advancing `HEAD`;
 * one consumer (the writer) prints and writes slot `tail % slots` and advances `TAIL`.
 * Each side waits on a counter the other side bumps after every change (`SIGNAL`: the run
 * published or asked to stop; `PROGRESS`: the writer advanced or changed state), read
 * before it checks, so no wake-up is lost.
 */

/** Control word indexes. */
export const C = {
  HEAD: 0,
  TAIL: 1,
  STATE: 2,
  STOP: 3,
  SIGNAL: 4,
  PROGRESS: 5,
  ERROR_LENGTH: 6,
  /** Bytes used in each slot: `LENGTHS + k`. */
  LENGTHS: 8,
} as const;

/** Writer states. */
export const STATE = { starting: 0, running: 1, done: 2, failed: 3, stopped: 4 } as const;
/** Requests to the writer. */
export const STOP = { none: 0, finish: 1, abort: 2 } as const;

/** Bytes kept for the writer's error text. */
export const ERROR_BYTES = 1024;

/** What the writer thread is started with (`workerData`). */
export interface RingData {
  readonly control: SharedArrayBuffer;
  readonly errors: SharedArrayBuffer;
  readonly slotsBuffer: SharedArrayBuffer;
  readonly slots: number;
  readonly slotBytes: number;
}

/** Allocates a ring of `slots` slots of `slotBytes` bytes (a multiple of 8). */
export function allocateRing(slots: number, slotBytes: number): RingData {
  return {
    control: new SharedArrayBuffer(4 * (C.LENGTHS + slots)),
    errors: new SharedArrayBuffer(ERROR_BYTES),
    slotsBuffer: new SharedArrayBuffer(slots * slotBytes),
    slots,
    slotBytes,
  };
}

/** Bumps counter `i` and wakes whoever waits on it. */
export function signal(ctrl: Int32Array, i: number): void {
  Atomics.add(ctrl, i, 1);
  Atomics.notify(ctrl, i);
}
