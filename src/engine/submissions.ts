/**
 * Where messages come from: each traffic source's requests as they fall due (generated or
 * replayed), and the clients' resubmissions of failed attempts. Each becomes a message of
 * the {@link MessageFlow}, submitted along the route the network gives it.
 */
import { FAILURE_INDEX } from '../rules/codes.js';
import { CARRIERS, type MessageType } from '../scenario/model.js';
import type { EventQueue } from './event-queue.js';
import { encodeEvent, SOURCE } from './events.js';
import type { MessageFlow } from './flow.js';
import type { Network } from './network.js';
import { IN_FLIGHT, RECEIVED } from './in-flight.js';
import { advanceSource, drawCarrier, nextCarrier, nextSender, stickySender, type SourceState } from './sources.js';
import type { ReplayRow } from './types.js';

/**
 * Most messages one source submits before the loop may pause (a slice ends, or a stop is
 * checked) in the middle of a burst. The rest of the burst is submitted first on resuming,
 * before any other event, so slicing never changes the result.
 */
export const BURST_SLICE = 4096;

/** The run's traffic sources and resubmissions, feeding the message flow. */
export class Submissions {
  /** The source in the middle of a burst (more requests due now), or -1. */
  burst = -1;
  /** Inbound replayed messages (received, not sent: outside the totals). */
  inbound = 0;
  private readonly numberByE164 = new Map<string, number>();

  constructor(
    private readonly flow: MessageFlow,
    private readonly net: Network,
    private readonly eq: EventQueue,
    readonly sources: readonly SourceState[],
    numbers: readonly { readonly number: string }[],
  ) {
    numbers.forEach((n, i) => this.numberByE164.set(n.number, i));
  }

  /** Schedules every source's first request. */
  start(): void {
    this.sources.forEach((s, i) => {
      advanceSource(s);
      if (s.pendingAt !== Infinity) this.eq.push(s.pendingAt, encodeEvent(SOURCE, i));
    });
  }

  /** Submits the source's requests due now, at most about BURST_SLICE messages (see `burst`). */
  fireSource(id: number): void {
    const s = this.sources[id];
    const now = this.flow.now;
    const stopAt = this.flow.nextIndex + BURST_SLICE;
    this.burst = -1;
    // Every request of this source due now is submitted before anything else happens at now.
    while (s.pendingAt === now) {
      if (this.flow.nextIndex >= stopAt) {
        this.burst = id;
        return;
      }
      if (s.process !== null) {
        const n = s.def.recipients;
        // One API request: one sender (round-robin), `recipients` destinations.
        const fromIdx = nextSender(s);
        for (let r = 0; r < n; r++) this.submitGenerated(s, id, fromIdx);
      } else {
        this.submitReplay(s, id, s.pendingRow!);
      }
      advanceSource(s);
    }
    if (s.pendingAt !== Infinity) this.eq.push(s.pendingAt, encodeEvent(SOURCE, id));
  }

  /** Allocates the next message, submitted now, and fills its pool columns. Returns its index. */
  private newMessage(
    s: SourceState,
    sourceId: number,
    senderIdx: number,
    carrier: number,
    type: MessageType,
    units: number,
    expirySeconds: number,
    row: ReplayRow | undefined,
  ): number {
    const idx = this.flow.allocate();
    const p = this.flow.pool;
    const slot = idx & p.mask;
    p.submitMs[slot] = this.flow.now;
    p.expiryMs[slot] = expirySeconds * 1000;
    const seq = s.count++;
    p.seqInSource[slot] = seq;
    p.attempt[slot] = 1;
    p.retryOf[slot] = -1;
    p.destSeq[slot] = seq;
    p.source[slot] = sourceId;
    p.sender[slot] = senderIdx;
    p.carrier[slot] = carrier;
    p.type[slot] = type === 'sms' ? 0 : 1;
    p.units[slot] = units;
    p.status[slot] = IN_FLIGHT;
    p.extra[slot] = row;
    return idx;
  }

  private submitGenerated(s: SourceState, sourceId: number, requestSender: number): void {
    const def = s.def;
    const fromIdx = s.sticky ? stickySender(s, s.count) : requestSender;
    const carrier = nextCarrier(s, s.count);
    const idx = this.newMessage(s, sourceId, fromIdx, carrier, def.type, def.units, def.expirySeconds, undefined);
    this.flow.submit(idx, this.net.route(fromIdx, def.type, def.toCountry, carrier));
  }

  private submitReplay(s: SourceState, sourceId: number, row: ReplayRow): void {
    const flow = this.flow;
    const numberIdx = this.numberByE164.get(row.from) ?? -1;
    const carrier = row.carrier === null ? drawCarrier(s) : CARRIERS.indexOf(row.carrier);
    const expiry = row.expirySeconds ?? s.def.expirySeconds;
    const idx = this.newMessage(s, sourceId, numberIdx, carrier, row.type, row.units, expiry, row);
    const p = flow.pool;
    const slot = idx & p.mask;
    if (row.direction === 'inbound') {
      // Inbound messages are received, not sent: never throttled, counted apart.
      // They are not submissions, so they stay out of the totals.
      this.inbound++;
      p.route[slot] = undefined;
      p.status[slot] = RECEIVED;
      flow.emitReady();
      return;
    }
    if (numberIdx < 0) return flow.failAtSubmit(idx, slot, FAILURE_INDEX.unknown_sender);
    if (row.tooLong) return flow.failAtSubmit(idx, slot, FAILURE_INDEX['110']);
    flow.submit(idx, this.net.route(numberIdx, row.type, row.toCountry, carrier));
  }

  /** Submits pending retry `id`: a new message (new index and UUID) to the same destination. */
  fireRetry(id: number): void {
    const flow = this.flow;
    const r = flow.takeRetry(id);
    const s = this.sources[r.source];
    const def = s.def;
    const idx = this.newMessage(s, r.source, r.sender, r.carrier, def.type, def.units, def.expirySeconds, undefined);
    const slot = idx & flow.pool.mask;
    flow.pool.attempt[slot] = r.attempt;
    flow.pool.retryOf[slot] = r.retryOf;
    flow.pool.destSeq[slot] = r.destSeq;
    flow.messages.resubmitted++;
    flow.submit(idx, this.net.route(r.sender, def.type, def.toCountry, r.carrier));
  }
}
