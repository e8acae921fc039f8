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
export const OPEN: Limiter = { earliest: (nowMs) => nowMs, consume: (atMs) => atMs };

/** The stage's limiter, closed and slowed by its incidents. */
export class IncidentLimiter implements Limiter {
  /** Earliest next departure while slowed; -Infinity when not pacing. */
  private nextSlowMs = -Infinity;

  constructor(
    private readonly inner: Limiter,
    private readonly limit: Limit,
    private readonly incidents: StageIncidents,
  ) {}

  earliest(nowMs: number): number {
    let t = nowMs;
    for (;;) {
      const closed = this.incidents.closed.find((c) => t >= c.startMs && t < c.endMs);
      if (closed !== undefined) {
        t = closed.endMs;
        continue;
      }
      let u = this.inner.earliest(t);
      if (this.slowedAt(u) !== undefined && u < this.nextSlowMs) u = this.nextSlowMs;
      if (u === t) return t;
      t = u;
    }
  }

  /** Units leave as the stage's limit lets them; while slowed, also `spacing` apart. */
  consume(atMs: number, units: number): number {
    const done = this.inner.consume(atMs, units);
    const slow = this.slowedAt(atMs);
    if (slow === undefined) {
      this.nextSlowMs = -Infinity;
      return done;
    }
    const spacing = this.limit.windowMs / (this.limit.count * slow.factor);
    const last = Math.max(done, Math.ceil(atMs + (units - 1) * spacing - 1e-9));
    this.nextSlowMs = Math.ceil(last + spacing - 1e-9);
    return last;
  }

  private slowedAt(t: number) {
    return this.incidents.slowed.find((s) => t >= s.startMs && t < s.endMs);
  }
}
