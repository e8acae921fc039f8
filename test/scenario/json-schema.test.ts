// The shipped JSON Schema (issue 25): the committed file is the generated one, and ajv and
// the loader give the same verdict on every bundled scenario and on a set of bad ones.
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaObject, SCENARIO_SCHEMA_ID } from '../../src/scenario/json-schema.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenario } from '../../src/scenario/load.js';

const ajv = new Ajv({ strict: false, allErrors: true });
const validate = ajv.compile(scenarioJsonSchemaObject());

const MODELINE = '# yaml-language-server: $schema=../schema/scenario.schema.json\n';
const bundled = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();

/** The loader's verdict: the error message, or 'valid'. */
function loader(text: string, file = 'case.yaml'): string {
  try {
    parseScenario(text, file);
    return 'valid';
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
}

/** ajv's verdict: its first error, or 'valid'. */
function schema(text: string): string {
  return validate(parse(text)) ? 'valid' : ajv.errorsText(validate.errors);
}

type Doc = Record<string, any>;
const BASE: Doc = {
  name: 'base',
  seed: 1,
  start: '2026-03-09T08:00:00-07:00',
  duration: '10m',
  account: { mps: { sms: '5/s' } },
  brand: { vetting_score: 50, campaigns: [{ id: 'c1', use_case: 'marketing' }] },
  numbers: [{ id: 'n1', number: '+14155550100', type: 'long_code', country: 'US', campaign: 'c1' }],
  traffic: [
    {
      name: 't',
      from: 'n1',
      arrival: { kind: 'constant', rate: '1/s' },
      expiry: 600,
      send_window: { from: '08:00', to: '20:00', time_zone: 'America/New_York' },
      retry: { on: [420], after: '1m', max: 2 },
    },
  ],
  incidents: [{ kind: 'degraded_carrier', carrier: 'att', factor: 0.5, start: '1m', end: '2m' }],
};

/** The base scenario changed by `change`, as YAML text. */
function variant(change: (d: Doc) => void): string {
  const d = structuredClone(BASE);
  change(d);
  return stringify(d);
}

const t0 = (d: Doc): Doc => d.traffic[0];

/** Scenarios both must refuse: [what, change]. */
const BAD: [string, (d: Doc) => void][] = [
  ['range: expiry 3 under plivo (5..10799)', (d) => void (t0(d).expiry = 3)],
  ['range: expiry 40000 under twilio (1..36000)', (d) => ((d.provider = 'twilio'), (t0(d).expiry = 40000))],
  ['range: expiry 10800 under plivo', (d) => void (t0(d).expiry = 10800)],
  ['range: units 12', (d) => void (t0(d).units = 12)],
  ['range: vetting_score 101', (d) => void (d.brand.vetting_score = 101)],
  ['range: seed -1', (d) => void (d.seed = -1)],
  ['range: incident factor 1.5', (d) => void (d.incidents[0].factor = 1.5)],
  ['range: retry max 21', (d) => void (t0(d).retry.max = 21)],
  ['range: recipients 0', (d) => void (t0(d).recipients = 0)],
  ['range: a negative duration number', (d) => void (d.duration = -5)],
  ['enum: provider plivoo', (d) => void (d.provider = 'plivoo')],
  ['enum: number type landline', (d) => void (d.numbers[0].type = 'landline')],
  ['enum: use_case spam', (d) => void (d.brand.campaigns[0].use_case = 'spam')],
  ['enum: arrival kind trickle', (d) => void (t0(d).arrival.kind = 'trickle')],
  ['enum: sender lottery', (d) => void (t0(d).sender = 'lottery')],
  ['enum: on_daily_cap retry', (d) => void (t0(d).on_daily_cap = 'retry')],
  ['unknown key at the top', (d) => void (d.bogus = 1)],
  ['unknown key in a traffic source', (d) => void (t0(d).fromm = 'n1')],
  ['unknown key in an arrival', (d) => void (t0(d).arrival.burst_size = 5)],
  ['unknown key in a number', (d) => void (d.numbers[0].carrier = 'att')],
  ['type: traffic as a map', (d) => void (d.traffic = { name: 't' })],
  ['type: verified "yes"', (d) => void (d.numbers[0].verified = 'yes')],
  ['type: expiry as a string', (d) => void (t0(d).expiry = '600')],
  ['type: expect as a string', (d) => void (d.expect = 'delivered_ratio >= 0.99')],
  ['required: a traffic source without arrival', (d) => void delete t0(d).arrival],
  ['pattern: duration "10 parsecs"', (d) => void (d.duration = '10 parsecs')],
  ['pattern: start without an offset', (d) => void (d.start = '2026-03-09T08:00:00')],
  ['pattern: send_window from 25:00', (d) => void (t0(d).send_window.from = '25:00')],
  ['pattern: account rate "fast"', (d) => void (d.account.mps.sms = 'fast')],
  ['pattern: to_country usa', (d) => void (t0(d).to_country = 'usa')],
];

/** Scenarios both must accept: the base and the edges of the ranges above. */
const GOOD: [string, (d: Doc) => void][] = [
  ['the base scenario', () => undefined],
  ['expiry 3 under twilio (1..36000)', (d) => ((d.provider = 'twilio'), (t0(d).expiry = 3))],
  ['expiry 5 and 10799 under plivo', (d) => ((t0(d).expiry = 5), d.traffic.push({ ...structuredClone(t0(d)), name: 'u', expiry: 10799 }))],
  ['no expiry under telnyx', (d) => ((d.provider = 'telnyx'), delete t0(d).expiry)],
  ['durations as numbers and with spaces', (d) => ((d.duration = 600), (d.incidents[0].end = ' 2m '))],
  ['a start with Z and a window to 24:00', (d) => ((d.start = '2026-03-09T15:00:00Z'), (t0(d).send_window.to = '24:00'))],
];

describe('schema/scenario.schema.json', () => {
  it('is the schema generated from the loader\'s zod schema (npm run schema writes it)', () => {
    expect(readFileSync('schema/scenario.schema.json', 'utf8')).toBe(scenarioJsonSchema());
  });

  it('has an $id and is shipped in the package', () => {
    expect(scenarioJsonSchemaObject().$id).toBe(SCENARIO_SCHEMA_ID);
    expect((JSON.parse(readFileSync('package.json', 'utf8')) as { files: string[] }).files).toContain('schema');
  });

  it.each(bundled)('scenarios/%s starts with the yaml-language-server modeline and is valid for ajv and the loader', (f) => {
    const text = readFileSync(`scenarios/${f}`, 'utf8');
    expect(text.startsWith(MODELINE)).toBe(true);
    expect([schema(text), loader(text, `scenarios/${f}`)]).toEqual(['valid', 'valid']);
  });

  it(`has at least 15 bad scenarios (${BAD.length})`, () => expect(BAD.length).toBeGreaterThanOrEqual(15));

  it.each(BAD)('both refuse: %s', (_, change) => {
    const text = variant(change);
    expect(schema(text)).not.toBe('valid');
    expect(loader(text)).not.toBe('valid');
  });

  it.each(GOOD)('both accept: %s', (_, change) => {
    const text = variant(change);
    expect([schema(text), loader(text)]).toEqual(['valid', 'valid']);
  });
});
