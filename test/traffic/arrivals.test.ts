import { describe, expect, it } from 'vitest';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

const numbers = `
account: { mps: { sms: 100000 } }
numbers:
  - { id: sc1, number: "55501", type: short_code, country: US, limits: { sms: 100000/s } }
  - { id: sc2, number: "55502", type: short_code, country: US, limits: { sms: 100000/s } }
`;

const submitTimes = (yaml: string) => runRecords(scenarioOf(yaml)).records.map((r) => r.submitMs);

describe('arrival processes', () => {
  it('constant: evenly spaced over the window', () => {
    const t = submitTimes(`${numbers}
duration: 1s
traffic:
  - { name: c, from: [sc1], arrival: { kind: constant, rate: 4/s } }
`);
    expect(t).toEqual([0, 250, 500, 750]);
  });

  it('ramp from 0 to 2/s over 10 s: 10 requests, gaps shrinking', () => {
    const t = submitTimes(`${numbers}
duration: 10s
traffic:
  - { name: r, from: [sc1], arrival: { kind: ramp, from: 0/s, to: 2/s } }
`);
    // Λ(t) = t²/10 (t in s): request k at sqrt(10k) s.
    expect(t).toEqual([0, 3162, 4472, 5477, 6324, 7071, 7745, 8366, 8944, 9486]);
  });

  it('source windows: start and end offsets bound generation', () => {
    const t = submitTimes(`${numbers}
duration: 1h
traffic:
  - { name: c, from: [sc1], arrival: { kind: constant, rate: 1/s }, start: 10s, end: 13s }
`);
    expect(t).toEqual([10_000, 11_000, 12_000]);
  });

  it('poisson: the count over 1 h at 20/s is within 4 standard deviations of 72,000', () => {
    const t = submitTimes(`${numbers}
duration: 1h
traffic:
  - { name: p, from: [sc1], arrival: { kind: poisson, rate: 20/s } }
`);
    expect(Math.abs(t.length - 72_000)).toBeLessThan(4 * Math.sqrt(72_000));
    expect(t.every((x, i) => i === 0 || x >= t[i - 1])).toBe(true);
  });

  it('senders are used round-robin and the carrier mix is followed', () => {
    const { records } = runRecords(
      scenarioOf(`${numbers}
carriers: { att: 0.5, tmobile: 0.25, verizon: 0.25 }
traffic:
  - { name: b, from: [sc1, sc2], arrival: { kind: burst, count: 20000 } }
`),
    );
    expect(records.slice(0, 4).map((r) => r.from)).toEqual(['55501', '55502', '55501', '55502']);
    const share = (c: string) => records.filter((r) => r.carrier === c).length / records.length;
    expect(share('att')).toBeCloseTo(0.5, 1);
    expect(share('tmobile')).toBeCloseTo(0.25, 1);
    expect(share('other')).toBe(0);
  });

  it('bulk requests: recipients: 3 makes 3 messages per request, same sender and time, distinct destinations', () => {
    const { records } = runRecords(
      scenarioOf(`${numbers}
traffic:
  - { name: b, from: [sc1, sc2], arrival: { kind: burst, count: 2 }, recipients: 3 }
`),
    );
    expect(records.map((r) => r.from)).toEqual(['55501', '55501', '55501', '55502', '55502', '55502']);
    expect(new Set(records.map((r) => r.to)).size).toBe(6);
    expect(new Set(records.map((r) => r.submitMs))).toEqual(new Set([0]));
  });

  it('adding a traffic source does not reshuffle another source (one RNG per source)', () => {
    const base = `${numbers}
duration: 10m
traffic:
  - { name: p, from: [sc1], arrival: { kind: poisson, rate: 5/s } }
`;
    const alone = runRecords(scenarioOf(base)).records;
    const withOther = runRecords(
      scenarioOf(`${base}  - { name: q, from: [sc2], arrival: { kind: poisson, rate: 7/s } }\n`),
    ).records.filter((r) => r.traffic === 'p');
    expect(withOther.map((r) => [r.submitMs, r.carrier, r.to, r.uuid])).toEqual(
      alone.map((r) => [r.submitMs, r.carrier, r.to, r.uuid]),
    );
  });
});

describe('end of run', () => {
  it('until stops the run and counts what still waits as queued', () => {
    const { result, records } = runRecords(
      scenarioOf(`
until: 500ms
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: t, from: [tf1], arrival: { kind: burst, count: 10 } }
`),
    );
    expect(result.total.delivered).toBe(5);
    expect(result.total.queued).toBe(5);
    expect(records.slice(5).every((r) => r.status === 'queued' && r.endMs === null)).toBe(true);
    expect(result.endMs).toBe(500);
  });

  it('without until the run drains every queue after traffic ends', () => {
    const { result } = runRecords(
      scenarioOf(`
duration: 1s
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: t, from: [tf1], arrival: { kind: constant, rate: 50/s } }
`),
    );
    expect(result.total.delivered).toBe(50);
    // Sliding window at 5/s keeps the 20 ms spacing: message k leaves at ⌊k/5⌋ s + (k mod 5)·20 ms.
    expect(result.endMs).toBe(9080);
  });
});

describe('units', () => {
  it('are computed from text (GSM-7 vs UCS-2) and summed in the summary', () => {
    const { result, records } = runRecords(
      scenarioOf(`
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: gsm, from: [tf1], arrival: { kind: burst, count: 1 }, text: "${'a'.repeat(161)}" }
  - { name: ucs, from: [tf1], arrival: { kind: burst, count: 1 }, text: "Привет, ваш код 1234" }
`),
    );
    expect(records.map((r) => r.units)).toEqual([2, 1]);
    expect(result.total.unitsCharged).toBe(3);
  });
});
