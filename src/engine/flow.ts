/**
 * The message flow of a run: a submitted message enters its route's stages one by one,
 * waits in a stage's queue while the stage's limiter holds it, departs, passes the route's
 * daily caps, and ends delivered or failed; a failure is retried, deferred to the failing
 * cap's next day, or loses its message. Finished messages are written out in submission
 * order. The loop (simulate.ts) sets `now` and calls in; this schedules stage wake-ups and
 * retries on the event queue. Pure: no clock, no I/O.
 */
import { FAILURE_CODES, FAILURE_INDEX } from '../rules/codes.js';
import type { Scenario } from '../scenario/model.js';
import { createStage, dequeue, enqueue, type StageState } from '../stages/fifo.js';
import { ChargeLedger } from './charges.js';
import { DailyCapCounter } from './daily-cap.js';
import type { EventQueue } from './event-queue.js';
import { encodeEvent, RETRY, STAGE } from './events.js';
import type { Network, Route } from './network.js';
import { Outcomes } from './outcomes.js';
import { DELIVERED, FAILED, IN_FLIGHT, MessagePool } from './in-flight.js';
import { RecordEmitter } from './record.js';
import { retryAt, retryCodeMask, type MessageCounts, type PendingRetry } from './retries.js';
import type { SimulateOptions } from './result.js';
import type { SourceState } from './sources.js';
import { StageWaits } from './stage-waits.js';
import type { RunObserver } from './types.js';

/** Every message of a run from submission to its end, and what it leaves behind. */
export class MessageFlow {
  /** Virtual time of the event being handled (ms since start); set by the loop. */
  now = 0;
  /** Messages submitted so far: the next message's index. */
  nextIndex = 0;
  readonly pool = new MessagePool();
  readonly stages: StageState[] = [];
  /** One counter per daily cap, indexed like network.dailyCaps. */
  readonly caps: DailyCapCounter[];
  readonly outcomes: Outcomes;
  /** Waiting and expiries per stage, for the bottleneck report. */
  readonly waits = new StageWaits();
  /** Charged units by what prices them, for the cost (only when the scenario has pricing). */
  readonly charges: ChargeLedger | null;
  readonly messages: MessageCounts = { total: 0, delivered: 0, failed: 0, queued: 0, resubmitted: 0 };
  maxDepth = new Int32Array(0);
  /** Deepest queue per stage since the last tick. */
  peakDepth = new Int32Array(0);
  private nextEmit = 0;
  /** Whether a failure (by code index) is charged, from the scenario's rules. */
  private readonly chargedCode: boolean[];
  private readonly emitter: RecordEmitter | undefined;
  private readonly observer: RunObserver | undefined;
  private readonly expired = FAILURE_INDEX['420'];
  private readonly queueFull = FAILURE_INDEX.queue_full;
  /** Client resubmissions waiting for their time, by retry id (null once submitted). */
  private readonly retries: (PendingRetry | null)[] = [];
  private readonly retryMasks: Uint8Array[];
  /** Per source: whether its client retries or defers at all (else a failure loses the message at once). */
  private readonly clientPolicy: boolean[];

  constructor(
    private readonly scenario: Scenario,
    private readonly net: Network,
    private readonly eq: EventQueue,
    sources: readonly SourceState[],
    options: SimulateOptions,
  ) {
    this.observer = options.observer;
    this.syncStages();
    this.outcomes = new Outcomes(scenario);
    this.charges = scenario.pricing === null ? null : new ChargeLedger(scenario);
    this.chargedCode = FAILURE_CODES.map((r) => scenario.rules.charged[r.code]);
    this.caps = net.dailyCaps.map((def) => new DailyCapCounter(scenario.startEpochMs, def));
    this.retryMasks = scenario.traffic.map(retryCodeMask);
    this.clientPolicy = scenario.traffic.map((t) => t.retry !== null || t.onDailyCap === 'defer');
    this.emitter = options.sink === undefined ? undefined : new RecordEmitter(scenario, sources, this.pool, options.sink);
  }

  /** Allocates the next submission number and its pool slot. */
  allocate(): number {
    const idx = this.nextIndex++;
    if (idx - this.nextEmit >= this.pool.capacity) this.pool.grow(this.nextEmit, idx);
    return idx;
  }

  private countSubmit(slot: number): void {
    if (this.pool.attempt[slot] === 1) this.messages.total++;
    this.outcomes.submitted(this.pool, slot);
    this.observer?.onSubmit?.(this.now, this.pool.source[slot]);
  }

  /** Message `idx` fails at submission, before any stage, with code index `code`. */
  failAtSubmit(idx: number, slot: number, code: number): void {
    this.pool.route[slot] = undefined;
    this.countSubmit(slot);
    this.fail(idx, slot, code);
  }

  /** Creates state for stages the network added since (routes are built lazily). */
  syncStages(): void {
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

  /** Submits message `idx` now along `route`. */
  submit(idx: number, route: Route): void {
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
  fireStage(sid: number): void {
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
    this.eq.push(atMs, encodeEvent(STAGE, sid));
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
    this.eq.push(at, encodeEvent(RETRY, id));
  }

  /** The pending retry `id`, now due (each is taken once). */
  takeRetry(id: number): PendingRetry {
    const r = this.retries[id]!;
    this.retries[id] = null;
    return r;
  }

  /** Writes out every finished message at the front of submission order. */
  emitReady(): void {
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

  /**
   * Counts every message still waiting as queued and writes out the rest in order (unless
   * `interrupted`: an interrupted run's records are thrown away).
   */
  finishQueued(interrupted: boolean): void {
    const p = this.pool;
    for (let idx = this.nextEmit; idx < this.nextIndex; idx++) {
      const slot = idx & p.mask;
      if (p.status[slot] !== IN_FLIGHT) continue;
      this.outcomes.queued(p, slot);
    }
    // Do not spend the user's wait on records nobody reads.
    if (interrupted) return;
    while (this.nextEmit < this.nextIndex) {
      const slot = this.nextEmit & p.mask;
      this.emitter?.emit(this.nextEmit, slot);
      this.nextEmit++;
    }
  }
}
