import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { patternNumber } from '../../src/scenario/resolve/pools.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

const POOL = (entry: string, from = 'tf') => `
numbers:
  - ${entry}
traffic:
  - { name: t, from: ${from}, arrival: { kind: burst, count: 6 } }
`;

function errorOf(yaml: string, set: string[] = []): string {
  try {
    scenarioOf(yaml, set);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('number pools', () => {
  it.each([
    ['+120255501xx', 0, '+12025550100'],
    ['+120255501xx', 42, '+12025550142'],
    ['+1202555xxxx', 7, '+12025550007'],
    ['5550x', 3, '55503'],
  ])('pattern %s, member %i → %s', (pattern, k, number) => {
    expect(patternNumber(pattern, k)).toBe(number);
  });

  it('expands count: N into ids <id>-1..<id>-N in the fictional 555-01xx range, used round-robin by the pool id', () => {
    const sc = scenarioOf(POOL('{ id: tf, type: toll_free, country: US, verified: true, count: 3 }'));
    expect(sc.numbers.map((n) => [n.id, n.number])).toEqual([
      ['tf-1', '+18005550100'],
      ['tf-2', '+18005550101'],
      ['tf-3', '+18005550102'],
    ]);
    expect(sc.numbers.every((n) => n.verified && n.smsLimit?.count === 25)).toBe(true);
    expect(sc.traffic[0].from).toEqual(['tf-1', 'tf-2', 'tf-3']);
    const { records } = runRecords(sc);
    expect(records.map((r) => r.from)).toEqual(['+18005550100', '+18005550101', '+18005550102', '+18005550100', '+18005550101', '+18005550102']);
  });

  it('takes numbers from a pattern, mixes pools with plain numbers, and lets a member be named alone', () => {
    const sc = scenarioOf(`
numbers:
  - { id: lc, number: "+1415555xxxx", type: long_code, country: US, count: 2 }
  - { id: tf1, number: "+18885550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: t, from: [tf1, lc, lc-1], arrival: { kind: burst, count: 1 } }
`);
    expect(sc.numbers.map((n) => n.number)).toEqual(['+14155550000', '+14155550001', '+18885550100']);
    expect(sc.traffic[0].from).toEqual(['tf1', 'lc-1', 'lc-2', 'lc-1']);
  });

  it('a pool count is a --set path', () => {
    const sc = scenarioOf(POOL('{ id: tf, type: toll_free, country: US, verified: true, count: 3 }'), ['numbers[0].count=12']);
    expect(sc.numbers).toHaveLength(12);
    expect(sc.numbers[11]).toMatchObject({ id: 'tf-12', number: '+18005550111' });
  });

  it.each([
    [
      'a pool larger than the fictional range',
      '{ id: tf, type: toll_free, country: US, verified: true, count: 101 }',
      'test.yaml:3:68 numbers[0].count: expected at most 100 numbers, or number: a pattern with more x digits, such as "+1202555xxxx" (the fictional range 555-01xx holds 100 numbers), got 101',
    ],
    [
      'a pattern without x',
      '{ id: tf, number: "+18005550100", type: toll_free, country: US, count: 2 }',
      'test.yaml:3:23 numbers[0].number: expected a pattern with one run of x digits for the 2 numbers of the pool, such as "+1202555xxxx", got "+18005550100"',
    ],
    [
      'a short-code pool without a pattern',
      '{ id: tf, type: short_code, country: US, count: 2 }',
      'test.yaml:3:5 numbers[0].number: expected a number pattern such as "555xx" (a US short_code has no range reserved for fiction), got nothing',
    ],
    [
      'a plain number without number',
      '{ id: tf, type: toll_free, country: US }',
      'test.yaml:3:5 numbers[0].number: expected an E.164 number in quotes, such as "+14155550100" (or count: N for a pool of numbers), got nothing',
    ],
    [
      'a count of 0',
      '{ id: tf, type: toll_free, country: US, count: 0 }',
      'test.yaml:3:52 numbers[0].count: expected an integer from 1 to 10000, got 0',
    ],
  ])('%s is an error', (_, entry, message) => {
    expect(errorOf(POOL(entry))).toBe(message);
  });

  it('a pool id clashing with a number id, or two pools in one range, is an error', () => {
    expect(
      errorOf(`
numbers:
  - { id: tf, type: toll_free, country: US, verified: true, count: 2 }
  - { id: tf, number: "+18885550100", type: toll_free, country: US, verified: true }
`),
    ).toBe('test.yaml:4:11 numbers[1].id: expected a unique number id, got "tf" (already used by numbers[0])');
    expect(
      errorOf(`
numbers:
  - { id: a, type: toll_free, country: US, verified: true, count: 2 }
  - { id: b, type: toll_free, country: US, verified: true, count: 2 }
`),
    ).toBe('test.yaml:4:5 numbers[1].number: expected a unique phone number, got "+18005550100" (already used by numbers[0])');
  });
});
