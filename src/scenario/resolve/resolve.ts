/**
 * Raw (schema-checked) scenario → resolved {@link Scenario}: parses durations and rates,
 * fills defaults from the rulebook and runs every cross-field check (the traffic's in
 * traffic-sources.ts). Errors are positioned through the {@link Source}.
 */
import { parseDateTime, writtenOffsetMinutes } from '../time/datetime.js';
import type { FieldPath, Source } from '../yaml/locate.js';
import type { Provider, RateRow } from '../../rules/provider.js';
import { DEFAULT_PROVIDER, numberRule, PROVIDERS } from '../../rules/providers.js';
import { carrierLimits, numberKind, rowLimit, ruleWarnings } from './provider-rules.js';
import { mergeRules } from './rules-config.js';
import type { Carrier, CountBy, Limit, NumberDef, RulesConfig, Scenario } from '../model.js';
import { CARRIERS } from '../model.js';
import type { RawLimit, RawNumber, RawScenario } from '../schema.js';
import { expandPools, PoolError } from './pools.js';
import { checkPricing, resolvePricing } from '../pricing.js';
import { parseDurationMs, parseRate, type ParsedRate, UnitError } from '../units.js';
import { resolveIncidents } from '../time/real-day.js';
import { TrafficResolver, type TrafficContext } from './traffic-sources.js';
import { defaultCarrierMix } from '../../rules/carrier-mix.js';
import { checkScope, KNOWN_CARRIERS, parseThreshold, ThresholdError } from '../expect/thresholds.js';

export const DEFAULT_SEED = 1;
export const DEFAULT_START = '2026-01-01T00:00:00Z';
export const DEFAULT_DURATION_MS = 3_600_000;
/** The destination mix of US traffic when the scenario gives none (the rulebook's assumption). */
export const DEFAULT_CARRIERS: Readonly<Record<Carrier, number>> = defaultCarrierMix('US');
const CARRIER_SUM_TOLERANCE = 1e-6;
const E164_RE = /^\+\d{8,15}$/;
/** Short codes are 5 or 6 digits (US and CA), written without "+". */
const SHORT_CODE_RE = /^\d{5,6}$/;
const START_EXPECTED = 'an ISO-8601 date-time with offset, such as 2026-03-09T08:00:00-07:00 or 2026-01-01T00:00:00Z';

class Resolver implements TrafficContext {
  /** The provider whose profile fills every default. */
  readonly provider: Provider;

  constructor(
    readonly src: Source,
    readonly raw: RawScenario,
    readonly file: string,
  ) {
    this.provider = PROVIDERS[raw.provider ?? DEFAULT_PROVIDER];
  }

  duration(path: FieldPath, value: unknown): number {
    try {
      return parseDurationMs(value);
    } catch (e) {
      if (e instanceof UnitError) throw this.src.error(path, e.expected);
      throw e;
    }
  }

  rate(path: FieldPath, value: unknown): ParsedRate {
    try {
      return parseRate(value);
    } catch (e) {
      if (e instanceof UnitError) throw this.src.error(path, e.expected);
      throw e;
    }
  }

  /** A limit as written (a rate or a map); `countBy` is the family's default. */
  limit(path: FieldPath, value: RawLimit, countBy: CountBy): Limit {
    if (typeof value === 'object') {
      const r = this.rate([...path, 'rate'], value.rate);
      return { count: r.count, windowMs: r.windowMs, pacing: value.pacing ?? 'sliding', countBy: value.count ?? countBy };
    }
    const r = this.rate(path, value);
    return { count: r.count, windowMs: r.windowMs, pacing: 'sliding', countBy };
  }

  rules(vettingScore: number): RulesConfig {
    return mergeRules(this.provider, this.raw.rules ?? {}, vettingScore, {
      rate: (path, v) => this.rate(path, v),
      limit: (path, v, countBy) => this.limit(path, v, countBy),
      error: (path, expected) => this.src.error(path, expected),
    });
  }

  campaigns(vettingScore: number, rules: RulesConfig): Scenario['brand']['campaigns'] {
    const seen = new Map<string, number>();
    return (this.raw.brand?.campaigns ?? []).map((c, i) => {
      this.unique(seen, c.id, ['brand', 'campaigns', i, 'id'], 'campaign id', (j) => `brand.campaigns[${j}]`);
      return { id: c.id, useCase: c.use_case, carrierLimits: carrierLimits(this.provider, c.use_case, vettingScore, rules) };
    });
  }

  /** Records `key` as seen at index i; throws when an earlier element had it. */
  unique(seen: Map<string, number>, key: string, path: FieldPath, what: string, where: (j: number) => string): void {
    const prev = seen.get(key);
    if (prev !== undefined) {
      throw this.src.error(path, `a unique ${what}`, `${JSON.stringify(key)} (already used by ${where(prev)})`);
    }
    seen.set(key, path[path.length - 2] as number);
  }

  /** Pool id → member ids, filled by {@link numbers}. */
  readonly pools = new Map<string, string[]>();

  numbers(campaignIds: readonly string[], rules: RulesConfig): NumberDef[] {
    const ids = new Map<string, number>();
    const e164s = new Map<string, number>();
    let expanded;
    try {
      expanded = expandPools(this.raw.numbers ?? []);
    } catch (e) {
      if (e instanceof PoolError) throw this.src.error(['numbers', e.index, e.field], e.expected, e.actual);
      throw e;
    }
    for (const [id, members] of expanded.pools) this.pools.set(id, members);
    (this.raw.numbers ?? []).forEach((n, i) => {
      if (n.count !== undefined) this.unique(ids, n.id, ['numbers', i, 'id'], 'number id', (j) => `numbers[${j}]`);
    });
    return expanded.numbers.map(({ raw: n, index: i }) => {
      const base = ['numbers', i];
      this.unique(ids, n.id, [...base, 'id'], 'number id', (j) => `numbers[${j}]`);
      if (n.type === 'short_code' ? !SHORT_CODE_RE.test(n.number) && !E164_RE.test(n.number) : !E164_RE.test(n.number)) {
        const what = n.type === 'short_code' ? 'a short code of 5 or 6 digits, or an E.164 number' : 'an E.164 number: "+" and 8 to 15 digits';
        throw this.src.error([...base, 'number'], what);
      }
      this.unique(e164s, n.number, [...base, 'number'], 'phone number', (j) => `numbers[${j}]`);
      return this.number(n, base, campaignIds, rules);
    });
  }

  number(n: RawNumber & { readonly number: string }, base: FieldPath, campaignIds: readonly string[], rules: RulesConfig): NumberDef {
    const kind = numberKind(this.provider, n);
    if (n.campaign !== undefined) {
      if (!kind.tenDlc) {
        throw this.src.error([...base, 'campaign'], `no campaign (only US long codes link to a 10DLC campaign; this is a ${n.country} ${n.type})`, undefined, false, [[...base, 'country'], [...base, 'type']]);
      }
      if (!campaignIds.includes(n.campaign)) {
        const list = campaignIds.length > 0 ? campaignIds.join(', ') : '(no campaigns are defined in brand.campaigns)';
        throw this.src.error([...base, 'campaign'], `one of the campaign ids ${list}`, undefined, false, [['brand', 'campaigns']]);
      }
    }
    const row = numberRule(this.provider, n.country, n.type);
    if (!row) throw new Error(`${this.provider.id} has no row for ${n.country} ${n.type}`); // a bug: the tables cover every pair
    const countBy = rules.count.sender;
    const own = (r: RateRow | 'account'): Limit | null => (r === 'account' ? null : rowLimit(r, countBy));
    const tenDlcOwn = row.tenDlcPerNumber === undefined ? null : rowLimit(row.tenDlcPerNumber, countBy);
    let smsLimit: Limit | null = row.sms === '10dlc' ? tenDlcOwn : own(row.sms);
    let mmsLimit: Limit | null = row.mms === null ? null : row.mms === '10dlc' ? rules.mms10dlc : own(row.mms);
    const limits = n.limits ?? {};
    const verification = n.verification ?? (n.verified === true ? 'verified' : 'pending');
    if (n.verified !== undefined && n.verification !== undefined && n.verified !== (verification === 'verified')) {
      throw this.src.error([...base, 'verification'], `${n.verified ? 'verified' : 'restricted or pending'} (the number says verified: ${n.verified})`, undefined, false, [[...base, 'verified']]);
    }
    const destinationLimits = (row.byDestination ?? []).map((d) => ({
      to: d.to,
      sms: rowLimit(d.sms, countBy),
      mms: d.mms === null ? null : rowLimit(d.mms, countBy),
    }));
    if (limits.sms !== undefined) smsLimit = this.limit([...base, 'limits', 'sms'], limits.sms, countBy);
    if (limits.mms !== undefined) {
      if (row.mms === null) {
        throw this.src.error([...base, 'limits', 'mms'], `no MMS limit (MMS is not supported from a ${n.country} ${n.type})`, undefined, false, [[...base, 'country'], [...base, 'type']]);
      }
      mmsLimit = this.limit([...base, 'limits', 'mms'], limits.mms, countBy);
    }
    return {
      id: n.id,
      number: n.number,
      type: n.type,
      country: n.country,
      campaign: n.campaign ?? null,
      verified: verification === 'verified',
      verification,
      destinationLimits,
      ...kind,
      smsLimit,
      mmsLimit,
      mmsSupported: row.mms !== null,
    };
  }

  /** A carrier mix as written (missing carriers weigh 0), checked to sum to 1. */
  carriers(path: FieldPath = ['carriers'], raw: RawScenario['carriers'] = this.raw.carriers): Record<Carrier, number> {
    if (raw === undefined) return { ...DEFAULT_CARRIERS };
    const out = Object.fromEntries(CARRIERS.map((c) => [c, raw[c] ?? 0])) as Record<Carrier, number>;
    const sum = CARRIERS.reduce((acc, c) => acc + out[c], 0);
    if (Math.abs(sum - 1) > CARRIER_SUM_TOLERANCE) {
      throw this.src.error(path, 'weights summing to 1', `a sum of ${Number(sum.toFixed(9))}`);
    }
    return out;
  }

  /** The `expect:` thresholds, each parsed and its scope checked; errors point at the item. */
  expect(senders: readonly string[], traffic: readonly string[]): string[] {
    return (this.raw.expect ?? []).map((text, i) => {
      try {
        checkScope(parseThreshold(text).ref, { carrier: KNOWN_CARRIERS, sender: senders, traffic });
      } catch (e) {
        if (e instanceof ThresholdError) throw this.src.error(['expect', i], e.expected, e.actual);
        throw e;
      }
      return text;
    });
  }

  scenario(name: string, seed: number, file: string): Scenario {
    const startText = this.raw.start ?? DEFAULT_START;
    const startEpochMs = parseDateTime(startText, true);
    if (startEpochMs === undefined) throw this.src.error(['start'], START_EXPECTED);
    const durationMs = this.raw.duration === undefined ? DEFAULT_DURATION_MS : this.duration(['duration'], this.raw.duration);
    if (durationMs <= 0) throw this.src.error(['duration'], 'a duration greater than 0');
    const untilMs = this.raw.until === undefined ? null : this.duration(['until'], this.raw.until);
    if (untilMs !== null && untilMs <= 0) throw this.src.error(['until'], 'a duration greater than 0');
    const vettingScore = this.raw.brand?.vetting_score ?? 0;
    const rules = this.rules(vettingScore);
    const mps = this.raw.account?.mps ?? {};
    const p = this.provider;
    const account = {
      sms: mps.sms === undefined ? rowLimit(p.account.sms, rules.count.account) : this.limit(['account', 'mps', 'sms'], mps.sms, rules.count.account),
      mms: mps.mms === undefined ? rowLimit(p.account.mms, rules.count.account) : this.limit(['account', 'mps', 'mms'], mps.mms, rules.count.account),
    };
    const campaigns = this.campaigns(vettingScore, rules);
    const numbers = this.numbers(campaigns.map((c) => c.id), rules);
    const carriers = this.carriers();
    const traffic = new TrafficResolver(this).traffic(numbers.map((n) => n.id), durationMs);
    return {
      name,
      seed,
      startEpochMs,
      startOffsetMinutes: writtenOffsetMinutes(startText),
      durationMs,
      untilMs,
      account,
      brand: { vettingScore, campaigns },
      numbers,
      carriers,
      traffic,
      rules,
      incidents: resolveIncidents(this.src, this.raw.incidents, (path, v) => this.duration(path, v)),
      expect: this.expect(numbers.map((n) => n.id), traffic.map((t) => t.name)),
      pricing: this.raw.pricing === undefined ? null : checkPricing(this.src, resolvePricing(this.raw.pricing), numbers, traffic),
      file,
      warnings: ruleWarnings(p, { startEpochMs, vettingScore, campaigns, numbers, traffic, rules }, (this.raw.traffic ?? []).some((t) => t.expiry === undefined)),
    };
  }
}

/**
 * Resolves a schema-checked scenario into the model (not yet frozen).
 * @throws ScenarioError for any cross-field or notation error.
 */
export function resolveScenario(src: Source, raw: RawScenario, name: string, seed: number, file: string): Scenario {
  return new Resolver(src, raw, file).scenario(name, seed, file);
}
