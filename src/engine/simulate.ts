/**
 * The simulation kernel: a (time, sequence) event queue over the stage network. Popping an
 * event is the only way time moves. Events are a source's next arrival, a stage whose head
 * message may now leave, and an observer tick. A message moves through consecutive stages
 * within one event whenever their limiters let it leave at once; it costs an event only
 * when it has to wait. Pure: no clock, no I/O, no Math.random.
 */
import { FAILURE_CODES, FAILURE_INDEX } from '../rules/codes.js';
import { CARRIERS, type MessageType, type Scenario } from '../scenario/model.js';
import { createStage, dequeue, enqueue, type StageState } from '../stages/fifo.js';
import { DailyCapCounter } from './daily-cap.js';
import { EventQueue } from './event-queue.js';
import { Network, type Route } from './network.js';
import { Outcomes } from './outcomes.js';
import { StageWaits } from './stage-waits.js';
import { ChargeLedger } from './charges.js';
import { DELIVERED, FAILED, IN_FLIGHT, MessagePool, RECEIVED } from './pool.js';
import { RecordEmitter } from './record.js';
import { retryAt, retryCodeMask, type MessageCounts, type PendingRetry } from './retries.js';
import type { SimulateOptions, SimulationResult, SteppedSimulation } from './result.js';
import { advanceSource, drawCarrier, makeSource, nextCarrier, nextSender, stickySender, type SourceState } from './sources.js';
import type { ReplayRow, RunObserver, TickSnapshot } from './types.js';

export type { DailyCapDay, SimulateOptions, SimulationResult, SteppedSimulation } from './result.js';

/**
 * Most messages one source submits before the loop may pause (a slice ends, or a stop is
 * checked) in the middle of a burst. The rest of the burst is submitted first on resuming,
 * before any other event, so slicing never changes the result.
 */
export const BURST_SLICE = 4096;

const EV_SOURCE = 0;
const EV_STAGE = 1;
const EV_TICK = 2;
const EV_RETRY = 3;

/**
 * Runs `scenario` to the end (every queue empty, or `untilMs`) and returns its statistics.
 * Deterministic: the same scenario and options give the same result and the same records.
 * @throws Error only for a bug or a replay source without `options.replay`.
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): SimulationResult {
  const run = new Simulation(scenario, options);
  run.advance(Infinity);
  return run.finish();
}

/**
 * Starts a run without running it: `advance` it in slices, then `finish` it. The same
 * scenario and options give exactly the result of {@link simulate}, however it is sliced.
 */
export function startSimulation(scenario: Scenario, options: SimulateOptions = {}): SteppedSimulation {
  return new Simulation(scenario, options);
}

class Simulation implements SteppedSimulation {
  private readonly net: Network;
  private readonly eq = new EventQueue();
  private pool = new MessagePool();
  private readonly stages: StageState[] = [];
  private readonly sources: SourceState[];
  private readonly numberByE164 = new Map<string, number>();
  private readonly outcomes: Outcomes;
  /** One counter per daily cap, indexed like network.dailyCaps. */
  private readonly caps: DailyCapCounter[];
  private maxDepth = new Int32Array(0);
  /** Deepest queue per stage since the last tick. */
  private peakDepth = new Int32Array(0);
  /** Waiting and expiries per stage, for the bottleneck report. */
  private readonly waits = new StageWaits();
  /** Charged units by what prices them, for the cost (only when the scenario has pricing). */
  private readonly charges: ChargeLedger | null;
  /** Whether a failure (by code index) is charged, from the scenario's rules. */
  private readonly chargedCode: boolean[];
  private readonly emitter: RecordEmitter | undefined;
  private readonly observer: RunObserver | undefined;
  private nextIndex = 0;
  private nextEmit = 0;
  private now = 0;
  private inbound = 0;
  private readonly expired = FAILURE_INDEX['420'];
  /** Client resubmissions waiting for their time, by event id (null once submitted). */
  private readonly retries: (PendingRetry | null)[] = [];
  private readonly retryMasks: Uint8Array[];
  /** Per source: whether its client retries or defers at all (else a failure loses the message at once). */
  private readonly clientPolicy: boolean[];
  private readonly messages: MessageCounts = { total: 0, delivered: 0, failed: 0, queued: 0, resubmitted: 0 };
  private readonly queueFull = FAILURE_INDEX.queue_full;

  constructor(
    private readonly scenario: Scenario,
    private readonly options: SimulateOptions,
  ) {
    this.net = new Network(scenario);
    this.observer = options.observer;
    this.syncStages();
    scenario.numbers.forEach((n, i) => this.numberByE164.set(n.number, i));
    this.outcomes = new Outcomes(scenario);
    this.charges = scenario.pricing === null ? null : new ChargeLedger(scenario);
    this.chargedCode = FAILURE_CODES.map((r) => scenario.rules.charged[r.code]);
    this.caps = this.net.dailyCaps.map((def) => new DailyCapCounter(scenario.startEpochMs, def));
    this.sources = scenario.traffic.map((def, i) => makeSource(scenario, def, i, options));
    this.retryMasks = scenario.traffic.map(retryCodeMask);
    this.clientPolicy = scenario.traffic.map((t) => t.retry !== null || t.onDailyCap === 'defer');
    this.emitter = options.sink === undefined ? undefined : new RecordEmitter(scenario, this.sources, this.pool, options.sink);
  }

  private started = false;
  private over = false;
  private events = 0;
  private interrupted = false;
  /** The source in the middle of a burst (more requests due now), or -1. */
  private burst = -1;
  private lastWorkMs = 0;
  private tickMs = 0;

  get nowMs(): number {
    return this.now;
  }

  get submitted(): number {
    return this.nextIndex;
  }

  private start(): void {
    this.started = true;
    const eq = this.eq;
    this.sources.forEach((s, i) => {
      advanceSource(s);
      if (s.pendingAt !== Infinity) eq.push(s.pendingAt, i * 4 + EV_SOURCE);
    });
    this.tickMs = this.observer?.tickMs ?? 0;
    // A tick pops before any other event at its time: what happens at t belongs to [t, t + tick).
    if (this.tickMs > 0 && this.observer?.onTick !== undefined) eq.pushFirst(this.tickMs, EV_TICK);
  }

  advance(maxEvents: number): boolean {
    if (!this.started) this.start();
    if (this.over) return true;
    const eq = this.eq;
    const until = this.scenario.untilMs ?? Infinity;
    const shouldStop = this.options.shouldStop;
    const tickMs = this.tickMs;
    // Hot loop state in locals, written back when the slice ends.
    let events = this.events;
    let lastWorkMs = this.lastWorkMs;
    // The slice budget: one per event, BURST_SLICE per slice of a burst.
    let budget = maxEvents;
    let over = true;
    while (eq.length > 0 || this.burst >= 0) {
      if (budget <= 0) {
        over = false;
        break;
      }
      if (this.burst >= 0) {
        if (shouldStop !== undefined && shouldStop()) {
          this.interrupted = true;
          break;
        }
        budget -= BURST_SLICE;
        this.fireSource(this.burst);
        continue;
      }
      budget--;
      const t = eq.peekTime();
      if (t > until) break;
      const payload = eq.pop();
      this.now = t;
      events++;
      if (shouldStop !== undefined && (events & 4095) === 0 && shouldStop()) {
        this.interrupted = true;
        break;
      }
      const id = payload >> 2;
      const kind = payload & 3;
      if (kind !== EV_TICK) lastWorkMs = t;
      switch (kind) {
        case EV_SOURCE:
          this.fireSource(id);
          if (this.burst >= 0) budget -= BURST_SLICE;
          break;
        case EV_STAGE:
          this.fireStage(id);
          break;
        case EV_TICK:
          this.tick(tickMs);
          break;
        case EV_RETRY:
          this.fireRetry(id);
          break;
        default:
          throw new Error(`unknown event ${payload}`);
      }
    }
    this.events = events;
    this.lastWorkMs = lastWorkMs;
    this.over = over;
    return over;
  }

  finish(): SimulationResult {
    if (!this.over) throw new Error('finish() before the run is over');
    const until = this.scenario.untilMs ?? Infinity;
    const interrupted = this.interrupted;
    const drained = this.stages.every((st) => st.len === 0) && this.sources.every((src) => src.pendingAt === Infinity);
    const endMs = drained || interrupted ? this.lastWorkMs : until;
    this.now = endMs;
    this.observer?.onTick?.(endMs, this.snapshot(true));
    this.finishQueued();
    const m = this.messages;
    m.queued = m.total - m.delivered - m.failed;
    this.waits.close(endMs, this.stages.map((st) => st.len));
    const o = this.outcomes;
    return {
      scenario: this.scenario,
      network: this.net,
      total: o.total,
      byCarrier: o.byCarrier,
      bySender: o.bySender,
      byTraffic: o.byTraffic,
      dailyCaps: this.caps.map((c, i) => ({ name: this.net.dailyCaps[i].key, days: c.days })),
      maxDepth: this.maxDepth,
      stageWaitMs: this.waits.waitMs,
      stageExpired: this.waits.expired,
      stageRejected: this.waits.rejected,
      charges: this.charges,
      endMs,
      events: this.events,
      interrupted,
      inbound: this.inbound,
      messages: { ...m },
    };
  }

  private snapshot(final: boolean): TickSnapshot {
    if (this.stages.length !== this.net.stages.length) this.syncStages();
    const depths = new Int32Array(this.stages.length);
    this.stages.forEach((s, i) => (depths[i] = s.len));
    const peakDepths = this.peakDepth.slice();
    this.peakDepth.set(depths);
    const caps = this.caps.map((c, i) => {
      const day = c.today;
      return { name: this.net.dailyCaps[i].key, used: day?.used ?? 0, limit: day?.cap ?? 0, day: day?.day ?? null };
    });
    return { depths, peakDepths, caps, final };
  }

  private tick(tickMs: number): void {
    this.observer!.onTick!(this.now, this.snapshot(false));
    // Keep ticking while anything can still happen (a pending arrival is an event too).
    if (this.eq.length > 0) this.eq.pushFirst(this.now + tickMs, EV_TICK);
  }

  /** Submits the source's requests due now, at most about BURST_SLICE messages (see `burst`). */
  private fireSource(id: number): void {
    const s = this.sources[id];
    const now = this.now;
    const stopAt = this.nextIndex + BURST_SLICE;
    this.burst = -1;
    // Every request of this source due now is submitted before anything else happens at now.
    while (s.pendingAt === now) {
      if (this.nextIndex >= stopAt) {
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
    if (s.pendingAt !== Infinity) this.eq.push(s.pendingAt, id * 4 + EV_SOURCE);
  }

  /** Allocates the next submission number and its pool slot. */
  private allocate(): number {
    const idx = this.nextIndex++;
    if (idx - this.nextEmit >= this.pool.capacity) this.pool.grow(this.nextEmit, idx);
    return idx;
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
    const idx = this.allocate();
    const p = this.pool;
    const slot = idx & p.mask;
    p.submitMs[slot] = this.now;
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
    this.submit(idx, this.net.route(fromIdx, def.type, def.toCountry, carrier));
  }

  private submitReplay(s: SourceState, sourceId: number, row: ReplayRow): void {
    const numberIdx = this.numberByE164.get(row.from) ?? -1;
    const carrier = row.carrier === null ? drawCarrier(s) : CARRIERS.indexOf(row.carrier);
    const expiry = row.expirySeconds ?? s.def.expirySeconds;
    const idx = this.newMessage(s, sourceId, numberIdx, carrier, row.type, row.units, expiry, row);
    const p = this.pool;
    const slot = idx & p.mask;
    if (row.direction === 'inbound') {
      // Inbound messages are received, not sent: never throttled, counted apart.
      // They are not submissions, so they stay out of the totals.
      this.inbound++;
      p.route[slot] = undefined;
      p.status[slot] = RECEIVED;
      if (idx === this.nextEmit) this.emitReady();
      return;
    }
    if (numberIdx < 0) return this.failAtSubmit(idx, slot, FAILURE_INDEX.unknown_sender);
    if (row.tooLong) return this.failAtSubmit(idx, slot, FAILURE_INDEX['110']);
    this.submit(idx, this.net.route(numberIdx, row.type, row.toCountry, carrier));
  }

  private countSubmit(slot: number): void {
    if (this.pool.attempt[slot] === 1) this.messages.total++;
    this.outcomes.submitted(this.pool, slot);
    this.observer?.onSubmit?.(this.now, this.pool.source[slot]);
  }

  private failAtSubmit(idx: number, slot: number, code: number): void {
    this.pool.route[slot] = undefined;
    this.countSubmit(slot);
    this.fail(idx, slot, code);
  }

  /** Creates state for stages the network added since (routes are built lazily). */
  private syncStages(): void {
    const defs = this.net.stages;
    if (this.stages.length === defs.length) return;
    for (let i = this.stages.length; i < defs.length; i++) this.stages.push(createStage(defs[i].limit, defs[i].incidents, defs[i].kind === 'gate'));
    const depth = new Int32Array(defs.length);
    depth.set(this.maxDepth);
    this.maxDepth = depth;
    const peak = new Int32Array(defs.length);
    peak.set(this.peakDepth);
    this.peakDepth = peak;
    this.waits.grow(defs.length);
  }

  private submit(idx: number, route: Route): void {
    if (this.stages.length !== this.net.stages.length) this.syncStages();
    const slot = idx & this.pool.mask;
    this.pool.route[slot] = route;
    this.countSubmit(slot);
    if (route.fail >= 0 && this.now >= route.failFromMs) return this.fail(idx, slot, route.fail);
    this.pool.pos[slot] = 0;
    this.enter(idx, slot, route);
  }

  /** Puts message `idx` into the stage at its route position, or past the last stage. */
  private enter(idx: number, slot: number, route: Route): void {
    const p = this.pool;
    const pos = p.pos[slot];
    if (pos === route.stages.length) return this.passCaps(idx, slot, route);
    const sid = route.stages[pos];
    const st = this.stages[sid];
    if (st.len > 0 || st.scheduled) {
      // A queue holding the provider's longest wait rejects the newcomer (Telnyx 4 h, Twilio 10 h).
      const def = this.net.stages[sid];
      const maxQueue = def.maxQueue;
      if (maxQueue > 0 && (def.queueUnits ? st.units : st.len) >= maxQueue) {
        this.waits.rejected[sid]++;
        return this.fail(idx, slot, this.queueFull);
      }
      return this.pushQueue(st, sid, idx);
    }
    // An idle stage: the message may start leaving at once, without queueing.
    const now = this.now;
    const at = st.limiter.earliest(now);
    if (at === now) {
      if (now - p.submitMs[slot] > p.expiryMs[slot]) {
        this.waits.expired[sid]++;
        return this.fail(idx, slot, this.expired);
      }
      const doneMs = st.limiter.consume(now, st.byUnits ? p.units[slot] : 1);
      if (doneMs === now) return this.depart(idx, slot, sid);
      st.headDoneMs = doneMs;
      this.pushQueue(st, sid, idx);
      return this.wakeAt(st, sid, doneMs);
    }
    this.pushQueue(st, sid, idx);
    this.wakeAt(st, sid, at);
  }

  private pushQueue(st: StageState, sid: number, idx: number): void {
    this.waits.change(sid, this.now, st.len);
    st.units += this.pool.units[idx & this.pool.mask];
    const len = enqueue(st, idx);
    if (len > this.maxDepth[sid]) this.maxDepth[sid] = len;
    if (len > this.peakDepth[sid]) this.peakDepth[sid] = len;
  }

  /**
   * Lets the stage's head messages leave while its limiter allows, then re-schedules. A
   * head message starts leaving with its first unit (its expiry is judged then) and leaves
   * the stage when its last unit does; the next head's first unit comes after that.
   */
  private fireStage(sid: number): void {
    const st = this.stages[sid];
    st.scheduled = false;
    const now = this.now;
    while (st.len > 0) {
      const idx = st.queue[st.head];
      // The pool may have grown during a previous departure: re-read its slot each time.
      const slot = idx & this.pool.mask;
      let doneMs = st.headDoneMs;
      if (doneMs < 0) {
        const at = st.limiter.earliest(now);
        if (at > now) return this.wakeAt(st, sid, at);
        const p = this.pool;
        if (now - p.submitMs[slot] > p.expiryMs[slot]) {
          // Expired when its first unit would leave: fails now, takes no capacity.
          this.waits.change(sid, now, st.len);
          this.waits.expired[sid]++;
          st.units -= p.units[slot];
          dequeue(st);
          this.fail(idx, slot, this.expired);
          continue;
        }
        doneMs = st.limiter.consume(now, st.byUnits ? p.units[slot] : 1);
        if (doneMs > now) {
          st.headDoneMs = doneMs;
          return this.wakeAt(st, sid, doneMs);
        }
      } else if (doneMs > now) {
        return this.wakeAt(st, sid, doneMs);
      }
      st.headDoneMs = -1;
      this.waits.change(sid, now, st.len);
      st.units -= this.pool.units[slot];
      dequeue(st);
      this.depart(idx, slot, sid);
    }
  }

  private wakeAt(st: StageState, sid: number, atMs: number): void {
    st.scheduled = true;
    this.eq.push(atMs, sid * 4 + EV_STAGE);
  }

  /** A message's last unit has left stage `sid`: on to the next stage. */
  private depart(idx: number, slot: number, sid: number): void {
    this.observer?.onDepart?.(this.now, sid, idx);
    this.pool.pos[slot]++;
    this.enter(idx, slot, this.pool.route[slot]!);
  }

  /**
   * The route's daily caps: a message that fits every one is counted against each and
   * delivered; otherwise it fails at once with the code of the first cap it does not fit.
   */
  private passCaps(idx: number, slot: number, route: Route): void {
    const ids = route.caps;
    const units = this.pool.units[slot];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const def = this.net.dailyCaps[id];
      if (this.caps[id].fits(this.now, def.countUnits ? units : 1)) continue;
      this.caps[id].reject();
      return this.fail(idx, slot, def.fail, id);
    }
    for (let i = 0; i < ids.length; i++) this.caps[ids[i]].take(this.net.dailyCaps[ids[i]].countUnits ? units : 1);
    this.deliver(idx, slot);
  }

  private deliver(idx: number, slot: number): void {
    const p = this.pool;
    p.status[slot] = DELIVERED;
    p.endMs[slot] = this.now;
    this.outcomes.delivered(p, slot, this.now);
    this.messages.delivered++;
    this.charges?.add(p, slot, p.units[slot]);
    this.observer?.onEnd?.(this.now, true, -1, p.carrier[slot], this.now - p.submitMs[slot]);
    if (idx === this.nextEmit) this.emitReady();
  }

  /** Message `idx` failed with code index `code`; `cap` is the daily cap that failed it, or -1. */
  private fail(idx: number, slot: number, code: number, cap = -1): void {
    const p = this.pool;
    p.status[slot] = FAILED;
    p.code[slot] = code;
    p.endMs[slot] = this.now;
    this.outcomes.failed(p, slot, code);
    if (this.chargedCode[code]) this.charges?.add(p, slot, p.units[slot]);
    this.observer?.onEnd?.(this.now, false, code, p.carrier[slot], -1);
    this.retryOrLose(slot, code, cap);
    if (idx === this.nextEmit) this.emitReady();
  }

  /** Schedules the client's resubmission of a failed attempt, or counts its message lost. */
  private retryOrLose(slot: number, code: number, cap: number): void {
    const p = this.pool;
    const sourceId = p.source[slot];
    if (!this.clientPolicy[sourceId]) {
      this.messages.failed++;
      return;
    }
    // A daily cap's failure is deferred (if the client says so) to the next day of that cap.
    const capNextDayMs = cap < 0 ? -1 : this.caps[cap].nextDayMs;
    const at = retryAt(this.scenario.traffic[sourceId], this.retryMasks[sourceId], p.attempt[slot], code, this.now, capNextDayMs);
    if (at < 0) {
      this.messages.failed++;
      return;
    }
    const id = this.retries.length;
    this.retries.push({
      source: sourceId, sender: p.sender[slot], carrier: p.carrier[slot],
      attempt: p.attempt[slot] + 1, retryOf: p.seqInSource[slot], destSeq: p.destSeq[slot],
    });
    this.eq.push(at, id * 4 + EV_RETRY);
  }

  /** Submits a resubmission: a new message (new index and UUID) to the same destination. */
  private fireRetry(id: number): void {
    const r = this.retries[id]!;
    this.retries[id] = null;
    const s = this.sources[r.source];
    const def = s.def;
    const idx = this.newMessage(s, r.source, r.sender, r.carrier, def.type, def.units, def.expirySeconds, undefined);
    const slot = idx & this.pool.mask;
    this.pool.attempt[slot] = r.attempt;
    this.pool.retryOf[slot] = r.retryOf;
    this.pool.destSeq[slot] = r.destSeq;
    this.messages.resubmitted++;
    this.submit(idx, this.net.route(r.sender, def.type, def.toCountry, r.carrier));
  }

  /** Writes out every finished message at the front of submission order. */
  private emitReady(): void {
    const p = this.pool;
    while (this.nextEmit < this.nextIndex) {
      const slot = this.nextEmit & p.mask;
      if (p.status[slot] === IN_FLIGHT) return;
      this.emitter?.emit(this.nextEmit, slot);
      p.route[slot] = undefined;
      p.extra[slot] = undefined;
      this.nextEmit++;
    }
  }

  /** Counts every message still waiting as queued and writes out the rest in order (unless interrupted). */
  private finishQueued(): void {
    const p = this.pool;
    for (let idx = this.nextEmit; idx < this.nextIndex; idx++) {
      const slot = idx & p.mask;
      if (p.status[slot] !== IN_FLIGHT) continue;
      this.outcomes.queued(p, slot);
    }
    // An interrupted run's records are thrown away: do not spend the user's wait on them.
    if (this.interrupted) return;
    while (this.nextEmit < this.nextIndex) {
      const slot = this.nextEmit & p.mask;
      this.emitter?.emit(this.nextEmit, slot);
      this.nextEmit++;
    }
  }
}
