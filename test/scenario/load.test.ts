import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenario } from '../../src/scenario/load.js';

const FULL = `name: otp-morning-burst
seed: 42
start: 2026-03-09T08:00:00-07:00
duration: 1h
until: 6h
brand:
  vetting_score: 80
  campaigns:
    - { id: otp, use_case: dedicated }
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
  - { id: lc1, number: "+14155550100", type: long_code, country: US, campaign: otp }
  - { id: sc1, number: "+1555123456", type: short_code, country: CA }
  - { id: lc2, number: "+14165550100", type: long_code, country: CA, limits: { sms: 10/s, mms: { rate: 2/min, pacing: smooth } } }
traffic:
  - name: otp
    from: [lc1]
    type: sms
    to_country: US
    arrival: { kind: poisson, rate: 20/s }
    text: "Your code is 123456"
    expiry: 60
    log: true
  - name: promo
    from: tf1
    type: mms
    arrival: { kind: burst, at: 90s, count: 100 }
    log: number_only
    start: 1m
    end: 30m
    recipients: 3
  - name: replayed
    arrival: { kind: replay, file: mdr.csv }
    units: 2
rules: {}
expect:
  - delivered_ratio >= 0.99
`;

describe('parseScenario: a full scenario', () => {
  const s = parseScenario(FULL, 'scenarios/otp.yaml');

  it('resolves the top level', () => {
    expect(s.name).toBe('otp-morning-burst');
    expect(s.seed).toBe(42);
    expect(s.startEpochMs).toBe(Date.parse('2026-03-09T15:00:00Z'));
    expect(s.durationMs).toBe(3_600_000);
    expect(s.untilMs).toBe(21_600_000);
    expect(s.file).toBe('scenarios/otp.yaml');
    expect(s.expect).toEqual(['delivered_ratio >= 0.99']);
    expect(s.brand).toMatchObject({ vettingScore: 80, campaigns: [{ id: 'otp', useCase: 'dedicated' }] });
    const tpm = { count: 4500, windowMs: 60_000, pacing: 'sliding', countBy: 'messages' };
    expect(s.brand.campaigns[0].carrierLimits).toEqual({ att: tpm, tmobile: tpm, verizon: tpm, other: tpm });
    expect(s.rules.provider).toBe('plivo');
  });

  it('fills account and carrier defaults', () => {
    expect(s.account.sms).toEqual({ count: 5, windowMs: 1000, pacing: 'sliding', countBy: 'messages' });
    expect(s.account.mms).toEqual({ count: 1, windowMs: 4000, pacing: 'sliding', countBy: 'messages' });
    expect(s.carriers).toEqual({ att: 0.35, tmobile: 0.3, verizon: 0.3, other: 0.05 });
    expect(s.rules).toEqual({
      provider: 'plivo',
      queueMaxWaitMs: null,
      dailyCaps: [{ name: 'tmobile', carrier: 'tmobile', cap: 200_000, countBy: 'messages', zone: 'America/Los_Angeles', code: 'tmobile_daily_cap' }],
      tollFreeBlockEpochMs: Date.UTC(2024, 0, 31),
      tollFreeRestrictedBlockEpochMs: Date.UTC(2024, 0, 31),
      queueCountBy: 'messages',
      accountPools: [],
      numberPoolThreshold: 49,
      expiryRange: { minSeconds: 5, maxSeconds: 10_799 },
      maxLength: { gsm7Chars: 1600, ucs2Chars: 737, units: 11 },
      tpmScope: { att: 'brand', tmobile: 'brand', verizon: 'brand', other: 'brand' },
      charged: {
        '420': false, '110': false, tmobile_daily_cap: false, toll_free_unverified: false,
        mms_not_supported: false, unregistered_10dlc: false, unknown_sender: false, queue_full: false,
      },
      tpm: {},
      tpd: null,
      mms10dlc: { count: 50, windowMs: 60_000, pacing: 'sliding', countBy: 'messages' },
      mms10dlcPerCarrier: true,
      count: { account: 'messages', sender: 'messages', carrier: 'messages', dailyCaps: 'messages' },
      carrierPacing: 'sliding',
      logIncomingMessages: true,
    });
  });

  it('resolves number limits from the rulebook', () => {
    const [tf1, lc1, sc1, lc2] = s.numbers;
    expect(tf1).toEqual({
      id: 'tf1',
      number: '+18445550100',
      type: 'toll_free',
      country: 'US',
      campaign: null,
      verified: true,
      verification: 'verified',
      destinationLimits: [],
      mustVerify: true,
      tenDlc: false,
      smsLimit: { count: 25, windowMs: 1000, pacing: 'sliding', countBy: 'messages' },
      mmsLimit: { count: 2, windowMs: 1000, pacing: 'sliding', countBy: 'messages' },
      mmsSupported: true,
    });
    expect(lc1.campaign).toBe('otp');
    expect(lc1.verified).toBe(false);
    expect(lc1.smsLimit).toBeNull();
    expect(lc1.mmsLimit).toEqual({ count: 50, windowMs: 60_000, pacing: 'sliding', countBy: 'messages' });
    expect(sc1.smsLimit).toEqual({ count: 10, windowMs: 1000, pacing: 'sliding', countBy: 'messages' });
    expect(sc1.mmsLimit).toBeNull();
    expect(lc2.smsLimit).toEqual({ count: 10, windowMs: 1000, pacing: 'sliding', countBy: 'messages' });
    expect(lc2.mmsLimit).toEqual({ count: 2, windowMs: 60_000, pacing: 'smooth', countBy: 'messages' });
  });

  it('resolves traffic with defaults', () => {
    const [otp, promo, replayed] = s.traffic;
    expect(otp).toEqual({
      name: 'otp',
      from: ['lc1'],
      type: 'sms',
      toCountry: 'US',
      arrival: { kind: 'poisson', perSecond: 20 },
      text: 'Your code is 123456',
      units: 1,
      expirySeconds: 60,
      log: 'true',
      startMs: 0,
      endMs: 3_600_000,
      recipients: 1,
      sendWindow: null,
      carriers: { att: 0.35, tmobile: 0.3, verizon: 0.3, other: 0.05 },
      sender: 'round_robin',
      recipientsPool: null,
      retry: null,
      onDailyCap: 'fail',
    });
    expect(promo).toMatchObject({
      from: ['tf1'],
      type: 'mms',
      arrival: { kind: 'burst', atMs: 90_000, count: 100 },
      text: null,
      units: 1,
      expirySeconds: 10_800,
      log: 'number_only',
      startMs: 60_000,
      endMs: 1_800_000,
      recipients: 3,
    });
    expect(replayed).toMatchObject({ from: [], arrival: { kind: 'replay', file: 'mdr.csv' }, units: 2, text: null });
  });

  it('is deeply frozen', () => {
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.traffic[0].arrival)).toBe(true);
    expect(Object.isFrozen(s.numbers[0].smsLimit)).toBe(true);
    expect(Object.isFrozen(s.rules.count)).toBe(true);
  });
});

describe('parseScenario: defaults of an empty-ish scenario', () => {
  it('uses the file base name, seed 1, start 2026-01-01Z, 1h, no traffic', () => {
    const s = parseScenario('traffic: []\n', 'dir/morning.yaml');
    expect(s).toMatchObject({
      name: 'morning',
      seed: 1,
      startEpochMs: Date.UTC(2026, 0, 1),
      durationMs: 3_600_000,
      untilMs: null,
      numbers: [],
      traffic: [],
      expect: [],
      brand: { vettingScore: 0, campaigns: [] },
    });
  });

  it('computes units from text and applies rule overrides', () => {
    const s = parseScenario(
      `numbers: [{ id: a, number: "+14155550100", type: long_code, country: US }]
carriers: { att: 0.5, tmobile: 0.5 }
account: { mps: { sms: { rate: 50/s, count: units }, mms: 1 } }
traffic:
  - { name: t, from: a, arrival: { kind: ramp, from: 1/s, to: 60/min }, text: "${'x'.repeat(161)}", log: "false" }
  - { name: u, from: a, arrival: { kind: constant, rate: 0.5 }, text: "Привет", log: false }
rules:
  tpm_scope: campaign
  tpm: { tmobile: 1000, att: 20/s }
  tpd: 5000
  mms_10dlc: 25/min
  count: { daily_cap: units }
  carrier_pacing: smooth
  log_incoming_messages: false
`,
      'x.yaml',
    );
    expect(s.carriers).toEqual({ att: 0.5, tmobile: 0.5, verizon: 0, other: 0 });
    expect(s.account.sms).toEqual({ count: 50, windowMs: 1000, pacing: 'sliding', countBy: 'units' });
    expect(s.account.mms).toEqual({ count: 1, windowMs: 1000, pacing: 'sliding', countBy: 'messages' });
    expect(s.traffic[0]).toMatchObject({ units: 2, log: 'false', arrival: { kind: 'ramp', fromPerSecond: 1, toPerSecond: 1 } });
    expect(s.traffic[1]).toMatchObject({ units: 1, log: 'false', arrival: { kind: 'constant', perSecond: 0.5 } });
    expect(s.rules).toMatchObject({
      tpmScope: { att: 'campaign', tmobile: 'campaign', verizon: 'campaign', other: 'campaign' },
      tpm: { tmobile: 1000, att: 1200 },
      tpd: 5000,
      mms10dlc: { count: 25, windowMs: 60_000 },
      count: { account: 'messages', sender: 'messages', carrier: 'messages', dailyCaps: 'units' },
      carrierPacing: 'smooth',
      logIncomingMessages: false,
    });
    expect(s.numbers[0].mmsLimit).toEqual(s.rules.mms10dlc);
  });

  it('count: units applies to every limiter family by default', () => {
    const s = parseScenario(
      'numbers: [{ id: t, number: "+18445550100", type: toll_free, country: US }]\nrules: { count: units }\n',
      'x.yaml',
    );
    expect(s.account.sms.countBy).toBe('units');
    expect(s.numbers[0].smsLimit?.countBy).toBe('units');
    expect(s.rules.mms10dlc.countBy).toBe('units');
  });
});

describe('overrides', () => {
  const BASE = `numbers: [{ id: a, number: "+14155550100", type: toll_free, country: US }]
traffic:
  - { name: t, from: [a], arrival: { kind: burst, count: 10 }, expiry: 60 }
`;
  it('--seed replaces seed', () => {
    expect(parseScenario('seed: 5\n', 'x.yaml', { seed: 9 }).seed).toBe(9);
  });
  it('--set replaces and adds values', () => {
    const s = parseScenario(BASE, 'x.yaml', {
      set: ['traffic[0].expiry=30', 'account.mps.sms=50/s', 'brand.vetting_score=10', 'rules.tpm.tmobile=1000', 'traffic[0].from=[a, a]'],
    });
    expect(s.traffic[0].expirySeconds).toBe(30);
    expect(s.traffic[0].from).toEqual(['a', 'a']);
    expect(s.account.sms).toMatchObject({ count: 50, windowMs: 1000 });
    expect(s.brand.vettingScore).toBe(10);
    expect(s.rules.tpm).toEqual({ tmobile: 1000 });
  });
  it('--set fills an empty map key', () => {
    expect(parseScenario('rules:\n', 'x.yaml', { set: ['rules.tpd=7'] }).rules.tpd).toBe(7);
  });
});

describe('safety', () => {
  it('__proto__ is an unknown key and pollutes nothing', () => {
    expect(() => parseScenario('__proto__: { polluted: 1 }\n', 'x.yaml')).toThrow(ScenarioError);
    expect(() => parseScenario('rules:\n  __proto__: { polluted: 1 }\n', 'x.yaml')).toThrow(ScenarioError);
    expect(() => parseScenario('name: a\n', 'x.yaml', { set: ['__proto__.polluted=1'] })).toThrow(ScenarioError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
  it('alias bombs are refused', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 6; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
    expect(() => parseScenario(`${lines.join('\n')}\n`, 'bomb.yaml')).toThrow(ScenarioError);
  });
});

describe('one text loaded again and again (sweep, solve and replications do)', () => {
  // The loader keeps the last text's parsed document and puts back what each call's --set
  // replaced: a call must give exactly what a fresh parse gives, whatever came before it.
  const BASE = `numbers: [{ id: a, number: "+14155550100", type: toll_free, country: US }]
traffic:
  - { name: t, from: [a], arrival: { kind: burst, count: 10 }, expiry: 60 }
`;
  const outcome = (text: string, set: string[]): string => {
    try {
      return JSON.stringify(parseScenario(text, 'x.yaml', { set }));
    } catch (e) {
      if (e instanceof ScenarioError) return e.message;
      throw e;
    }
  };
  const fresh = (text: string, set: string[]): string => {
    parseScenario('name: other\n', 'o.yaml');
    return outcome(text, set);
  };
  const cases: [string, string[][]][] = [
    [
      BASE,
      [
        [],
        ['traffic[0].expiry=30', 'account.mps.sms=50/s', 'rules.tpd=7'],
        ['traffic[0].arrival={ kind: poisson, rate: 5/s }', 'traffic[0].arrival.rate=6/s'],
        ['brand.vetting_score=10', 'traffic[0].expiry=-1'],
        ['traffic[1].expiry=5'],
        ['account.mps.sms=50/s', 'traffic[0].from=[b]'],
        [],
      ],
    ],
    // An empty `rules:` is null: a setting turns it into a map; without one it is an error.
    [`${BASE}rules:\n`, [['rules.tpd=7'], ['rules.tpd=8', 'rules.tpm.tmobile=9'], []]],
  ];

  it.each(cases.map(([text, sets], i) => [i, text, sets] as const))('case %i: call after call gives what a fresh parse gives (values, errors and positions)', (_, text, sets) => {
    const expected = sets.map((set) => fresh(text, set));
    expect(new Set(expected).size).toBeGreaterThan(2);
    parseScenario('name: other\n', 'o.yaml');
    expect(sets.map((set) => outcome(text, set))).toEqual(expected);
    expect([...sets].reverse().map((set) => outcome(text, set))).toEqual([...expected].reverse());
  });
});
