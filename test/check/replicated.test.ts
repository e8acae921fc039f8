// Replicated baselines: every metric's mean, 95% half-width and N, and the comparison that
// fails a metric only beyond its tolerance AND significant (Welch's t at 95%).
import { describe, expect, it } from 'vitest';
import { compareSets, compareSummaries, describeComparison, type Comparison } from '../../src/check/baseline.js';
import { parseTolerance } from '../../src/check/tolerance.js';
import { fromDoc, fromSummaries, replicatedDoc, type MetricSet } from '../../src/check/replicated.js';
import type { Summary } from '../../src/report/summary.js';
import { faqBurstSummary } from '../helpers/scenario.js';

const base: Summary = faqBurstSummary();
// base: submitted 100, delivered 55, failed 45, wait_p95 10 s.

/** One replication with `delivered` of 100 delivered (the rest failed 420) and wait_p95 of `p95` s. */
function rep(delivered: number, p95 = 10): Summary {
  const failed = 100 - delivered;
  return {
    ...base,
    totals: { ...base.totals, delivered, failed },
    failures: { '420': { reason: 'message expired', count: failed } },
    wait: { ...base.wait, p95 },
  };
}
const reps = (values: number[]): Summary[] => values.map((d) => rep(d));
const doc = (values: number[]): MetricSet => fromDoc(replicatedDoc(reps(values), values.map((_, i) => i + 1)));

function metric(cs: Comparison[], name: string): Comparison {
  const c = cs.find((x) => x.metric === name);
  if (c === undefined) throw new Error(`no comparison of ${name}`);
  return c;
}

describe('replicatedDoc', () => {
  it('stores every metric of every scope as mean, 95% half-width and N', () => {
    const d = replicatedDoc(reps([50, 55, 60]), [1, 2, 3]);
    expect(d.replications).toEqual({ n: 3, seeds: [1, 2, 3] });
    expect(d.metrics.delivered.mean).toBe(55);
    expect(d.metrics.delivered.n).toBe(3);
    expect(d.metrics.delivered.ci95_half_width).toBeCloseTo((4.302653 * 5) / Math.sqrt(3), 4);
    expect(d.metrics['failed[420]'].mean).toBe(45);
    expect(d.metrics['submitted{sender=tf1}']).toEqual({ mean: 100, ci95_half_width: 0, n: 3 });
    expect(Object.keys(d.metrics)).toEqual(expect.arrayContaining(['wait_p95{traffic=burst}', 'drain_time{carrier=att}', 'delivered_ratio']));
  });

  it('a metric without data in a run is stored with the reason', () => {
    const none: Summary = { ...rep(0), drain_time: null };
    const d = replicatedDoc([rep(55), none], [1, 2]);
    expect(d.metrics.wait_p95).toEqual({ mean: null, ci95_half_width: null, n: 2, note: 'no data: no message was delivered (replication 2, seed 1)' });
  });

  it('reads back as the live summaries compare', () => {
    const current = fromSummaries(reps([40, 42, 44]));
    const live = compareSets(fromSummaries(reps([50, 55, 60])), current, []);
    const saved = compareSets(doc([50, 55, 60]), current, []);
    expect(saved.map((c) => [c.metric, c.regression, c.p])).toEqual(live.map((c) => [c.metric, c.regression, c.p]));
  });
});

describe('the defect: a replicated run against one seed, with tolerance 0 for unnamed metrics', () => {
  // Ten noisy replications of the same system, split in two halves of five.
  const first = [55, 52, 58, 54, 57];
  const second = [53, 56, 54, 59, 52];
  it('one seed (58 delivered) against the mean of five others (54.8) is noise, not a regression', () => {
    // Before: tolerance 0 and no test, so -3.2 delivered was a "regression".
    const c = metric(compareSummaries(rep(58), reps(second), []), 'delivered');
    expect(c).toMatchObject({ toleranceSource: 'single-run', beyondTolerance: true, regression: false });
  });

  it('against a replicated baseline, the same noise is no regression', () => {
    const cs = compareSets(doc(first), fromSummaries(reps(second)), []);
    expect(cs.filter((c) => c.regression)).toEqual([]);
    expect(metric(cs, 'delivered')).toMatchObject({ toleranceSource: 'stochastic', baselineRuns: 5, currentRuns: 5 });
    // 5% of 55.2 (2.76) is more than 1% of the 100 submitted.
    expect(metric(cs, 'delivered').allowed).toBeCloseTo(0.05 * 55.2, 9);
    expect(metric(cs, 'delivered_ratio').allowed).toBeCloseTo(0.01, 12);
  });
});

describe('beyond tolerance AND significant', () => {
  const baseline = doc([55, 52, 58, 54, 57]); // mean 55.2
  it('a clear drop is a regression', () => {
    const c = metric(compareSets(baseline, fromSummaries(reps([45, 46, 44, 45, 46])), []), 'delivered');
    expect(c).toMatchObject({ regression: true, beyondTolerance: true });
    expect(c.p).toBeLessThan(0.001);
    expect(describeComparison(c)).toMatch(/^✗ delivered {2}55\.2 ± 2\.9\d* → 45\.2 ± 1\.0\d* {2}-10 \(-18\.1%\) {2}tolerance 2\.76 \(default\), p < 0\.001: regression$/);
  });

  it('a drop beyond the tolerance but within the noise is not', () => {
    const c = metric(compareSets(baseline, fromSummaries(reps([40, 60, 45, 58, 52])), []), 'delivered'); // mean 51
    expect(c).toMatchObject({ beyondTolerance: true, regression: false });
    expect(c.p).toBeGreaterThan(0.05);
    expect(describeComparison(c)).toMatch(/^✓ delivered .* p = 0\.\d{3}: not significant$/);
  });

  it('a significant drop within a named tolerance is not', () => {
    const c = metric(compareSets(baseline, fromSummaries(reps([50, 51, 50, 51, 50])), [parseTolerance('delivered=6')]), 'delivered');
    expect(c).toMatchObject({ toleranceSource: 'named', regression: false, beyondTolerance: false });
    expect(c.p).toBeLessThan(0.05);
  });
});

describe('deterministic metrics: exact', () => {
  it('a metric equal in every baseline run gets tolerance 0; any significant worsening fails', () => {
    const cs = compareSets(doc([55, 55, 55]), fromSummaries(reps([54, 54, 54])), []);
    expect(metric(cs, 'delivered')).toMatchObject({ toleranceSource: 'deterministic', allowed: 0, regression: true, p: 0 });
    expect(describeComparison(metric(cs, 'delivered'))).toBe('✗ delivered  55 ± 0 → 54 ± 0  -1 (-1.8%)  tolerance 0 (deterministic), p < 0.001: regression');
    expect(metric(compareSets(doc([55, 55, 55]), fromSummaries(reps([55, 55])), []), 'delivered').regression).toBe(false);
  });

  it('one odd run among the new ones is not significant', () => {
    const c = metric(compareSets(doc([55, 55, 55, 55, 55]), fromSummaries(reps([55, 55, 55, 55, 54])), []), 'delivered');
    expect(c).toMatchObject({ beyondTolerance: true, regression: false });
  });
});

describe('single-run baselines (the old format) are still read', () => {
  it('single run against single run: the tolerance alone decides, as before', () => {
    const c = metric(compareSummaries(rep(55), [rep(54)], []), 'delivered');
    expect(c).toMatchObject({ toleranceSource: 'single-run', p: null, regression: true });
    expect(describeComparison(c)).toBe('✗ delivered  55 → 54  -1 (-1.8%)  tolerance 0: regression');
  });

  it('against replications, the one run is taken to vary as they do', () => {
    expect(metric(compareSummaries(rep(58), reps([53, 56, 54, 59, 52]), []), 'delivered').regression).toBe(false);
    expect(metric(compareSummaries(rep(58), reps([45, 46, 44, 45, 46]), []), 'delivered').regression).toBe(true);
  });
});
