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
  it('bench M/D/1 (3 minutes of it)', () => {
    expectSameAsReference(load('test/bench/md1.yaml', ['duration=180s']));
  });
  it('bench M/D/1 at 110/s with a short expiry (queue overflows into 420s)', () => {
    const recs = expectSameAsReference(load('test/bench/md1-110.yaml', ['duration=300s', 'traffic[0].expiry=5']));
    expect(recs.some((r) => r.code === '420')).toBe(true);
  });
  it('bench US day, scaled down (every stage, T-Mobile cap, two Pacific days)', () => {
    const set = ['rules.tpd=40', 'account.mps.sms=1', 'traffic[0].arrival.rate=1500/day', 'traffic[1].arrival.count=60',
      'traffic[2].arrival.rate=800/day', 'traffic[3].arrival.rate=2000/day', 'traffic[4].arrival.count=300', 'traffic[5].arrival.rate=400/day',
      'rules.tpm.att=40', 'rules.tpm.tmobile=40'];
    const recs = expectSameAsReference(load('test/bench/us-day.yaml', set));
    expect(new Set(recs.map((r) => r.code))).toEqual(new Set([null, '420', 'tmobile_daily_cap']));
  });
});

describe('engine = reference on random small scenarios', () => {
  it('agrees message by message (dispatch time, status, code)', () => {
    checkRandomScenarios(150, 7, 100);
  });
});
