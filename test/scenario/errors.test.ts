import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeValue, ScenarioError } from '../../src/scenario/errors.js';
import { loadScenarioFile, parseScenario, type ScenarioOverrides } from '../../src/scenario/load.js';

const F = 'scenarios/a.yaml';
const N = 'numbers:\n  - { id: lc1, number: "+14155550100", type: long_code, country: US }\n';
const T = (fields: string) => `${N}traffic:\n  - { name: t, from: lc1, arrival: { kind: burst, count: 1 }${fields} }\n`;
const KEYS = 'name, provider, seed, start, duration, until, account, brand, numbers, carriers, traffic, rules, incidents, expect, pricing';

function errorOf(text: string, overrides?: ScenarioOverrides): ScenarioError {
  try {
    parseScenario(text, F, overrides);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('ScenarioError', () => {
  it('carries file, position, path, expected and actual', () => {
    const e = errorOf(`${N}traffic:\n  - name: t\n    from: [lc1]\n    arrival: { kind: burst, count: 1 }\n    expiry: 3\n`);
    expect(e).toMatchObject({ file: F, line: 7, column: 13, path: 'traffic[0].expiry', expected: 'an integer from 5 to 10799', actual: '3' });
    expect(e.message).toBe('scenarios/a.yaml:7:13 traffic[0].expiry: expected an integer from 5 to 10799, got 3');
    expect(e.name).toBe('ScenarioError');
    expect(e).toBeInstanceOf(Error);
  });

  it.each([
    [3, '3'],
    ['abc', '"abc"'],
    [true, 'true'],
    [[1], 'a list'],
    [[], 'an empty list'],
    [{ a: 1 }, 'a map'],
    [null, 'nothing'],
    [undefined, 'nothing'],
  ])('describeValue(%j) = %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});

describe('validation errors (one line each)', () => {
  it.each<[string, string, ScenarioOverrides | undefined, string]>([
    ['expiry below 5', T(', expiry: 3'), undefined, `${F}:4:71 traffic[0].expiry: expected an integer from 5 to 10799, got 3`],
    ['expiry not an integer', T(', expiry: 5.5'), undefined, `${F}:4:71 traffic[0].expiry: expected an integer from 5 to 10799, got 5.5`],
    ['expiry 10800', T(', expiry: 10800'), undefined, `${F}:4:71 traffic[0].expiry: expected an integer from 5 to 10799, got 10800`],
    ['expiry a string', T(', expiry: abc'), undefined, `${F}:4:71 traffic[0].expiry: expected an integer from 5 to 10799, got "abc"`],
    [
      'misspelt key',
      `${N}traffic:\n  - name: t\n    from: [lc1]\n    arrival: { kind: burst, count: 1 }\n    expirey: 60\n`,
      undefined,
      `${F}:7:5 traffic[0].expirey: expected a known key, got unknown key "expirey" (did you mean "expiry"?)`,
    ],
    ['tpm_scope map, bad value', 'rules: { tpm_scope: { att: campain } }\n', undefined, `${F}:1:28 rules.tpm_scope.att: expected one of brand, campaign, got "campain"`],
    ['tpm_scope, bad word', 'rules: { tpm_scope: everywhere }\n', undefined, `${F}:1:21 rules.tpm_scope: expected one of brand, campaign, got "everywhere"`],
    ['charged, unknown code', 'rules: { charged: { "421": true } }\n', undefined, `${F}:1:21 rules.charged.421: expected a known key, got unknown key "421" (did you mean "420"?)`],
    ['charged, not a boolean', 'rules: { charged: { "420": 1 } }\n', undefined, `${F}:1:28 rules.charged.420: expected true or false, got 1`],
    ['unknown key, nothing close', 'zzzzzz: 1\n', undefined, `${F}:1:1 zzzzzz: expected one of the keys ${KEYS}, got unknown key "zzzzzz"`],
    ['malformed YAML', 'name: a\ntraffic: [\n  b: c\n', undefined, `${F}:4:1: expected valid YAML, got an error: Flow sequence in block collection must be sufficiently indented and end with a ]`],
    ['duplicate YAML key', 'name: a\nname: b\n', undefined, `${F}:2:1: expected valid YAML, got an error: Map keys must be unique`],
    ['from names no number', `${N}traffic:\n  - { name: t, from: [lc1, lc9], arrival: { kind: burst, count: 1 } }\n`, undefined, `${F}:4:28 traffic[0].from[1]: expected one of the number ids lc1, got "lc9"`],
    [
      'from missing',
      `${N}traffic:\n  - { name: t, arrival: { kind: burst, count: 1 } }\n`,
      undefined,
      `${F}:4:5 traffic[0].from: expected a number id or a non-empty list of number ids (required unless arrival.kind is replay), got nothing`,
    ],
    ['carriers sum 0.9', 'carriers: { att: 0.35, tmobile: 0.3, verizon: 0.2, other: 0.05 }\n', undefined, `${F}:1:11 carriers: expected weights summing to 1, got a sum of 0.9`],
    ['carrier weight over 1', 'carriers: { att: 1.5 }\n', undefined, `${F}:1:18 carriers.att: expected a number from 0 to 1, got 1.5`],
    ['__proto__ key', 'name: a\n__proto__: { polluted: 1 }\n', undefined, `${F}:2:1 __proto__: expected one of the keys ${KEYS}, got unknown key "__proto__"`],
    ['constructor key', 'constructor: 1\n', undefined, `${F}:1:1 constructor: expected one of the keys ${KEYS}, got unknown key "constructor"`],
    [
      '!!js/function tag',
      'name: a\ntraffic:\n  - name: !!js/function "function () {}"\n',
      undefined,
      `${F}:3:25 traffic[0].name: expected a plain value (YAML tags such as !!js/function are not allowed), got tag !!js/function`,
    ],
    ['custom tag', 'name: !foo a\n', undefined, `${F}:1:12 name: expected a plain value (YAML tags such as !!js/function are not allowed), got tag !foo`],
    ['text and units', T(', text: hi, units: 2'), undefined, `${F}:4:80 traffic[0].units: expected either text or units, not both, got both text and units`],
    ['units for an MMS', T(', type: mms, units: 2'), undefined, `${F}:4:81 traffic[0].units: expected 1 for an MMS (an MMS is 1 unit), got 2`],
    ['units over 11', T(', units: 12'), undefined, `${F}:4:70 traffic[0].units: expected an integer from 1 to 11, got 12`],
    ['GSM text too long', T(`, text: "${'a'.repeat(1601)}"`), undefined, `${F}:4:69 traffic[0].text: expected a text of at most 1600 GSM-7 characters, got 1601 GSM-7 characters`],
    [
      'UCS-2 text too long',
      T(`, text: "${'ж'.repeat(738)}"`),
      undefined,
      `${F}:4:69 traffic[0].text: expected a text of at most 737 UCS-2 characters (UTF-16 code units), got 738 UCS-2 characters (UTF-16 code units)`,
    ],
    [
      'duplicate number id',
      'numbers:\n  - { id: a, number: "+14155550100", type: long_code, country: US }\n  - { id: a, number: "+14155550101", type: long_code, country: US }\n',
      undefined,
      `${F}:3:11 numbers[1].id: expected a unique number id, got "a" (already used by numbers[0])`,
    ],
    [
      'duplicate phone number',
      'numbers:\n  - { id: a, number: "+14155550100", type: long_code, country: US }\n  - { id: b, number: "+14155550100", type: long_code, country: US }\n',
      undefined,
      `${F}:3:22 numbers[1].number: expected a unique phone number, got "+14155550100" (already used by numbers[0])`,
    ],
    [
      'unquoted number',
      'numbers:\n  - { id: a, number: +14155550100, type: long_code, country: US }\n',
      undefined,
      `${F}:2:22 numbers[0].number: expected an E.164 number in quotes, such as "+14155550100", got +14155550100`,
    ],
    [
      'number not E.164',
      'numbers:\n  - { id: a, number: "14155550100", type: long_code, country: US }\n',
      undefined,
      `${F}:2:22 numbers[0].number: expected an E.164 number: "+" and 8 to 15 digits, got "14155550100"`,
    ],
    [
      'duplicate campaign id',
      'brand:\n  campaigns:\n    - { id: a, use_case: mixed }\n    - { id: a, use_case: mixed }\n',
      undefined,
      `${F}:4:13 brand.campaigns[1].id: expected a unique campaign id, got "a" (already used by brand.campaigns[0])`,
    ],
    [
      'duplicate traffic name',
      `${N}traffic:\n  - { name: t, from: lc1, arrival: { kind: burst, count: 1 } }\n  - { name: t, from: lc1, arrival: { kind: burst, count: 1 } }\n`,
      undefined,
      `${F}:5:13 traffic[1].name: expected a unique traffic name, got "t" (already used by traffic[0])`,
    ],
    [
      'unknown campaign',
      'brand: { campaigns: [{ id: otp, use_case: mixed }] }\nnumbers:\n  - { id: a, number: "+14155550100", type: long_code, country: US, campaign: otq }\n',
      undefined,
      `${F}:3:78 numbers[0].campaign: expected one of the campaign ids otp, got "otq"`,
    ],
    [
      'campaign on a toll-free number',
      'brand: { campaigns: [{ id: otp, use_case: mixed }] }\nnumbers:\n  - { id: a, number: "+18445550100", type: toll_free, country: US, campaign: otp }\n',
      undefined,
      `${F}:3:78 numbers[0].campaign: expected no campaign (only US long codes link to a 10DLC campaign; this is a US toll_free), got "otp"`,
    ],
    [
      'MMS limit on a CA short code',
      'numbers:\n  - { id: a, number: "+1555123456", type: short_code, country: CA, limits: { mms: 1/s } }\n',
      undefined,
      `${F}:2:83 numbers[0].limits.mms: expected no MMS limit (MMS is not supported from a CA short_code), got "1/s"`,
    ],
    [
      'start without offset',
      'start: 2026-03-09T08:00:00\n',
      undefined,
      `${F}:1:8 start: expected an ISO-8601 date-time with offset, such as 2026-03-09T08:00:00-07:00 or 2026-01-01T00:00:00Z, got "2026-03-09T08:00:00"`,
    ],
    [
      'start on February 30',
      'start: 2026-02-30T08:00:00Z\n',
      undefined,
      `${F}:1:8 start: expected an ISO-8601 date-time with offset, such as 2026-03-09T08:00:00-07:00 or 2026-01-01T00:00:00Z, got "2026-02-30T08:00:00Z"`,
    ],
    ['end before start', T(', start: 10m, end: 5m'), undefined, `${F}:4:80 traffic[0].end: expected a duration after start (600s), got "5m"`],
    ['end equal to start', T(', start: 10m, end: 600'), undefined, `${F}:4:80 traffic[0].end: expected a duration after start (600s), got 600`],
    [
      'start at the end of the duration',
      `duration: 10m\n${T(', start: 10m')}`,
      undefined,
      `${F}:5:70 traffic[0].start: expected a duration before the scenario duration (600s), got "10m"`,
    ],
    ['empty file', '', undefined, `${F}: expected a map of scenario fields (name, traffic, ...), got an empty file`],
    ['comments only', '# nothing\n', undefined, `${F}: expected a map of scenario fields (name, traffic, ...), got an empty file`],
    ['top level a list', '- a\n- b\n', undefined, `${F}:1:1: expected a map of scenario fields (name, traffic, ...), got a list`],
    ['top level a string', 'hello\n', undefined, `${F}:1:1: expected a map of scenario fields (name, traffic, ...), got "hello"`],
    [
      'unknown arrival kind',
      `${N}traffic:\n  - { name: t, from: lc1, arrival: { kind: poissn, rate: 5/s } }\n`,
      undefined,
      `${F}:4:44 traffic[0].arrival.kind: expected one of burst, constant, poisson, ramp, replay, profile, got "poissn"`,
    ],
    [
      'bad rate unit',
      `${N}traffic:\n  - { name: t, from: lc1, arrival: { kind: poisson, rate: 5/sec } }\n`,
      undefined,
      `${F}:4:59 traffic[0].arrival.rate: expected a rate such as "5/s", "15/min", "10/h", "200000/day" or a number per second, got "5/sec"`,
    ],
    [
      'misspelt key inside an arrival',
      `${N}traffic:\n  - { name: t, from: lc1, arrival: { kind: poisson, rat: 5/s } }\n`,
      undefined,
      `${F}:4:53 traffic[0].arrival.rat: expected a known key, got unknown key "rat" (did you mean "rate"?)`,
    ],
    [
      'bad duration',
      'duration: 5 minutes\n',
      undefined,
      `${F}:1:11 duration: expected a duration such as "90s", "5m", "2h", "1d", "4500ms" or a number of seconds, got "5 minutes"`,
    ],
    ['zero duration', 'duration: 0\n', undefined, `${F}:1:11 duration: expected a duration greater than 0, got 0`],
    ['bad pacing', 'account: { mps: { sms: { rate: 5/s, pacing: fast } } }\n', undefined, `${F}:1:45 account.mps.sms.pacing: expected one of sliding, smooth, got "fast"`],
    [
      'limit of the wrong type',
      'account: { mps: { sms: true } }\n',
      undefined,
      `${F}:1:24 account.mps.sms: expected a rate such as "5/s", "15/min", "10/h", "200000/day" or a number per second, or a map {rate, pacing, count}, got true`,
    ],
    ['bad message type', T(', type: fax'), undefined, `${F}:4:69 traffic[0].type: expected one of sms, mms, got "fax"`],
    ['bad log setting', T(', log: maybe'), undefined, `${F}:4:68 traffic[0].log: expected one of true, false, number_only, content_only, got "maybe"`],
    ['bad country', T(', to_country: usa'), undefined, `${F}:4:75 traffic[0].to_country: expected a two-letter country code such as US, got "usa"`],
    ['vetting score over 100', 'brand: { vetting_score: 101 }\n', undefined, `${F}:1:25 brand.vetting_score: expected an integer from 0 to 100, got 101`],
    ['traffic a map', 'traffic: { a: 1 }\n', undefined, `${F}:1:10 traffic: expected a list, got a map`],
    ['missing name', `${N}traffic:\n  - { from: lc1, arrival: { kind: burst, count: 1 } }\n`, undefined, `${F}:4:5 traffic[0].name: expected a string (required), got nothing`],
    ['TPM not whole per minute', 'rules: { tpm: { att: 1/h } }\n', undefined, `${F}:1:22 rules.tpm.att: expected a whole number of messages per minute, got "1/h"`],
  ])('%s', (_label, text, overrides, message) => {
    expect(errorOf(text, overrides).message).toBe(message);
  });
});

describe('override errors', () => {
  const ONE = T('');
  it.each<[string, string, ScenarioOverrides, string]>([
    ['--set value invalid', ONE, { set: ['traffic[0].expiry=3'] }, '--set traffic[0].expiry: expected an integer from 5 to 10799, got 3'],
    ['--set past the end of a list', ONE, { set: ['traffic[1].expiry=30'] }, '--set traffic[1]: expected an index of an existing element (0 to 0), got 1'],
    ['--set into a missing list', N, { set: ['traffic[0].expiry=30'] }, '--set traffic[0]: expected an existing list at traffic, got nothing'],
    ['--set without =', ONE, { set: ['expiry'] }, '--set: expected path=value, such as traffic[0].expiry=30, got "expiry"'],
    ['--set malformed path', ONE, { set: ['traffic..x=1'] }, '--set: expected a field path such as traffic[0].expiry or account.mps.sms, got "traffic..x"'],
    ['--set through a plain value', 'name: a\n', { set: ['name.x=1'] }, '--set name.x: expected a map or list at name, got a plain value'],
    ['--set creating a map where a string goes', ONE, { set: ['name.x=1'] }, '--set name: expected a string, got a map'],
    ['--set with a tag', ONE, { set: ['name=!!js/function x'] }, '--set name: expected a value without a YAML tag, got tag !!js/function'],
    ['--set bad YAML', ONE, { set: ['name=[a'] }, '--set name: expected a YAML value, got an error: Flow sequence must end with a ]'],
    ['--set unknown key', ONE, { set: ['rules.tmp=1'] }, '--set rules.tmp: expected a known key, got unknown key "tmp" (did you mean "tpm"?)'],
    ['--seed negative', ONE, { seed: -1 }, '--seed: expected an integer >= 0, got -1'],
    ['--seed fractional', ONE, { seed: 1.5 }, '--seed: expected an integer >= 0, got 1.5'],
  ])('%s', (_label, text, overrides, message) => {
    const e = errorOf(text, overrides);
    expect(e.message).toBe(message);
    expect(e.file).toBe(message.split(/[ :]/)[0]);
  });
});

describe('loadScenarioFile', () => {
  it('reports a missing file in one line', () => {
    let error: unknown;
    try {
      loadScenarioFile('nope/x.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error).toMatchObject({ file: 'nope/x.yaml', line: 0, column: 0, path: '' });
    expect((error as Error).message).toBe('nope/x.yaml: cannot read scenario file (ENOENT: no such file or directory)');
  });

  it('reads a file and names errors after it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2psim-'));
    const path = join(dir, 'burst.yaml');
    writeFileSync(path, 'seed: 3\nduration: 2m\n');
    const s = loadScenarioFile(path, { seed: 4 });
    expect(s).toMatchObject({ name: 'burst', seed: 4, durationMs: 120_000, file: path });
    writeFileSync(path, 'seed: -3\n');
    expect(() => loadScenarioFile(path)).toThrow(`${path}:1:7 seed: expected an integer from 0 to 9007199254740991, got -3`);
  });
});
