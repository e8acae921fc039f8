// Shared by test/engine/equivalence.test.ts (npm test) and test/slow/equivalence.test.ts
// (npm run test:slow): the optimised engine against the slow reference simulator
// (test/engine/reference.ts), and random small scenarios to compare them on.
import fc from 'fast-check';
import { expect } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import type { MessageRecord } from '../../src/engine/types.js';
import type { Scenario } from '../../src/scenario/model.js';
import { simulate, startSimulation } from '../../src/engine/simulate.js';
import { referenceRun, type RefRecord } from '../engine/reference.js';

/** The fields of a {@link RefRecord}, named alike in a MessageRecord. */
const FIELDS = ['index', 'traffic', 'from', 'carrier', 'submitMs', 'dispatchedMs', 'endMs', 'status', 'code', 'units', 'attempt'] as const satisfies readonly (keyof RefRecord & keyof MessageRecord)[];
/** The {@link FIELDS} of an engine record, as the reference writes them. */
const project = (r: MessageRecord): RefRecord => Object.fromEntries(FIELDS.map((k) => [k, r[k]])) as unknown as RefRecord;

/**
 * A sink comparing each record with the reference's as the engine writes it, field by field
 * (Object.is, as toEqual compares values), keeping only the first that differs: collecting
 * every record and comparing the lists with toEqual cost several times the runs.
 */
class Comparison {
  private count = 0;
  private first: { at: number; record: RefRecord } | null = null;
  constructor(private readonly expected: readonly RefRecord[]) {}
  readonly write = (r: MessageRecord): void => {
    const e = this.expected[this.count];
    if (this.first === null && (e === undefined || FIELDS.some((k) => !Object.is(r[k], e[k])))) this.first = { at: this.count, record: project(r) };
    this.count++;
  };
  /** Asserts every record was the reference's, and no more and no fewer. */
  check(what: string): void {
    if (this.first !== null) expect(this.first.record, `${what}: record ${this.first.at}`).toEqual(this.expected[this.first.at]);
    expect(this.count, `${what}: records`).toBe(this.expected.length);
  }
}

/** Asserts engine and reference agree on every message, with and without an observer. */
export function expectSameAsReference(sc: Scenario): RefRecord[] {
  const expected = referenceRun(sc);
  const plain = new Comparison(expected);
  simulate(sc, { sink: plain });
  plain.check('the engine');
  // Ticks and hooks must not change the outcome.
  const observer = { tickMs: 7_000, onTick: () => {}, onSubmit: () => {}, onEnd: () => {}, onDepart: () => {} };
  const observed = new Comparison(expected);
  simulate(sc, { observer, sink: observed });
  observed.check('with an observer');
  // Running in slices (as the CLI does, for progress and Ctrl-C) changes nothing either.
  const sliced = new Comparison(expected);
  const run = startSimulation(sc, { sink: sliced });
  let slices = 0;
  let lastNow = -Infinity;
  const clock: number[] = [];
  while (!run.advance(1 + (slices++ % 5))) {
    if (run.nowMs < lastNow) clock.push(run.nowMs); // virtual time never runs backwards
    lastNow = run.nowMs;
  }
  expect(clock).toEqual([]);
  run.finish();
  sliced.check('sliced');
  return expected;
}

// ---- random small scenarios -------------------------------------------------------------

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const limitArb = fc.record({
  rate: fc.oneof(fc.integer({ min: 1, max: 8 }).map((n) => `${n}/s`), fc.integer({ min: 2, max: 90 }).map((n) => `${n}/min`)),
  pacing: pick(['sliding', 'smooth']),
  count: pick(['messages', 'units']),
});
const numberArb = fc.record({
  kind: pick(['tf', 'tf-unverified', 'sc', 'lc1', 'lc2', 'lc-none', 'ca']),
  limit: fc.option(limitArb, { nil: undefined }),
});
const arrivalArb = fc.oneof(
  fc.record({ kind: fc.constant('burst'), at: fc.integer({ min: 0, max: 5 }).map((s) => `${s}s`), count: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('constant'), rate: fc.integer({ min: 1, max: 12 }).map((n) => `${n}/s`) }),
  fc.record({ kind: fc.constant('poisson'), rate: fc.integer({ min: 1, max: 12 }).map((n) => `${n}/s`) }),
  fc.record({ kind: fc.constant('ramp'), from: fc.integer({ min: 0, max: 6 }).map((n) => `${n}/s`), to: fc.integer({ min: 1, max: 12 }).map((n) => `${n}/s`) }),
);
const trafficArb = fc.record({
  from: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
  type: fc.oneof({ arbitrary: fc.constant('sms'), weight: 3 }, { arbitrary: fc.constant('mms'), weight: 1 }),
  to_country: pick(['US', 'US', 'CA', 'GB']),
  arrival: arrivalArb,
  units: fc.integer({ min: 1, max: 3 }),
  expiry: fc.option(fc.integer({ min: 5, max: 40 }), { nil: undefined }),
  recipients: fc.integer({ min: 1, max: 3 }),
});
export const scenarioArb = fc.record({
  provider: pick(['plivo', 'plivo', 'telnyx', 'twilio']),
  seed: fc.integer({ min: 0, max: 1000 }),
  duration: fc.integer({ min: 5, max: 40 }),
  until: fc.option(fc.integer({ min: 10, max: 60 }), { nil: undefined }),
  start: pick(['2026-03-08T09:59:30Z', '2026-03-10T06:59:50Z', '2026-11-01T08:59:40Z']),
  account: fc.record({ sms: limitArb, mms: limitArb }),
  vetting: pick([0, 30, 60, 80]),
  campaigns: fc.tuple(pick(['marketing', 'mixed', 'low_volume', 'dedicated']), pick(['marketing', 'low_volume'])),
  numbers: fc.array(numberArb, { minLength: 4, maxLength: 4 }),
  carriers: pick(['{ att: 1 }', '{ tmobile: 1 }', '{ att: 0.35, tmobile: 0.3, verizon: 0.3, other: 0.05 }', '{ tmobile: 0.5, other: 0.5 }']),
  rules: fc.record({
    tpm_scope: pick(['brand', 'campaign', '{ att: campaign }']),
    tpd: fc.integer({ min: 1, max: 30 }),
    tpm: fc.option(fc.integer({ min: 6, max: 120 }), { nil: undefined }),
    count: pick(['messages', 'units']),
    carrier_pacing: pick(['sliding', 'smooth']),
  }),
  traffic: fc.array(trafficArb, { minLength: 1, maxLength: 3 }),
});

export type Gen = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;
const NUMBER_YAML: Record<string, (i: number) => string> = {
  tf: (i) => `{ id: n${i}, number: "+1844555010${i}", type: toll_free, country: US, verified: true`,
  'tf-unverified': (i) => `{ id: n${i}, number: "+1844555020${i}", type: toll_free, country: US`,
  sc: (i) => `{ id: n${i}, number: "4567${i}", type: short_code, country: US`,
  lc1: (i) => `{ id: n${i}, number: "+1415555010${i}", type: long_code, country: US, campaign: c1`,
  lc2: (i) => `{ id: n${i}, number: "+1415555020${i}", type: long_code, country: US, campaign: c2`,
  'lc-none': (i) => `{ id: n${i}, number: "+1415555030${i}", type: long_code, country: US`,
  ca: (i) => `{ id: n${i}, number: "+1647555010${i}", type: long_code, country: CA`,
};
const flow = (o: object): string =>
  `{ ${Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${typeof v === 'object' ? flow(v) : v}`).join(', ')} }`;

export function yamlOf(g: Gen): string {
  const numbers = g.numbers.map((n, i) => `  - ${NUMBER_YAML[n.kind](i)}${n.limit ? `, limits: { sms: ${flow(n.limit)}, mms: ${flow(n.limit)} }` : ''} }`);
  const traffic = g.traffic.map((t, i) => `  - ${flow({ name: `t${i}`, ...t, from: `[${t.from.map((k) => `n${k}`).join(', ')}]` })}`);
  const tpm = g.rules.tpm === undefined ? undefined : { att: g.rules.tpm, tmobile: g.rules.tpm };
  return [
    `provider: ${g.provider}`, `seed: ${g.seed}`, `start: ${g.start}`, `duration: ${g.duration}s`, g.until === undefined ? '' : `until: ${g.until}s`,
    `account: { mps: ${flow(g.account)} }`,
    `brand: { vetting_score: ${g.vetting}, campaigns: [{ id: c1, use_case: ${g.campaigns[0]} }, { id: c2, use_case: ${g.campaigns[1]} }] }`,
    'numbers:', ...numbers, `carriers: ${g.carriers}`, `rules: ${flow({ ...g.rules, tpm })}`, 'traffic:', ...traffic,
  ].join('\n');
}

/**
 * Checks engine = reference on `numRuns` random scenarios drawn from `seed`; the loader may
 * refuse some combinations, so at least `minRan` of them must have run.
 */
export function checkRandomScenarios(numRuns: number, seed: number, minRan: number): void {
  let ran = 0;
  fc.assert(
    fc.property(scenarioArb, (g) => {
      let sc: Scenario;
      try {
        sc = parseScenario(yamlOf(g), 'random.yaml');
      } catch (e) {
        if (e instanceof ScenarioError) return; // a combination the loader rightly refuses
        throw e;
      }
      ran++;
      expectSameAsReference(sc);
    }),
    { numRuns, seed },
  );
  expect(ran).toBeGreaterThan(minRan);
}
