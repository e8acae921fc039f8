/**
 * The resolved scenario model: what the loader produces after parsing the YAML,
 * filling defaults from the rulebook and validating. The engine only ever sees this
 * shape; it is deeply frozen and holds no YAML positions.
 *
 * Units are in the names: `...Ms` are integer milliseconds (since scenario start unless
 * the name says `Epoch`), `expirySeconds` is whole seconds, rates are a {@link Limit}.
 */

import type { FailureCode } from '../rules/codes.js';
import type { ProviderId } from '../rules/provider.js';

export {
  CARRIERS, COUNT_BY, LOG_SETTINGS, MESSAGE_TYPES, NUMBER_COUNTRIES, NUMBER_TYPES, PACINGS, USE_CASES,
  type Carrier, type CountBy, type LogSetting, type MessageType, type NumberCountry, type NumberType, type Pacing, type UseCase,
} from '../rules/vocabulary.js';
import type { Carrier, CountBy, LogSetting, MessageType, NumberCountry, NumberType, Pacing, UseCase } from '../rules/vocabulary.js';

/**
 * A rate limit: at most `count` messages (or units) leave in any window of `windowMs`.
 * `count` is a positive integer; a rate such as 0.25/s is stored as 1 per 4000 ms.
 */
export interface Limit {
  readonly count: number;
  readonly windowMs: number;
  readonly pacing: Pacing;
  readonly countBy: CountBy;
}

export interface Campaign {
  readonly id: string;
  readonly useCase: UseCase;
  /** The campaign's 10DLC SMS limit toward each carrier (its TPM, after overrides). */
  readonly carrierLimits: Readonly<Record<Carrier, Limit>>;
}

export interface Brand {
  /** 0..100; 0 means secondary vetting was skipped. */
  readonly vettingScore: number;
  readonly campaigns: readonly Campaign[];
}

/** A sending number of the scenario, with its limits already resolved from the rulebook. */
export interface NumberDef {
  readonly id: string;
  /** E.164, e.g. "+14155550100". */
  readonly number: string;
  readonly type: NumberType;
  readonly country: NumberCountry;
  /** Campaign id for US long codes (10DLC); null when not linked. */
  readonly campaign: string | null;
  readonly verified: boolean;
  /** The provider requires verification to send (toll-free). */
  readonly mustVerify: boolean;
  /** US long code: SMS falls under 10DLC (campaign TPM per carrier), MMS is limited per carrier. */
  readonly tenDlc: boolean;
  /** Per-number SMS limit; null = no per-number limit (US 10DLC SMS). */
  readonly smsLimit: Limit | null;
  /** Per-number MMS limit; null = MMS not supported from this number. For US 10DLC this is per (number, carrier). */
  readonly mmsLimit: Limit | null;
}

export type Arrival =
  | { readonly kind: 'burst'; readonly atMs: number; readonly count: number }
  | { readonly kind: 'constant'; readonly perSecond: number }
  | { readonly kind: 'poisson'; readonly perSecond: number }
  | { readonly kind: 'ramp'; readonly fromPerSecond: number; readonly toPerSecond: number }
  | { readonly kind: 'replay'; readonly file: string };

export interface TrafficSource {
  readonly name: string;
  /** Number ids, used round-robin. Empty only for replay (the file names senders). */
  readonly from: readonly string[];
  readonly type: MessageType;
  /** ISO 3166-1 alpha-2 destination country, e.g. "US". */
  readonly toCountry: string;
  readonly arrival: Arrival;
  /** Message text, or null when only `units` was given. */
  readonly text: string | null;
  /** Units (segments) per message: computed from `text`, or given. */
  readonly units: number;
  readonly expirySeconds: number;
  readonly log: LogSetting;
  /** Window of generation, ms since scenario start: [startMs, endMs). */
  readonly startMs: number;
  readonly endMs: number;
  /** Destinations per API request (bulk `dst`); each destination is its own message. */
  readonly recipients: number;
}

/** Whether a carrier's 10DLC TPM is shared by the brand's campaigns or given to each. */
export const TPM_SCOPES = ['brand', 'campaign'] as const;
export type TpmScope = (typeof TPM_SCOPES)[number];

/** A calendar-day cap toward one carrier (T-Mobile's TPD): passes or fails at once. */
export interface DailyCapRule {
  /** Stable name, used as the key of the cap in every report (e.g. `tmobile`). */
  readonly name: string;
  readonly carrier: Carrier;
  /** Messages (or units) per day. */
  readonly cap: number;
  readonly countBy: CountBy;
  /** IANA time zone of the day. */
  readonly zone: string;
  /** The failure code of a message over the cap. */
  readonly code: FailureCode;
}

/** The provider's rules merged with the scenario's overrides (once, at load). */
export interface RulesConfig {
  /** The provider whose profile the rules come from. */
  readonly provider: ProviderId;
  /**
   * Longest wait a queue may hold (ms): a message reaching a queue that already holds this
   * much wait at the queue's rate fails `queue_full`. null: unbounded (queued, never dropped).
   */
  readonly queueMaxWaitMs: number | null;
  /** Calendar-day caps, each toward one carrier, applied to 10DLC traffic to the US. */
  readonly dailyCaps: readonly DailyCapRule[];
  /** From this instant (epoch ms) unverified toll-free messages fail; before it they send. */
  readonly tollFreeBlockEpochMs: number;
  /** A campaign linked to more numbers than this needs a T-Mobile Number Pool Request. */
  readonly numberPoolThreshold: number;
  /** The provider's range of a message expiry, seconds (Plivo 5..10799, Twilio 1..36000). */
  readonly expiryRange: { readonly minSeconds: number; readonly maxSeconds: number };
  /** TPM scope per carrier (the FAQ: brand-wide; other providers: AT&T per campaign). */
  readonly tpmScope: Readonly<Record<Carrier, TpmScope>>;
  /** Whether a message failing with each code is charged (rulebook default, or set). */
  readonly charged: Readonly<Record<FailureCode, boolean>>;
  /** Per-carrier TPM override (messages per minute); absent = from table 2b. */
  readonly tpm: Readonly<Partial<Record<Carrier, number>>>;
  /** T-Mobile daily cap override; null = from table 2c. */
  readonly tpd: number | null;
  /** 10DLC MMS limit per (number, carrier). */
  readonly mms10dlc: Limit;
  /** What each limiter family counts. */
  readonly count: {
    readonly account: CountBy;
    readonly sender: CountBy;
    readonly carrier: CountBy;
    readonly dailyCap: CountBy;
  };
  /** Pacing of the carrier TPM limiter. */
  readonly carrierPacing: Pacing;
  /** Application flag for inbound messages (FAQ data logging). */
  readonly logIncomingMessages: boolean;
}

/** Resolved `pricing:` (see scenario/pricing.ts). Amounts are in `currency`. */
export interface Pricing {
  readonly currency: string;
  readonly perUnit: readonly { readonly type: NumberType; readonly country: string; readonly sms: number | null; readonly mms: number | null }[];
  readonly carrierSurcharge: Readonly<Record<Carrier, number>>;
  readonly numberMonthly: Readonly<Record<NumberType, number>>;
  readonly mpsPerSmsMonthly: number;
  readonly includedSmsMps: number;
  readonly runsPerMonth: number;
}

export interface Scenario {
  readonly name: string;
  readonly seed: number;
  /** Absolute start, epoch ms (UTC). */
  readonly startEpochMs: number;
  /**
   * UTC offset written in `start`, minutes east of UTC (`-07:00` → -420; 0 for `Z`): reports
   * show clock times in it. Absent in scenarios built in code (UTC then).
   */
  readonly startOffsetMinutes?: number;
  /** Traffic window length, ms. */
  readonly durationMs: number;
  /** Hard stop, ms since start; null = run until every queue is empty. */
  readonly untilMs: number | null;
  readonly account: { readonly sms: Limit; readonly mms: Limit };
  readonly brand: Brand;
  readonly numbers: readonly NumberDef[];
  /** Destination mix, weights summing to 1, in {@link CARRIERS} order. */
  readonly carriers: Readonly<Record<Carrier, number>>;
  readonly traffic: readonly TrafficSource[];
  readonly rules: RulesConfig;
  /** Threshold expressions, as written. */
  readonly expect: readonly string[];
  /** What sending costs, when the scenario says (`pricing:`); null otherwise. */
  readonly pricing: Pricing | null;
  /** Path of the scenario file, when loaded from one (for relative replay paths). */
  readonly file: string | null;
  /** Warnings about the rules as applied to this scenario (assumptions that decide an answer, NPR, ...). */
  readonly warnings: readonly string[];
}
