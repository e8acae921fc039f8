// The optimised engine against the slow reference simulator (test/engine/reference.ts):
// identical per-message outcomes on the example and benchmark scenarios and on random
// small scenarios (issue 7: optimisations must not change results).
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import type { MessageRecord } from '../../src/engine/types.js';
import type { Scenario } from '../../src/scenario/model.js';
import { runRecords } from '../helpers/scenario.js';
import { startSimulation } from '../../src/engine/simulate.js';
import { referenceRun, type RefRecord } from './reference.js';

const project = (r: MessageRecord): RefRecord => ({
  index: r.index, traffic: r.traffic, from: r.from, carrier: r.carrier, submitMs: r.submitMs,
  dispatchedMs: r.dispatchedMs, endMs: r.endMs, status: r.status as RefRecord['status'], code: r.code, units: r.units,
});

/** Asserts engine and reference agree on every message, with and without an observer. */
function expectSameAsReference(sc: Scenario): RefRecord[] {
  const expected = referenceRun(sc);
  const plain = runRecords(sc).records.map(project);
  expect(plain).toEqual(expected);
  // Ticks and hooks must not change the outcome.
  const observer = { tickMs: 7_000, onTick: () => {}, onSubmit: () => {}, onEnd: () => {}, onDepart: () => {} };
  expect(runRecords(sc, { observer }).records.map(project)).toEqual(expected);
  // Running in slices (as the CLI does, for progress and Ctrl-C) changes nothing either.
  const sliced: MessageRecord[] = [];
  const run = startSimulation(sc, { sink: { write: (r) => sliced.push(r) } });
  let slices = 0;
  let lastNow = -Infinity;
  const clock: number[] = [];
  while (!run.advance(1 + (slices++ % 5))) {
    if (run.nowMs < lastNow) clock.push(run.nowMs); // virtual time never runs backwards
    lastNow = run.nowMs;
  }
  expect(clock).toEqual([]);
  run.finish();
  expect(sliced.map(project)).toEqual(expected);
  return expected;
}

const load = (path: string, set: string[] = []) => parseScenario(readFileSync(path, 'utf8'), path, { set });

describe('engine = reference on the example scenarios', () => {
  for (const f of readdirSync('scenarios').filter((x) => x.endsWith('.yaml'))) {
    it(`scenarios/${f}`, () => {
      const recs = expectSameAsReference(load(`scenarios/${f}`));
      expect(recs.length).toBeGreaterThan(0);
    });
  }
  it('Telnyx: a 4 h queue on a Canadian long code rejects the overflow (queue_full)', () => {
    const sc = parseScenario(`provider: telnyx
numbers:
  - { id: ca1, number: "+16475550101", type: long_code, country: CA }
traffic:
  - { name: t, from: [ca1], to_country: CA, arrival: { kind: burst, count: 1500 }, units: 2 }
rules: { count: units }
`, 'telnyx.yaml');
    const recs = expectSameAsReference(sc);
    expect(recs.filter((r) => r.code === 'queue_full').length).toBeGreaterThan(0);
  });

  it('bench M/D/1 (3 minutes of it)', () => {
    expectSameAsReference(load('test/bench/md1.yaml', ['duration=180s']));
  });
  it('bench M/D/1 at 110/s with a short expiry (queue overflows into 420s)', () => {
    const recs = expectSameAsReference(load('test/bench/md1-110.yaml', ['duration=300s', 'traffic[0].expiry=5']));
    expect(recs.some((r) => r.code === '420')).toBe(true);
  });
  it('bench US day, scaled down (every stage, T-Mobile cap, two Pacific days)', () => {
    const set = ['rules.tpd=40', 'account.mps.sms=1', 'traffic[0].arrival.rate=1500/day', 'traffic[1].arrival.count=60',
      'traffic[2].arrival.rate=800/day', 'traffic[3].arrival.rate=2000/day', 'traffic[4].arrival.count=300', 'traffic[5].arrival.rate=400/day',
      'rules.tpm.att=40', 'rules.tpm.tmobile=40'];
    const recs = expectSameAsReference(load('test/bench/us-day.yaml', set));
    expect(new Set(recs.map((r) => r.code))).toEqual(new Set([null, '420', 'tmobile_daily_cap']));
  });
});

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
const scenarioArb = fc.record({
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

type Gen = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;
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

function yamlOf(g: Gen): string {
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

describe('engine = reference on random small scenarios', () => {
  it('agrees message by message (dispatch time, status, code)', () => {
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
      { numRuns: 150, seed: 7 },
    );
    expect(ran).toBeGreaterThan(100);
    // ~2 s of CPU; the explicit timeout is for a machine shared by many test runs.
  }, 30_000);
});
