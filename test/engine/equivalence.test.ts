// The optimised engine against the slow reference simulator (test/engine/reference.ts):
// identical per-message outcomes on the example and benchmark scenarios and on random
// small scenarios (issue 7: optimisations must not change results). `npm run test:slow`
// runs many more random scenarios (test/slow/equivalence.test.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { checkRandomScenarios, expectSameAsReference } from '../helpers/equivalence.js';

const load = (path: string, set: string[] = []) => parseScenario(readFileSync(path, 'utf8'), path, { set });

describe('engine = reference on the example scenarios', () => {
  for (const f of readdirSync('scenarios').filter((x) => x.endsWith('.yaml'))) {
    it(`scenarios/${f}`, () => {
      const recs = expectSameAsReference(load(`scenarios/${f}`));
      expect(recs.length).toBeGreaterThan(0);
    });
  }
  it('Telnyx: a 4 h queue on a Canadian long code rejects the overflow (queue_full)', () => {
    const sc = parseScenario(`provider: telnyx
numbers:
  - { id: ca1, number: "+16475550101", type: long_code, country: CA }
traffic:
  - { name: t, from: [ca1], to_country: CA, arrival: { kind: burst, count: 1500 }, units: 2 }
rules: { count: units }
`, 'telnyx.yaml');
    const recs = expectSameAsReference(sc);
    expect(recs.filter((r) => r.code === 'queue_full').length).toBeGreaterThan(0);
  });

  it('bench M/D/1 (3 minutes of it)', () => {
    expectSameAsReference(load('test/bench/md1.yaml', ['duration=180s']));
  });
  it('bench M/D/1 at 110/s with a short expiry (queue overflows into 420s)', () => {
    // 2.5 minutes: the queue grows by ~10/s and waits pass the 5 s expiry after ~50 s; 16,410
    // messages, 15,490 of them queued and 914 expired (300 s doubled the work for more of the same).
    const recs = expectSameAsReference(load('test/bench/md1-110.yaml', ['duration=150s', 'traffic[0].expiry=5']));
    expect(recs.filter((r) => r.code === '420').length).toBeGreaterThan(500);
  });
  it('bench US day, scaled down (every stage, T-Mobile cap, two Pacific days)', () => {
    const set = ['rules.tpd=40', 'account.mps.sms=1', 'traffic[0].arrival.rate=1500/day', 'traffic[1].arrival.count=60',
      'traffic[2].arrival.rate=800/day', 'traffic[3].arrival.rate=2000/day', 'traffic[4].arrival.count=300', 'traffic[5].arrival.rate=400/day',
      'rules.tpm.att=40', 'rules.tpm.tmobile=40'];
    const recs = expectSameAsReference(load('test/bench/us-day.yaml', set));
    expect(new Set(recs.map((r) => r.code))).toEqual(new Set([null, '420', 'tmobile_daily_cap']));
  });
});

describe('engine = reference on cases found by npm run test:slow', () => {
  it('smooth pacing over a long busy period: 26/min by units, no rounding drift (slot 780,039 ms)', () => {
    // The reference once summed W/N in floating point and put message 350 at 780,040 ms.
    const recs = expectSameAsReference(parseScenario(`
seed: 0
start: 2026-03-08T09:59:30Z
duration: 19s
account: { mps: { sms: { rate: 1/s, pacing: sliding, count: messages }, mms: { rate: 2/min, pacing: sliding, count: messages } } }
numbers:
  - { id: n0, number: "+18445550100", type: toll_free, country: US, verified: true }
  - { id: n1, number: "+18445550101", type: toll_free, country: US, verified: true, limits: { sms: { rate: 26/min, pacing: smooth, count: units } } }
carriers: { att: 1 }
traffic:
  - { name: t0, from: [n1, n0], type: sms, to_country: US, arrival: { kind: poisson, rate: 9/s }, units: 2, recipients: 2 }
  - { name: t1, from: [n0], type: sms, to_country: US, arrival: { kind: poisson, rate: 1/s }, units: 1 }
`, 'drift.yaml'));
    expect(recs[350].dispatchedMs).toBe(782_347);
  });
});

describe('engine = reference on random small scenarios', () => {
  it('agrees message by message (dispatch time, status, code)', () => {
    checkRandomScenarios(150, 7, 100);
    // ~2 s of CPU; the explicit timeout is for a machine shared by many test runs.
  }, 30_000);
});
