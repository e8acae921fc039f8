// Engine = reference (test/engine/reference.ts) on small scenarios that mix the real-day
// features: daily profiles, sending windows (one zone and a weighted mix), sender choice,
// recipient pools and carrier mixes per traffic and per destination country.
import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../src/engine/types.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';
import { referenceRun, type RefRecord } from './reference.js';

const project = (r: MessageRecord): RefRecord => ({
  index: r.index, traffic: r.traffic, from: r.from, carrier: r.carrier, submitMs: r.submitMs,
  dispatchedMs: r.dispatchedMs, endMs: r.endMs, status: r.status as RefRecord['status'], code: r.code, units: r.units, attempt: r.attempt,
});

const numbers = `
brand: { vetting_score: 20, campaigns: [{ id: m, use_case: marketing }] }
rules: { tpd: 150, tpm: { tmobile: 30 } }
numbers:
  - { id: lc1, number: "+14155550101", type: long_code, country: US, campaign: m }
  - { id: lc2, number: "+14155550102", type: long_code, country: US, campaign: m }
  - { id: lc3, number: "+14155550103", type: long_code, country: US, campaign: m }
  - { id: ca1, number: "+16475550101", type: long_code, country: CA }
  - { id: ca2, number: "+16475550102", type: long_code, country: CA }
`;

const cases: [string, string][] = [
  [
    'even profile, a window across US zones, random senders',
    `start: 2026-03-07T18:00:00-05:00
duration: 2d
traffic:
  - name: retail
    from: [lc1, lc2, lc3]
    sender: random
    expiry: 1800
    arrival: { kind: profile, time_zone: America/New_York, spacing: even, per_hour: [2,1,1,1,1,1,3,8,20,30,30,25,25,25,20,20,25,30,35,30,20,10,5,3] }
    send_window: { from: "09:00", to: "20:00", time_zones: { America/New_York: 0.5, America/Chicago: 0.3, America/Los_Angeles: 0.2 } }
`,
  ],
  [
    'Poisson profile, sticky pool, one-zone window, Canadian traffic beside US with its own mix',
    `start: 2026-10-31T12:00:00-04:00
duration: 1d
traffic:
  - name: clinic
    from: [ca1, ca2]
    to_country: CA
    sender: sticky
    recipients_pool: 30
    recipients: 2
    expiry: 900
    arrival: { kind: profile, time_zone: America/Toronto, per_hour: [0,0,0,0,0,0,5,20,40,40,30,30,30,30,30,30,30,30,20,10,5,0,0,0] }
    send_window: { from: "08:00", to: "20:00", time_zone: America/Toronto }
  - name: promo
    from: [lc1, lc2]
    carriers: { tmobile: 0.6, verizon: 0.4 }
    recipients_pool: 200
    arrival: { kind: poisson, rate: 40/h }
    send_window: { from: "22:00", to: "02:00", time_zone: America/Los_Angeles }
`,
  ],
];

describe('engine = reference with profiles, windows, sender choice, pools and mixes', () => {
  for (const [label, body] of cases) {
    it(label, () => {
      const sc = scenarioOf(`${numbers}\n${body}`);
      const expected = referenceRun(sc);
      expect(expected.length).toBeGreaterThan(100);
      expect(runRecords(sc).records.map(project)).toEqual(expected);
    }, 60_000);
  }
});
