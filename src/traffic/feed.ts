/**
 * Types traffic hands to the engine: replayed rows and the generator that draws arrivals.
 * They live here, below the engine, so that traffic never imports the engine.
 */
import type { Carrier, LogSetting, MessageType } from '../scenario/model.js';

export type Direction = 'outbound' | 'inbound';

/** A seeded generator of uniform numbers in [0, 1). */
export type Rng = () => number;

/** One replayed message, as read from a CSV row. */
export interface ReplayRow {
  readonly atMs: number;
  readonly uuid: string | null;
  /** Sender as written (E.164); matched against scenario numbers. */
  readonly from: string;
  readonly to: string;
  readonly toCountry: string;
  readonly direction: Direction;
  readonly type: MessageType;
  /** Destination carrier, or null to draw it from the scenario's mix. */
  readonly carrier: Carrier | null;
  readonly units: number;
  readonly text: string | null;
  /** Expiry in seconds, or null for the source's. */
  readonly expirySeconds: number | null;
  readonly log: LogSetting | null;
  /** Longer than the provider's maximum: fails with 110. */
  readonly tooLong: boolean;
}

/** Yields replay rows in non-decreasing `atMs` order; null when done. */
export interface ReplayFeed {
  next(): ReplayRow | null;
}
