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
import { fmtDuration } from '../duration.js';
import { formatLimit, type Summary } from '../summary.js';
import type { SeriesRow } from '../timeseries.js';
import type { WaitTally } from '../wait-tally.js';
import { mergeFactor, mergeRows } from './series.js';

const MINUTE_MS = 60_000;
/** Most intervals in the per-carrier delivery chart: counts per interval stay readable. */
export const CARRIER_POINTS = 150;
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
  /** UTC offset written in the scenario's `start`, minutes (header clock times). */
  startOffsetMinutes: number;
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
  /**
   * Carriers with any traffic: deliveries in each interval of `intervalMs` (not a trailing
   * sum), intervals merged so that at most {@link CARRIER_POINTS} remain; `t` is the start
   * of each, seconds since start.
   */
  carriers: { intervalMs: number; t: number[]; series: { carrier: string; delivered: number[] }[] };
  /** Stages in the order a message passes them (account, sender, carrier). */
  stages: StageSeries[];
  /**
   * Top of the TPM chart's y axis when the traffic stays far below every carrier limit
   * (under a tenth): the chart is scaled to the traffic, not to a limit that would squash
   * it flat. Null: the axis includes the limits.
   */
  tpmScaleMax: number | null;
  /** T-Mobile day count and cap at each interval's end; null without T-Mobile 10DLC traffic. */
  cap: { used: number[]; limit: number[] } | null;
  waits: WaitBins;
  /** Incidents to shade on the time charts: a label and start/end in seconds since start. */
  incidents: { label: string; start: number; end: number }[];
}

/** A short label of an incident for a chart: "T-Mobile outage" style, in the report's words. */
function incidentLabel(x: SimulationResult['scenario']['incidents'][number]): string {
  if (x.kind === 'provider_outage') return 'provider outage';
  if (x.kind === 'carrier_outage') return `${x.carrier} outage`;
  return `${x.carrier} at ${Math.round(x.factor * 100)}%`;
}

/** Wait histogram for a chart: `counts[i]` delivered messages waited [i·binMs, (i+1)·binMs). */
export interface WaitBins {
  /** A multiple of the waits' own resolution (whole seconds → whole seconds). */
  binMs: number;
  counts: number[];
  /** The x axis spans [0, spanMs): at least {@link MIN_SPAN_BINS} bins, so one bar stays narrow. */
  spanMs: number;
  /** Log count axis: the distribution is so skewed that linear bars would hide all but one. */
  logCounts: boolean;
  /** Percentile marks: value (seconds) and its text at the histogram's precision. */
  marks: { label: string; seconds: number; text: string }[];
  /** Texts of the largest wait and the bin width. */
  maxText: string;
  binText: string;
  /** How exact the bars are, in plain words (stated under the chart). */
  precisionText: string;
}

/**
 * Rate per minute of per-interval counts. Below a minute it is the count over the trailing
 * minute [end − 1 min, end), the window a per-minute limiter counts (never a burst scaled
 * up), so it never exceeds the limit; an interval that does not divide a minute sums the
 * whole intervals that fit in it (a little under the minute). From a minute up, the
 * interval's average per minute.
 */
export function perMinute(counts: readonly number[], intervalMs: number): number[] {
  if (intervalMs >= MINUTE_MS) {
    return counts.map((c) => Math.round((c * MINUTE_MS * 100) / intervalMs) / 100);
  }
  const k = Math.floor(MINUTE_MS / intervalMs);
  const out: number[] = [];
  let sum = 0;
  counts.forEach((c, i) => {
    sum += c - (i >= k ? counts[i - k] : 0);
    out.push(sum);
  });
  return out;
}

const DAY_MS = 86_400_000;
/** Bar widths a person reads easily (ms): 1-2-5 up to 10 s, then clock steps up to a day. */
const NICE_BIN_MS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000,
  60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, DAY_MS,
];
/** The wait axis shows at least this many bins' width. */
export const MIN_SPAN_BINS = 20;
/** Log count axis when the tallest bar is this many times the median non-empty bar. */
const SKEW = 50;

/**
 * Re-bins a wait histogram into about {@link WAIT_BINS} equal bars whose width is a nice
 * multiple of the waits' resolution (so whole-second waits never alternate full and empty
 * bars), and decides whether the count axis should be logarithmic.
 */
export function waitBins(h: WaitHistogram, wait: Summary['wait'], tally?: WaitTally): WaitBins {
  // Both resolutions are powers of ten: a multiple of the larger is a multiple of both.
  const resolution = Math.max(h.resolutionMs(), tally?.resolutionMs ?? 1);
  const binMs = NICE_BIN_MS.find((b) => b % resolution === 0 && b * WAIT_BINS >= h.max) ?? Math.ceil(h.max / WAIT_BINS / DAY_MS) * DAY_MS;
  let counts: number[];
  let precisionText: string;
  if (tally !== undefined && tally.count === h.count) {
    // Binned on the waits themselves: each bar counts exactly the waits in [i·bin, (i+1)·bin).
    counts = tally.bars(binMs);
    precisionText = 'each bar counts exactly the waits in it';
  } else {
    counts = new Array<number>(h.count === 0 ? 0 : Math.floor(h.max / binMs) + 1).fill(0);
    for (const [lowMs, n] of h.buckets()) counts[Math.min(counts.length - 1, Math.floor(lowMs / binMs))] += n;
    precisionText = 'bars from the wait histogram, each wait within 0.05% (a wait near a bar edge may fall in the bar before)';
  }
  const marks = (['p50', 'p95', 'p99'] as const).flatMap((k) => {
    const v = wait[k];
    return v === null ? [] : [{ label: k, seconds: v, text: fmtDuration(v, true) }];
  });
  return {
    binMs,
    counts,
    spanMs: Math.max(counts.length, MIN_SPAN_BINS) * binMs,
    logCounts: isSkewed(counts),
    marks,
    maxText: fmtDuration(wait.max),
    binText: fmtDuration(binMs / 1000),
    precisionText,
  };
}

/** True when the tallest bar is {@link SKEW} times the median of the non-empty bars or more. */
export function isSkewed(counts: readonly number[]): boolean {
  const nonEmpty = counts.filter((c) => c > 0).sort((a, b) => a - b);
  if (nonEmpty.length < 2) return false;
  const median = nonEmpty[Math.floor((nonEmpty.length - 1) / 2)];
  return nonEmpty[nonEmpty.length - 1] >= SKEW * median;
}

/** Ranks of stage kinds in the order a message passes them. */
const PASSAGE: Record<StageKind, number> = { account: 0, sender: 1, carrier: 2, gate: 3 };

/** Stages in the order a message passes them (stable: creation order within a kind). */
export function inPassageOrder<T extends { kind: StageKind }>(stages: readonly T[]): T[] {
  return stages.map((st, i) => ({ st, i })).sort((a, b) => PASSAGE[a.st.kind] - PASSAGE[b.st.kind] || a.i - b.i).map((x) => x.st);
}

/** Builds the chart data from a result, its summary and reduced rows of `intervalMs`. */
export function buildReportData(
  result: SimulationResult,
  summary: Summary,
  rows: readonly SeriesRow[],
  intervalMs: number,
  waits?: WaitTally,
): ReportData {
  const sc = result.scenario;
  const col = (f: (r: SeriesRow) => number): number[] => rows.map(f);
  const failures = FAILURE_CODES.flatMap((row, i) =>
    result.total.failedByCode[i] > 0 ? [{ code: row.code, reason: row.reason, counts: col((r) => r.failedByCode[i] ?? 0) }] : [],
  );
  const merged = mergeRows(rows, mergeFactor(rows.length, CARRIER_POINTS));
  const carriers = {
    intervalMs: intervalMs * mergeFactor(rows.length, CARRIER_POINTS),
    t: merged.map((r) => r.startMs / 1000),
    series: CARRIERS.flatMap((c, i) =>
      result.byCarrier[i].submitted > 0 ? [{ carrier: c, delivered: merged.map((r) => r.deliveredByCarrier[i] ?? 0) }] : [],
    ),
  };
  const stages = inPassageOrder(result.network.stages).map(
    (s): StageSeries => ({
      name: s.name,
      kind: s.kind,
      carrier: s.carrier,
      limit: s.kind === 'gate' ? 'closed during outages' : formatLimit(s.limit),
      limitPerMinute: Math.round((s.limit.count * MINUTE_MS * 100) / s.limit.windowMs) / 100,
      depth: col((r) => r.peakDepths[s.id] ?? 0),
      outPerMinute: s.kind === 'carrier' ? perMinute(col((r) => r.departures[s.id] ?? 0), intervalMs) : null,
    }),
  );
  // The page charts one daily cap: the first (T-Mobile's, the only cap of every profile).
  const hasCap = rows.some((r) => (r.caps[0]?.day ?? null) !== null);
  const tpm = stages.filter((st) => st.outPerMinute !== null);
  const tpmPeak = Math.max(0, ...tpm.flatMap((st) => st.outPerMinute ?? []));
  const tpmLimit = Math.min(...tpm.map((st) => st.limitPerMinute));
  const tpmScaleMax = tpm.length > 0 && tpmPeak < tpmLimit / 10 ? Math.max(1, Math.ceil(tpmPeak * 1.25)) : null;
  return {
    scenario: sc.name,
    seed: sc.seed,
    startEpochMs: sc.startEpochMs,
    startOffsetMinutes: sc.startOffsetMinutes ?? 0,
    endMs: result.endMs,
    intervalMs,
    t: col((r) => r.endMs / 1000),
    submitted: col((r) => r.submitted),
    delivered: col((r) => r.delivered),
    failed: col((r) => r.failedByCode.reduce((a, b) => a + b, 0)),
    failures,
    carriers,
    stages,
    tpmScaleMax,
    cap: hasCap ? { used: col((r) => r.caps[0].used), limit: col((r) => r.caps[0].limit) } : null,
    waits: waitBins(result.total.waits, summary.wait, waits),
    incidents: sc.incidents.map((x) => ({ label: incidentLabel(x), start: x.startMs / 1000, end: x.endMs / 1000 })),
  };
}
