/**
 * The `rules:` of a scenario merged over its provider's defaults, once, at load: what each
 * limiter counts, TPM overrides and scope per carrier, charged flags, the daily caps, the
 * queue limit, the toll-free block date, the expiry range and the longest message.
 */
import { FAILURE_CODES, type FailureCode } from '../../rules/codes.js';
import type { Provider } from '../../rules/provider.js';
import type { ProviderId } from '../../rules/providers.js';
import type { ScenarioError } from '../errors.js';
import type { FieldPath } from '../yaml/locate.js';
import { CARRIERS, type Carrier, type CountBy, type Limit, type RulesConfig, type TpmScope } from '../model.js';
import { dailyCaps, rowLimit } from './provider-rules.js';
import type { RawLimit, RawScenario } from '../schema.js';
import type { ParsedRate } from '../units.js';

/** The loader's parsers, positioned at a field (they throw a ScenarioError there). */
export interface RuleParsers {
  rate(path: FieldPath, value: unknown): ParsedRate;
  limit(path: FieldPath, value: RawLimit, countBy: CountBy): Limit;
  error(path: FieldPath, expected: string): ScenarioError;
}

/**
 * Merges `raw` (the scenario's `rules:`) over provider `p`.
 * @throws ScenarioError for a TPM that is not a whole number per minute, or a bad limit.
 */
export function mergeRules(p: Provider, raw: NonNullable<RawScenario['rules']>, vettingScore: number, h: RuleParsers): RulesConfig {
  const c = raw.count;
  const all: CountBy | undefined = typeof c === 'string' ? c : undefined;
  const map = typeof c === 'object' ? c : {};
  const count = {
    account: map.account ?? all ?? p.count.account,
    sender: map.sender ?? all ?? p.count.sender,
    carrier: map.carrier ?? all ?? p.count.carrier,
    dailyCaps: map.daily_cap ?? all ?? p.count.dailyCaps,
  };
  const tpm: Partial<Record<Carrier, number>> = {};
  for (const carrier of CARRIERS) {
    const v = raw.tpm?.[carrier];
    if (v === undefined) continue;
    if (typeof v === 'number') {
      tpm[carrier] = v;
      continue;
    }
    const path = ['rules', 'tpm', carrier];
    const r = h.rate(path, v);
    const perMinute = (r.count * 60_000) / r.windowMs;
    if (!Number.isInteger(perMinute)) throw h.error(path, 'a whole number of messages per minute');
    tpm[carrier] = perMinute;
  }
  const scope = raw.tpm_scope;
  const tpmScope = Object.fromEntries(
    CARRIERS.map((c) => [c, typeof scope === 'string' ? scope : (scope?.[c] ?? p.tpmScope.value[c])]),
  ) as Record<Carrier, TpmScope>;
  const charged = Object.fromEntries(
    FAILURE_CODES.map((r) => [r.code, raw.charged?.[r.code] ?? p.codes[r.code].charged]),
  ) as Record<FailureCode, boolean>;
  return {
    provider: p.id as ProviderId, // every profile is in the provider list under its id
    queueMaxWaitMs: p.queueMaxWait.seconds === null ? null : p.queueMaxWait.seconds * 1000,
    dailyCaps: dailyCaps(p, vettingScore, raw.tpd ?? null, count.dailyCaps),
    tollFreeBlockEpochMs: p.tollFreeBlock.fromEpochMs,
    tollFreeRestrictedBlockEpochMs: (p.tollFreeBlockRestricted ?? p.tollFreeBlock).fromEpochMs,
    queueCountBy: p.queueMaxWait.countBy ?? 'messages',
    accountPools: p.accountPools.map((a) => ({ name: a.name, types: a.types, message: a.message, limit: a.rate === null ? null : rowLimit(a.rate, count.account) })),
    numberPoolThreshold: p.numberPoolThreshold,
    expiryRange: { minSeconds: p.expiry.minSeconds, maxSeconds: p.expiry.maxSeconds },
    maxLength: { gsm7Chars: p.maxLength.gsm7Chars, ucs2Chars: p.maxLength.ucs2Chars, units: p.maxLength.units },
    tpmScope,
    charged,
    tpm,
    tpd: raw.tpd ?? null,
    mms10dlc:
      raw.mms_10dlc === undefined ? rowLimit(p.mms10dlc, count.sender) : h.limit(['rules', 'mms_10dlc'], raw.mms_10dlc, count.sender),
    mms10dlcPerCarrier: p.mms10dlc.perCarrier,
    count,
    carrierPacing: raw.carrier_pacing ?? 'sliding',
    logIncomingMessages: raw.log_incoming_messages ?? true,
  };
}
