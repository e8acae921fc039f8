/**
 * The rulebook: SPEC §2 as typed data tables, each row citing the FAQ section it comes
 * from. The engine never hard-codes a carrier number; it reads these tables through the
 * small lookup functions at the bottom, and scenario `rules:` overrides merge over them.
 */
import type { Carrier, LogSetting, NumberCountry, NumberType, UseCase } from './vocabulary.js';

/** A rate written as the FAQ writes it: `count` per `per`. */
export interface RateRow {
  readonly count: number;
  readonly per: 'second' | 'minute';
}

export const WINDOW_MS: Readonly<Record<RateRow['per'], number>> = { second: 1000, minute: 60_000 };

/** Account MPS defaults (FAQ "Messages per Second (MPS)": 5 SMS, 0.25 MMS at sign-up). */
export const ACCOUNT_MPS = {
  sms: { perSecond: 5, source: 'FAQ: Messages per Second (MPS), default at sign-up' },
  mms: { perSecond: 0.25, source: 'FAQ: Messages per Second (MPS), default at sign-up' },
} as const;

/**
 * Table 2a, per-number throughput. `sms`/`mms`:
 * a rate; `'10dlc'` = governed by the brand TPM per carrier (table 2b) for SMS, or
 * 50/min per number per carrier for MMS; `null` = not supported (fails at submission).
 */
export interface NumberLimitRow {
  readonly country: NumberCountry;
  readonly type: NumberType;
  readonly sms: RateRow | '10dlc';
  readonly mms: RateRow | '10dlc' | null;
  /** Must be verified to send (toll-free verification; blocked otherwise since 2024-01-31). */
  readonly verify: boolean;
  readonly source: string;
}

export const NUMBER_LIMITS: readonly NumberLimitRow[] = [
  { country: 'US', type: 'toll_free', sms: { count: 25, per: 'second' }, mms: { count: 2, per: 'second' }, verify: true, source: 'FAQ: A2P Messaging Throughput in the US' },
  { country: 'US', type: 'short_code', sms: { count: 100, per: 'second' }, mms: { count: 100, per: 'second' }, verify: false, source: 'FAQ: A2P Messaging Throughput in the US' },
  { country: 'US', type: 'long_code', sms: '10dlc', mms: '10dlc', verify: false, source: 'FAQ: A2P Messaging Throughput in the US (10DLC registration)' },
  { country: 'CA', type: 'long_code', sms: { count: 15, per: 'minute' }, mms: { count: 15, per: 'minute' }, verify: false, source: 'FAQ: A2P Messaging Throughput in Canada' },
  { country: 'CA', type: 'toll_free', sms: { count: 25, per: 'second' }, mms: { count: 2, per: 'second' }, verify: true, source: 'FAQ: A2P Messaging Throughput in Canada' },
  { country: 'CA', type: 'short_code', sms: { count: 10, per: 'second' }, mms: null, verify: false, source: 'FAQ: A2P Messaging Throughput in Canada' },
];

/** 10DLC MMS: "Each number linked to a campaign can send up to 50 messages per minute per carrier." */
export const MMS_10DLC: RateRow & { source: string } = {
  count: 50,
  per: 'minute',
  source: 'FAQ: A2P Messaging Throughput in the US, MMS per number per carrier',
};

/** Table 2b, US 10DLC SMS TPM per carrier, per brand. First matching row wins. */
export interface TpmRow {
  readonly useCases: readonly UseCase[];
  readonly minScore: number;
  readonly maxScore: number;
  readonly tpm: number;
  readonly source: string;
  /** A reading of the FAQ that a user should know about. */
  readonly note?: string;
}

const STANDARD: readonly UseCase[] = ['dedicated', 'mixed', 'marketing'];
const TPM_SOURCE = 'FAQ: A2P Messaging Throughput in the US, TPM table';

/**
 * Low-Volume comes first: the FAQ lists it for scores 1–100 and 240 for "brands that skip
 * secondary vetting" (score 0); a Low-Volume campaign of a score-0 brand gets 75 here,
 * as every other provider's table gives Low-Volume 75 at any score (see `note`).
 */
export const TPM_TABLE: readonly TpmRow[] = [
  {
    useCases: ['low_volume'], minScore: 0, maxScore: 100, tpm: 75, source: TPM_SOURCE,
    note: 'score 0 included: the FAQ lists Low-Volume for 1–100 only; other providers give it 75 at any score',
  },
  { useCases: STANDARD, minScore: 0, maxScore: 0, tpm: 240, source: `${TPM_SOURCE} (brands that skip secondary vetting)` },
  { useCases: STANDARD, minScore: 75, maxScore: 100, tpm: 4500, source: TPM_SOURCE },
  { useCases: STANDARD, minScore: 50, maxScore: 74, tpm: 2400, source: TPM_SOURCE },
  { useCases: STANDARD, minScore: 1, maxScore: 49, tpm: 240, source: TPM_SOURCE },
];

/** TPM is "throughput per minute": the window of the carrier stages. */
export const TPM_WINDOW_MS = WINDOW_MS.minute;

/** Table 2c, T-Mobile daily cap (TPD) per brand, SMS + MMS together. */
export interface TpdRow {
  readonly minScore: number;
  readonly maxScore: number;
  readonly tpd: number;
  /** True when the row is ours, not the FAQ's. */
  readonly assumption: boolean;
  readonly source: string;
}

const TPD_SOURCE = 'FAQ: T-Mobile TPD restrictions';

export const TPD_TABLE: readonly TpdRow[] = [
  { minScore: 75, maxScore: 100, tpd: 200_000, assumption: false, source: TPD_SOURCE },
  { minScore: 50, maxScore: 74, tpd: 40_000, assumption: false, source: TPD_SOURCE },
  { minScore: 25, maxScore: 49, tpd: 10_000, assumption: false, source: TPD_SOURCE },
  { minScore: 1, maxScore: 24, tpd: 2_000, assumption: false, source: TPD_SOURCE },
  { minScore: 0, maxScore: 0, tpd: 2_000, assumption: true, source: 'assumption: score 0 is not in the FAQ table; the lowest tier is used' },
];

/** The carrier whose daily cap table 2c is ("T-Mobile, including Sprint"). */
export const TPD_CARRIER: Carrier = 'tmobile';

/** The time zone T-Mobile's day is counted in ("T-Mobile operates on Pacific Time"). */
export const TPD_TIME_ZONE = 'America/Los_Angeles';

/**
 * Unverified toll-free (FAQ "How can I enable SMS and MMS through toll-free numbers?"):
 * "Commencing January 31, 2024, messages sent from unverified Toll-Free numbers will be
 * blocked". Earlier messages send under the normal limits. The FAQ names no time zone:
 * the day starts at 00:00 UTC (an assumption).
 */
export const TOLL_FREE_BLOCK = {
  fromEpochMs: Date.UTC(2024, 0, 31),
  label: '2024-01-31',
  source: 'FAQ: How can I enable SMS and MMS through toll-free numbers?',
} as const;

/** Message expiry (FAQ "Message Expiry"): default 3 h; a value given must be 5..10799 s. */
export const EXPIRY = { defaultSeconds: 10_800, minSeconds: 5, maxSeconds: 10_799 } as const;

/** A campaign linked to more numbers than this needs a T-Mobile Number Pool Request. */
export const NUMBER_POOL_THRESHOLD = 49;

/**
 * The FAQ's data logging preference (`log` of the Send Message API): what each setting
 * redacts in the message log — the destination number, the text, or both.
 */
export const DATA_LOGGING: Readonly<Record<LogSetting, { readonly redactNumber: boolean; readonly redactText: boolean }>> = {
  true: { redactNumber: false, redactText: false },
  false: { redactNumber: true, redactText: true },
  number_only: { redactNumber: false, redactText: true },
  content_only: { redactNumber: true, redactText: false },
};

/** Retention of the FAQ's data-logging policy: text 7 days, numbers 90 days. */
export const RETENTION = { textDays: 7, numberDays: 90 } as const;

/** Looks up a number's row of table 2a; undefined when the rulebook has none. */
export function numberLimitRow(country: NumberCountry, type: NumberType): NumberLimitRow | undefined {
  return NUMBER_LIMITS.find((r) => r.country === country && r.type === type);
}

/** True for a number type that must be verified to send (table 2a: toll-free, US and CA). */
export function mustBeVerified(country: NumberCountry, type: NumberType): boolean {
  return numberLimitRow(country, type)?.verify === true;
}

/** True for a number type whose SMS falls under 10DLC registration (table 2a: US long codes). */
export function is10dlc(country: NumberCountry, type: NumberType): boolean {
  return numberLimitRow(country, type)?.sms === '10dlc';
}

/** TPM for a use case and vetting score (table 2b); undefined when no row matches. */
export function tpmFor(useCase: UseCase, vettingScore: number): TpmRow | undefined {
  return TPM_TABLE.find(
    (r) => r.useCases.includes(useCase) && vettingScore >= r.minScore && vettingScore <= r.maxScore,
  );
}

/** T-Mobile TPD for a vetting score (table 2c); undefined when no row matches. */
export function tpdFor(vettingScore: number): TpdRow | undefined {
  return TPD_TABLE.find((r) => vettingScore >= r.minScore && vettingScore <= r.maxScore);
}

/** A limit the rulebook had to assume: the value used, and whether it is from the FAQ. */
export interface RuleValue {
  readonly value: number;
  /** True when no row of the table matched (or the row is itself an assumption). */
  readonly assumption: boolean;
}

/**
 * The TPM a use case gets at a vetting score. A combination with no row (none today: the
 * table covers 0..100 for every use case) gets the table's lowest TPM, as an assumption.
 */
export function tpmRule(useCase: UseCase, vettingScore: number): RuleValue {
  const row = tpmFor(useCase, vettingScore);
  return row !== undefined
    ? { value: row.tpm, assumption: false }
    : { value: Math.min(...TPM_TABLE.map((r) => r.tpm)), assumption: true };
}

/** The T-Mobile daily cap at a vetting score; a score with no row gets the lowest cap, as an assumption. */
export function tpdRule(vettingScore: number): RuleValue {
  const row = tpdFor(vettingScore);
  return row !== undefined
    ? { value: row.tpd, assumption: row.assumption }
    : { value: Math.min(...TPD_TABLE.map((r) => r.tpd)), assumption: true };
}
