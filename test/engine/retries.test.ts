// Client retries and deferral of capped messages (issue 14 item 4): exact attempt counts,
// chains of attempts (new UUID, retry_of), messages counted apart from attempts.
import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../src/engine/types.js';
import { summarize } from '../../src/report/summary.js';
import { renderTable } from '../../src/report/table.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';
import { referenceRun } from './reference.js';

const tollFree = (traffic: string, extra = '') => `
start: 2026-06-10T09:00:00-04:00
account: { mps: { sms: 1 } }
${extra}
numbers: [{ id: tf, number: "+18885550001", type: toll_free, country: US, verified: true }]
traffic:
${traffic}
`;

const byAttempt = (rs: MessageRecord[]) => [1, 2, 3].map((a) => rs.filter((r) => r.attempt === a).length);

describe('retries', () => {
  // 20 at t=0 through 1/s, expiry 5 s: 6 leave at 0..5 s, 14 expire at 6 s. Retried 60 s
  // later (66 s): 6 leave at 66..71 s, 8 expire at 72 s. Retried 120 s later (backoff 2,
  // 192 s): 6 leave at 192..197 s, 2 expire at 198 s with no retry left (max 2): lost.
  const yaml = tollFree(`  - { name: otp, from: tf, expiry: 5, arrival: { kind: burst, count: 20 }, retry: { on: ['420'], after: 60s, max: 2, backoff: 2 } }`);

  it('hand-computed: 42 attempts (20, 14, 8), 18 messages delivered, 2 lost', () => {
    const { result, records } = runRecords(scenarioOf(yaml));
    expect(byAttempt(records)).toEqual([20, 14, 8]);
    expect(result.total.submitted).toBe(42);
    expect([result.total.delivered, result.total.failed, result.total.queued]).toEqual([18, 24, 0]);
    expect(result.messages).toEqual({ total: 20, delivered: 18, failed: 2, queued: 0, resubmitted: 22 });
    expect([...new Set(records.filter((r) => r.attempt === 2).map((r) => r.submitMs))]).toEqual([66_000]);
    expect([...new Set(records.filter((r) => r.attempt === 3).map((r) => r.submitMs))]).toEqual([192_000]);
    expect(records.filter((r) => r.attempt === 3 && r.status === 'failed').map((r) => r.endMs)).toEqual([198_000, 198_000]);
  });

  it('a retry is a new message (new UUID) to the same destination, retry_of its failed attempt', () => {
    const { records } = runRecords(scenarioOf(yaml));
    const byUuid = new Map(records.map((r) => [r.uuid, r]));
    expect(byUuid.size).toBe(records.length);
    for (const r of records.filter((x) => x.attempt > 1)) {
      const prev = byUuid.get(r.retryOf!)!;
      expect(prev.status).toBe('failed');
      expect(prev.attempt).toBe(r.attempt - 1);
      expect([prev.to, prev.from, prev.carrier]).toEqual([r.to, r.from, r.carrier]);
    }
    expect(records.filter((r) => r.attempt === 1).every((r) => r.retryOf === null)).toBe(true);
  });

  it('the summary counts messages and attempts apart; the table says so', () => {
    const { result } = runRecords(scenarioOf(yaml));
    const s = summarize(result);
    expect(s.messages).toEqual({ total: 20, delivered: 18, failed: 2, queued: 0, attempts: 42, resubmitted: 22 });
    expect(renderTable(s)).toContain('client retries: 20 messages in 42 attempts (the table counts attempts)\nmessages: 18 delivered, 2 lost, 0 pending');
    // Without retries the summary has no messages block (and the outputs do not change).
    expect(summarize(runRecords(scenarioOf(tollFree('  - { name: x, from: tf, arrival: { kind: burst, count: 2 } }'))).result).messages).toBeUndefined();
  });

  it('a retry pending when the run is cut by until leaves its message queued (pending)', () => {
    const { result } = runRecords(scenarioOf(yaml.replace('account:', 'until: 100s\naccount:')));
    expect(result.messages).toEqual({ total: 20, delivered: 12, failed: 0, queued: 8, resubmitted: 14 });
  });

  it('the run size estimate counts every attempt a retry policy allows', async () => {
    const { estimateRun } = await import('../../src/scenario/limits.js');
    expect(estimateRun(scenarioOf(yaml)).messages).toBe(60); // 20 messages, at most 3 attempts each
  });

  it('the reference simulator agrees attempt by attempt', () => {
    const sc = scenarioOf(yaml);
    expect(runRecords(sc).records.map((r) => [r.index, r.submitMs, r.endMs, r.status, r.attempt])).toEqual(
      referenceRun(sc).map((r) => [r.index, r.submitMs, r.endMs, r.status, r.attempt]),
    );
  });

  it('validation: known codes only, a positive wait, not both retry and defer for the cap', () => {
    const bad = (t: string) => () => scenarioOf(tollFree(t));
    expect(bad(`  - { name: o, from: tf, arrival: { kind: burst, count: 1 }, retry: { on: ['421'], after: 1m } }`)).toThrow(
      /traffic\[0\]\.retry\.on\[0\]: expected a failure code: one of 420, 110, tmobile_daily_cap, .*, got "421"/,
    );
    expect(bad(`  - { name: o, from: tf, arrival: { kind: burst, count: 1 }, retry: { on: ['420'], after: 0s } }`)).toThrow(
      /traffic\[0\]\.retry\.after: expected a duration greater than 0/,
    );
    expect(bad(`  - { name: o, from: tf, arrival: { kind: burst, count: 1 }, on_daily_cap: defer, retry: { on: [tmobile_daily_cap], after: 1m } }`)).toThrow(
      /retry\.on: expected no tmobile_daily_cap next to on_daily_cap: defer/,
    );
  });
});

describe('on_daily_cap: defer (a client policy; the FAQ\'s provider fails capped messages)', () => {
  // T-Mobile cap 3 per Pacific day; 5 messages at 23:58 PT: 3 pass, 2 fail with
  // tmobile_daily_cap at once. Deferred, they are resubmitted at 00:00 PT (120 s) and pass.
  const capped = (policy: string) => `
start: 2026-06-10T23:58:00-07:00
account: { mps: { sms: 100 } }
brand: { vetting_score: 80, campaigns: [{ id: m, use_case: marketing }] }
rules: { tpd: 3 }
numbers: [{ id: lc, number: "+14155550101", type: long_code, country: US, campaign: m }]
traffic:
  - { name: blast, from: lc, carriers: { tmobile: 1 }, arrival: { kind: burst, count: 5 }, on_daily_cap: ${policy} }
`;

  it('defer: the 2 capped attempts are resubmitted at the next Pacific midnight and delivered', () => {
    const sc = scenarioOf(capped('defer'));
    const { result, records } = runRecords(sc);
    expect(records.map((r) => [r.attempt, r.submitMs, r.status, r.code])).toEqual([
      [1, 0, 'delivered', null], [1, 0, 'delivered', null], [1, 0, 'delivered', null],
      [1, 0, 'failed', 'tmobile_daily_cap'], [1, 0, 'failed', 'tmobile_daily_cap'],
      [2, 120_000, 'delivered', null], [2, 120_000, 'delivered', null],
    ]);
    expect(result.messages).toEqual({ total: 5, delivered: 5, failed: 0, queued: 0, resubmitted: 2 });
    expect(referenceRun(sc).map((r) => [r.submitMs, r.status, r.attempt])).toEqual(records.map((r) => [r.submitMs, r.status, r.attempt]));
  });

  it('fail (the default): the 2 capped messages are lost', () => {
    expect(runRecords(scenarioOf(capped('fail'))).result.messages).toEqual({ total: 5, delivered: 3, failed: 2, queued: 0, resubmitted: 0 });
  });
});
