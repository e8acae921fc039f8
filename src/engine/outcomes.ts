/**
 * Where each message's outcome is counted: the whole run, its carrier, its sender and its
 * traffic source. Reads the message's columns from the pool; allocates nothing per message.
 */
import { FAILURE_CODES } from '../rules/codes.js';
import { CARRIERS, type Scenario } from '../scenario/model.js';
import { ScopeStats } from './counters.js';
import type { MessagePool } from './in-flight.js';

export class Outcomes {
  readonly total = new ScopeStats();
  readonly byCarrier = CARRIERS.map(() => new ScopeStats());
  /** Indexed like scenario.numbers, plus a last entry for unknown (replayed) senders. */
  readonly bySender: ScopeStats[];
  readonly byTraffic: ScopeStats[];
  /** Whether each failure code (by index) is charged, from the scenario's rules. */
  private readonly charged: boolean[];

  constructor(scenario: Scenario) {
    this.charged = FAILURE_CODES.map((r) => scenario.rules.charged[r.code]);
    this.bySender = [...scenario.numbers.map(() => new ScopeStats()), new ScopeStats()];
    this.byTraffic = scenario.traffic.map(() => new ScopeStats());
  }

  private sender(p: MessagePool, slot: number): ScopeStats {
    const n = p.sender[slot];
    return this.bySender[n < 0 ? this.bySender.length - 1 : n];
  }

  /** Counts a submission (and its units) in every scope. */
  submitted(p: MessagePool, slot: number): void {
    const units = p.units[slot];
    this.total.submission(units);
    this.byCarrier[p.carrier[slot]].submission(units);
    this.sender(p, slot).submission(units);
    this.byTraffic[p.source[slot]].submission(units);
  }

  /** Counts a delivery at `nowMs` in every scope. */
  delivered(p: MessagePool, slot: number, nowMs: number): void {
    const wait = nowMs - p.submitMs[slot];
    const units = p.units[slot];
    this.total.delivery(wait, nowMs, units);
    this.byCarrier[p.carrier[slot]].delivery(wait, nowMs, units);
    this.sender(p, slot).delivery(wait, nowMs, units);
    this.byTraffic[p.source[slot]].delivery(wait, nowMs, units);
  }

  /** Counts a failure with code index `code` in every scope. */
  failed(p: MessagePool, slot: number, code: number): void {
    const units = this.charged[code] ? p.units[slot] : 0;
    this.total.failure(code, units);
    this.byCarrier[p.carrier[slot]].failure(code, units);
    this.sender(p, slot).failure(code, units);
    this.byTraffic[p.source[slot]].failure(code, units);
  }

  /** Counts a message still waiting at the end of the run in every scope. */
  queued(p: MessagePool, slot: number): void {
    this.total.queued++;
    this.byCarrier[p.carrier[slot]].queued++;
    this.sender(p, slot).queued++;
    this.byTraffic[p.source[slot]].queued++;
  }
}
