/**
 * Builds the summary (SPEC §4) from a simulation result. Pure. Times are seconds, rounded
 * to the millisecond; field names are the contract other tools (and `check`) read.
 */
import { FAILURE_CODES } from '../rules/codes.js';
import { CARRIERS, type Limit } from '../scenario/model.js';
import type { SimulationResult } from '../engine/simulate.js';
import type { ScopeStats } from '../engine/counters.js';
import { bottlenecks, type Bottlenecks } from './bottleneck.js';
import { costOf, type CostSummary } from './cost.js';

/** Waits of delivered messages, seconds; every field is null when nothing was delivered. */
export interface WaitSummary {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

export interface ScopeSummary {
  submitted: number;
  delivered: number;
  failed: number;
  queued: number;
  delayed: number;
  failures: Record<string, number>;
  wait: WaitSummary;
  /** Seconds from start until this scope's last dispatch; null when nothing was delivered. */
  drain_time: number | null;
  units: { submitted: number; charged: number };
}

export interface CarrierSummary extends ScopeSummary {
  /** TPM of the carrier's brand/campaign stages for 10DLC SMS, when the scenario has any. */
  tpm: number | null;
}

/** One day of a daily cap. */
export interface CapDaySummary {
  day: string;
  cap: number;
  used: number;
  rejected: number;
}

export interface Summary {
  scenario: string;
  /** Whose rules the run used (plivo, telnyx, twilio). */
  provider: string;
  seed: number;
  start: string;
  /** When the run ended (queues drained, or `until`). */
  end: string;
  totals: { submitted: number; delivered: number; failed: number; queued: number; delayed: number };
  failures: Record<string, { reason: string; count: number }>;
  wait: WaitSummary;
  drain_time: number | null;
  by_carrier: Record<string, CarrierSummary>;
  by_sender: Record<string, ScopeSummary>;
  by_traffic: Record<string, ScopeSummary>;
  units: { submitted: number; charged: number };
  /** Every daily cap by name (T-Mobile's is `tmobile`, present for every provider), its days in order. */
  daily_cap: { tmobile: CapDaySummary[]; [cap: string]: CapDaySummary[] };
  stages: { name: string; limit: string; max_queue: number }[];
  inbound: number;
  /**
   * Present when clients retry or defer: messages (chains of attempts) apart from attempts
   * (`totals` counts attempts). A message is delivered when one attempt is, lost (`failed`)
   * when its last attempt failed with no retry left, else `queued`.
   */
  /** Present when the scenario has incidents: each with its start and end (ISO-8601 UTC). */
  incidents?: { kind: string; carrier: string | null; factor: number | null; start: string; end: string }[];
  messages?: { total: number; delivered: number; failed: number; queued: number; attempts: number; resubmitted: number };
  warnings: string[];
  /** Where the waiting happened and the binding constraint (absent in summaries from older versions). */
  bottlenecks: Bottlenecks;
  /** What the run costs under the scenario's `pricing:` (present only when it has one). */
  cost?: CostSummary;
}

const NO_TRAFFIC = 'the scenario has no traffic (traffic: []): nothing was sent, so every count is 0 and no wait exists';

const sec = (ms: number): number => Math.round(ms) / 1000;

function waitOf(s: ScopeStats): WaitSummary {
  const h = s.waits;
  if (h.count === 0) return { p50: null, p95: null, p99: null, max: null, mean: null };
  return {
    p50: sec(h.percentile(0.5)),
    p95: sec(h.percentile(0.95)),
    p99: sec(h.percentile(0.99)),
    max: sec(h.max),
    mean: sec(h.mean()),
  };
}

function scopeOf(s: ScopeStats): ScopeSummary {
  const failures: Record<string, number> = {};
  FAILURE_CODES.forEach((row, i) => {
    if (s.failedByCode[i] > 0) failures[row.code] = s.failedByCode[i];
  });
  return {
    submitted: s.submitted,
    delivered: s.delivered,
    failed: s.failed,
    queued: s.queued,
    delayed: s.delayed,
    failures,
    wait: waitOf(s),
    drain_time: s.lastDispatchMs < 0 ? null : sec(s.lastDispatchMs),
    units: { submitted: s.unitsSubmitted, charged: s.unitsCharged },
  };
}

/**
 * The whole run as one scope, shaped like a carrier/sender/traffic scope (failures by code
 * with their counts only, those above 0). Works on a live summary or a baseline read back.
 */
export function totalScope(s: Pick<Summary, 'totals' | 'failures' | 'wait' | 'drain_time' | 'units'>): ScopeSummary {
  const failures: Record<string, number> = {};
  for (const [code, f] of Object.entries(s.failures ?? {})) if (f.count > 0) failures[code] = f.count;
  return { ...s.totals, failures, wait: s.wait, drain_time: s.drain_time, units: s.units };
}

/** "5/s", "15/min", "1 per 4s" — a limit as a person writes it. */
export function formatLimit(l: Limit): string {
  const unit = l.countBy === 'units' ? ' units' : '';
  const pacing = l.pacing === 'smooth' ? ' smooth' : '';
  const w = l.windowMs;
  const per = w === 1000 ? '/s' : w === 60_000 ? '/min' : w === 3_600_000 ? '/h' : ` per ${w / 1000}s`;
  return `${l.count}${unit}${per}${pacing}`;
}

/** The summary of a run. */
export function summarize(r: SimulationResult): Summary {
  const cost = costOf(r);
  const sc = r.scenario;
  const failures: Summary['failures'] = {};
  FAILURE_CODES.forEach((row, i) => {
    const count = r.total.failedByCode[i];
    if (count > 0) failures[row.code] = { reason: row.reason, count };
  });
  const tpmByCarrier = new Map<string, number>();
  for (const st of r.network.stages) {
    if (st.kind === 'carrier' && st.carrier !== null) {
      tpmByCarrier.set(st.carrier, Math.max(tpmByCarrier.get(st.carrier) ?? 0, st.limit.count));
    }
  }
  const byCarrier: Record<string, CarrierSummary> = {};
  CARRIERS.forEach((c, i) => {
    byCarrier[c] = { ...scopeOf(r.byCarrier[i]), tpm: tpmByCarrier.get(c) ?? null };
  });
  const bySender: Record<string, ScopeSummary> = {};
  sc.numbers.forEach((n, i) => (bySender[n.id] = scopeOf(r.bySender[i])));
  const unknown = r.bySender[sc.numbers.length];
  if (unknown.submitted > 0) bySender['(unknown)'] = scopeOf(unknown);
  const byTraffic: Record<string, ScopeSummary> = {};
  sc.traffic.forEach((t, i) => (byTraffic[t.name] = scopeOf(r.byTraffic[i])));
  const t = r.total;
  return {
    scenario: sc.name,
    provider: sc.rules.provider,
    seed: sc.seed,
    start: new Date(sc.startEpochMs).toISOString(),
    end: new Date(sc.startEpochMs + r.endMs).toISOString(),
    totals: { submitted: t.submitted, delivered: t.delivered, failed: t.failed, queued: t.queued, delayed: t.delayed },
    failures,
    wait: waitOf(t),
    drain_time: t.lastDispatchMs < 0 ? null : sec(t.lastDispatchMs),
    by_carrier: byCarrier,
    by_sender: bySender,
    by_traffic: byTraffic,
    units: { submitted: t.unitsSubmitted, charged: t.unitsCharged },
    daily_cap: {
      tmobile: [],
      ...Object.fromEntries(r.dailyCaps.map((c) => [c.name, c.days.map((d) => ({ day: d.day, cap: d.cap, used: d.used, rejected: d.rejected }))])),
    },
    stages: r.network.stages.map((s) => ({ name: s.name, limit: s.kind === 'gate' ? 'closed during outages' : formatLimit(s.limit), max_queue: r.maxDepth[s.id] })),
    inbound: r.inbound,
    ...(sc.incidents.length === 0
      ? {}
      : {
          incidents: sc.incidents.map((x) => ({
            kind: x.kind, carrier: x.carrier, factor: x.kind === 'degraded_carrier' ? x.factor : null,
            start: new Date(sc.startEpochMs + x.startMs).toISOString(), end: new Date(sc.startEpochMs + x.endMs).toISOString(),
          })),
        }),
    ...(sc.traffic.some((x) => x.retry !== null || x.onDailyCap === 'defer')
      ? { messages: { total: r.messages.total, delivered: r.messages.delivered, failed: r.messages.failed, queued: r.messages.queued, attempts: t.submitted, resubmitted: r.messages.resubmitted } }
      : {}),
    warnings: sc.traffic.length === 0 ? [NO_TRAFFIC, ...r.network.warnings] : [...r.network.warnings],
    bottlenecks: bottlenecks(r),
    ...(cost === null ? {} : { cost }),
  };
}
