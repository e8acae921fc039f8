// Incidents (issue 14 item 3): carrier outages, degraded carriers and provider-wide
// outages, as stages that are closed or slowed for a while. Exact, hand-computed answers.
import { describe, expect, it } from 'vitest';
import { runRecords, scenarioOf } from '../helpers/scenario.js';
import { referenceRun } from './reference.js';
import { summarize } from '../../src/report/summary.js';
import { renderTable } from '../../src/report/table.js';

const tollFree = (incidents: string, extra = '') => `
seed: 3
start: 2026-05-05T10:00:00-04:00
duration: 1h
account: { mps: { sms: 100 } }
numbers:
  - { id: tf1, number: "+18885550001", type: toll_free, country: US, verified: true }
  - { id: tf2, number: "+18885550002", type: toll_free, country: US, verified: true }
traffic:
  - { name: otp, from: [tf1, tf2], expiry: 600, arrival: { kind: poisson, rate: 2/s } }
${extra}
incidents:
${incidents}
`;

const same = (yaml: string) => {
  const sc = scenarioOf(yaml);
  const engine = runRecords(sc).records.map((r) => [r.index, r.carrier, r.submitMs, r.endMs, r.status, r.code]);
  expect(engine).toEqual(referenceRun(sc).map((r) => [r.index, r.carrier, r.submitMs, r.endMs, r.status, r.code]));
};

describe('carrier outage', () => {
  // T-Mobile is down from 10:10 to 10:40. Its messages wait at the outage gate; at 10:40
  // those that have waited more than 10 minutes (submitted before 10:30) fail with 420,
  // the rest go out at 10:40. No other carrier is touched.
  const yaml = tollFree('  - { kind: carrier_outage, carrier: tmobile, start: 10m, end: 40m }');

  it('fails with 420 exactly the T-Mobile messages that waited more than 10 minutes, and no other carrier\'s', () => {
    const { records, result } = runRecords(scenarioOf(yaml));
    const failed = records.filter((r) => r.status === 'failed');
    const expected = records.filter((r) => r.carrier === 'tmobile' && r.submitMs >= 600_000 && r.submitMs < 1_800_000);
    expect(expected.length).toBeGreaterThan(600); // about 2/s × 1,200 s × 30% T-Mobile
    expect(failed.map((r) => r.uuid)).toEqual(expected.map((r) => r.uuid));
    expect(new Set(failed.map((r) => `${r.code}@${r.endMs}`))).toEqual(new Set(['420@2400000']));
    // T-Mobile messages submitted 10:30-10:40 went out at 10:40; other carriers never waited.
    const late = records.filter((r) => r.carrier === 'tmobile' && r.submitMs >= 1_800_000 && r.submitMs < 2_400_000);
    expect(late.every((r) => r.status === 'delivered' && r.dispatchedMs === 2_400_000)).toBe(true);
    expect(records.filter((r) => r.carrier !== 'tmobile').every((r) => r.status === 'delivered' && r.endMs === r.submitMs)).toBe(true);
    expect(result.total.failed).toBe(expected.length);
  });

  it('shows the gate among the stages, with the queue it held', () => {
    const s = summarize(runRecords(scenarioOf(yaml)).result);
    const gate = s.stages.find((x) => x.name === 'outage:tmobile')!;
    expect(gate.limit).toBe('closed during outages');
    expect(renderTable(s)).toContain('bottleneck: T-Mobile outage: 100% of waiting');
    expect(gate.max_queue).toBeGreaterThan(900);
  });

  it('the reference simulator agrees', () => same(yaml.replace('duration: 1h', 'duration: 45m').replace('2/s', '1/s')));
});

describe('provider-wide outage', () => {
  // Nothing leaves the account queue from 10:10 to 10:20; then the backlog of about 1,200
  // drains at the rate of the stages behind it — two toll-free numbers at 25/s each, taken
  // in turn: 50/s — oldest first, the k-th held message at 10:20 + floor(k/50) s. It was
  // submitted about k/2 s after 10:10, so it waits about 600 − 0.48·k s: none expires.
  const yaml = tollFree('  - { kind: provider_outage, start: 10m, end: 20m }');

  it('closes the account queue: every carrier waits, the backlog drains at the account rate', () => {
    const { records } = runRecords(scenarioOf(yaml));
    const held = records.filter((r) => r.submitMs >= 600_000 && r.submitMs < 1_200_000);
    expect(held.length).toBeGreaterThan(1000);
    expect(held.map((r) => r.dispatchedMs)).toEqual(held.map((_, k) => 1_200_000 + Math.floor(k / 50) * 1000));
    expect(new Set(held.map((r) => r.carrier)).size).toBe(4);
    expect(records.filter((r) => r.submitMs < 600_000).every((r) => r.endMs === r.submitMs)).toBe(true);
  });

  it('the reference simulator agrees', () => same(yaml));
});

describe('carrier outage on 10DLC', () => {
  // The gate stands before the carrier's TPM stage: when T-Mobile is back, its backlog
  // leaves at its 60/min TPM (a sliding minute), not all at once.
  const yaml = `
start: 2026-05-05T10:00:00-04:00
duration: 1m
account: { mps: { sms: 1000 } }
brand: { vetting_score: 80, campaigns: [{ id: m, use_case: marketing }] }
rules: { tpm: { tmobile: 60 } }
numbers: [{ id: lc, number: "+14155550101", type: long_code, country: US, campaign: m }]
traffic:
  - { name: b, from: lc, carriers: { tmobile: 1 }, arrival: { kind: burst, count: 150 } }
incidents:
  - { kind: carrier_outage, carrier: tmobile, start: 0s, end: 5m }
`;

  it('drains the backlog at the carrier TPM after the outage', () => {
    const { records } = runRecords(scenarioOf(yaml));
    expect(records.map((r) => r.dispatchedMs! / 1000)).toEqual([...Array(60).fill(300), ...Array(60).fill(360), ...Array(30).fill(420)]);
    same(yaml);
  });
});

describe('degraded carrier', () => {
  // AT&T's 10DLC TPM is 60/min; degraded to half from 0 to 1 min, 30/min: evenly 2 s apart.
  const yaml = `
start: 2026-05-05T10:00:00-04:00
duration: 1m
account: { mps: { sms: 1000 } }
brand: { vetting_score: 80, campaigns: [{ id: m, use_case: marketing }] }
rules: { tpm: { att: 60 } }
numbers: [{ id: lc, number: "+14155550101", type: long_code, country: US, campaign: m }]
traffic:
  - { name: b, from: lc, carriers: { att: 1 }, arrival: { kind: burst, count: 40 } }
incidents:
  - { kind: degraded_carrier, carrier: att, factor: 0.5, start: 0s, end: 1m }
`;

  it('paces the carrier at factor × its TPM while degraded, then its own limit applies again', () => {
    const { records } = runRecords(scenarioOf(yaml));
    const out = records.map((r) => r.dispatchedMs! / 1000);
    // 0, 2, ..., 58 s while degraded (30 leave); at 60 s the spell is over and the sliding
    // 60/min window has 30 left: the remaining 10 go at once.
    expect(out).toEqual([...Array.from({ length: 30 }, (_, k) => 2 * k), ...Array(10).fill(60)]);
    same(yaml);
  });
});

describe('incident validation', () => {
  const bad = (x: string) => () => scenarioOf(tollFree(x));
  it('one clear line each', () => {
    expect(bad('  - { kind: carrier_outage, start: 0s, end: 1m }')).toThrow(/incidents\[0\]\.carrier: expected a carrier for a carrier_outage, got nothing/);
    expect(bad('  - { kind: provider_outage, carrier: att, start: 0s, end: 1m }')).toThrow(/incidents\[0\]\.carrier: expected no carrier for a provider_outage/);
    expect(bad('  - { kind: degraded_carrier, carrier: att, factor: 1.5, start: 0s, end: 1m }')).toThrow(/incidents\[0\]\.factor: expected a factor between 0 and 1 \(exclusive\)/);
    expect(bad('  - { kind: carrier_outage, carrier: att, start: 5m, end: 1m }')).toThrow(/incidents\[0\]\.end: expected a time after start \(300s\)/);
  });
});
