import { describe, expect, it } from 'vitest';
import { formatValue, holds, parseMetricRef, parseThreshold, ThresholdError } from '../../src/check/expr.js';
import { formatRef } from '../../src/scenario/expect/metric-defs.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenario } from '../../src/scenario/load.js';

const F = 'scenarios/a.yaml';
const BASE = `numbers:
  - { id: lc1, number: "+14155550100", type: long_code, country: US, campaign: c }
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
brand: { vetting_score: 80, campaigns: [{ id: c, use_case: mixed }] }
traffic:
  - { name: otp, from: [tf1], arrival: { kind: burst, count: 1 } }
expect:
  - delivered >= 1
`;
// The second expect item is on line 9, its text at column 5.
const withExpect = (expr: string): string => `${BASE}  - ${JSON.stringify(expr)}\n`;

function loadError(expr: string): string {
  try {
    parseScenario(withExpect(expr), F);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(expr)} to be rejected`);
}

describe('parseThreshold', () => {
  it.each<[string, string, string, number, boolean]>([
    ['wait_p95 <= 30s', 'wait_p95', '<=', 30, false],
    ['wait_p95<=30s', 'wait_p95', '<=', 30, false],
    ['wait_p50 < 500ms', 'wait_p50', '<', 0.5, false],
    ['wait_max <= 2m', 'wait_max', '<=', 120, false],
    ['drain_time < 12.5', 'drain_time', '<', 12.5, false],
    ['delivered_ratio >= 0.99', 'delivered_ratio', '>=', 0.99, false],
    ['delivered_ratio >= 99%', 'delivered_ratio', '>=', 0.99, true],
    ['failed_ratio < 1%', 'failed_ratio', '<', 0.01, true],
    ['failed[420] == 0', 'failed[420]', '==', 0, false],
    ['failed[ tmobile_daily_cap ] != 3', 'failed[tmobile_daily_cap]', '!=', 3, false],
    ['delivered_ratio{carrier=tmobile} > 0.5', 'delivered_ratio{carrier=tmobile}', '>', 0.5, false],
    ['wait_p95{traffic=otp} <= 30s', 'wait_p95{traffic=otp}', '<=', 30, false],
    ['failed[420]{sender = lc1} == 0', 'failed[420]{sender=lc1}', '==', 0, false],
    ['  queued == 0  ', 'queued', '==', 0, false],
  ])('%s', (text, metric, op, value, percent) => {
    const t = parseThreshold(text);
    expect(formatRef(t.ref)).toBe(metric);
    expect(t.op).toBe(op);
    expect(t.value).toBe(value);
    expect(t.percent).toBe(percent);
    expect(t.text).toBe(text.trim());
  });

  it('parses a metric reference alone (for --tolerance)', () => {
    expect(formatRef(parseMetricRef('wait_p95{traffic=otp}'))).toBe('wait_p95{traffic=otp}');
    expect(() => parseMetricRef('wait_p95 <')).toThrow(ThresholdError);
  });
});

describe('threshold errors at load time (file:line:col of the list item)', () => {
  it.each<[string, string]>([
    ['wait_p95 <== 30s', 'expected METRIC OP VALUE such as "wait_p95 <= 30s", got "wait_p95 <== 30s"'],
    ['wait_p95 = 30s', 'expected METRIC OP VALUE such as "wait_p95 <= 30s", got "wait_p95 = 30s"'],
    ['wait_p95 30s', 'expected METRIC OP VALUE such as "wait_p95 <= 30s", got "wait_p95 30s"'],
    ['', 'expected METRIC OP VALUE such as "wait_p95 <= 30s", got ""'],
    ['wiat_p95 <= 30s', 'expected a known metric, got unknown metric "wiat_p95" (did you mean "wait_p95"?)'],
    [
      'throughput > 5',
      'expected one of the metrics submitted, delivered, failed, queued, delayed, delivered_ratio, failed_ratio, messages, messages_delivered, messages_lost, messages_pending, message_delivered_ratio, message_lost_ratio, wait_p50, wait_p95, wait_p99, wait_max, wait_mean, drain_time, got unknown metric "throughput"',
    ],
    ['delivered[420] == 0', 'expected [CODE] only after failed, as in failed[420], got "delivered[420]"'],
    ['failed[421] == 0', 'expected a known failure code, got unknown failure code "421" (did you mean "420"?)'],
    [
      'failed[zzzzzzzz] == 0',
      'expected one of the failure codes 420, 110, tmobile_daily_cap, toll_free_unverified, mms_not_supported, unregistered_10dlc, unknown_sender, queue_full, got unknown failure code "zzzzzzzz"',
    ],
    [
      'failed[] == 0',
      'expected a failure code in failed[...]: one of 420, 110, tmobile_daily_cap, toll_free_unverified, mms_not_supported, unregistered_10dlc, unknown_sender, queue_full, got "failed[]"',
    ],
    ['wait_p95{tmobile} <= 1s', 'expected a scope such as {carrier=tmobile}, {sender=lc1} or {traffic=otp}, got "{tmobile}"'],
    ['wait_p95{carier=tmobile} <= 1s', 'expected a known scope, got unknown scope "carier" (did you mean "carrier"?)'],
    ['wait_p95{zzzzzz=x} <= 1s', 'expected one of the scopes carrier, sender, traffic, got unknown scope "zzzzzz"'],
    ['wait_p95{carrier=tmobil} <= 1s', 'expected a known carrier, got unknown carrier "tmobil" (did you mean "tmobile"?)'],
    ['wait_p95{carrier=sprint} <= 1s', 'expected one of the carriers att, tmobile, verizon, other, got unknown carrier "sprint"'],
    ['wait_p95{sender=lc2} <= 1s', 'expected a known sender, got unknown sender "lc2" (did you mean "lc1"?)'],
    ['wait_p95{traffic=alerts} <= 1s', 'expected one of the traffic names otp, got unknown traffic "alerts"'],
    ['failed[420] == 3s', 'expected a count (a number >= 0, without unit) for failed[420], got "3s"'],
    ['delivered >= 1.5x', 'expected a count (a number >= 0, without unit) for delivered, got "1.5x"'],
    ['delivered_ratio >= 99', 'expected a ratio from 0 to 1 or a percentage from 0% to 100% for delivered_ratio, such as 0.99 or 99%, got "99"'],
    ['failed_ratio <= 101%', 'expected a ratio from 0 to 1 or a percentage from 0% to 100% for failed_ratio, such as 0.99 or 99%, got "101%"'],
    ['wait_p95 <= 30x', 'expected a time for wait_p95 such as 30s, 2m, 500ms or a number of seconds, got "30x"'],
    ['drain_time <= 0.0001s', 'expected a time for drain_time such as 30s, 2m, 500ms or a number of seconds, got "0.0001s"'],
    ['delivered >= -1', 'expected a count (a number >= 0, without unit) for delivered, got "-1"'],
  ])('%j', (expr, message) => {
    expect(loadError(expr)).toBe(`${F}:9:5 expect[1]: ${message}`);
  });

  it('a scenario without traffic names none', () => {
    const text = 'expect:\n  - wait_p95{traffic=otp} <= 1s\n';
    expect(() => parseScenario(text, F)).toThrow(`${F}:2:5 expect[0]: expected a traffic of the scenario (it defines none), got "otp"`);
  });

  it('a threshold that is not a string', () => {
    expect(() => parseScenario('expect:\n  - { wait_p95: 30s }\n', F)).toThrow(`${F}:2:5 expect[0]: expected a string, got a map`);
  });

  it('a threshold set with --set is reported against --set', () => {
    expect(() => parseScenario(BASE, F, { set: ['expect[0]=delivered >> 1'] })).toThrow(
      '--set expect[0]: expected METRIC OP VALUE such as "wait_p95 <= 30s", got "delivered >> 1"',
    );
  });

  it('valid thresholds load and are kept as written', () => {
    const sc = parseScenario(withExpect('wait_p95{sender=lc1} <= 30s'), F);
    expect(sc.expect).toEqual(['delivered >= 1', 'wait_p95{sender=lc1} <= 30s']);
  });
});

describe('holds', () => {
  it.each<[number, string, number, boolean]>([
    [1, '<', 2, true],
    [2, '<', 2, false],
    [2, '<=', 2, true],
    [3, '<=', 2, false],
    [3, '>', 2, true],
    [2, '>', 2, false],
    [2, '>=', 2, true],
    [1, '>=', 2, false],
    [2, '==', 2, true],
    [2, '!=', 2, false],
    [0.1 + 0.2, '==', 0.3, true],
    [0.1 + 0.2, '<=', 0.3, true],
    [0.1 + 0.2, '>', 0.3, false],
    [0.985, '>=', 0.99, false],
  ])('%d %s %d is %s', (a, op, b, result) => {
    expect(holds(a, op as never, b)).toBe(result);
  });
});

describe('formatValue', () => {
  it.each<[number, 'count' | 'ratio' | 'time', boolean, string]>([
    [45, 'count', false, '45'],
    [1003.456789, 'count', false, '1003.457'],
    [12.5, 'time', false, '12.5s'],
    [0.55, 'ratio', false, '0.55'],
    [0.55, 'ratio', true, '55%'],
    [0.98765, 'ratio', true, '98.765%'],
  ])('%d as %s', (v, kind, pct, text) => {
    expect(formatValue(v, kind, pct)).toBe(text);
  });
});
