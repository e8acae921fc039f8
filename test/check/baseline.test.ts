import { describe, expect, it } from 'vitest';
import { compareSummaries, describeComparison, type Comparison } from '../../src/check/baseline.js';
import { parseTolerance } from '../../src/check/tolerance.js';
import { ThresholdError } from '../../src/check/expr.js';
import type { Summary } from '../../src/report/summary.js';
import { faqBurstSummary } from '../helpers/scenario.js';

const base: Summary = faqBurstSummary();
// base: submitted 100, delivered 55, failed 45, delivered_ratio 0.55, wait_p95 10 s, drain_time 10 s.

function withTotals(delivered: number, waitP95: number): Summary {
  const failed = 100 - delivered;
  return {
    ...base,
    totals: { ...base.totals, delivered, failed },
    failures: { '420': { reason: 'message expired', count: failed } },
    wait: { ...base.wait, p95: waitP95 },
  };
}

function one(metric: string, current: Summary, tolerance?: string): Comparison {
  const tols = tolerance === undefined ? [] : [parseTolerance(`${metric}=${tolerance}`)];
  const c = compareSummaries(base, [current], tols).find((x) => x.metric === metric);
  if (c === undefined) throw new Error(`no comparison of ${metric}`);
  return c;
}

describe('baseline comparison: worse direction and tolerance', () => {
  it.each<[string, string, string | undefined, boolean, Summary]>([
    // ratio, lower is worse: 0.55 → 0.545 is -0.5pp
    ['ratio', 'delivered_ratio', '-0.5pp', false, withTotals(54.5, 10)],
    ['ratio', 'delivered_ratio', '-0.5pp', true, withTotals(54.4, 10)],
    ['ratio', 'delivered_ratio', undefined, true, withTotals(54.5, 10)],
    ['ratio', 'delivered_ratio', undefined, false, withTotals(60, 10)],
    ['ratio', 'failed_ratio', '+0.5pp', false, withTotals(54.5, 10)],
    ['ratio', 'failed_ratio', '+0.5pp', true, withTotals(54, 10)],
    ['ratio', 'failed_ratio', undefined, false, withTotals(60, 10)],
    // count: delivered lower is worse, failed higher is worse; 55 → 50 is -9.0909%
    ['count', 'delivered', '5', false, withTotals(50, 10)],
    ['count', 'delivered', '5', true, withTotals(49, 10)],
    ['count', 'delivered', undefined, false, withTotals(56, 10)],
    ['count', 'failed', '+5', false, withTotals(50, 10)],
    ['count', 'failed', '+5', true, withTotals(49, 10)],
    ['count', 'failed', undefined, false, withTotals(60, 10)],
    ['count', 'failed[420]', '+20%', false, withTotals(100 - 54, 10)],
    ['count', 'failed[420]', '+20%', true, withTotals(100 - 55, 10)],
    // time, higher is worse: 10 s → 11 s is +10%
    ['time', 'wait_p95', '+10%', false, withTotals(55, 11)],
    ['time', 'wait_p95', '+10%', true, withTotals(55, 11.001)],
    ['time', 'wait_p95', '1s', false, withTotals(55, 11)],
    ['time', 'wait_p95', '500ms', false, withTotals(55, 10.5)],
    ['time', 'wait_p95', '500ms', true, withTotals(55, 10.501)],
    ['time', 'wait_p95', undefined, true, withTotals(55, 10.001)],
    ['time', 'wait_p95', undefined, false, withTotals(55, 2)],
  ])('%s %s, tolerance %s: regression %s', (_kind, metric, tol, regression, current) => {
    expect(one(metric, current, tol).regression).toBe(regression);
  });

  it('exactly at the tolerance passes (documented)', () => {
    const c = one('delivered_ratio', withTotals(54.5, 10), '-0.5pp');
    expect(c).toMatchObject({ baseline: 0.55, current: 0.545, regression: false });
    expect(c.allowed).toBeCloseTo(0.005, 15);
  });

  it('compares every top-level outcome metric by default, plus those a tolerance names', () => {
    const names = compareSummaries(base, [base], [parseTolerance('wait_p95{traffic=burst}=+5%')]).map((c) => c.metric);
    expect(names).toEqual([
      'delivered', 'failed', 'queued', 'delivered_ratio', 'failed_ratio',
      'wait_p50', 'wait_p95', 'wait_p99', 'wait_max', 'wait_mean', 'drain_time', 'wait_p95{traffic=burst}',
    ]);
    expect(compareSummaries(base, [base], []).every((c) => !c.regression)).toBe(true);
  });

  it('a metric that loses its data regresses; one that gains it does not', () => {
    const none: Summary = { ...base, totals: { ...base.totals, delivered: 0 }, drain_time: null };
    expect(one('wait_p95', none)).toMatchObject({ regression: true, current: null, note: 'no data: no message was delivered' });
    const c = compareSummaries(none, [base], []).find((x) => x.metric === 'drain_time');
    expect(c).toMatchObject({ regression: false, baseline: null, current: 10 });
  });

  it('describes a comparison with both values', () => {
    expect(describeComparison(one('wait_p95', withTotals(55, 12), '+10%'))).toBe(
      '✗ wait_p95  10s → 12s  +2s (+20%)  tolerance +10%: regression',
    );
    expect(describeComparison(one('delivered_ratio', withTotals(54.5, 10), '-0.5pp'))).toBe(
      '✓ delivered_ratio  0.55 → 0.545  -0.5pp  tolerance -0.5pp',
    );
  });
});

describe('parseTolerance', () => {
  it.each<[string, 'relative' | 'absolute', number]>([
    ['wait_p95=+10%', 'relative', 0.1],
    ['wait_p95=10%', 'relative', 0.1],
    ['delivered_ratio=-0.5pp', 'absolute', 0.005],
    ['delivered_ratio=0.005', 'absolute', 0.005],
    ['failed=5', 'absolute', 5],
    ['wait_max=2m', 'absolute', 120],
    ['wait_max=250ms', 'absolute', 0.25],
    ['wait_max{carrier=tmobile}=+1.5s', 'absolute', 1.5],
  ])('%s', (text, mode, amount) => {
    const t = parseTolerance(text);
    expect(t.mode).toBe(mode);
    expect(t.amount).toBeCloseTo(amount, 12);
  });

  it.each<[string, string]>([
    ['wait_p95', 'expected METRIC=VALUE such as wait_p95=+10% or delivered_ratio=-0.5pp, got "wait_p95"'],
    ['delivered_ratio=+0.5pp', 'expected -0.5pp (delivered_ratio gets worse when it goes down), got "+0.5pp"'],
    ['wait_p95=-10%', 'expected +10% (wait_p95 gets worse when it goes up), got "-10%"'],
    ['wait_p95=10pp', 'expected a tolerance for wait_p95 such as Ns, Nms or N%, got "10pp"'],
    ['failed=3s', 'expected a tolerance for failed such as N or N%, got "3s"'],
    ['delivered_ratio=ten', 'expected a tolerance for delivered_ratio such as Npp or N%, got "ten"'],
    ['submitted=5', 'expected a metric with a worse direction (submitted is an input, not an outcome), got submitted'],
    ['wiat_p95=10%', 'expected a known metric, got unknown metric "wiat_p95" (did you mean "wait_p95"?)'],
  ])('%s is rejected', (text, message) => {
    expect(() => parseTolerance(text)).toThrow(ThresholdError);
    expect(() => parseTolerance(text)).toThrow(message);
  });
});
