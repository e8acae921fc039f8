import { describe, expect, it } from 'vitest';
import { describeObserved, evaluateExpectations, evaluateThreshold } from '../../src/check/evaluate.js';
import { parseThreshold } from '../../src/check/expr.js';
import { summarize, type Summary } from '../../src/report/summary.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

const FAQ = `
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
  - { id: tf2, number: "+18445550101", type: toll_free, country: US }
traffic:
  - { name: burst, from: [tf1], arrival: { kind: burst, count: 100 }, expiry: 10 }
  - { name: blocked, from: [tf2], arrival: { kind: burst, count: 4 } }
`;

const summary: Summary = summarize(runRecords(scenarioOf(FAQ)).result);
const check = (text: string, summaries: Summary[] = [summary]) => evaluateThreshold(parseThreshold(text), summaries);

describe('thresholds on the FAQ burst (55 delivered, 45 fail with 420) plus 4 blocked', () => {
  it.each<[string, boolean, number]>([
    ['failed[420] == 45', true, 45],
    ['failed[420] == 0', false, 45],
    ['failed[toll_free_unverified] == 4', true, 4],
    ['failed[tmobile_daily_cap] == 0', true, 0],
    ['submitted == 104', true, 104],
    ['delivered == 55', true, 55],
    ['failed == 49', true, 49],
    ['queued == 0', true, 0],
    ['delayed == 50', true, 50],
    ['delivered_ratio >= 0.55', false, 55 / 104],
    ['delivered_ratio{traffic=burst} >= 55%', true, 0.55],
    ['failed_ratio{traffic=burst} <= 45%', true, 0.45],
    ['wait_max <= 10s', true, 10],
    ['wait_p50 == 5s', true, 5],
    ['drain_time == 10s', true, 10],
    ['failed{sender=tf2} == 4', true, 4],
  ])('%s → %s (observed %d)', (text, pass, observed) => {
    const r = check(text);
    expect(r.pass).toBe(pass);
    expect(r.observed).toBeCloseTo(observed, 9);
    expect(r.reason).toBeNull();
  });

  it.each<[string, string]>([
    ['wait_p95{traffic=blocked} <= 1s', 'no data: no message was delivered'],
    ['drain_time{traffic=blocked} <= 1s', 'no data: no message was delivered'],
    ['wait_max{sender=tf2} >= 0s', 'no data: no message was delivered'],
    ['delivered_ratio{carrier=other} >= 0', 'no data: no message was submitted'],
  ])('%s fails without data: %s', (text, reason) => {
    const sc = scenarioOf(`${FAQ}carriers: { att: 1 }\n`);
    const r = check(text, [summarize(runRecords(sc).result)]);
    expect(r).toMatchObject({ pass: false, observed: null, reason });
  });

  it('a scope missing from the summary fails, naming the known ones', () => {
    const r = check('wait_p95{sender=lc9} <= 1s');
    expect(r.pass).toBe(false);
    expect(r.reason).toBe('no sender "lc9" in the results (known: tf1, tf2)');
  });

  it('over replications the mean is compared, and a missing value names its replication', () => {
    const other = { ...summary, seed: 99, totals: { ...summary.totals, delivered: 65 } };
    const r = check('delivered >= 60', [summary, other]);
    expect(r.observed).toBe(60);
    expect(r.pass).toBe(true);
    expect(r.halfWidth).toBeCloseTo((12.7062 * Math.sqrt(50)) / Math.sqrt(2), 2);
    expect(describeObserved(r, 2)).toMatch(/^observed 60 ± 63\.5\d* \(mean, 95% CI, 2 runs\)$/);
    const empty = { ...summary, seed: 99, totals: { ...summary.totals, submitted: 0 } };
    expect(check('delivered_ratio >= 0', [summary, empty]).reason).toBe('no data: no message was submitted (replication 2, seed 99)');
  });

  it('evaluates a scenario expect list in order', () => {
    const rs = evaluateExpectations(['failed[420] == 45', 'failed[420] == 0'], [summary]);
    expect(rs.map((r) => r.pass)).toEqual([true, false]);
    expect(describeObserved(rs[1], 1)).toBe('observed 45');
  });
});
