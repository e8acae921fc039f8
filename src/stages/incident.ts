/**
 * A stage under incidents: closed while an outage lasts (nothing leaves; the queue grows
 * and expiry applies when it reopens), or slowed while its carrier is degraded (departures
 * at least `windowMs / (count · factor)` apart per unit, on top of the stage's own limit).
 * Wraps the stage's limiter, or none for a gate that only closes. Pure: handed the time.
 */
import type { Limit } from '../scenario/model.js';
import type { Limiter } from './limiter.js';

/** Times when a stage is closed or slowed, ms since start, each list sorted by start. */
export interface StageIncidents {
  readonly closed: readonly { readonly startMs: number; readonly endMs: number }[];
  readonly slowed: readonly { readonly startMs: number; readonly endMs: number; readonly factor: number }[];
}

/** A limiter that never holds a message back (a gate that only incidents close). */
export const OPEN: Limiter = { earliest: (nowMs) => nowMs, consume: () => {} };

/** The stage's limiter, closed and slowed by its incidents. */
export class IncidentLimiter implements Limiter {
  /** Earliest next departure while slowed; -Infinity when not pacing. */
  private nextSlowMs = -Infinity;

  constructor(
    private readonly inner: Limiter,
    private readonly limit: Limit,
    private readonly incidents: StageIncidents,
  ) {}

  earliest(nowMs: number, weight: number): number {
    let t = nowMs;
    for (;;) {
      const closed = this.incidents.closed.find((c) => t >= c.startMs && t < c.endMs);
      if (closed !== undefined) {
        t = closed.endMs;
        continue;
      }
      let u = this.inner.earliest(t, weight);
      if (this.slowedAt(u) !== undefined && u < this.nextSlowMs) u = this.nextSlowMs;
      if (u === t) return t;
      t = u;
    }
  }

  consume(atMs: number, weight: number): void {
    this.inner.consume(atMs, weight);
    const slow = this.slowedAt(atMs);
    this.nextSlowMs = slow === undefined ? -Infinity : atMs + (weight * this.limit.windowMs) / (this.limit.count * slow.factor);
  }

  private slowedAt(t: number) {
    return this.incidents.slowed.find((s) => t >= s.startMs && t < s.endMs);
  }
}
