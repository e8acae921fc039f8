import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import { buildReportData, perMinute } from '../../src/report/html/data.js';
import { reportData, reportObserver } from '../../src/report/html/report.js';
import { initialTickMs, MAX_POINTS, mergeFactor, mergeRows, niceIntervalMs, reduceRows } from '../../src/report/html/series.js';
import { summarize } from '../../src/report/summary.js';
import type { SeriesRow } from '../../src/report/timeseries.js';
import { scenarioOf } from '../helpers/scenario.js';

/** A row of a 2-stage network with one carrier delivery and one 420 per row. */
function row(i: number, depth: number, capUsed = 0): SeriesRow {
  return {
    startMs: i * 1000, endMs: (i + 1) * 1000, submitted: 3, delivered: 2,
    deliveredByCarrier: [2, 0, 0, 0], failedByCode: [1, 0, 0, 0, 0, 0, 0],
    departures: [2, 1], depths: [depth, 1], peakDepths: [depth, 1], caps: [{ name: 'tmobile', used: capUsed, limit: 100, day: '2026-03-09' }],
  };
}

const BURST = `
name: burst
start: 2026-03-09T08:00:00-07:00
duration: 10m
numbers:
  - { id: tf, number: "+18445550100", type: toll_free, country: US, verified: true }
  - { id: lc, number: "+14155550100", type: long_code, country: US, campaign: c1 }
brand: { vetting_score: 62, campaigns: [ { id: c1, use_case: mixed } ] }
traffic:
  - { name: otp, from: [tf], arrival: { kind: burst, at: 1m, count: 900 }, text: "code 1", expiry: 60 }
  - { name: alerts, from: [lc], arrival: { kind: poisson, rate: 2/s }, text: "hello" }
`;

describe('choosing the interval', () => {
  it.each([
    [1, 1000], [1000, 1000], [1001, 2000], [86_400, 120_000], [600_000, 600_000], [86_400_001, 172_800_000],
  ])('nice interval ≥ %i ms is %i ms', (ms, nice) => expect(niceIntervalMs(ms)).toBe(nice));

  it('starts from duration / 1000, at least 1 s', () => {
    expect(initialTickMs(scenarioOf(BURST))).toBe(1000);
    expect(initialTickMs(scenarioOf(BURST, ['duration=24h']))).toBe(120_000);
  });

  it.each([
    [0, 1], [2000, 1], [2001, 2], [4000, 2], [4001, 5], [10_001, 10], [1_000_000, 500], [1_000_001, 1000],
  ])('%i rows merge by %i to fit 2000 points', (rows, factor) => {
    expect(mergeFactor(rows, 2000)).toBe(factor);
    expect(Math.ceil(rows / factor)).toBeLessThanOrEqual(2000);
  });
});

describe('merging rows', () => {
  it('keeps the peak depth and the peak day count, and sums every count', () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(i, i === 7 ? 500 : i, i === 3 ? 90 : 10));
    const merged = mergeRows(rows, 4);
    expect(merged.map((r) => [r.startMs, r.endMs])).toEqual([[0, 4000], [4000, 8000], [8000, 10000]]);
    expect(merged.map((r) => r.depths[0])).toEqual([3, 500, 9]);
    expect(merged.map((r) => r.caps[0].used)).toEqual([90, 10, 10]);
    expect(merged.map((r) => r.submitted)).toEqual([12, 12, 6]);
    expect(merged.map((r) => r.departures)).toEqual([[8, 4], [8, 4], [4, 2]]);
    expect(merged.map((r) => r.failedByCode[0])).toEqual([4, 4, 2]);
  });

  it('reduces 100,000 rows to at most MAX_POINTS and keeps a one-row spike', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => row(i, i === 54_321 ? 9999 : 1));
    const { rows: out, intervalMs } = reduceRows(rows, 1000);
    expect(out.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(intervalMs).toBe(50_000);
    expect(Math.max(...out.map((r) => r.depths[0]))).toBe(9999);
    expect(out.reduce((a, r) => a + r.submitted, 0)).toBe(300_000);
  });
});

describe('perMinute', () => {
  it('is the trailing-minute count below a minute, the average from a minute up', () => {
    expect(perMinute([1, 1, 1, 1], 30_000)).toEqual([1, 2, 2, 2]);
    expect(perMinute([10, 0, 30], 120_000)).toEqual([5, 0, 15]);
  });
});

describe('report data of a run', () => {
  const sc = scenarioOf(BURST);
  const series = reportObserver(sc);
  const result = simulate(sc, { observer: series });
  const summary = summarize(result);

  for (const maxPoints of [MAX_POINTS, 7]) {
    it(`series totals equal the summary totals (at most ${maxPoints} points)`, () => {
      const d = reportData(result, series, summary, maxPoints);
      const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
      expect(d.t.length).toBeLessThanOrEqual(maxPoints);
      expect(sum(d.submitted)).toBe(summary.totals.submitted);
      expect(sum(d.delivered)).toBe(summary.totals.delivered);
      expect(sum(d.failed)).toBe(summary.totals.failed);
      expect(summary.failures['420'].count).toBeGreaterThan(0);
      for (const f of d.failures) expect(sum(f.counts)).toBe(summary.failures[f.code].count);
      expect(sum(d.waits.counts)).toBe(summary.totals.delivered);
      expect(d.t[d.t.length - 1]).toBeGreaterThanOrEqual(result.endMs / 1000); // the series covers the run
    });
  }

  it('keeps the peak queue depth through merging', () => {
    const full = reportData(result, series, summary);
    const merged = reportData(result, series, summary, 7);
    const peak = (d: typeof full): number => Math.max(...d.stages.find((s) => s.name === 'account:sms')!.depth);
    expect(peak(merged)).toBe(peak(full));
    // sampled at interval ends, so at most the exact maximum the engine tracked
    expect(peak(full)).toBeGreaterThan(800);
    expect(peak(full)).toBeLessThanOrEqual(summary.stages.find((s) => s.name === 'account:sms')!.max_queue);
  });

  it('draws carrier stage rates below their TPM limit, and the T-Mobile day count', () => {
    const d = buildReportData(result, summary, series.rows, series.tickMs);
    const carrierStages = d.stages.filter((s) => s.kind === 'carrier');
    expect(carrierStages.length).toBeGreaterThan(0);
    for (const s of carrierStages) {
      expect(Math.max(...s.outPerMinute!)).toBeLessThanOrEqual(s.limitPerMinute);
      expect(Math.max(...s.outPerMinute!)).toBeGreaterThan(0);
    }
    expect(d.stages.filter((s) => s.kind !== 'carrier').every((s) => s.outPerMinute === null)).toBe(true);
    expect(d.cap).not.toBeNull();
    expect(Math.max(...d.cap!.used)).toBe(summary.daily_cap.tmobile[0].used);
  });
});
