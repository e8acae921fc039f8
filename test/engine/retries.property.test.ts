// Conservation with client retries (issue 14): over random small scenarios, every attempt
// ends delivered, failed or queued; every message (chain of attempts linked by retry_of)
// is decided by its last attempt; messages and attempts add up apart; engine = reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../src/engine/types.js';
import { expectConserved, runRecords, scenarioOf } from '../helpers/scenario.js';
import { expectSameList } from '../helpers/same-list.js';
import { referenceRun } from './reference.js';

const arb = fc.record({
  seed: fc.integer({ min: 0, max: 999 }),
  count: fc.integer({ min: 1, max: 120 }),
  mps: fc.integer({ min: 1, max: 10 }),
  expiry: fc.integer({ min: 5, max: 30 }),
  on: fc.subarray(['420', 'tmobile_daily_cap'], { minLength: 1 }),
  after: fc.integer({ min: 1, max: 120 }),
  max: fc.integer({ min: 1, max: 4 }),
  backoff: fc.constantFrom(1, 1.5, 2),
  defer: fc.boolean(),
  tpd: fc.integer({ min: 1, max: 60 }),
  until: fc.option(fc.integer({ min: 5, max: 400 }), { nil: undefined }),
  rate: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
});
type A = typeof arb extends fc.Arbitrary<infer T> ? T : never;

function yamlOf(a: A): string {
  const on = a.defer ? a.on.filter((c) => c !== 'tmobile_daily_cap') : a.on;
  const retry = on.length === 0 ? '' : `, retry: { on: [${on.map((c) => `'${c}'`).join(', ')}], after: ${a.after}s, max: ${a.max}, backoff: ${a.backoff} }`;
  const arrival = a.rate === undefined ? `{ kind: burst, count: ${a.count} }` : `{ kind: poisson, rate: ${a.rate}/s }`;
  return `
seed: ${a.seed}
start: 2026-06-10T23:57:00-07:00
duration: 20s
${a.until === undefined ? '' : `until: ${a.until}s`}
account: { mps: { sms: ${a.mps} } }
brand: { vetting_score: 80, campaigns: [{ id: m, use_case: marketing }] }
rules: { tpd: ${a.tpd} }
numbers:
  - { id: lc, number: "+14155550101", type: long_code, country: US, campaign: m }
  - { id: tf, number: "+18885550101", type: toll_free, country: US, verified: true }
traffic:
  - { name: t, from: [lc, tf], expiry: ${a.expiry}, arrival: ${arrival}${retry}${a.defer ? ', on_daily_cap: defer' : ''} }
`;
}

describe('retries: conservation', () => {
  it('attempts and messages add up; each message is decided by its last attempt; engine = reference', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const sc = scenarioOf(yamlOf(a));
        const run = runRecords(sc);
        const { result, records } = run;
        const t = result.total;
        expectConserved(run);
        const m = result.messages;
        expect(m.delivered + m.failed + m.queued).toBe(m.total);
        expect(m.total + m.resubmitted).toBe(t.submitted);
        // Chains: follow retry_of from each first attempt.
        const next = new Map<string, MessageRecord>();
        for (const r of records) if (r.retryOf !== null) next.set(r.retryOf, r);
        let delivered = 0;
        let lastFailed = 0;
        let lastQueued = 0;
        const badLinks: [MessageRecord, MessageRecord][] = [];
        for (const first of records.filter((r) => r.attempt === 1)) {
          let r = first;
          for (let n = next.get(r.uuid); n !== undefined; n = next.get(r.uuid)) {
            // Only a failed attempt is retried, as the next attempt, after it ended.
            if (r.status !== 'failed' || n.attempt !== r.attempt + 1 || !(n.submitMs >= r.endMs!)) badLinks.push([r, n]);
            r = n;
          }
          if (r.status === 'delivered') delivered++;
          else if (r.status === 'failed') lastFailed++;
          else lastQueued++;
        }
        expect(badLinks).toEqual([]);
        expect(delivered).toBe(m.delivered);
        // A chain whose last attempt failed is lost, unless its retry was still pending at the end.
        expect(lastFailed).toBeGreaterThanOrEqual(m.failed);
        expect(lastQueued + (lastFailed - m.failed)).toBe(m.queued);
        if (a.until === undefined) expect(m.queued).toBe(0);
        expectSameList(
          records.map((r) => [r.submitMs, r.endMs, r.status, r.attempt]),
          referenceRun(sc).map((r) => [r.submitMs, r.endMs, r.status, r.attempt]),
          'engine = reference',
        );
      }),
      { numRuns: 40, seed: 4 },
    );
  }, 60_000);
});
