/**
 * Messages in flight, as columns of typed arrays indexed by submission number modulo a
 * power-of-two capacity (a ring). A message is addressed by its global submission number
 * for its whole life; the ring only has to span from the oldest message not yet written
 * out to the newest submitted, so memory follows queue depth, not message count.
 */
import type { Route } from './network.js';
import type { ReplayRow } from './types.js';

export const IN_FLIGHT = 0;
export const DELIVERED = 1;
export const FAILED = 2;
/** An inbound (replayed) message: received, never sent, outside the totals. */
export const RECEIVED = 3;

/**
 * The most messages in flight a run can hold: the ring's JS columns (`route`, `extra`)
 * cannot grow to 2^27 elements in V8 ("Invalid array length").
 */
export const MAX_IN_FLIGHT = 2 ** 26;

/** Bytes per message in flight at the largest ring, the copy of a growth included. */
export const BYTES_PER_IN_FLIGHT = 64;

export class MessagePool {
  mask: number;
  submitMs: Float64Array;
  expiryMs: Float64Array;
  endMs: Float64Array;
  seqInSource: Float64Array;
  source: Int32Array;
  sender: Int32Array;
  carrier: Uint8Array;
  type: Uint8Array;
  units: Uint16Array;
  pos: Uint8Array;
  status: Uint8Array;
  code: Int8Array;
  /** 1 for a first attempt, n for the (n−1)th resubmission of a message by its client. */
  attempt: Uint16Array;
  /** Index in its source of the attempt this one retries; -1 for a first attempt. */
  retryOf: Float64Array;
  /** Index in its source of the message's first attempt: fixes its destination. */
  destSeq: Float64Array;
  route: (Route | undefined)[];
  extra: (ReplayRow | undefined)[];

  constructor(capacity = 1024) {
    this.mask = capacity - 1;
    this.submitMs = new Float64Array(capacity);
    this.expiryMs = new Float64Array(capacity);
    this.endMs = new Float64Array(capacity);
    this.seqInSource = new Float64Array(capacity);
    this.source = new Int32Array(capacity);
    this.sender = new Int32Array(capacity);
    this.carrier = new Uint8Array(capacity);
    this.type = new Uint8Array(capacity);
    this.units = new Uint16Array(capacity);
    this.pos = new Uint8Array(capacity);
    this.status = new Uint8Array(capacity);
    this.code = new Int8Array(capacity);
    this.attempt = new Uint16Array(capacity);
    this.retryOf = new Float64Array(capacity);
    this.destSeq = new Float64Array(capacity);
    this.route = new Array<Route | undefined>(capacity).fill(undefined);
    this.extra = new Array<ReplayRow | undefined>(capacity).fill(undefined);
  }

  get capacity(): number {
    return this.mask + 1;
  }

  /**
   * Doubles the ring, keeping the live messages numbered `from` (inclusive) to `to`
   * (exclusive) at their slot under the new mask.
   */
  grow(from: number, to: number): void {
    const old = this;
    const next = new MessagePool(this.capacity * 2);
    for (let i = from; i < to; i++) {
      const a = i & old.mask;
      const b = i & next.mask;
      next.submitMs[b] = old.submitMs[a];
      next.expiryMs[b] = old.expiryMs[a];
      next.endMs[b] = old.endMs[a];
      next.seqInSource[b] = old.seqInSource[a];
      next.source[b] = old.source[a];
      next.sender[b] = old.sender[a];
      next.carrier[b] = old.carrier[a];
      next.type[b] = old.type[a];
      next.units[b] = old.units[a];
      next.pos[b] = old.pos[a];
      next.status[b] = old.status[a];
      next.code[b] = old.code[a];
      next.attempt[b] = old.attempt[a];
      next.retryOf[b] = old.retryOf[a];
      next.destSeq[b] = old.destSeq[a];
      next.route[b] = old.route[a];
      next.extra[b] = old.extra[a];
    }
    Object.assign(this, next);
  }
}
