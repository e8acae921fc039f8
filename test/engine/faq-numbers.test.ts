/**
 * Every number of the FAQ, pinned by a test that names the value (issue 12): the
 * engine-vs-reference test reads the same tables as the engine, so it cannot catch a
 * wrong table entry; these can. Account MPS is raised where it would hide the limit.
 */
import { describe, expect, it } from 'vitest';
import { dispatchSeconds, runRecords, scenarioOf } from '../helpers/scenario.js';

const FAST_ACCOUNT = 'account: { mps: { sms: 10000, mms: 10000 } }';

/** Dispatch times (s) of `count` messages of `type` from one number, all submitted at 0. */
function burst(number: string, type: 'sms' | 'mms', count: number, toCountry = 'US'): number[] {
  const sc = scenarioOf(`${FAST_ACCOUNT}
numbers:
  - ${number}
traffic:
  - { name: t, from: [n1], type: ${type}, to_country: ${toCountry}, arrival: { kind: burst, count: ${count} } }
`);
  return dispatchSeconds(runRecords(sc).records);
}

/** How many of the dispatch times are at `second`. */
const at = (secs: number[], second: number) => secs.filter((s) => s === second).length;

const US_TF = '{ id: n1, number: "+18445550100", type: toll_free, country: US, verified: true }';
const CA_TF = '{ id: n1, number: "+18445550100", type: toll_free, country: CA, verified: true }';
const US_SC = '{ id: n1, number: "55512", type: short_code, country: US }';
const CA_SC = '{ id: n1, number: "55512", type: short_code, country: CA }';

describe('FAQ per-number throughput, each number by name', () => {
  it.each([
    // label, number, type, per second
    ['US toll-free SMS 25/s', US_TF, 'sms', 25],
    ['US toll-free MMS 2/s', US_TF, 'mms', 2],
    ['US short code SMS 100/s', US_SC, 'sms', 100],
    ['US short code MMS 100/s', US_SC, 'mms', 100],
    ['CA toll-free SMS 25/s', CA_TF, 'sms', 25],
    ['CA toll-free MMS 2/s', CA_TF, 'mms', 2],
    ['CA short code SMS 10/s', CA_SC, 'sms', 10],
  ] as const)('%s: a burst of twice the rate leaves half at 0 s, half at 1 s', (_label, number, type, perSecond) => {
    const to = number.includes('country: CA') ? 'CA' : 'US';
    const secs = burst(number, type, 2 * perSecond, to);
    expect([at(secs, 0), at(secs, 1)]).toEqual([perSecond, perSecond]);
  });

  it('CA long code 15 per minute: the 16th SMS leaves at 60 s', () => {
    const secs = burst('{ id: n1, number: "+16475550101", type: long_code, country: CA }', 'sms', 16, 'CA');
    expect([at(secs, 0), at(secs, 60)]).toEqual([15, 1]);
  });

  it('CA short code: MMS not supported (fails at submission)', () => {
    const sc = scenarioOf(`${FAST_ACCOUNT}
numbers:
  - ${CA_SC}
traffic:
  - { name: t, from: [n1], type: mms, to_country: CA, arrival: { kind: burst, count: 2 } }
`);
    expect(runRecords(sc).records.map((r) => [r.status, r.code, r.endMs])).toEqual([
      ['failed', 'mms_not_supported', 0], ['failed', 'mms_not_supported', 0],
    ]);
  });

  it('10DLC MMS 50 per minute per number per carrier: the 51st to one carrier leaves at 60 s', () => {
    const sc = scenarioOf(`${FAST_ACCOUNT}
brand: { vetting_score: 80, campaigns: [{ id: c, use_case: dedicated }] }
numbers:
  - { id: n1, number: "+14155550100", type: long_code, country: US, campaign: c }
carriers: { att: 1, tmobile: 0, verizon: 0, other: 0 }
traffic:
  - { name: t, from: [n1], type: mms, arrival: { kind: burst, count: 51 } }
`);
    const secs = dispatchSeconds(runRecords(sc).records);
    expect([at(secs, 0), at(secs, 60)]).toEqual([50, 1]);
  });
});

describe('FAQ submission rules', () => {
  it('MMS to a country other than US/CA fails at submission (mms_not_supported)', () => {
    const sc = scenarioOf(`${FAST_ACCOUNT}
numbers:
  - ${US_TF}
traffic:
  - { name: t, from: [n1], type: mms, to_country: GB, arrival: { kind: burst, count: 3 } }
`);
    const { result, records } = runRecords(sc);
    expect(result.total.failed).toBe(3);
    expect(records.every((r) => r.code === 'mms_not_supported' && r.endMs === 0)).toBe(true);
  });

  const unverified = (start: string) =>
    scenarioOf(`start: ${start}
numbers:
  - { id: n1, number: "+18445550100", type: toll_free, country: US }
traffic:
  - { name: t, from: [n1], arrival: { kind: burst, count: 30 } }
`);

  it('unverified toll-free is blocked from 2024-01-31 (toll_free_unverified), not charged by default', () => {
    const { result, records } = runRecords(unverified('2024-01-31T00:00:00Z'));
    expect(result.total.failed).toBe(30);
    expect(records.every((r) => r.code === 'toll_free_unverified')).toBe(true);
    expect(result.total.unitsCharged).toBe(0);
  });

  it('unverified toll-free before 2024-01-31 sends under the normal limits (25/s), with a warning', () => {
    const sc = unverified('2024-01-30T23:59:00Z');
    const { result, records } = runRecords(sc);
    expect(result.total.delivered).toBe(30);
    expect(dispatchSeconds(records)).toEqual([...Array(5).fill(0), ...Array(5).fill(1), ...Array(5).fill(2), ...Array(5).fill(3), ...Array(5).fill(4), ...Array(5).fill(5)]);
    expect(result.network.warnings.join('\n')).toMatch(/sends under the normal limits until 2024-01-31/);
  });

  it('a run that crosses 2024-01-31 sends before midnight UTC and blocks after it', () => {
    const sc = scenarioOf(`start: 2024-01-30T23:59:58Z
numbers:
  - { id: n1, number: "+18445550100", type: toll_free, country: US }
traffic:
  - { name: t, from: [n1], arrival: { kind: constant, rate: 1/s } }
duration: 4s
`);
    expect(runRecords(sc).records.map((r) => r.status)).toEqual(['delivered', 'delivered', 'failed', 'failed']);
  });

  it('rules.charged makes blocked toll-free messages charged (the FAQ: "might incur messaging fees")', () => {
    const sc = scenarioOf(`start: 2024-02-01T00:00:00Z
numbers:
  - { id: n1, number: "+18445550100", type: toll_free, country: US }
traffic:
  - { name: t, from: [n1], arrival: { kind: burst, count: 4 }, units: 2 }
rules: { charged: { toll_free_unverified: true } }
`);
    expect(runRecords(sc).result.total.unitsCharged).toBe(8);
  });
});

describe('FAQ T-Mobile day', () => {
  it('MMS count in the T-Mobile day with SMS: a cap of 3 passes 2 SMS + 1 MMS, then fails', () => {
    const sc = scenarioOf(`${FAST_ACCOUNT}
brand: { vetting_score: 80, campaigns: [{ id: c, use_case: dedicated }] }
numbers:
  - { id: n1, number: "+14155550100", type: long_code, country: US, campaign: c }
carriers: { att: 0, tmobile: 1, verizon: 0, other: 0 }
traffic:
  - { name: s, from: [n1], arrival: { kind: burst, count: 2 } }
  - { name: m, from: [n1], type: mms, arrival: { kind: burst, at: 1s, count: 2 } }
rules: { tpd: 3 }
`);
    const { records } = runRecords(sc);
    expect(records.map((r) => [r.traffic, r.status, r.code])).toEqual([
      ['s', 'delivered', null], ['s', 'delivered', null], ['m', 'delivered', null], ['m', 'failed', 'tmobile_daily_cap'],
    ]);
  });

  it.each([
    [80, 200_000], [74, 40_000], [25, 10_000], [24, 2_000],
  ])('vetting score %i gives a T-Mobile day of %i', (score, tpd) => {
    const sc = scenarioOf(`
brand: { vetting_score: ${score}, campaigns: [{ id: c, use_case: dedicated }] }
numbers:
  - { id: n1, number: "+14155550100", type: long_code, country: US, campaign: c }
`);
    expect(runRecords(sc).result.network.dailyCaps[0].cap).toBe(tpd);
  });
});
