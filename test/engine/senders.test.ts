// Sender choice (round_robin | random | sticky), recipient pools and carrier mixes per
// traffic source and per destination country (issue 14 items 5-6).
import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../src/engine/types.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

const base = (traffic: string, extra = '') => `
account: { mps: { sms: 1000 } }
${extra}
numbers:
  - { id: a, number: "+18885550001", type: toll_free, country: US, verified: true }
  - { id: b, number: "+18885550002", type: toll_free, country: US, verified: true }
  - { id: c, number: "+18885550003", type: toll_free, country: US, verified: true }
  - { id: ca, number: "+16475550001", type: long_code, country: CA }
traffic:
${traffic}
`;
const records = (yaml: string): MessageRecord[] => runRecords(scenarioOf(yaml)).records;
const countBy = <T>(xs: T[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<T, number>());

describe('sender choice', () => {
  it('round_robin (the default) takes the numbers in turn, one per request', () => {
    const r = records(base('  - { name: t, from: [a, b, c], arrival: { kind: burst, count: 7 } }'));
    expect(r.map((x) => x.from.slice(-1))).toEqual(['1', '2', '3', '1', '2', '3', '1']);
  });

  it('random draws each request\'s number uniformly (seeded): every number used about a third of the time', () => {
    const yaml = base('  - { name: t, from: [a, b, c], sender: random, arrival: { kind: burst, count: 3000 } }');
    const r = records(yaml);
    const n = countBy(r.map((x) => x.from));
    expect(n.size).toBe(3);
    // Binomial(3000, 1/3): sd = 25.8; 4 sd either side.
    for (const k of n.values()) expect(Math.abs(k - 1000)).toBeLessThan(104);
    expect(records(yaml).map((x) => x.from)).toEqual(r.map((x) => x.from)); // same seed, same draws
  });

  it('sticky keeps each of the pool\'s recipients on one number, and every message goes to one of N recipients', () => {
    const r = records(base('  - { name: t, from: [a, b, c], sender: sticky, recipients_pool: 40, arrival: { kind: burst, count: 2000 } }'));
    const byTo = new Map<string, Set<string>>();
    const carrierOf = new Map<string, Set<string>>();
    for (const x of r) {
      byTo.set(x.to, (byTo.get(x.to) ?? new Set()).add(x.from));
      carrierOf.set(x.to, (carrierOf.get(x.to) ?? new Set()).add(x.carrier));
    }
    expect(byTo.size).toBe(40); // 2000 draws over 40 recipients reach all of them
    for (const froms of byTo.values()) expect(froms.size).toBe(1);
    for (const carriers of carrierOf.values()) expect(carriers.size).toBe(1);
    // Recipient j is sent from number j mod 3: 40 recipients → 14, 13, 13 per number.
    const recipientsPerNumber = [...countBy([...byTo.values()].map((s) => [...s][0])).values()].sort();
    expect(recipientsPerNumber).toEqual([13, 13, 14]);
  });

  it('works with number pools (count: N): sticky spreads recipients over the pool\'s numbers', () => {
    const r = records(`
account: { mps: { sms: 1000 } }
numbers:
  - { id: tf, type: toll_free, country: US, verified: true, count: 4 }
traffic:
  - { name: t, from: [tf], sender: sticky, recipients_pool: 20, arrival: { kind: burst, count: 400 } }
`);
    const byTo = new Map<string, Set<string>>();
    for (const x of r) byTo.set(x.to, (byTo.get(x.to) ?? new Set()).add(x.from));
    expect([...byTo.values()].every((f) => f.size === 1)).toBe(true);
    expect(new Set(r.map((x) => x.from)).size).toBe(4); // recipient j on number j mod 4
  });

  it('a recipient pool without sticky still fixes each recipient\'s carrier', () => {
    const r = records(base('  - { name: t, from: [a, b], recipients_pool: 5, arrival: { kind: burst, count: 500 } }'));
    expect(new Set(r.map((x) => x.to)).size).toBe(5);
    const carrierOf = new Map<string, Set<string>>();
    for (const x of r) carrierOf.set(x.to, (carrierOf.get(x.to) ?? new Set()).add(x.carrier));
    for (const s of carrierOf.values()) expect(s.size).toBe(1);
    expect(new Set(r.map((x) => x.from)).size).toBe(2); // round-robin still alternates numbers
  });

  it('rejects sticky without a pool, and either on replay', () => {
    expect(() => scenarioOf(base('  - { name: t, from: [a], sender: sticky, arrival: { kind: burst, count: 1 } }'))).toThrow(
      /traffic\[0\]\.sender: expected recipients_pool: N next to sender: sticky \(sticky keeps each recipient on one number\), got "sticky" without recipients_pool/,
    );
    expect(() => scenarioOf(base('  - { name: t, from: [a], recipients_pool: 0, arrival: { kind: burst, count: 1 } }'))).toThrow(
      /traffic\[0\]\.recipients_pool: expected an integer from 1 to 10000000, got 0/,
    );
  });
});

describe('carrier mix per traffic and per destination country', () => {
  it('Canadian traffic defaults to the rulebook mix for CA: all "other", never AT&T/T-Mobile/Verizon', () => {
    const r = records(base('  - { name: t, from: [ca], to_country: CA, arrival: { kind: burst, count: 200 } }'));
    expect(new Set(r.map((x) => x.carrier))).toEqual(new Set(['other']));
  });

  it('US traffic keeps the US default mix (35/30/30/5)', () => {
    const r = records(base('  - { name: t, from: [a, b, c], arrival: { kind: burst, count: 4000 } }'));
    const n = countBy(r.map((x) => x.carrier));
    expect(Math.abs(n.get('att')! / 4000 - 0.35)).toBeLessThan(0.04);
    expect(Math.abs(n.get('other')! / 4000 - 0.05)).toBeLessThan(0.02);
  });

  it('a traffic mix beats the scenario mix, which beats the country default', () => {
    const yaml = base(
      [
        '  - { name: own, from: [a], carriers: { tmobile: 1 }, arrival: { kind: burst, count: 50 } }',
        '  - { name: scen, from: [b], arrival: { kind: burst, count: 50 } }',
        '  - { name: can, from: [ca], to_country: CA, arrival: { kind: burst, count: 50 } }',
      ].join('\n'),
      'carriers: { verizon: 1 }',
    );
    const r = records(yaml);
    const carriers = (t: string) => new Set(r.filter((x) => x.traffic === t).map((x) => x.carrier));
    expect(carriers('own')).toEqual(new Set(['tmobile']));
    expect(carriers('scen')).toEqual(new Set(['verizon']));
    expect(carriers('can')).toEqual(new Set(['verizon'])); // the scenario's mix was written: it applies to every source
  });

  it('a traffic mix must sum to 1', () => {
    expect(() => scenarioOf(base('  - { name: t, from: [a], carriers: { att: 0.5 }, arrival: { kind: burst, count: 1 } }'))).toThrow(
      /traffic\[0\]\.carriers: expected weights summing to 1, got a sum of 0\.5/,
    );
  });
});
