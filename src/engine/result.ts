/**
 * What a simulation takes and gives back: its options and its result. Kept apart from the
 * kernel so that readers of results (reports, checks) need not import the kernel.
 */
import type { Network } from './network.js';
import type { MessageCounts } from './retries.js';
import type { ChargeLedger } from './charges.js';
import type { MessageSink, ReplayFeed, RunObserver } from './types.js';
import type { ScopeStats } from './counters.js';
import type { Scenario, TrafficSource } from '../scenario/model.js';

export interface SimulateOptions {
  /** Receives every message record in submission order. */
  readonly sink?: MessageSink;
  /** Opens the replay feed of a `replay` traffic source. Required when the scenario has one. */
  readonly replay?: (source: TrafficSource, index: number) => ReplayFeed;
  readonly observer?: RunObserver;
  /** Checked every few thousand events; when it returns true the run stops early. */
  readonly shouldStop?: () => boolean;
}

/** One day of a daily cap (T-Mobile's: a Pacific day). */
export interface DailyCapDay {
  readonly day: string;
  readonly cap: number;
  used: number;
  rejected: number;
}

export interface SimulationResult {
  readonly scenario: Scenario;
  readonly network: Network;
  readonly total: ScopeStats;
  /** Indexed like CARRIERS. */
  readonly byCarrier: readonly ScopeStats[];
  /** Indexed like scenario.numbers; the extra last entry collects unknown replay senders. */
  readonly bySender: readonly ScopeStats[];
  /** Indexed like scenario.traffic. */
  readonly byTraffic: readonly ScopeStats[];
  /** Every daily cap of the network, by name, with the days that saw traffic. */
  readonly dailyCaps: readonly { readonly name: string; readonly days: readonly DailyCapDay[] }[];
  /** Deepest queue seen per stage. */
  readonly maxDepth: Int32Array;
  /** Time messages spent queued per stage, message-milliseconds (the area under its depth curve). */
  readonly stageWaitMs: Float64Array;
  /** Messages that expired (420) when dequeued from each stage. */
  readonly stageExpired: Int32Array;
  /** Messages turned away by each stage's full queue (code queue_full). */
  readonly stageRejected: Int32Array;
  /** Charged units by sender, type, country and carrier; null when the scenario has no pricing. */
  readonly charges: ChargeLedger | null;
  /** Virtual time when the run ended, ms. */
  readonly endMs: number;
  /** Number of events processed. */
  readonly events: number;
  /**
   * True when stopped by `shouldStop` rather than by draining or `until`. The sink then
   * has not received the records of messages still in flight.
   */
  readonly interrupted: boolean;
  readonly inbound: number;
  /** Messages (chains of attempts) apart from attempts: differ only with client retries. */
  readonly messages: MessageCounts;
}

/** A run taken in slices, so a caller can do other work (progress, Ctrl-C) between them. */
export interface SteppedSimulation {
  /**
   * Processes up to `maxEvents` more events. Returns true once the run is over (drained,
   * past `until`, or stopped by `shouldStop`); further calls then do nothing.
   */
  advance(maxEvents: number): boolean;
  /** Ends the run (messages still waiting count as queued) and returns its result. Call once. */
  finish(): SimulationResult;
  /** Virtual time of the last event processed, ms since start. */
  readonly nowMs: number;
  /** Messages submitted so far. */
  readonly submitted: number;
}
