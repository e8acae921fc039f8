/**
 * The data a report's charts are drawn from: the (already reduced) series rows turned
 * into compact columns, and the wait histogram re-binned to a few dozen bars. Pure.
 * Counts (submitted, delivered, failures) stay per-interval counts, so each column sums
 * to the run's total; rates are derived here so the page only draws.
 */
import { FAILURE_CODES } from '../../rules/codes.js';
import { CARRIERS } from '../../scenario/model.js';
import type { SimulationResult } from '../../engine/simulate.js';
import type { StageKind } from '../../engine/network.js';
import type { WaitHistogram } from '../../engine/counters.js';
import { formatLimit, type Summary } from '../summary.js';
import type { SeriesRow } from '../timeseries.js';

const MINUTE_MS = 60_000;
/** About this many bars in the wait histogram. */
const WAIT_BINS = 60;

export interface StageSeries {
  name: string;
  kind: StageKind;
  carrier: string | null;
  /** The limit as written, e.g. "2400/min". */
  limit: string;
  /** The limit as messages (or units) per minute. */
  limitPerMinute: number;
  /** Deepest queue within each interval (max over merged intervals). */
  depth: number[];
  /** Departures per minute (see {@link perMinute}); carrier stages only, else null. */
  outPerMinute: number[] | null;
}

export interface ReportData {
  scenario: string;
  seed: number;
  startEpochMs: number;
  /** End of the run, ms since start. */
  endMs: number;
  /** Length of one interval, ms. */
  intervalMs: number;
  /** End of each interval, seconds since start. */
  t: number[];
  /** Per interval counts: sum over the column = the run's total. */
  submitted: number[];
  delivered: number[];
  failed: number[];
  /** Codes that failed at least once, with per-interval counts. */
  failures: { code: string; reason: string; counts: number[] }[];
  /** Carriers with any traffic: deliveries per minute. */
  carriers: { carrier: string; deliveredPerMinute: number[] }[];
  stages: StageSeries[];
  /** T-Mobile day count and cap at each interval's end; null without T-Mobile 10DLC traffic. */
  cap: { used: number[]; limit: number[] } | null;
  waits: WaitBins;
}

/** Wait histogram for a chart: `counts[i]` delivered messages waited [i·binMs, (i+1)·binMs). */
export interface WaitBins {
  binMs: number;
  counts: number[];
  /** Seconds. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Rate per minute of per-interval counts. Below a minute it is the count over the trailing
 * minute (what a per-minute limit bounds, never a per-second burst scaled up); from a
 * minute up, the interval's average per minute.
 */
export function perMinute(counts: readonly number[], intervalMs: number): number[] {
  if (intervalMs >= MINUTE_MS || MINUTE_MS % intervalMs !== 0) {
    return counts.map((c) => Math.round((c * MINUTE_MS * 100) / intervalMs) / 100);
  }
  const k = MINUTE_MS / intervalMs;
  const out: number[] = [];
  let sum = 0;
  counts.forEach((c, i) => {
    sum += c - (i >= k ? counts[i - k] : 0);
    out.push(sum);
  });
  return out;
}

const NICE_BIN_STEPS = [1, 2, 5];

/** Re-bins a wait histogram into about {@link WAIT_BINS} equal bars of a nice width. */
export function waitBins(h: WaitHistogram, wait: Summary['wait']): WaitBins {
  let binMs = 1;
  outer: for (let decade = 1; ; decade *= 10) {
    for (const m of NICE_BIN_STEPS) {
      if ((m * decade) * WAIT_BINS >= h.max) {
        binMs = m * decade;
        break outer;
      }
    }
  }
  const counts = new Array<number>(Math.floor(h.max / binMs) + 1).fill(0);
  if (h.count === 0) counts.length = 0;
  for (const [lowMs, n] of h.buckets()) counts[Math.min(counts.length - 1, Math.floor(lowMs / binMs))] += n;
  return { binMs, counts, p50: wait.p50, p95: wait.p95, p99: wait.p99, max: wait.max };
}

/** Builds the chart data from a result, its summary and reduced rows of `intervalMs`. */
export function buildReportData(
  result: SimulationResult,
  summary: Summary,
  rows: readonly SeriesRow[],
  intervalMs: number,
): ReportData {
  const sc = result.scenario;
  const col = (f: (r: SeriesRow) => number): number[] => rows.map(f);
  const failures = FAILURE_CODES.flatMap((row, i) =>
    result.total.failedByCode[i] > 0 ? [{ code: row.code, reason: row.reason, counts: col((r) => r.failedByCode[i] ?? 0) }] : [],
  );
  const carriers = CARRIERS.flatMap((c, i) =>
    result.byCarrier[i].submitted > 0
      ? [{ carrier: c, deliveredPerMinute: perMinute(col((r) => r.deliveredByCarrier[i] ?? 0), intervalMs) }]
      : [],
  );
  const stages = result.network.stages.map(
    (s): StageSeries => ({
      name: s.name,
      kind: s.kind,
      carrier: s.carrier,
      limit: formatLimit(s.limit),
      limitPerMinute: Math.round((s.limit.count * MINUTE_MS * 100) / s.limit.windowMs) / 100,
      depth: col((r) => r.peakDepths[s.id] ?? 0),
      outPerMinute: s.kind === 'carrier' ? perMinute(col((r) => r.departures[s.id] ?? 0), intervalMs) : null,
    }),
  );
  const hasCap = rows.some((r) => r.capDay !== null);
  return {
    scenario: sc.name,
    seed: sc.seed,
    startEpochMs: sc.startEpochMs,
    endMs: result.endMs,
    intervalMs,
    t: col((r) => r.endMs / 1000),
    submitted: col((r) => r.submitted),
    delivered: col((r) => r.delivered),
    failed: col((r) => r.failedByCode.reduce((a, b) => a + b, 0)),
    failures,
    carriers,
    stages,
    cap: hasCap ? { used: col((r) => r.capUsed), limit: col((r) => r.capLimit) } : null,
    waits: waitBins(result.total.waits, summary.wait),
  };
}
