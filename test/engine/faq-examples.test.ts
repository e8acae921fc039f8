// The FAQ's worked examples, exactly (SPEC §1 "Limiter semantics", issue 2).
import { describe, expect, it } from 'vitest';
import { dispatchSeconds, runRecords, scenarioOf } from '../helpers/scenario.js';

const tollFree = `
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
`;

describe('FAQ examples', () => {
  it('5 MPS: 10 SMS submitted at t=0 leave as 5 at 0 s and 5 at 1 s', () => {
    const sc = scenarioOf(`${tollFree}
traffic:
  - { name: t, from: [tf1], arrival: { kind: burst, count: 10 } }
`);
    const { records } = runRecords(sc);
    expect(dispatchSeconds(records)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });

  it('5 MPS: 5 SMS in a second are all dispatched at once', () => {
    const sc = scenarioOf(`${tollFree}
traffic:
  - { name: t, from: [tf1], arrival: { kind: burst, count: 5 } }
`);
    expect(dispatchSeconds(runRecords(sc).records)).toEqual([0, 0, 0, 0, 0]);
  });

  it('0.25 MPS: 3 MMS at t=0 leave at 0, 4 and 8 s', () => {
    const sc = scenarioOf(`${tollFree}
traffic:
  - { name: t, from: [tf1], type: mms, arrival: { kind: burst, count: 3 } }
`);
    expect(dispatchSeconds(runRecords(sc).records)).toEqual([0, 4, 8]);
  });

  it('100 SMS burst with expiry 10 at 5 MPS: 55 delivered, 45 fail with 420 at 11 s', () => {
    const sc = scenarioOf(`${tollFree}
traffic:
  - { name: t, from: [tf1], arrival: { kind: burst, count: 100 }, expiry: 10 }
`);
    const { result, records } = runRecords(sc);
    expect(result.total.delivered).toBe(55);
    expect(result.total.failed).toBe(45);
    const failed = records.filter((r) => r.status === 'failed');
    expect(failed.every((r) => r.code === '420' && r.endMs === 11_000)).toBe(true);
    expect(Math.max(...dispatchSeconds(records))).toBe(10);
  });

  it('30 SMS from a Canadian long code at default MPS: the last leaves at 62 s', () => {
    const sc = scenarioOf(`
numbers:
  - { id: ca1, number: "+16475550101", type: long_code, country: CA }
traffic:
  - { name: t, from: [ca1], to_country: CA, arrival: { kind: burst, count: 30 } }
`);
    const secs = dispatchSeconds(runRecords(sc).records);
    expect(secs).toEqual([
      0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2,
      60, 60, 60, 60, 60, 61, 61, 61, 61, 61, 62, 62, 62, 62, 62,
    ]);
  });

  it('excess over MPS is queued, never dropped: 1,000 SMS all delivered with default expiry', () => {
    const sc = scenarioOf(`${tollFree}
traffic:
  - { name: t, from: [tf1], arrival: { kind: burst, count: 1000 } }
`);
    const { result } = runRecords(sc);
    expect(result.total.delivered).toBe(1000);
    expect(result.total.lastDispatchMs).toBe(199_000);
  });
});
