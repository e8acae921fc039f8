// Charts that do not mislead: the chart data of the HTML report (pure), checked case by
// case. The browser test (html-browser.test.ts) looks at the drawn result.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import { CARRIER_POINTS, inPassageOrder, isSkewed, MIN_SPAN_BINS, waitBins } from '../../src/report/html/data.js';
import { CHART_COLOURS, OKABE_ITO } from '../../src/report/html/palette.js';
import { rulesTables } from '../../src/report/html/tables.js';
import { reportData, reportObserver } from '../../src/report/html/report.js';
import { WaitHistogram } from '../../src/engine/counters.js';
import { summarize, type WaitSummary } from '../../src/report/summary.js';
import { scenarioOf } from '../helpers/scenario.js';

const waitsOf = (h: WaitHistogram): WaitSummary => ({
  p50: h.percentile(0.5) / 1000, p95: h.percentile(0.95) / 1000, p99: h.percentile(0.99) / 1000, max: h.max / 1000, mean: h.mean() / 1000,
});
const histogram = (pairs: [ms: number, times: number][]): WaitHistogram => {
  const h = new WaitHistogram();
  for (const [ms, n] of pairs) for (let i = 0; i < n; i++) h.add(ms);
  return h;
};

describe('wait histogram bins', () => {
  it('all waits 0: one bar at 0, on an axis at least 20 bins wide', () => {
    const h = histogram([[0, 500]]);
    const b = waitBins(h, waitsOf(h));
    expect(b.counts).toEqual([500]);
    expect(b.spanMs).toBe(MIN_SPAN_BINS * b.binMs);
    expect(b.logCounts).toBe(false);
  });

  it('whole-second waits get whole-second bins: no alternating full and empty bars', () => {
    const h = histogram(Array.from({ length: 30 }, (_, s) => [s * 1000, 5] as [number, number]));
    expect(h.resolutionMs()).toBe(1000);
    const b = waitBins(h, waitsOf(h));
    expect(b.binMs % 1000).toBe(0);
    expect(b.counts.every((c) => c > 0)).toBe(true);
  });

  it('bins of millisecond waits stay fine', () => {
    const h = histogram([[3, 1], [17, 1], [250, 1]]);
    expect(h.resolutionMs()).toBe(1);
    expect(waitBins(h, waitsOf(h)).binMs).toBe(5);
  });

  it('a skewed distribution gets a log count axis; a flat one does not', () => {
    // 10M messages with 8.7M in the first bar, the rest spread out (built, not simulated).
    const h = new WaitHistogram();
    for (let i = 0; i < 8_700_000; i++) h.add(i % 50);
    for (let i = 0; i < 1_300_000; i++) h.add(1000 + ((i * 7919) % 600_000));
    const b = waitBins(h, waitsOf(h));
    expect(b.counts.reduce((a, c) => a + c, 0)).toBe(10_000_000);
    expect(b.logCounts).toBe(true);
    expect(isSkewed([5, 5, 6, 5, 4])).toBe(false);
    expect(isSkewed([1000, 5, 6, 5, 4])).toBe(true);
  });

  it('percentile marks read at the histogram precision', () => {
    const h = histogram([[10_119_588, 3]]);
    expect(waitBins(h, waitsOf(h)).marks.map((m) => m.text)).toEqual(['2h 48m 40s', '2h 48m 40s', '2h 48m 40s']);
  });
});

const SPIKE = `
start: 2026-03-09T08:00:00-07:00
duration: 10m
account: { mps: { sms: 1000 } }
brand: { vetting_score: 80, campaigns: [ { id: c1, use_case: dedicated } ] }
numbers:
  - { id: lc, number: "+14155550100", type: long_code, country: US, campaign: c1 }
traffic:
  - { name: a, from: [lc], arrival: { kind: burst, at: 5m, count: 300 } }
  - { name: b, from: [lc], arrival: { kind: burst, at: 9m, count: 1 } }
`;

describe('report chart data', () => {
  const sc = scenarioOf(SPIKE);
  const series = reportObserver(sc);
  const result = simulate(sc, { observer: series });
  const d = reportData(result, series, summarize(result));

  it('delivered per carrier is a count per interval, not a trailing sum (no ramp after a spike)', () => {
    const att = d.carriers.series.find((c) => c.carrier === 'att')!.delivered;
    expect(att.reduce((a, b) => a + b, 0)).toBe(result.byCarrier[0].delivered);
    expect(d.carriers.t.length).toBeLessThanOrEqual(CARRIER_POINTS);
    // All 300 leave at once (4,500 TPM): one interval holds them, the next holds none.
    const i = att.findIndex((v) => v > 0);
    expect(att[i]).toBe(result.byCarrier[0].delivered - (att.at(-1) ?? 0));
    expect(att[i + 1]).toBe(0);
  });

  it('traffic far below its TPM limit scales the TPM chart to the traffic', () => {
    expect(d.tpmScaleMax).not.toBeNull();
    const quiet = scenarioOf(SPIKE, ['traffic[0].arrival.count=3']);
    const qs = reportObserver(quiet);
    const qr = simulate(quiet, { observer: qs });
    const qd = reportData(qr, qs, summarize(qr));
    expect(qd.tpmScaleMax).toBeGreaterThanOrEqual(1);
    expect(qd.tpmScaleMax).toBeLessThan(450);
    const busy = scenarioOf(SPIKE, ['traffic[0].arrival.count=20000']);
    const bs = reportObserver(busy);
    const br = simulate(busy, { observer: bs });
    expect(reportData(br, bs, summarize(br)).tpmScaleMax).toBeNull();
  });

  it('stages are listed in the order a message passes them', () => {
    const kinds = d.stages.map((s) => s.kind);
    expect(kinds).toEqual([...kinds].sort((a, b) => ['account', 'sender', 'carrier'].indexOf(a) - ['account', 'sender', 'carrier'].indexOf(b)));
    const withSender = scenarioOf(SPIKE.replace('campaign: c1 }', 'campaign: c1, limits: { sms: 10/s } }'));
    const net = simulate(withSender).network;
    expect(net.stages.map((s) => s.kind)).toContain('sender');
    const html = rulesTables(summarize(simulate(withSender)), net);
    const order = ['account:sms', 'sender:lc:sms', 'carrier:'].map((n) => html.indexOf(`<td>${n}`));
    expect(order.every((x) => x >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(inPassageOrder([{ kind: 'carrier' as const }, { kind: 'account' as const }]).map((s) => s.kind)).toEqual(['account', 'carrier']);
  });
});

describe('palette', () => {
  it('is Okabe–Ito, and every carrier has its own colour (T-Mobile and Verizon differ)', () => {
    const okabeIto = new Set<string>(Object.values(OKABE_ITO));
    for (const scheme of [CHART_COLOURS.light, CHART_COLOURS.dark]) {
      const carriers = Object.values(scheme.carriers);
      expect(new Set(carriers).size).toBe(carriers.length);
      expect(scheme.carriers.tmobile).not.toBe(scheme.carriers.verizon);
      for (const c of [...carriers, ...scheme.palette]) expect(okabeIto.has(c)).toBe(true);
    }
  });
});
