// Provider facts live in the provider's profile (issue 22): the longest message and the most
// units of one (scenario text, scenario units, replayed CSV rows and Twilio BulkExport records),
// the expiry range of a replayed row, and which warnings an assumed value gives. Each test
// swaps a profile with other values into the registry and checks that the loader and the
// replay readers honour them, not a number written in elsewhere.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { assumed, type MaxLength, type Provider } from '../../src/rules/provider.js';
import { DEFAULT_PROVIDER, PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../src/rules/providers.js';
import { parseScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/model.js';
import { ruleWarnings } from '../../src/scenario/resolve/provider-rules.js';
import { replayColumns, toReplayRow } from '../../src/traffic/replay-row.js';
import { readTwilioBulkExport } from '../../src/traffic/replay-twilio.js';

/** A profile whose longest message is far shorter than any real provider's. */
const SHORT: MaxLength = { gsm7Chars: 20, ucs2Chars: 10, units: 3 };

/** Runs `fn` with `p` in the registry under `id` (this file's module graph only). */
function withProfile<T>(id: ProviderId, p: Provider, fn: () => T): T {
  const registry = PROVIDERS as Record<ProviderId, Provider>;
  const was = registry[id];
  registry[id] = p;
  try {
    return fn();
  } finally {
    registry[id] = was;
  }
}

const short = (id: ProviderId): Provider => ({ ...PROVIDERS[id], maxLength: { ...SHORT, cite: assumed('a test profile') } });

const scenario = (provider: ProviderId, content: string): Scenario =>
  parseScenario(
    `provider: ${provider}
numbers:
  - { id: tf, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: t, from: tf, arrival: { kind: burst, count: 1 }, ${content} }
`,
    'limits.yaml',
  );

describe('the longest message is the profile’s', () => {
  it('every profile states one, sourced or marked as an assumption', () => {
    for (const id of PROVIDER_IDS) {
      const m = PROVIDERS[id].maxLength;
      expect(m.gsm7Chars).toBeGreaterThan(0);
      expect(m.cite.assumption !== null || (m.cite.url !== null && m.cite.read !== null)).toBe(true);
    }
  });

  it('a scenario text over a non-default provider’s own maximum is refused, within it loads', () => {
    withProfile('telnyx', short('telnyx'), () => {
      expect(() => scenario('telnyx', `text: "${'a'.repeat(21)}"`)).toThrow(/text: expected a text of at most 20 GSM-7 characters, got 21 GSM-7 characters/);
      expect(() => scenario('telnyx', `text: "${'ж'.repeat(11)}"`)).toThrow(/expected a text of at most 10 UCS-2 characters \(UTF-16 code units\), got 11/);
      const s = scenario('telnyx', `text: "${'a'.repeat(20)}"`);
      expect(s.rules.maxLength).toEqual(SHORT);
      // The other providers keep their own.
      expect(scenario('twilio', `text: "${'a'.repeat(21)}"`).rules.maxLength.gsm7Chars).toBe(PROVIDERS.twilio.maxLength.gsm7Chars);
    });
  });

  it('scenario units over the provider’s most units are refused at load', () => {
    withProfile('telnyx', short('telnyx'), () => {
      expect(() => scenario('telnyx', 'units: 4')).toThrow(/units: expected an integer from 1 to 3 \(the most units of one Telnyx message\), got 4/);
      expect(scenario('telnyx', 'units: 3').traffic[0].units).toBe(3);
    });
  });

  it('a replayed CSV row over the maximum fails (code 110): units and text', () => {
    const cols = replayColumns(['from', 'to', 'time', 'units', 'text', 'expiry']);
    const d = { startEpochMs: 0, type: 'sms' as const, toCountry: 'US', text: null, units: 1, expiryRange: { minSeconds: 5, maxSeconds: 50 }, maxLength: SHORT };
    const row = (units: string, text: string, expiry = '') => toReplayRow(['+18445550100', '+14155550100', '1970-01-01T00:00:00Z', units, text, expiry], cols, d);
    expect(row('3', '').tooLong).toBe(false);
    expect(row('4', '').tooLong).toBe(true);
    expect(row('', 'a'.repeat(20)).tooLong).toBe(false);
    expect(row('', 'a'.repeat(21)).tooLong).toBe(true);
    expect(row('', 'ж'.repeat(11)).tooLong).toBe(true);
    expect(row('', 'ж'.repeat(10)).tooLong).toBe(false);
    // The same rows under the default provider's maximum are not too long.
    expect(toReplayRow(['+18445550100', '+14155550100', '1970-01-01T00:00:00Z', '4', '', ''], cols, { ...d, maxLength: PROVIDERS[DEFAULT_PROVIDER].maxLength }).tooLong).toBe(false);
    // The expiry range is the defaults' (the provider's), with no fallback of its own.
    expect(row('1', '', '50').expirySeconds).toBe(50);
    expect(() => row('1', '', '51')).toThrow('expiry: expected an integer from 5 to 50, got "51"');
  });

  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('a Twilio BulkExport record of more units than the provider takes fails (code 110)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2psim-limits-'));
    dirs.push(dir);
    const file = join(dir, 'day.gz');
    const rec = (segments: number) =>
      JSON.stringify({ date_created: '2026-01-01T00:00:01Z', from: '+18445550100', to: '+14155550100', body: 'hi', num_segments: segments, num_media: 0, direction: 'outbound-api' });
    writeFileSync(file, gzipSync(`${rec(3)}\n${rec(4)}\n`));
    const base = scenario('twilio', 'text: "hi"');
    const tooLong = (sc: Scenario) => readTwilioBulkExport(file, sc, sc.traffic[0]).map((r) => r.tooLong);
    expect(tooLong(base)).toEqual([false, false]);
    expect(tooLong({ ...base, rules: { ...base.rules, maxLength: SHORT } })).toEqual([false, true]);
  });
});

describe('warnings read the profile, not the provider’s name', () => {
  const base = scenario(DEFAULT_PROVIDER, 'text: "hi"');
  const warn = (p: Provider) => ruleWarnings(p, { ...base, vettingScore: base.brand.vettingScore, campaigns: base.brand.campaigns }, true);

  it('an assumed default expiry is named for the default provider too (unprefixed), and for others with their name', () => {
    const expiry = (id: ProviderId): Provider => ({ ...PROVIDERS[id], expiry: { ...PROVIDERS[id].expiry, cite: assumed('a test assumption') } });
    const seconds = PROVIDERS[DEFAULT_PROVIDER].expiry.defaultSeconds;
    expect(warn(expiry(DEFAULT_PROVIDER))).toContain(`default expiry ${seconds} s — assumed: a test assumption; set traffic[].expiry to change it`);
    const other = PROVIDER_IDS.find((id) => id !== DEFAULT_PROVIDER)!;
    const p = expiry(other);
    expect(warn(p)).toContain(`${p.name}: default expiry ${p.expiry.defaultSeconds} s — assumed: a test assumption; set traffic[].expiry to change it`);
  });

  it('an assumed limit of a number type the scenario uses is named for the default provider too', () => {
    const p = PROVIDERS[DEFAULT_PROVIDER];
    const numbers = p.numbers.map((r) => (r.country === 'US' && r.type === 'toll_free' ? { ...r, cite: assumed('a test assumption') } : r));
    expect(warn({ ...p, numbers })).toContain('US toll_free limits — assumed: a test assumption');
    expect(warn(p).some((w) => w.includes('toll_free limits'))).toBe(false);
  });
});
