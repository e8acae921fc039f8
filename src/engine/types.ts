/**
 * Types that cross the engine boundary: per-message records handed to a sink, replay
 * rows fed in by a reader, and observer hooks for time series and progress.
 */
import type { FailureCode } from '../rules/codes.js';
import type { Carrier, LogSetting, MessageType } from '../scenario/model.js';
import type { Direction, ReplayRow } from '../traffic/feed.js';

export type { Direction, ReplayFeed, ReplayRow } from '../traffic/feed.js';

/** `received` is an inbound message of a replay file: not sent, never throttled, not in the totals. */
export type MessageStatus = 'delivered' | 'failed' | 'queued' | 'received';

/** One message's outcome, handed to a sink in submission order. Times in ms since start. */
export interface MessageRecord {
  /** 0-based submission number. */
  readonly index: number;
  readonly uuid: string;
  /** Name of the traffic source. */
  readonly traffic: string;
  /** Sender number as E.164 (or as written in a replay file). */
  readonly from: string;
  readonly to: string;
  readonly toCountry: string;
  readonly direction: Direction;
  readonly type: MessageType;
  readonly carrier: Carrier;
  readonly submitMs: number;
  /** Time handed to the carrier; null unless delivered. */
  readonly dispatchedMs: number | null;
  /** Time of delivery or failure; null while queued. */
  readonly endMs: number | null;
  readonly status: MessageStatus;
  readonly code: FailureCode | null;
  readonly units: number;
  readonly text: string | null;
  readonly log: LogSetting;
  /** 1 for a first attempt; n for the client's (n−1)th resubmission of the message. */
  readonly attempt: number;
  /** UUID of the failed attempt this one resubmits; null for a first attempt. */
  readonly retryOf: string | null;
}

/** Receives every message record, in submission order. */
export interface MessageSink {
  write(record: MessageRecord): void;
  /**
   * Optional, instead of `write`: receives each message as a {@link MessageView} read in
   * place, so no record object or identifier string is made (the message CSV at 10M rows).
   */
  writeView?(view: MessageView): void;
}

/**
 * A finished message read in place from the engine's columns; valid only during the
 * `writeView` call (the same object is reused for the next message). Indexes are into the
 * tables named; `record()` gives the full {@link MessageRecord}.
 */
export interface MessageView {
  /** 0-based submission number. */
  readonly index: number;
  /** Index of the traffic source in `scenario.traffic`. */
  readonly source: number;
  /** Index of the sender in `scenario.numbers` (generated messages). */
  readonly sender: number;
  /** The replayed row, or undefined for a generated message. */
  readonly replayRow: ReplayRow | undefined;
  readonly submitMs: number;
  /** Time of delivery or failure; NaN while queued or for a received message. */
  readonly endMs: number;
  /** Index into `STATUS_NAMES` (0 queued, 1 delivered, 2 failed, 3 received). */
  readonly status: number;
  /** Index into `FAILURE_CODES`, or -1 unless failed. */
  readonly code: number;
  /** Index into `CARRIERS`. */
  readonly carrier: number;
  /** Index into `MESSAGE_TYPES`. */
  readonly type: number;
  readonly units: number;
  /** The four words of a generated message's UUID (see `uuidWords`), into `out`. */
  uuidWords(out: Uint32Array): void;
  /** The ten digits after the calling code of a generated message's destination, as two five-digit halves into `out` (see `syntheticHalves`). */
  destination(out: Uint32Array): void;
  /** The whole record (allocates). */
  record(): MessageRecord;
}

/** Optional hooks called by the engine as virtual time passes. */
export interface RunObserver {
  /** Interval between `onTick` calls, ms of virtual time; 0 or absent = no ticks. */
  readonly tickMs?: number;
  /**
   * Called at each tick boundary, before any other event at that time (however early that
   * event was scheduled: intervals are half-open, [start, end), as in the message CSV), and
   * once more at the end of the run, with the state at that moment.
   */
  onTick?(atMs: number, snapshot: TickSnapshot): void;
  /** A message was submitted. */
  onSubmit?(atMs: number, traffic: number): void;
  /**
   * A message ended: delivered (code -1) or failed (code = failure index); `waitMs` is a
   * delivered message's wait (from submission to dispatch), -1 for a failure.
   */
  onEnd?(atMs: number, delivered: boolean, code: number, carrier: number, waitMs: number): void;
  /** Message `index` left stage `stage` (consumed its capacity) at `atMs`. */
  onDepart?(atMs: number, stage: number, index: number): void;
}

/** A daily cap on its current day. */
export interface CapState {
  /** The cap's name (its key in the summary's `daily_cap`, e.g. `tmobile`). */
  readonly name: string;
  /** Messages (or units) counted against it on its current day. */
  readonly used: number;
  /** Its limit on the current day; 0 before any traffic toward it. */
  readonly limit: number;
  /** Its current day ("YYYY-MM-DD", in its zone), or null before any traffic toward it. */
  readonly day: string | null;
}

/** State of the run at a tick. */
export interface TickSnapshot {
  /** Queue depth of every stage, indexed by stage id (see Network.stages). */
  readonly depths: Int32Array;
  /** Deepest queue of every stage since the previous tick (or the start), this moment included. */
  readonly peakDepths: Int32Array;
  /** Every daily cap on its current day, in network.dailyCaps order. */
  readonly caps: readonly CapState[];
  /** True for the final call at the end of the run. */
  readonly final: boolean;
}
