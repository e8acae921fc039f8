/**
 * The simulation kernel's loop: a (time, sequence) event queue over the stage network.
 * Popping an event is the only way time moves. Events (events.ts) are a source's next
 * arrival, a stage whose head message may now leave, an observer tick and a client's
 * resubmission; the message flow (flow.ts) and the submissions (submissions.ts) handle
 * them. A message moves through consecutive stages within one event whenever their
 * limiters let it leave at once; it costs an event only when it has to wait. Pure: no
 * clock, no I/O, no Math.random.
 */
import type { Scenario } from '../scenario/model.js';
import { EventQueue } from './event-queue.js';
import { encodeEvent, eventId, eventKind, RETRY, SOURCE, STAGE, TICK } from './events.js';
import { MessageFlow } from './flow.js';
import { Network } from './network.js';
import type { SimulateOptions, SimulationResult, SteppedSimulation } from './result.js';
import { makeSource } from './sources.js';
import { BURST_SLICE, Submissions } from './submissions.js';
import type { RunObserver, TickSnapshot } from './types.js';

export type { DailyCapDay, SimulateOptions, SimulationResult, SteppedSimulation } from './result.js';
export { BURST_SLICE } from './submissions.js';

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
  private readonly flow: MessageFlow;
  private readonly submissions: Submissions;
  private readonly observer: RunObserver | undefined;
  private started = false;
  private over = false;
  private events = 0;
  private interrupted = false;
  private lastWorkMs = 0;
  private tickMs = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly options: SimulateOptions,
  ) {
    this.net = new Network(scenario);
    this.observer = options.observer;
    const sources = scenario.traffic.map((def, i) => makeSource(scenario, def, i, options));
    this.flow = new MessageFlow(scenario, this.net, this.eq, sources, options);
    this.submissions = new Submissions(this.flow, this.net, this.eq, sources, scenario.numbers);
  }

  get nowMs(): number {
    return this.flow.now;
  }

  get submitted(): number {
    return this.flow.nextIndex;
  }

  private start(): void {
    this.started = true;
    this.submissions.start();
    this.tickMs = this.observer?.tickMs ?? 0;
    // A tick pops before any other event at its time: what happens at t belongs to [t, t + tick).
    if (this.tickMs > 0 && this.observer?.onTick !== undefined) this.eq.pushFirst(this.tickMs, encodeEvent(TICK, 0));
  }

  advance(maxEvents: number): boolean {
    if (!this.started) this.start();
    if (this.over) return true;
    const eq = this.eq;
    const flow = this.flow;
    const submissions = this.submissions;
    const until = this.scenario.untilMs ?? Infinity;
    const shouldStop = this.options.shouldStop;
    const tickMs = this.tickMs;
    // Hot loop state in locals, written back when the slice ends.
    let events = this.events;
    let lastWorkMs = this.lastWorkMs;
    // The slice budget: one per event, BURST_SLICE per slice of a burst.
    let budget = maxEvents;
    let over = true;
    while (eq.length > 0 || submissions.burst >= 0) {
      if (budget <= 0) {
        over = false;
        break;
      }
      if (submissions.burst >= 0) {
        if (shouldStop !== undefined && shouldStop()) {
          this.interrupted = true;
          break;
        }
        budget -= BURST_SLICE;
        submissions.fireSource(submissions.burst);
        continue;
      }
      budget--;
      const t = eq.peekTime();
      if (t > until) break;
      const payload = eq.pop();
      flow.now = t;
      events++;
      if (shouldStop !== undefined && (events & 4095) === 0 && shouldStop()) {
        this.interrupted = true;
        break;
      }
      const kind = eventKind(payload);
      if (kind !== TICK) lastWorkMs = t;
      switch (kind) {
        case SOURCE:
          submissions.fireSource(eventId(payload));
          if (submissions.burst >= 0) budget -= BURST_SLICE;
          break;
        case STAGE:
          flow.fireStage(eventId(payload));
          break;
        case TICK:
          this.tick(tickMs);
          break;
        case RETRY:
          submissions.fireRetry(eventId(payload));
          break;
        default:
          // Every kind has its case: the compiler rejects a kind added without one.
          kind satisfies never;
      }
    }
    this.events = events;
    this.lastWorkMs = lastWorkMs;
    this.over = over;
    return over;
  }

  finish(): SimulationResult {
    if (!this.over) throw new Error('finish() before the run is over');
    const flow = this.flow;
    const until = this.scenario.untilMs ?? Infinity;
    const interrupted = this.interrupted;
    const drained = flow.stages.every((st) => st.len === 0) && this.submissions.sources.every((src) => src.pendingAt === Infinity);
    const endMs = drained || interrupted ? this.lastWorkMs : until;
    flow.now = endMs;
    this.observer?.onTick?.(endMs, this.snapshot(true));
    flow.finishQueued(interrupted);
    const m = flow.messages;
    m.queued = m.total - m.delivered - m.failed;
    flow.waits.close(endMs, flow.stages.map((st) => st.len));
    const o = flow.outcomes;
    return {
      scenario: this.scenario,
      network: this.net,
      total: o.total,
      byCarrier: o.byCarrier,
      bySender: o.bySender,
      byTraffic: o.byTraffic,
      dailyCaps: flow.caps.map((c, i) => ({ name: this.net.dailyCaps[i].key, days: c.days })),
      maxDepth: flow.maxDepth,
      stageWaitMs: flow.waits.waitMs,
      stageExpired: flow.waits.expired,
      stageRejected: flow.waits.rejected,
      charges: flow.charges,
      endMs,
      events: this.events,
      interrupted,
      inbound: this.submissions.inbound,
      messages: { ...m },
    };
  }

  private snapshot(final: boolean): TickSnapshot {
    const flow = this.flow;
    if (flow.stages.length !== this.net.stages.length) flow.syncStages();
    const depths = new Int32Array(flow.stages.length);
    flow.stages.forEach((s, i) => (depths[i] = s.len));
    const peakDepths = flow.peakDepth.slice();
    flow.peakDepth.set(depths);
    const caps = flow.caps.map((c, i) => {
      const day = c.today;
      return { name: this.net.dailyCaps[i].key, used: day?.used ?? 0, limit: day?.cap ?? 0, day: day?.day ?? null };
    });
    return { depths, peakDepths, caps, final };
  }

  private tick(tickMs: number): void {
    this.observer!.onTick!(this.flow.now, this.snapshot(false));
    // Keep ticking while anything can still happen (a pending arrival is an event too).
    if (this.eq.length > 0) this.eq.pushFirst(this.flow.now + tickMs, encodeEvent(TICK, 0));
  }
}
