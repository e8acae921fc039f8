/**
 * Every Twilio and Telnyx number that issue 21 found wrong or under-claimed, pinned by the
 * number its page gives (each fails on the profiles before issue 21): like
 * faq-numbers.test.ts for the Plivo FAQ.
 */
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../src/rules/providers.js';
import { dispatchSeconds, runRecords, scenarioOf } from '../helpers/scenario.js';

const brand = (score = 80) => `
brand:
  vetting_score: ${score}
  campaigns:
    - { id: c1, use_case: marketing }
`;
const LONG_CODE = '{ id: lc1, number: "+14155550100", type: long_code, country: US, campaign: c1 }';
const at = (secs: number[], s: number) => secs.filter((x) => x === s).length;

describe('Twilio, as its pages say', () => {
  it('1. 120 MMS from one US long code to AT&T and Verizon take ≥ 119 s (1 MMS/s per long code, across carriers)', () => {
    const sc = scenarioOf(`provider: twilio
${brand()}
numbers:
  - ${LONG_CODE}
carriers: { att: 0.5, verizon: 0.5 }
traffic:
  - { name: t, from: [lc1], type: mms, arrival: { kind: burst, count: 120 } }
`);
    const secs = dispatchSeconds(runRecords(sc).records);
    expect(secs).toHaveLength(120);
    expect(Math.max(...secs)).toBeGreaterThanOrEqual(119);
    expect(at(secs, 0)).toBe(1);
  });

  it('2. account long-code MMS 50/s (parent and subaccounts); no account limit on short code MMS', () => {
    const pool = scenarioOf(`provider: twilio
${brand()}
numbers:
  - { id: lc, count: 60, number: "+1415555xxxx", type: long_code, country: US, campaign: c1 }
traffic:
  - { name: t, from: [lc], type: mms, arrival: { kind: burst, count: 60 } }
`);
    const secs = dispatchSeconds(runRecords(pool).records);
    expect(at(secs, 0)).toBe(50);
    expect(at(secs, 1)).toBe(10);
    const shortCode = scenarioOf(`provider: twilio
numbers:
  - { id: sc1, number: "55512", type: short_code, country: US }
traffic:
  - { name: t, from: [sc1], type: mms, arrival: { kind: burst, count: 100 } }
`);
    // Only the short code's own 100/s holds them: all leave at 0 s (the account's 25/s held 75 back).
    expect(at(dispatchSeconds(runRecords(shortCode).records), 0)).toBe(100);
  });

  it('3. minor carriers capped at 10 MPS (600/min), flagged as third-party', () => {
    const sc = scenarioOf(`provider: twilio
account: { mps: { sms: 10000 } }
${brand()}
numbers:
  - ${LONG_CODE}
carriers: { other: 1 }
traffic:
  - { name: t, from: [lc1], arrival: { kind: burst, count: 1200 } }
`);
    const secs = dispatchSeconds(runRecords(sc).records);
    expect(at(secs, 0)).toBe(600);
    expect(at(secs, 60)).toBe(600);
    expect(sc.warnings.join('\n')).toMatch(/other TPM capped at 600 — assumed: third-party copies only/);
  });

  it('4. toll-free: Restricted numbers blocked from 2023-11-08, Pending ones from 2024-01-31', () => {
    const tf = (verification: string) =>
      scenarioOf(`provider: twilio
start: 2023-12-01T12:00:00Z
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verification: ${verification} }
traffic:
  - { name: t, from: [tf1], arrival: { kind: burst, count: 3 } }
`);
    const restricted = runRecords(tf('restricted'));
    expect(restricted.result.total.failed).toBe(3);
    expect(restricted.records.every((r) => r.code === 'toll_free_unverified')).toBe(true);
    expect(runRecords(tf('pending')).result.total.delivered).toBe(3);
    expect(tf('restricted').warnings.join('\n')).toMatch(/blocked from 2023-11-08 when restricted/);
  });

  it('4. verification: defaults keep today\'s scenarios: verified: true is verified, no field is pending; a contradiction is an error', () => {
    const one = (fields: string) =>
      scenarioOf(`provider: twilio
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US${fields} }
traffic:
  - { name: t, from: [tf1], arrival: { kind: burst, count: 1 } }
`).numbers[0];
    expect(one(', verified: true').verification).toBe('verified');
    expect(one('').verification).toBe('pending');
    expect(() => one(', verified: true, verification: restricted')).toThrow(/numbers\[0\]\.verification: expected verified/);
  });

  it('8. Canadian long code 1/s and short code 100/s are cited to Twilio pages, not assumed', () => {
    const tw = PROVIDERS.twilio;
    for (const type of ['long_code', 'short_code'] as const) {
      const row = tw.numbers.find((r) => r.country === 'CA' && r.type === type)!;
      expect(row.cite.assumption).toBeNull();
      expect(row.cite.url).toMatch(/^https:\/\/(support|www)\.twilio\.com\//);
      expect(row.cite.quote).toMatch(type === 'long_code' ? /1 SMS segment per second/ : /100 messages per second/);
    }
  });
});

describe('Telnyx, as its pages say', () => {
  it('5. a US long code sending to Canada runs at 0.1 MPS (the long-code limit is keyed on the destination)', () => {
    const sc = scenarioOf(`provider: telnyx
${brand()}
numbers:
  - ${LONG_CODE}
traffic:
  - { name: t, from: [lc1], to_country: CA, arrival: { kind: burst, count: 10 } }
`);
    expect(dispatchSeconds(runRecords(sc).records)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it('6. T-Mobile and Verizon TPM are flagged as assumptions in the warnings and the rules', () => {
    const sc = scenarioOf(`provider: telnyx
${brand()}
numbers:
  - ${LONG_CODE}
traffic:
  - { name: t, from: [lc1], arrival: { kind: burst, count: 1 } }
`);
    const w = sc.warnings.join('\n');
    expect(w).toMatch(/campaign "c1": tmobile TPM 4500 — assumed: the page gives T-Mobile daily caps per brand only/);
    expect(w).toMatch(/campaign "c1": verizon TPM 4500 — assumed: the page gives no Verizon throughput/);
    expect(w).not.toMatch(/att TPM/);
  });

  it('7. queues are measured in segments: a 4 h queue of a Canadian long code holds 1,440 segments = 480 three-segment SMS', () => {
    const sc = scenarioOf(`provider: telnyx
numbers:
  - { id: ca1, number: "+16475550101", type: long_code, country: CA }
traffic:
  - { name: t, from: [ca1], to_country: CA, units: 3, arrival: { kind: burst, count: 1500 } }
`);
    const { result } = runRecords(sc, {});
    // 6 leave in the first minute, 480 (1,440 segments) wait, the other 1,014 are rejected.
    expect(result.total.failed).toBe(1014);
  });

  it('7. the 10DLC MMS 50/min per number is flagged, naming the AT&T MMS TPM per campaign the page gives', () => {
    const c = PROVIDERS.telnyx.mms10dlc.cite;
    expect(c.assumption).toMatch(/2,400 \/ 1,200 \/ 150 \/ 50/);
  });

  it('8. 40318 and the score-0 Low tier are cited to the rate-limiting page, not assumed', () => {
    const tx = PROVIDERS.telnyx;
    expect(tx.codes.queue_full.cite.assumption).toBeNull();
    expect(tx.codes.queue_full.cite.url).toBe('https://developers.telnyx.com/docs/messaging/messages/rate-limiting');
    const zero = tx.caps[0].tpd.find((r) => r.minScore === 0)!;
    expect(zero.cite.assumption).toBeNull();
    expect(zero.tpd).toBe(2000);
  });
});
