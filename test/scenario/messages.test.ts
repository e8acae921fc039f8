// Error messages that read well (issue 11): the alias bomb is positioned, rate and
// duration range errors say the range, numbers are echoed as written (a seed above 2^53
// keeps its digits), merge keys work, and a --set that breaks a constraint is blamed.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { ScenarioError } from '../../src/scenario/errors.js';

const F = 'a.yaml';
const N = 'numbers:\n  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }\n';

function messageOf(text: string, set: string[] = []): string {
  try {
    parseScenario(text, F, { set });
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('alias bomb', () => {
  it('names the line, column and field of the alias that goes past the limit', () => {
    const text = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(messageOf(text)).toBe('a.yaml:3:40 c[8]: expected at most 100 alias expansions in all, got *b, which brings the document to 109');
  });
});

describe('range errors of rates and durations', () => {
  const rate = (r: string) => messageOf(`${N}traffic:\n  - { name: t, from: tf1, arrival: { kind: constant, rate: ${r} } }\n`);
  it.each([
    ['1e308', 'expected a rate of at most 1,000,000,000 per second, got 1e308'],
    ['"2000000000/s"', 'expected a rate of at most 1,000,000,000 per second, got "2000000000/s"'],
    ['0.0001', 'expected a rate with at most 3 decimals (0.001/s is the slowest per second; write slower rates per hour or day, e.g. "3.6/h"), got 0.0001'],
    ['0', 'expected a rate greater than 0, got 0'],
  ])('rate %s', (r, message) => {
    expect(rate(r)).toBe(`a.yaml:4:60 traffic[0].arrival.rate: ${message}`);
  });

  it.each([
    ['1e308', 'expected a duration of at most 10,000 years, got 1e308'],
    ['0.0001', 'expected a duration in whole milliseconds ("1.5s" or "1500ms", not "1.0005s"), got 0.0001'],
    ['-5', 'expected a duration of 0 or more, got -5'],
  ])('duration %s', (d, message) => {
    expect(messageOf(`duration: ${d}\n`)).toBe(`a.yaml:1:11 duration: ${message}`);
  });
});

describe('numbers are echoed as written', () => {
  it('a seed above 2^53 is rejected with its own digits', () => {
    expect(messageOf('seed: 9007199254740993\n')).toBe('a.yaml:1:7 seed: expected an integer from 0 to 9007199254740991, got 9007199254740993');
    expect(messageOf('name: a\n', ['seed=9007199254740993'])).toBe('--set seed: expected an integer from 0 to 9007199254740991, got 9007199254740993');
  });

  it('the largest safe seed is kept exactly', () => {
    expect(parseScenario(`${N}seed: 9007199254740991\n`, F).seed).toBe(9007199254740991);
  });
});

describe('YAML merge keys (<<)', () => {
  const text = `${N}traffic:
  - &base
    name: a
    from: [tf1]
    expiry: 120
    arrival: { kind: constant, rate: 1/s }
  - <<: *base
    name: b
    expiry: 60
`;
  it('are accepted: the merged map takes the anchor\'s fields, its own keys win', () => {
    const sc = parseScenario(text, F);
    expect(sc.traffic.map((t) => [t.name, t.from, t.expirySeconds, t.arrival.kind])).toEqual([
      ['a', ['tf1'], 120, 'constant'],
      ['b', ['tf1'], 60, 'constant'],
    ]);
  });

  it('an error in an overriding key points at that key', () => {
    expect(messageOf(text.replace('expiry: 60', 'expiry: 3'))).toBe('a.yaml:11:13 traffic[1].expiry: expected an integer from 5 to 10799, got 3');
  });
});

describe('a --set that breaks a constraint is blamed', () => {
  const text = `${N}traffic:\n  - name: a\n    from: [tf1]\n    start: 5m\n    arrival: { kind: constant, rate: 1/s }\nduration: 10m\ncarriers: { att: 0.35, tmobile: 0.3, verizon: 0.3, other: 0.05 }\n`;
  it.each([
    [['duration=1m'], '--set duration=1m: traffic[0].start (a.yaml:6:12): expected a duration before the scenario duration (60s), got "5m"'],
    [['numbers[0].id=x'], '--set numbers[0].id=x: traffic[0].from[0] (a.yaml:5:12): expected one of the number ids x, got "tf1"'],
    [['carriers.att=0.5'], '--set carriers.att=0.5: carriers (a.yaml:9:11): expected weights summing to 1, got a sum of 1.15'],
  ])('%j', (set, message) => {
    expect(messageOf(text, set)).toBe(message);
  });
});
