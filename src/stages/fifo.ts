/**
 * A rate-limited FIFO stage's state: its limiter and a growable ring of message indices.
 * The kernel drives it; this file only holds the queue mechanics.
 */
import type { Limit } from '../scenario/model.js';
import { limiterFor, type Limiter } from './limiter.js';
import { IncidentLimiter, OPEN, type StageIncidents } from './incident.js';

export interface StageState {
  readonly limiter: Limiter;
  /** Whether the limiter counts units (segments) rather than messages. */
  readonly byUnits: boolean;
  queue: Int32Array;
  head: number;
  len: number;
  /** Units (segments) of the messages in the queue, kept by the kernel for queues measured in segments. */
  units: number;
  /** True while an event for this stage's head is pending. */
  scheduled: boolean;
  /**
   * When the head message's last unit leaves, once its first unit has left (it has taken
   * its unit slots and is still in the stage until then); -1 while the head has not started.
   */
  headDoneMs: number;
}

/**
 * An empty stage under `limit`, closed or slowed by `incidents` when given (`gate`: a stage
 * with no limit of its own, that only incidents close).
 */
export function createStage(limit: Limit, incidents: StageIncidents | null = null, gate = false): StageState {
  const own = gate ? OPEN : limiterFor(limit);
  const limiter = incidents === null ? own : new IncidentLimiter(own, limit, incidents);
  return { limiter, byUnits: limit.countBy === 'units', queue: new Int32Array(64), head: 0, len: 0, units: 0, scheduled: false, headDoneMs: -1 };
}

/** Appends message `idx`; returns the new queue length. */
export function enqueue(st: StageState, idx: number): number {
  if (st.len === st.queue.length) {
    const old = st.queue;
    const q = new Int32Array(old.length * 2);
    for (let k = 0; k < st.len; k++) q[k] = old[(st.head + k) & (old.length - 1)];
    st.queue = q;
    st.head = 0;
  }
  st.queue[(st.head + st.len) & (st.queue.length - 1)] = idx;
  return ++st.len;
}

/** Removes the head message (the queue must not be empty) and returns its index. */
export function dequeue(st: StageState): number {
  const idx = st.queue[st.head];
  st.head = (st.head + 1) & (st.queue.length - 1);
  st.len--;
  return idx;
}
