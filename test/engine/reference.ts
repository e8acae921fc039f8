/**
 * A deliberately slow, straightforward simulator of the same model as `src/engine/simulate.ts`,
 * kept in the tests so the optimised engine (typed-array heap, ring pool, ring queues,
 * ring limiters, in-order record emission) can be checked against it message by message.
 *
 * Plain data everywhere: a message is an object, a stage queue is an array, the event list
 * is an array scanned for its (time, seq) minimum, limiters keep every recent departure in
 * an array, the T-Mobile day comes from Intl. Shared with the engine, on purpose: the
 * scenario model, the route wiring (`Network`: which stages a message passes, tested on its
 * own), the arrival processes and the seeded generators (so both draw the same numbers).
 *
 * Semantics (the contract the engine implements): events pop in (time, push order). At a
 * source event every request due now is submitted (its destinations drawn, in order)
 * before the next arrival is drawn. A message entering an idle stage whose limiter allows
 * it now passes at once into the next stage; otherwise it queues and the stage wakes at the
 * earliest allowed time, when its head messages leave in FIFO order while the limiter
 * allows. A message of k counted units takes k unit slots: it starts leaving with its
 * first unit and leaves the stage with its last; the next head starts after that. A
 * message whose first unit would leave after more than its expiry fails 420 then and
 * takes no capacity. A message reaching a busy stage whose queue is at the provider's
 * limit fails queue_full at once. After the last stage, the T-Mobile cap of the Pacific
 * day passes or fails it. Generated traffic only (no replay).
 */
import { Network, type Route } from '../../src/engine/network.js';
import { hashString, mix32, sourceRng } from '../../src/engine/random.js';
import { FAILURE_CODES, FAILURE_INDEX } from '../../src/rules/codes.js';
import { CARRIERS, type Limit, type Scenario } from '../../src/scenario/model.js';
import { arrivalProcess } from '../../src/traffic/arrivals.js';
import type { StageIncidents } from '../../src/stages/incident.js';

/** The fields of a message record the two simulators must agree on. */
export interface RefRecord {
  index: number;
  traffic: string;
  from: string;
  carrier: string;
  submitMs: number;
  dispatchedMs: number | null;
  endMs: number | null;
  status: 'delivered' | 'failed' | 'queued';
  code: string | null;
  units: number;
  /** 1 for a first attempt, n for the client's (n−1)th resubmission. */
  attempt: number;
}

interface Msg {
  rec: RefRecord;
  expiryMs: number;
  route: Route;
  pos: number;
  /** Source index, sender number index and carrier index: a retry reuses them. */
  source: number;
  sender: number;
  carrier: number;
}

/**
 * Every unit slot ever taken, in order; unit m leaves at max(ready, unit m−1, unit
 * m−count + window). O(1) per question, obviously right, never forgets.
 */
class RefSlidingLimiter {
  private units: number[] = [];
  constructor(private readonly count: number, private readonly windowMs: number) {}

  earliest(now: number): number {
    const u = this.units;
    const m = u.length;
    return Math.max(now, m > 0 ? u[m - 1] : -Infinity, m >= this.count ? u[m - this.count] + this.windowMs : -Infinity);
  }

  consume(now: number, k: number): number {
    let t = now;
    for (let j = 0; j < k; j++) {
      if (j > 0) t = this.earliest(t);
      this.units.push(t);
    }
    return t;
  }
}

/**
 * Even spacing of window/count ms per unit, fractional carry, restarting when idle. Exact:
 * times are kept in units of 1/count ms as BigInts, so no rounding error can build up over
 * a long busy period (count and window are integers, see `Limit`).
 */
class RefSmoothLimiter {
  /** The next free time × count; null before the first departure. */
  private nextFreeScaled: bigint | null = null;
  private readonly count: bigint;
  private readonly windowMs: bigint;
  constructor(count: number, windowMs: number) {
    this.count = BigInt(count);
    this.windowMs = BigInt(windowMs);
  }
  /** The first whole ms at or after `scaled` / count (times are never negative). */
  private ceilMs(scaled: bigint): number {
    return Number((scaled + this.count - 1n) / this.count);
  }
  private slot(): number {
    return this.nextFreeScaled === null ? -Infinity : this.ceilMs(this.nextFreeScaled);
  }
  earliest(now: number): number {
    return Math.max(now, this.slot());
  }
  consume(now: number, k: number): number {
    const base = now > this.slot() ? BigInt(now) * this.count : this.nextFreeScaled!;
    this.nextFreeScaled = base + BigInt(k) * this.windowMs;
    return k === 1 ? now : this.ceilMs(base + BigInt(k - 1) * this.windowMs);
  }
}

interface RefLimiter {
  earliest(now: number): number;
  consume(now: number, k: number): number;
}

/**
 * Incidents on a stage: no departure while an outage closes it; while its carrier is
 * degraded, departures at least W / (N · factor) apart per unit. Tries each candidate time
 * until every rule agrees.
 */
class RefIncidentLimiter implements RefLimiter {
  /** Earliest next unit while slowed (the last unit's time plus one spacing), or -Infinity. */
  private gap = -Infinity;
  constructor(private readonly inner: RefLimiter, private readonly l: Limit, private readonly inc: StageIncidents) {}
  earliest(now: number): number {
    let t = now;
    for (let changed = true; changed; ) {
      changed = false;
      for (const c of this.inc.closed) if (t >= c.startMs && t < c.endMs) [t, changed] = [c.endMs, true];
      const u = this.inner.earliest(t);
      if (u !== t) [t, changed] = [u, true];
      const slow = this.inc.slowed.some((s) => t >= s.startMs && t < s.endMs);
      if (slow && t < this.gap) [t, changed] = [this.gap, true];
    }
    return t;
  }
  consume(now: number, k: number): number {
    const done = this.inner.consume(now, k);
    const s = this.inc.slowed.find((x) => now >= x.startMs && now < x.endMs);
    if (s === undefined) {
      this.gap = -Infinity;
      return done;
    }
    const step = this.l.windowMs / (this.l.count * s.factor);
    const last = Math.max(done, Math.ceil(now + (k - 1) * step - 1e-9));
    this.gap = Math.ceil(last + step - 1e-9);
    return last;
  }
}

const limiterOf = (l: Limit, inc: StageIncidents | null = null, gate = false): RefLimiter => {
  const own: RefLimiter = gate
    ? { earliest: (now) => now, consume: (now) => now }
    : l.pacing === 'smooth' ? new RefSmoothLimiter(l.count, l.windowMs) : new RefSlidingLimiter(l.count, l.windowMs);
  return inc === null ? own : new RefIncidentLimiter(own, l, inc);
};

const pacificDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Runs `sc` the slow way and returns every message's record in submission order. */
export function referenceRun(sc: Scenario): RefRecord[] {
  const net = new Network(sc);
  const queues = new Map<number, { msgs: Msg[]; limiter: ReturnType<typeof limiterOf>; units: boolean; scheduled: boolean; headDone: number | null }>();
  const stage = (sid: number) => {
    let q = queues.get(sid);
    if (q === undefined) {
      const def = net.stages[sid];
      const l = def.limit;
      q = { msgs: [], limiter: limiterOf(l, def.incidents, def.kind === 'gate'), units: l.countBy === 'units', scheduled: false, headDone: null };
      queues.set(sid, q);
    }
    return q;
  };
  const events: { t: number; seq: number; kind: 'source' | 'stage' | 'retry'; id: number }[] = [];
  let seq = 0;
  const schedule = (t: number, kind: 'source' | 'stage' | 'retry', id: number) => events.push({ t, seq: seq++, kind, id });
  /** Failed attempts waiting for their client's resubmission, by event id. */
  const retries: Msg[] = [];
  /** The next Pacific midnight after `t`: walk by the hour, then bisect to the millisecond. */
  const nextPacificDay = (t: number) => {
    const day = (x: number) => pacificDay.format(new Date(sc.startEpochMs + x));
    const d0 = day(t);
    let hi = t + 3_600_000;
    while (day(hi) === d0) hi += 3_600_000;
    let lo = hi - 3_600_000;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (day(mid) === d0) lo = mid;
      else hi = mid;
    }
    return hi;
  };
  const all: Msg[] = [];
  let now = 0;
  let capDay = '';
  let capUsed = 0;
  const cap = net.dailyCaps[0];

  const finish = (m: Msg, status: 'delivered' | 'failed', code: number | null) => {
    m.rec.status = status;
    m.rec.endMs = now;
    if (status === 'delivered') m.rec.dispatchedMs = now;
    m.rec.code = code === null ? null : FAILURE_CODES[code].code;
    if (code === null) return;
    // The client's policy: defer a capped attempt to the next Pacific day, or retry it.
    const def = sc.traffic[m.source];
    const r = def.retry;
    let at = -1;
    if (code === FAILURE_INDEX.tmobile_daily_cap && def.onDailyCap === 'defer') at = nextPacificDay(now);
    else if (r !== null && r.on.includes(FAILURE_CODES[code].code) && m.rec.attempt <= r.max) {
      at = now + Math.round(r.afterMs * r.backoff ** (m.rec.attempt - 1));
    }
    if (at >= 0) schedule(at, 'retry', retries.push(m) - 1);
  };
  const afterStages = (m: Msg) => {
    if (m.route.caps.length === 0) return finish(m, 'delivered', null);
    const day = pacificDay.format(new Date(sc.startEpochMs + now));
    if (day !== capDay) [capDay, capUsed] = [day, 0];
    const w = cap.countUnits ? m.rec.units : 1;
    if (capUsed + w > cap.cap) return finish(m, 'failed', FAILURE_INDEX.tmobile_daily_cap);
    capUsed += w;
    finish(m, 'delivered', null);
  };
  const enter = (m: Msg): void => {
    if (m.pos === m.route.stages.length) return afterStages(m);
    const sid = m.route.stages[m.pos];
    const st = stage(sid);
    // A provider's longest queue: a message finding it full fails at once.
    const maxQueue = net.stages[sid].maxQueue;
    // Measured in segments (Telnyx) or messages: the queue's length in the same measure.
    const held = net.stages[sid].queueUnits ? st.msgs.reduce((a, x) => a + x.rec.units, 0) : st.msgs.length;
    if ((st.msgs.length > 0 || st.scheduled) && maxQueue > 0 && held >= maxQueue) return finish(m, 'failed', FAILURE_INDEX.queue_full);
    st.msgs.push(m);
    if (st.msgs.length === 1 && !st.scheduled) wake(sid);
  };
  const wake = (sid: number) => {
    const st = stage(sid);
    st.scheduled = false;
    while (st.msgs.length > 0) {
      const m = st.msgs[0];
      if (st.headDone === null) {
        const at = st.limiter.earliest(now);
        if (at > now) {
          st.scheduled = true;
          return schedule(at, 'stage', sid);
        }
        if (now - m.rec.submitMs > m.expiryMs) {
          st.msgs.shift();
          finish(m, 'failed', FAILURE_INDEX['420']);
          continue;
        }
        st.headDone = st.limiter.consume(now, st.units ? m.rec.units : 1);
      }
      if (st.headDone > now) {
        st.scheduled = true;
        return schedule(st.headDone, 'stage', sid);
      }
      st.headDone = null;
      st.msgs.shift();
      m.pos++;
      enter(m);
    }
  };

  const sources = sc.traffic.map((def, id) => {
    const rng = sourceRng(sc.seed, def.name);
    const process = arrivalProcess(def, rng, sc.startEpochMs);
    const weights = CARRIERS.map((c) => def.carriers[c]);
    const drawCarrier = (u: number) => {
      let acc = 0;
      for (let c = 0; c < CARRIERS.length - 1; c++) if (u < (acc += weights[c])) return c;
      return CARRIERS.length - 1;
    };
    // A recipient pool: each recipient's carrier drawn once, in order, from its own stream.
    const poolRng = sourceRng(sc.seed, `${def.name}/recipients`);
    const recipientCarrier = Array.from({ length: def.recipientsPool ?? 0 }, () => drawCarrier(poolRng()));
    return { def, id, rng, process, next: process.next(), rr: 0, seq: 0, hash: hashString(def.name), drawCarrier, recipientCarrier };
  });
  const numberIdx = (nid: string) => sc.numbers.findIndex((n) => n.id === nid);
  /** Submits a new message (a first attempt or a client's resubmission) now. */
  const submitNew = (source: number, n: number, carrier: number, attempt: number) => {
    const src = sources[source];
    src.seq += attempt > 1 ? 1 : 0; // a first attempt's index was taken when its recipient was drawn
    const route = net.route(n, src.def.type, src.def.toCountry, carrier);
    const rec: RefRecord = {
      index: all.length, traffic: src.def.name, from: sc.numbers[n].number, carrier: CARRIERS[carrier],
      submitMs: now, dispatchedMs: null, endMs: null, status: 'queued', code: null, units: src.def.units, attempt,
    };
    const m: Msg = { rec, expiryMs: src.def.expirySeconds * 1000, route, pos: 0, source, sender: n, carrier };
    all.push(m);
    if (route.fail >= 0) finish(m, 'failed', route.fail);
    else enter(m);
  };
  const fire = (src: (typeof sources)[number]) => {
    while (src.next === now) {
      // One API request: one sender (round-robin or random); every recipient is its own message.
      const from = src.def.from;
      let requestSender: string;
      if (src.def.sender === 'random') requestSender = from[Math.floor(src.rng() * from.length)];
      else {
        requestSender = from[src.rr];
        src.rr = (src.rr + 1) % from.length;
      }
      for (let r = 0; r < src.def.recipients; r++) {
        const seq = src.seq++;
        const pool = src.def.recipientsPool;
        const j = pool === null ? -1 : mix32(sc.seed ^ 0x2545f491, src.hash, seq) % pool;
        const carrier = j < 0 ? src.drawCarrier(src.rng()) : src.recipientCarrier[j];
        const n = numberIdx(src.def.sender === 'sticky' ? from[j % from.length] : requestSender);
        submitNew(src.id, n, carrier, 1);
      }
      src.next = src.process.next();
    }
    if (src.next !== Infinity) schedule(src.next, 'source', src.id);
  };

  for (const s of sources) if (s.next !== Infinity) schedule(s.next, 'source', s.id);
  const until = sc.untilMs ?? Infinity;
  while (events.length > 0) {
    let k = 0;
    for (let i = 1; i < events.length; i++) {
      const a = events[i];
      const b = events[k];
      if (a.t < b.t || (a.t === b.t && a.seq < b.seq)) k = i;
    }
    if (events[k].t > until) break;
    const [ev] = events.splice(k, 1);
    now = ev.t;
    if (ev.kind === 'source') fire(sources[ev.id]);
    else if (ev.kind === 'retry') {
      const failed = retries[ev.id];
      submitNew(failed.source, failed.sender, failed.carrier, failed.rec.attempt + 1);
    } else wake(ev.id);
  }
  return all.map((m) => m.rec);
}
