/**
 * The simulation kernel: a (time, sequence) event queue over the stage network. Popping an
 * event is the only way time moves. Events are a source's next arrival, a stage whose head
 * message may now leave, and an observer tick. A message moves through consecutive stages
 * within one event whenever their limiters let it leave at once; it costs an event only
 * when it has to wait. Pure: no clock, no I/O, no Math.random.
 */
import { FAILURE_CODES, FAILURE_INDEX } from '../rules/codes.js';
import { CARRIERS, MESSAGE_TYPES, type MessageType, type Scenario, type TrafficSource } from '../scenario/model.js';
import { DayClock } from './calendar.js';
import { EventQueue } from './event-queue.js';
import { Network, type Route } from './network.js';
import { DELIVERED, FAILED, IN_FLIGHT, MessagePool } from './pool.js';
import { hashString, messageUuid, sourceRng, syntheticNumber, type Rng } from './random.js';
import { arrivalProcess, type ArrivalProcess } from '../traffic/arrivals.js';
import { limiterFor, type Limiter } from '../stages/limiter.js';
import { ScopeStats } from '../report/stats.js';
import type { MessageRecord, MessageSink, ReplayFeed, ReplayRow, RunObserver, TickSnapshot } from './types.js';

const EV_SOURCE = 0;
const EV_STAGE = 1;
const EV_TICK = 2;

export interface SimulateOptions {
  /** Receives every message record in submission order. */
  readonly sink?: MessageSink;
  /** Opens the replay feed of a `replay` traffic source. Required when the scenario has one. */
  readonly replay?: (source: TrafficSource, index: number) => ReplayFeed;
  readonly observer?: RunObserver;
  /** Checked every few thousand events; when it returns true the run stops early. */
  readonly shouldStop?: () => boolean;
}

/** One Pacific day of the T-Mobile cap. */
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
  readonly dailyCap: readonly DailyCapDay[];
  /** Deepest queue seen per stage. */
  readonly maxDepth: Int32Array;
  /** Virtual time when the run ended, ms. */
  readonly endMs: number;
  /** Number of events processed. */
  readonly events: number;
  /** True when stopped by `shouldStop` rather than by draining or `until`. */
  readonly interrupted: boolean;
  readonly inbound: number;
}

interface StageState {
  readonly limiter: Limiter;
  readonly byUnits: boolean;
  queue: Int32Array;
  head: number;
  len: number;
  scheduled: boolean;
}

interface SourceState {
  readonly def: TrafficSource;
  readonly rng: Rng;
  readonly hash: number;
  readonly fromIdx: Int32Array;
  readonly carrierCum: Float64Array;
  readonly process: ArrivalProcess | null;
  readonly feed: ReplayFeed | null;
  pendingAt: number;
  pendingRow: ReplayRow | null;
  rr: number;
  count: number;
}

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
  private readonly stages: StageState[];
  private readonly sources: SourceState[];
  private readonly numberByE164 = new Map<string, number>();
  private readonly total = new ScopeStats();
  private readonly byCarrier = CARRIERS.map(() => new ScopeStats());
  private readonly bySender: ScopeStats[];
  private readonly byTraffic: ScopeStats[];
  private readonly dayClock: DayClock;
  private readonly capDays: DailyCapDay[] = [];
  private capDay: DailyCapDay | null = null;
  private capDayEndMs = -Infinity;
  private maxDepth: Int32Array;
  /** Deepest queue per stage since the last tick. */
  private peakDepth: Int32Array;
  private readonly sink: MessageSink | undefined;
  private readonly observer: RunObserver | undefined;
  private nextIndex = 0;
  private nextEmit = 0;
  private now = 0;
  private inbound = 0;
  private readonly expired = FAILURE_INDEX['420'];
  private readonly capFail = FAILURE_INDEX.tmobile_daily_cap;

  constructor(
    private readonly scenario: Scenario,
    private readonly options: SimulateOptions,
  ) {
    this.net = new Network(scenario);
    this.sink = options.sink;
    this.observer = options.observer;
    this.stages = [];
    this.maxDepth = new Int32Array(0);
    this.peakDepth = new Int32Array(0);
    this.syncStages();
    scenario.numbers.forEach((n, i) => this.numberByE164.set(n.number, i));
    this.bySender = [...scenario.numbers.map(() => new ScopeStats()), new ScopeStats()];
    this.byTraffic = scenario.traffic.map(() => new ScopeStats());
    this.dayClock = new DayClock(scenario.startEpochMs, this.net.dailyCaps[0].zone);
    this.sources = scenario.traffic.map((def, i) => this.makeSource(def, i));
  }

  private makeSource(def: TrafficSource, i: number): SourceState {
    const ids = new Map(this.scenario.numbers.map((n, k) => [n.id, k]));
    const mix = this.scenario.carriers;
    let acc = 0;
    const carrierCum = Float64Array.from(CARRIERS.map((c) => (acc += mix[c])));
    const rng = sourceRng(this.scenario.seed, def.name);
    const isReplay = def.arrival.kind === 'replay';
    if (isReplay && this.options.replay === undefined) {
      throw new Error(`traffic "${def.name}" replays a file but no replay reader was given`);
    }
    return {
      def,
      rng,
      hash: hashString(def.name),
      fromIdx: Int32Array.from(def.from.map((id) => ids.get(id) ?? -1)),
      carrierCum,
      process: isReplay ? null : arrivalProcess(def, rng),
      feed: isReplay ? this.options.replay!(def, i) : null,
      pendingAt: Infinity,
      pendingRow: null,
      rr: 0,
      count: 0,
    };
  }

  private started = false;
  private over = false;
  private events = 0;
  private interrupted = false;
  private lastWorkMs = 0;
  private pendingWork = 0;
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
      this.advanceSource(s);
      if (s.pendingAt !== Infinity) eq.push(s.pendingAt, i * 4 + EV_SOURCE);
    });
    this.tickMs = this.observer?.tickMs ?? 0;
    if (this.tickMs > 0 && this.observer?.onTick !== undefined) eq.push(this.tickMs, EV_TICK);
    this.pendingWork = this.sources.filter((s) => s.pendingAt !== Infinity).length;
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
    let pendingWork = this.pendingWork;
    const stopAt = events + maxEvents;
    let over = true;
    while (eq.length > 0) {
      if (events >= stopAt) {
        over = false;
        break;
      }
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
          if (this.sources[id].pendingAt === Infinity) pendingWork--;
          break;
        case EV_STAGE:
          this.fireStage(id);
          break;
        case EV_TICK:
          this.tick(tickMs, pendingWork);
          break;
        default:
          throw new Error(`unknown event ${payload}`);
      }
    }
    this.events = events;
    this.lastWorkMs = lastWorkMs;
    this.pendingWork = pendingWork;
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
    return {
      scenario: this.scenario,
      network: this.net,
      total: this.total,
      byCarrier: this.byCarrier,
      bySender: this.bySender,
      byTraffic: this.byTraffic,
      dailyCap: this.capDays,
      maxDepth: this.maxDepth,
      endMs,
      events: this.events,
      interrupted,
      inbound: this.inbound,
    };
  }

  private snapshot(final: boolean): TickSnapshot {
    if (this.stages.length !== this.net.stages.length) this.syncStages();
    const depths = new Int32Array(this.stages.length);
    this.stages.forEach((s, i) => (depths[i] = s.len));
    const peakDepths = this.peakDepth.slice();
    this.peakDepth.set(depths);
    const day = this.capDay;
    return { depths, peakDepths, capUsed: day?.used ?? 0, capLimit: day?.cap ?? 0, capDay: day?.day ?? null, final };
  }

  private tick(tickMs: number, pendingWork: number): void {
    this.observer!.onTick!(this.now, this.snapshot(false));
    // Keep ticking while anything can still happen.
    if (pendingWork > 0 || this.eq.length > 0) this.eq.push(this.now + tickMs, EV_TICK);
  }

  /** Reads the source's next arrival into `pendingAt` (and `pendingRow` for replay). */
  private advanceSource(s: SourceState): void {
    if (s.process !== null) {
      s.pendingAt = s.process.next();
      return;
    }
    const row = s.feed!.next();
    s.pendingRow = row;
    s.pendingAt = row === null ? Infinity : row.atMs;
  }

  private fireSource(id: number): void {
    const s = this.sources[id];
    const now = this.now;
    // Every request of this source due now is submitted before anything else happens at now.
    while (s.pendingAt === now) {
      if (s.process !== null) {
        const n = s.def.recipients;
        // One API request: one sender (round-robin), `recipients` destinations.
        const fromIdx = s.fromIdx[s.rr];
        s.rr = s.rr + 1 === s.fromIdx.length ? 0 : s.rr + 1;
        for (let r = 0; r < n; r++) this.submitGenerated(s, id, fromIdx);
      } else {
        this.submitReplay(s, id, s.pendingRow!);
      }
      this.advanceSource(s);
    }
    if (s.pendingAt !== Infinity) this.eq.push(s.pendingAt, id * 4 + EV_SOURCE);
  }

  private drawCarrier(s: SourceState): number {
    const u = s.rng();
    const cum = s.carrierCum;
    for (let c = 0; c < cum.length - 1; c++) if (u < cum[c]) return c;
    return cum.length - 1;
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
    p.seqInSource[slot] = s.count++;
    p.source[slot] = sourceId;
    p.sender[slot] = senderIdx;
    p.carrier[slot] = carrier;
    p.type[slot] = type === 'sms' ? 0 : 1;
    p.units[slot] = units;
    p.status[slot] = IN_FLIGHT;
    p.extra[slot] = row;
    return idx;
  }

  private submitGenerated(s: SourceState, sourceId: number, fromIdx: number): void {
    const def = s.def;
    const carrier = this.drawCarrier(s);
    const idx = this.newMessage(s, sourceId, fromIdx, carrier, def.type, def.units, def.expirySeconds, undefined);
    this.submit(idx, this.net.route(fromIdx, def.type, def.toCountry, carrier));
  }

  private submitReplay(s: SourceState, sourceId: number, row: ReplayRow): void {
    const numberIdx = this.numberByE164.get(row.from) ?? -1;
    const carrier = row.carrier === null ? this.drawCarrier(s) : CARRIERS.indexOf(row.carrier);
    const expiry = row.expirySeconds ?? s.def.expirySeconds;
    const idx = this.newMessage(s, sourceId, numberIdx, carrier, row.type, row.units, expiry, row);
    const p = this.pool;
    const slot = idx & p.mask;
    if (row.direction === 'inbound') {
      // Inbound messages are received, not sent: never throttled, counted apart.
      // They are not submissions, so they stay out of the totals.
      this.inbound++;
      p.route[slot] = undefined;
      p.status[slot] = DELIVERED;
      p.endMs[slot] = this.now;
      if (idx === this.nextEmit) this.emitReady();
      return;
    }
    if (numberIdx < 0) return this.failAtSubmit(idx, slot, FAILURE_INDEX.unknown_sender);
    if (row.tooLong) return this.failAtSubmit(idx, slot, FAILURE_INDEX['110']);
    this.submit(idx, this.net.route(numberIdx, row.type, row.toCountry, carrier));
  }

  private countSubmit(slot: number): void {
    const p = this.pool;
    const units = p.units[slot];
    const stats = [this.total, this.byCarrier[p.carrier[slot]], this.senderStats(slot), this.byTraffic[p.source[slot]]];
    for (const st of stats) {
      st.submitted++;
      st.unitsSubmitted += units;
    }
    this.observer?.onSubmit?.(this.now, p.source[slot]);
  }

  private senderStats(slot: number): ScopeStats {
    const n = this.pool.sender[slot];
    return this.bySender[n < 0 ? this.bySender.length - 1 : n];
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
    for (let i = this.stages.length; i < defs.length; i++) {
      const limit = defs[i].limit;
      this.stages.push({
        limiter: limiterFor(limit),
        byUnits: limit.countBy === 'units',
        queue: new Int32Array(64),
        head: 0,
        len: 0,
        scheduled: false,
      });
    }
    const depth = new Int32Array(defs.length);
    depth.set(this.maxDepth);
    this.maxDepth = depth;
    const peak = new Int32Array(defs.length);
    peak.set(this.peakDepth);
    this.peakDepth = peak;
  }

  private submit(idx: number, route: Route): void {
    if (this.stages.length !== this.net.stages.length) this.syncStages();
    const slot = idx & this.pool.mask;
    this.pool.route[slot] = route;
    this.countSubmit(slot);
    if (route.fail >= 0) return this.fail(idx, slot, route.fail);
    this.pool.pos[slot] = 0;
    this.enter(idx, slot, route);
  }

  /** Puts message `idx` into the stage at its route position, or past the last stage. */
  private enter(idx: number, slot: number, route: Route): void {
    const p = this.pool;
    const pos = p.pos[slot];
    if (pos === route.stages.length) return this.passCap(idx, slot, route);
    const sid = route.stages[pos];
    const st = this.stages[sid];
    if (st.len === 0 && !st.scheduled) {
      const w = st.byUnits ? p.units[slot] : 1;
      const at = st.limiter.earliest(this.now, w);
      if (at === this.now) return this.depart(idx, slot, st, sid, route, w);
      this.pushQueue(st, sid, idx);
      st.scheduled = true;
      this.eq.push(at, sid * 4 + EV_STAGE);
      return;
    }
    this.pushQueue(st, sid, idx);
  }

  private pushQueue(st: StageState, sid: number, idx: number): void {
    if (st.len === st.queue.length) {
      const old = st.queue;
      const q = new Int32Array(old.length * 2);
      for (let k = 0; k < st.len; k++) q[k] = old[(st.head + k) & (old.length - 1)];
      st.queue = q;
      st.head = 0;
    }
    st.queue[(st.head + st.len) & (st.queue.length - 1)] = idx;
    st.len++;
    if (st.len > this.maxDepth[sid]) this.maxDepth[sid] = st.len;
    if (st.len > this.peakDepth[sid]) this.peakDepth[sid] = st.len;
  }

  /** Lets the stage's head messages leave while its limiter allows, then re-schedules. */
  private fireStage(sid: number): void {
    const st = this.stages[sid];
    st.scheduled = false;
    const p = this.pool;
    const now = this.now;
    while (st.len > 0) {
      const idx = st.queue[st.head];
      const slot = idx & p.mask;
      const w = st.byUnits ? p.units[slot] : 1;
      const at = st.limiter.earliest(now, w);
      if (at > now) {
        st.scheduled = true;
        this.eq.push(at, sid * 4 + EV_STAGE);
        return;
      }
      st.head = (st.head + 1) & (st.queue.length - 1);
      st.len--;
      // The pool may have grown during a previous departure: re-read its slot.
      this.depart(idx, idx & this.pool.mask, st, sid, this.pool.route[idx & this.pool.mask]!, w);
    }
  }

  /** Dequeue from a stage: expired messages fail 420 without taking capacity. */
  private depart(idx: number, slot: number, st: StageState, sid: number, route: Route, w: number): void {
    const p = this.pool;
    if (this.now - p.submitMs[slot] > p.expiryMs[slot]) return this.fail(idx, slot, this.expired);
    st.limiter.consume(this.now, w);
    this.observer?.onDepart?.(this.now, sid, idx);
    p.pos[slot]++;
    this.enter(idx, slot, route);
  }

  /** The T-Mobile daily cap: pass and count, or fail at once. */
  private passCap(idx: number, slot: number, route: Route): void {
    if (route.dailyCap < 0) return this.deliver(idx, slot);
    const cap = this.net.dailyCaps[route.dailyCap];
    if (this.now >= this.capDayEndMs || this.capDay === null) {
      const day = this.dayClock.dayAt(this.now);
      this.capDayEndMs = day.endMs;
      this.capDay = { day: day.label, cap: cap.cap, used: 0, rejected: 0 };
      this.capDays.push(this.capDay);
    }
    const w = cap.countUnits ? this.pool.units[slot] : 1;
    if (this.capDay.used + w > cap.cap) {
      this.capDay.rejected++;
      return this.fail(idx, slot, this.capFail);
    }
    this.capDay.used += w;
    this.deliver(idx, slot);
  }

  private deliver(idx: number, slot: number): void {
    const p = this.pool;
    p.status[slot] = DELIVERED;
    p.endMs[slot] = this.now;
    const wait = this.now - p.submitMs[slot];
    const units = p.units[slot];
    this.total.delivery(wait, this.now, units);
    this.byCarrier[p.carrier[slot]].delivery(wait, this.now, units);
    this.senderStats(slot).delivery(wait, this.now, units);
    this.byTraffic[p.source[slot]].delivery(wait, this.now, units);
    this.observer?.onEnd?.(this.now, true, -1, p.carrier[slot]);
    if (idx === this.nextEmit) this.emitReady();
  }

  private fail(idx: number, slot: number, code: number): void {
    const p = this.pool;
    p.status[slot] = FAILED;
    p.code[slot] = code;
    p.endMs[slot] = this.now;
    this.total.failure(code);
    this.byCarrier[p.carrier[slot]].failure(code);
    this.senderStats(slot).failure(code);
    this.byTraffic[p.source[slot]].failure(code);
    this.observer?.onEnd?.(this.now, false, code, p.carrier[slot]);
    if (idx === this.nextEmit) this.emitReady();
  }

  /** Writes out every finished message at the front of submission order. */
  private emitReady(): void {
    const p = this.pool;
    while (this.nextEmit < this.nextIndex) {
      const slot = this.nextEmit & p.mask;
      if (p.status[slot] === IN_FLIGHT) return;
      if (this.sink !== undefined) this.sink.write(this.record(this.nextEmit, slot));
      p.route[slot] = undefined;
      p.extra[slot] = undefined;
      this.nextEmit++;
    }
  }

  /** Counts every message still waiting as queued and writes out the rest in order. */
  private finishQueued(): void {
    const p = this.pool;
    for (let idx = this.nextEmit; idx < this.nextIndex; idx++) {
      const slot = idx & p.mask;
      if (p.status[slot] !== IN_FLIGHT) continue;
      for (const st of [this.total, this.byCarrier[p.carrier[slot]], this.senderStats(slot), this.byTraffic[p.source[slot]]]) {
        st.queued++;
      }
    }
    while (this.nextEmit < this.nextIndex) {
      const slot = this.nextEmit & p.mask;
      if (this.sink !== undefined) this.sink.write(this.record(this.nextEmit, slot));
      this.nextEmit++;
    }
  }

  private record(idx: number, slot: number): MessageRecord {
    const p = this.pool;
    const src = this.sources[p.source[slot]];
    const def = src.def;
    const row = p.extra[slot];
    const status = p.status[slot];
    const senderIdx = p.sender[slot];
    const seq = p.seqInSource[slot];
    const inbound = row?.direction === 'inbound';
    const endMs = status === IN_FLIGHT || inbound ? null : p.endMs[slot];
    return {
      index: idx,
      uuid: row?.uuid ?? messageUuid(this.scenario.seed, src.hash, seq),
      traffic: def.name,
      from: row?.from ?? this.scenario.numbers[senderIdx].number,
      to: row?.to ?? syntheticNumber(this.scenario.seed, src.hash, seq, def.toCountry),
      toCountry: row?.toCountry ?? def.toCountry,
      direction: row?.direction ?? 'outbound',
      type: MESSAGE_TYPES[p.type[slot]],
      carrier: CARRIERS[p.carrier[slot]],
      submitMs: p.submitMs[slot],
      dispatchedMs: status === DELIVERED ? endMs : null,
      endMs,
      status: inbound ? 'received' : status === DELIVERED ? 'delivered' : status === FAILED ? 'failed' : 'queued',
      code: status === FAILED ? FAILURE_CODES[p.code[slot]].code : null,
      units: p.units[slot],
      text: row !== undefined ? row.text : def.text,
      log: row?.log ?? def.log,
    };
  }
}
