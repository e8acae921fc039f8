/**
 * The three provider profiles in the engine, each rule by the number its source gives:
 * the same scenario gives different answers under Plivo, Telnyx and Twilio.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/report/summary.js';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { prepareReplay, validateReplay } from '../../src/traffic/replay.js';
import { dispatchSeconds, runRecords, scenarioOf } from '../helpers/scenario.js';

const TF = '{ id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }';
const burst = (provider: string, count: number, extra = '') =>
  scenarioOf(`provider: ${provider}
numbers:
  - ${TF}
traffic:
  - { name: t, from: [tf1], arrival: { kind: burst, count: ${count} }${extra} }
`);
const at = (secs: number[], s: number) => secs.filter((x) => x === s).length;

describe('provider profiles in the engine', () => {
  it('a toll-free burst of 60: Plivo 5/s (account), Telnyx 20/s (number), Twilio 3/s (number)', () => {
    expect(at(dispatchSeconds(runRecords(burst('plivo', 60)).records), 0)).toBe(5);
    expect(at(dispatchSeconds(runRecords(burst('telnyx', 60)).records), 0)).toBe(20);
    expect(at(dispatchSeconds(runRecords(burst('twilio', 60)).records), 0)).toBe(3);
  });

  it('Twilio counts segments: 3-segment SMS through a 3 segments/s toll-free number leave one per second', () => {
    expect(dispatchSeconds(runRecords(burst('twilio', 4, ', units: 3')).records)).toEqual([0, 1, 2, 3]);
  });

  it('Twilio default validity 36,000 s; Plivo 10,800 s; Telnyx 14,400 s (assumed, with a warning)', () => {
    expect(burst('twilio', 1).traffic[0].expirySeconds).toBe(36_000);
    expect(burst('plivo', 1).traffic[0].expirySeconds).toBe(10_800);
    const telnyx = burst('telnyx', 1);
    expect(telnyx.traffic[0].expirySeconds).toBe(14_400);
    expect(telnyx.warnings.join('\n')).toMatch(/Telnyx: default expiry 14400 s — assumed/);
  });

  it('expiry outside the provider range is an error naming that range', () => {
    expect(() => burst('twilio', 1, ', expiry: 36001')).toThrow('traffic[0].expiry: expected an integer from 1 to 36000, got 36001');
    expect(() => burst('plivo', 1, ', expiry: 4')).toThrow('traffic[0].expiry: expected an integer from 5 to 10799, got 4');
    expect(burst('twilio', 1, ', expiry: 36000').traffic[0].expirySeconds).toBe(36_000);
  });

  it('Telnyx rejects at once a message that finds 4 h of queue (queue_full, Telnyx 40318)', () => {
    // 0.1 per second on a Canadian long code: a 4 h queue holds 1,440 messages.
    const sc = scenarioOf(`provider: telnyx
numbers:
  - { id: ca1, number: "+16475550101", type: long_code, country: CA }
traffic:
  - { name: t, from: [ca1], to_country: CA, arrival: { kind: burst, count: 1500 } }
`);
    const { result, records } = runRecords(sc, {});
    // They reach the number at 50/s (the account): 6 leave in the first minute, 1,440 wait
    // (4 h at 6 per minute) and the other 54 are rejected as they arrive, within 30 s.
    expect(result.total.failed).toBe(54);
    const rejected = records.filter((r) => r.code === 'queue_full');
    expect(rejected).toHaveLength(54);
    expect(rejected.every((r) => r.endMs! <= 30_000)).toBe(true);
    expect(result.total.delivered).toBe(1446);
    expect(result.network.stages.find((s) => s.name === 'sender:ca1:sms')!.maxQueue).toBe(1440);
  });

  it('Plivo never rejects for a full queue: 1,500 wait', () => {
    const sc = scenarioOf(`
numbers:
  - { id: ca1, number: "+16475550101", type: long_code, country: CA }
traffic:
  - { name: t, from: [ca1], to_country: CA, arrival: { kind: burst, count: 1500 } }
`);
    const { result } = runRecords(sc, {});
    expect(result.total.failed).toBe(0);
    expect(result.total.delivered).toBe(1500);
  });

  it('Twilio charges blocked unverified toll-free messages (30032, "subject to messaging fees")', () => {
    const sc = scenarioOf(`provider: twilio
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US }
traffic:
  - { name: t, from: [tf1], arrival: { kind: burst, count: 3 }, units: 2 }
`);
    const { result } = runRecords(sc);
    expect(result.total.failed).toBe(3);
    expect(result.total.unitsCharged).toBe(6);
    expect(summarize(result).provider).toBe('twilio');
  });

  it('Telnyx and Twilio apply AT&T TPM per campaign; T-Mobile stays per brand', () => {
    const yaml = (p: string) => `provider: ${p}
brand: { vetting_score: 80, campaigns: [{ id: a, use_case: dedicated }, { id: b, use_case: marketing }] }
numbers:
  - { id: lc1, number: "+14155550100", type: long_code, country: US, campaign: a }
`;
    for (const p of ['telnyx', 'twilio']) expect(scenarioOf(yaml(p)).rules.tpmScope).toMatchObject({ att: 'campaign', tmobile: 'brand' });
    expect(scenarioOf(yaml('plivo')).rules.tpmScope.att).toBe('brand');
  });

  it('Twilio counts the T-Mobile day in segments (SMS segments plus MMS)', () => {
    const sc = scenarioOf(`provider: twilio
brand: { vetting_score: 80, campaigns: [{ id: c, use_case: dedicated }] }
numbers:
  - { id: lc1, number: "+14155550100", type: long_code, country: US, campaign: c }
carriers: { tmobile: 1 }
rules: { tpd: 5 }
traffic:
  - { name: t, from: [lc1], arrival: { kind: burst, count: 3 }, units: 2 }
`);
    expect(runRecords(sc).records.map((r) => r.status)).toEqual(['delivered', 'delivered', 'failed']);
  });

  it('an unknown provider is an error with the choices', () => {
    expect(() => scenarioOf('provider: sinch\n')).toThrow('provider: expected one of plivo, telnyx, twilio, bandwidth, aws, got "sinch"');
  });

  it("a replayed row's expiry is checked against the provider's range (Twilio 1..36,000 s, Plivo 5..10,799 s)", () => {
    const d = mkdtempSync(join(tmpdir(), 'a2psim-provider-'));
    writeFileSync(join(d, 'r.csv'), 'message_time,from,to,expiry\n2026-03-09T15:00:00Z,+18445550100,+14155550199,20000\n');
    const yaml = (p: string) => `provider: ${p}\nstart: 2026-03-09T15:00:00Z\nnumbers:\n  - ${TF}\ntraffic:\n  - { name: r, arrival: { kind: replay, file: r.csv } }\n`;
    writeFileSync(join(d, 'twilio.yaml'), yaml('twilio'));
    writeFileSync(join(d, 'plivo.yaml'), yaml('plivo'));
    const twilio = loadScenarioFile(join(d, 'twilio.yaml'));
    expect(runRecords(twilio, { replay: prepareReplay(twilio).replay }).result.total.delivered).toBe(1);
    // Cells other than the time are checked as the run reads them (and in full by validate).
    const plivo = loadScenarioFile(join(d, 'plivo.yaml'));
    const bad = /expiry: expected an integer from 5 to 10799, got/;
    expect(() => validateReplay(plivo)).toThrow(bad);
    expect(() => runRecords(plivo, { replay: prepareReplay(plivo).replay })).toThrow(bad);
  });
});
