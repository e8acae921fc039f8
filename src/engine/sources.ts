/**
 * Traffic sources inside a run: each holds its own seeded generator (so adding a source
 * never reshuffles another), its senders for round-robin, its carrier mix, and exactly one
 * pending arrival — generated lazily, or read from its replay feed.
 */
import { CARRIERS, type Scenario, type TrafficSource } from '../scenario/model.js';
import { arrivalProcess, type ArrivalProcess } from '../traffic/arrivals.js';
import { hashString, sourceRng, type Rng } from './random.js';
import { recipientCarriers, recipientOf } from './recipients.js';
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
  /** With a recipient pool: each recipient's carrier index; null = a carrier drawn per message. */
  readonly recipientCarrier: Uint8Array | null;
  /** Under `sender: sticky`: true (each recipient's number is `fromIdx[j % fromIdx.length]`). */
  readonly sticky: boolean;
  /** Under `sender: random`: true. */
  readonly randomSender: boolean;
  readonly seed: number;
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
  const carrierCum = Float64Array.from(CARRIERS.map((c) => (acc += def.carriers[c])));
  const pool = def.recipientsPool;
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
    recipientCarrier: pool === null ? null : recipientCarriers(scenario.seed, def.name, pool, carrierCum),
    sticky: def.sender === 'sticky',
    randomSender: def.sender === 'random',
    seed: scenario.seed,
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

/**
 * The destination carrier of the source's next message (`seq` = its index in the source):
 * its recipient's carrier with a pool, else drawn from the mix.
 */
export function nextCarrier(s: SourceState, seq: number): number {
  const rc = s.recipientCarrier;
  if (rc === null) return drawCarrier(s);
  return rc[recipientOf(s.seed, s.hash, seq, rc.length)];
}

/** Under `sender: sticky`, the number that always sends to the recipient of message `seq`. */
export function stickySender(s: SourceState, seq: number): number {
  const rc = s.recipientCarrier!;
  return s.fromIdx[recipientOf(s.seed, s.hash, seq, rc.length) % s.fromIdx.length];
}

/**
 * The sender index of the next API request: round-robin, or uniformly drawn under
 * `sender: random` (sticky sources pick per message, {@link stickySender}).
 */
export function nextSender(s: SourceState): number {
  if (s.randomSender) return s.fromIdx[Math.floor(s.rng() * s.fromIdx.length)];
  const from = s.fromIdx[s.rr];
  s.rr = s.rr + 1 === s.fromIdx.length ? 0 : s.rr + 1;
  return from;
}
