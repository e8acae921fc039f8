// Bulk requests (FAQ: `dst` with "<"-separated numbers): `recipients: N` makes each API
// request N messages, submitted at the same time to distinct destinations.
import { describe, expect, it } from 'vitest';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

describe('recipients', () => {
  it('each request becomes N messages with one submission time and N destinations', () => {
    const sc = scenarioOf(`
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: bulk, from: [tf1], arrival: { kind: constant, rate: 1/s }, recipients: 3 }
duration: 2s
`);
    const { records, result } = runRecords(sc);
    expect(records.map((r) => r.submitMs)).toEqual([0, 0, 0, 1000, 1000, 1000]);
    expect(new Set(records.map((r) => r.to)).size).toBe(6);
    expect(new Set(records.map((r) => r.uuid)).size).toBe(6);
    expect(result.total.submitted).toBe(6);
    // Each destination is its own message under the account's 5 MPS.
    expect(records.map((r) => r.dispatchedMs)).toEqual([0, 0, 0, 1000, 1000, 1000]);
  });

  it('a burst of 4 requests to 3 recipients at 5 MPS: 12 messages, 5 per second', () => {
    const sc = scenarioOf(`
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: bulk, from: [tf1], arrival: { kind: burst, count: 4 }, recipients: 3 }
`);
    const { records } = runRecords(sc);
    expect(records).toHaveLength(12);
    expect(records.every((r) => r.submitMs === 0)).toBe(true);
    expect(records.map((r) => (r.dispatchedMs as number) / 1000)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2]);
  });
});
