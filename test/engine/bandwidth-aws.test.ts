/**
 * Bandwidth and AWS End User Messaging in the engine, each number by the page it rests on
 * (issue 21): Bandwidth's 1 MPS account dequeue rate, P2P vs A2P per number and 15-minute
 * queue in segments; AWS's MPS by origination type, 1 MPS per 10DLC number, 72 h TTL.
 */
import { describe, expect, it } from 'vitest';
import { dispatchSeconds, runRecords, scenarioOf } from '../helpers/scenario.js';

const at = (secs: number[], s: number) => secs.filter((x) => x === s).length;
const one = (provider: string, number: string, traffic: string, extra = '') =>
  scenarioOf(`provider: ${provider}
${extra}
brand:
  vetting_score: 80
  campaigns:
    - { id: c1, use_case: marketing }
numbers:
  - ${number}
traffic:
  - ${traffic}
`);
const TF = '{ id: n1, number: "+18445550100", type: toll_free, country: US, verified: true }';
const LC = '{ id: n1, number: "+14155550100", type: long_code, country: US, campaign: c1 }';
const CA_LC = '{ id: n1, number: "+16475550101", type: long_code, country: CA }';
const SC = '{ id: n1, number: "55512", type: short_code, country: US }';

describe('Bandwidth', () => {
  it('account dequeue rate 1 MPS by default, counting segments: 2-segment SMS leave one every 2 s', () => {
    const sc = one('bandwidth', TF, '{ name: t, from: [n1], units: 2, arrival: { kind: burst, count: 3 } }');
    // A message leaves with its last segment: 0 s and 1 s, then 2 s and 3 s, ...
    expect(dispatchSeconds(runRecords(sc).records)).toEqual([1, 3, 5]);
  });

  it('A2P numbers have no limit of their own (up to the account): a raised account sends 50 at once from a toll-free number', () => {
    const sc = one('bandwidth', TF, '{ name: t, from: [n1], arrival: { kind: burst, count: 50 } }', 'account: { mps: { sms: 1000 } }');
    expect(at(dispatchSeconds(runRecords(sc).records), 0)).toBe(50);
  });

  it('P2P (a Canadian long code) sends 1 MPS even with a raised account', () => {
    const sc = one('bandwidth', CA_LC, '{ name: t, from: [n1], to_country: CA, arrival: { kind: burst, count: 3 } }', 'account: { mps: { sms: 1000 } }');
    expect(dispatchSeconds(runRecords(sc).records)).toEqual([0, 1, 2]);
  });

  it('the account queue holds 15 minutes of segments: 1,000 at once at 1/s → 99 rejected (queue_full)', () => {
    const sc = one('bandwidth', TF, '{ name: t, from: [n1], arrival: { kind: burst, count: 1000 } }');
    const { result, records } = runRecords(sc);
    expect(records.filter((r) => r.code === 'queue_full')).toHaveLength(result.total.failed);
    expect(result.total.failed).toBe(99);
  });
});

describe('AWS End User Messaging', () => {
  it('a 10DLC number sends 1 MPS until an increase, whatever the carriers allow', () => {
    const sc = one('aws', LC, '{ name: t, from: [n1], arrival: { kind: burst, count: 5 } }');
    expect(dispatchSeconds(runRecords(sc).records)).toEqual([0, 1, 2, 3, 4]);
  });

  it('US toll-free 3 MPS; US short code SMS 100 MPS, MMS 40 MPS', () => {
    expect(at(dispatchSeconds(runRecords(one('aws', TF, '{ name: t, from: [n1], arrival: { kind: burst, count: 6 } }')).records), 0)).toBe(3);
    expect(at(dispatchSeconds(runRecords(one('aws', SC, '{ name: t, from: [n1], arrival: { kind: burst, count: 200 } }')).records), 0)).toBe(100);
    expect(at(dispatchSeconds(runRecords(one('aws', SC, '{ name: t, from: [n1], type: mms, arrival: { kind: burst, count: 80 } }')).records), 0)).toBe(40);
  });

  it('message parts count: a 3-part SMS from a toll-free number takes a second of its 3 MPS', () => {
    const sc = one('aws', TF, '{ name: t, from: [n1], units: 3, arrival: { kind: burst, count: 3 } }');
    expect(dispatchSeconds(runRecords(sc).records)).toEqual([0, 1, 2]);
  });

  it('default TimeToLive 72 h (259,200 s)', () => {
    expect(one('aws', TF, '{ name: t, from: [n1], arrival: { kind: burst, count: 1 } }').traffic[0].expirySeconds).toBe(259_200);
  });
});
