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
  /** After every incident has ended the stage is its own limiter again (the hot path). */
  private readonly allOverMs: number;

  constructor(
    private readonly inner: Limiter,
    private readonly limit: Limit,
    private readonly incidents: StageIncidents,
  ) {
    this.allOverMs = Math.max(-Infinity, ...incidents.closed.map((c) => c.endMs), ...incidents.slowed.map((s) => s.endMs));
  }

  earliest(nowMs: number): number {
    if (nowMs >= this.allOverMs) return this.inner.earliest(nowMs);
    let t = nowMs;
    for (;;) {
      const closedEnd = this.closedUntil(t);
      if (closedEnd > t) {
        t = closedEnd;
        continue;
      }
      let u = this.inner.earliest(t);
      if (u < this.nextSlowMs && this.slowFactor(u) > 0) u = this.nextSlowMs;
      if (u === t) return t;
      t = u;
    }
  }

  /** Units leave as the stage's limit lets them; while slowed, also `spacing` apart. */
  consume(atMs: number, units: number): number {
    const done = this.inner.consume(atMs, units);
    const factor = atMs >= this.allOverMs ? 0 : this.slowFactor(atMs);
    if (factor === 0) {
      this.nextSlowMs = -Infinity;
      return done;
    }
    const spacing = this.limit.windowMs / (this.limit.count * factor);
    const last = Math.max(done, Math.ceil(atMs + (units - 1) * spacing - 1e-9));
    this.nextSlowMs = Math.ceil(last + spacing - 1e-9);
    return last;
  }

  /** End of the outage holding time t, or t when none does. */
  private closedUntil(t: number): number {
    const closed = this.incidents.closed;
    for (let i = 0; i < closed.length; i++) if (t >= closed[i].startMs && t < closed[i].endMs) return closed[i].endMs;
    return t;
  }

  /** The degraded factor at time t, or 0 when the stage is not slowed then. */
  private slowFactor(t: number): number {
    const slowed = this.incidents.slowed;
    for (let i = 0; i < slowed.length; i++) if (t >= slowed[i].startMs && t < slowed[i].endMs) return slowed[i].factor;
    return 0;
  }
}
