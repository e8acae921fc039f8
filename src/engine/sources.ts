/**
 * Traffic sources inside a run: each holds its own seeded generator (so adding a source
 * never reshuffles another), its senders for round-robin, its carrier mix, and exactly one
 * pending arrival — generated lazily, or read from its replay feed.
 */
import { CARRIERS, type Scenario, type TrafficSource } from '../scenario/model.js';
import { arrivalProcess, type ArrivalProcess } from '../traffic/arrivals.js';
import { hashString, sourceRng, type Rng } from './random.js';
import type { SimulateOptions } from './result.js';
import type { ReplayFeed, ReplayRow } from './types.js';

export interface SourceState {
  readonly def: TrafficSource;
  readonly rng: Rng;
  /** Hash of the source name: seeds its message UUIDs and synthetic destinations. */
  readonly hash: number;
  /** Sender number indices (into scenario.numbers), used round-robin. */
  readonly fromIdx: Int32Array;
  /** Cumulative carrier weights, in CARRIERS order. */
  readonly carrierCum: Float64Array;
  readonly process: ArrivalProcess | null;
  readonly feed: ReplayFeed | null;
  /** Time of the pending arrival, ms; Infinity when the source is done. */
  pendingAt: number;
  pendingRow: ReplayRow | null;
  /** Next round-robin position in `fromIdx`. */
  rr: number;
  /** Messages made so far. */
  count: number;
}

/**
 * The state of traffic source `i` of `scenario`.
 * @throws Error for a replay source when `options.replay` is missing (a bug of the caller).
 */
export function makeSource(scenario: Scenario, def: TrafficSource, i: number, options: SimulateOptions): SourceState {
  const ids = new Map(scenario.numbers.map((n, k) => [n.id, k]));
  let acc = 0;
  const carrierCum = Float64Array.from(CARRIERS.map((c) => (acc += scenario.carriers[c])));
  const rng = sourceRng(scenario.seed, def.name);
  const isReplay = def.arrival.kind === 'replay';
  if (isReplay && options.replay === undefined) {
    throw new Error(`traffic "${def.name}" replays a file but no replay reader was given`);
  }
  return {
    def,
    rng,
    hash: hashString(def.name),
    fromIdx: Int32Array.from(def.from.map((id) => ids.get(id) ?? -1)),
    carrierCum,
    process: isReplay ? null : arrivalProcess(def, rng, scenario.startEpochMs),
    feed: isReplay ? options.replay!(def, i) : null,
    pendingAt: Infinity,
    pendingRow: null,
    rr: 0,
    count: 0,
  };
}

/** Reads the source's next arrival into `pendingAt` (and `pendingRow` for replay). */
export function advanceSource(s: SourceState): void {
  if (s.process !== null) {
    s.pendingAt = s.process.next();
    return;
  }
  const row = s.feed!.next();
  s.pendingRow = row;
  s.pendingAt = row === null ? Infinity : row.atMs;
}

/** Draws a destination carrier index from the source's mix. */
export function drawCarrier(s: SourceState): number {
  const u = s.rng();
  const cum = s.carrierCum;
  for (let c = 0; c < cum.length - 1; c++) if (u < cum[c]) return c;
  return cum.length - 1;
}

/** The next sender index, round-robin (one per API request). */
export function nextSender(s: SourceState): number {
  const from = s.fromIdx[s.rr];
  s.rr = s.rr + 1 === s.fromIdx.length ? 0 : s.rr + 1;
  return from;
}
