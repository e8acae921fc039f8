/**
 * The resolved scenario model: what the loader produces after parsing the YAML,
 * filling defaults from the rulebook and validating. The engine only ever sees this
 * shape; it is deeply frozen and holds no YAML positions.
 *
 * Units are in the names: `...Ms` are integer milliseconds (since scenario start unless
 * the name says `Epoch`), `expirySeconds` is whole seconds, rates are a {@link Limit}.
 */

import type { FailureCode } from '../rules/codes.js';
import type { MaxLength, VerificationState } from '../rules/provider.js';
import type { ProviderId } from '../rules/providers.js';

export {
  CARRIERS, COUNT_BY, DESTINATIONS, LOG_SETTINGS, MESSAGE_TYPES, NUMBER_COUNTRIES, NUMBER_TYPES, PACINGS, USE_CASES,
  type Carrier, type CountBy, type Destination, type LogSetting, type MessageType, type NumberCountry, type NumberType, type Pacing, type UseCase,
} from '../rules/vocabulary.js';
import type { Carrier, CountBy, Destination, LogSetting, MessageType, NumberCountry, NumberType, Pacing, UseCase } from '../rules/vocabulary.js';

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
  /** Toll-free verification state: `verified`, `pending` (submitted) or `restricted` (never submitted). */
  readonly verification: VerificationState;
  /** Limits keyed on the destination country, replacing the number's own toward those destinations. */
  readonly destinationLimits: readonly { readonly to: readonly Destination[]; readonly sms: Limit; readonly mms: Limit | null }[];
  /** The provider requires verification to send (toll-free). */
  readonly mustVerify: boolean;
  /** US long code: SMS falls under 10DLC (campaign TPM per carrier), MMS is limited per carrier. */
  readonly tenDlc: boolean;
  /** Per-number SMS limit; null = no per-number limit (US 10DLC SMS). */
  readonly smsLimit: Limit | null;
  /** Per-number MMS limit; null = none of its own (or MMS not supported: `mmsSupported`). For US 10DLC per (number, carrier) unless the provider says per number. */
  readonly mmsLimit: Limit | null;
  /** Whether the number can send MMS at all. */
  readonly mmsSupported: boolean;
}

/** Formats a replay file can be in: `auto` tells a gzip Twilio BulkExport from a CSV. */
export const REPLAY_FORMATS = ['auto', 'csv', 'twilio_bulk_export'] as const;
export type ReplayFormat = (typeof REPLAY_FORMATS)[number];

/** How the time of a mapped CSV is written (`iso`: the replay's own forms; patterns: local time in `zone`). */
export const TIME_FORMATS = ['iso', 'epoch_s', 'epoch_ms', 'YYYY-MM-DD HH:mm:ss', 'MM/DD/YYYY HH:mm:ss', 'DD/MM/YYYY HH:mm:ss'] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

/** Which header of any CSV holds each field of a replayed message (`columns:` of a replay). */
export interface ReplayColumnMap {
  readonly time: string;
  readonly from: string;
  readonly to: string;
  readonly text: string | null;
  readonly units: string | null;
  readonly type: string | null;
  readonly timeFormat: TimeFormat;
  /** IANA zone of times written without an offset. */
  readonly zone: string;
}

export type Arrival =
  | { readonly kind: 'burst'; readonly atMs: number; readonly count: number }
  | { readonly kind: 'constant'; readonly perSecond: number }
  | { readonly kind: 'poisson'; readonly perSecond: number }
  | { readonly kind: 'ramp'; readonly fromPerSecond: number; readonly toPerSecond: number }
  | { readonly kind: 'replay'; readonly file: string; readonly format: ReplayFormat; readonly columns: ReplayColumnMap | null }
  | { readonly kind: 'profile'; readonly profile: DailyProfile; readonly spacing: Spacing };

/** How requests of a daily profile are placed: evenly spaced, or a (non-homogeneous) Poisson process. */
export const SPACINGS = ['even', 'poisson'] as const;
export type Spacing = (typeof SPACINGS)[number];

/**
 * A rate that depends on the local time of day, repeating daily: from `atMsOfDay[i]` (ms
 * since local midnight in `timeZone`) to the next entry, `perHour[i]` requests per hour;
 * the last entry wraps round midnight to the first.
 */
export interface DailyProfile {
  readonly timeZone: string;
  readonly atMsOfDay: readonly number[];
  readonly perHour: readonly number[];
}

/**
 * A client-side sending window: a request due outside [fromMsOfDay, toMsOfDay) local time
 * (wrapping round midnight when from > to) is held by the client and submitted when the
 * window next opens. With several zones, each request's recipient zone is drawn by weight.
 */
export interface SendWindow {
  readonly fromMsOfDay: number;
  readonly toMsOfDay: number;
  /** Recipient time zones with weights summing to 1 (one zone: weight 1). */
  readonly zones: readonly { readonly timeZone: string; readonly weight: number }[];
}

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
  /** The client's sending window, or null (submit as soon as due). */
  readonly sendWindow: SendWindow | null;
  /** Destination carrier mix of this source, weights summing to 1, in {@link CARRIERS} order. */
  readonly carriers: Readonly<Record<Carrier, number>>;
  /** How each request picks its number from `from`. */
  readonly sender: SenderChoice;
  /** Distinct destinations the source sends to (each with a fixed carrier), or null: a new one per message. */
  readonly recipientsPool: number | null;
  /** The client's retry policy for failed attempts, or null (no retries). */
  readonly retry: RetryPolicy | null;
  /**
   * Client policy for attempts failed by a daily cap: `fail` (the message is lost, as the
   * FAQ's provider fails it) or `defer` (the client resubmits it when the cap's next day starts).
   */
  readonly onDailyCap: 'fail' | 'defer';
}

/**
 * A client's retries: an attempt that fails with one of `on` is resubmitted as a new
 * message (new UUID) `afterMs · backoff^(n−1)` after attempt n failed, while n <= `max`.
 */
export interface RetryPolicy {
  /** Failure codes that trigger a retry, e.g. ['420', 'tmobile_daily_cap']. */
  readonly on: readonly string[];
  readonly afterMs: number;
  /** Most retries per message (attempts <= max + 1). */
  readonly max: number;
  readonly backoff: number;
}

/**
 * How a request picks its sending number: `round_robin` (in turn), `random` (uniformly,
 * seeded), `sticky` (each recipient of the pool always from the same number).
 */
export const SENDER_CHOICES = ['round_robin', 'random', 'sticky'] as const;
export type SenderChoice = (typeof SENDER_CHOICES)[number];

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
  /** From this instant (epoch ms) unverified (pending) toll-free messages fail; before it they send. */
  readonly tollFreeBlockEpochMs: number;
  /** From this instant toll-free numbers never submitted for verification (restricted) fail. */
  readonly tollFreeRestrictedBlockEpochMs: number;
  /** What a queue's longest length counts: messages, or units (segments: Telnyx). */
  readonly queueCountBy: CountBy;
  /** Account pools of some number types, in place of `account` for their messages (limit null: none). */
  readonly accountPools: readonly { readonly name: string; readonly types: readonly NumberType[]; readonly message: MessageType; readonly limit: Limit | null }[];
  /** A campaign linked to more numbers than this needs a T-Mobile Number Pool Request. */
  readonly numberPoolThreshold: number;
  /** The provider's range of a message expiry, seconds (Plivo 5..10799, Twilio 1..36000). */
  readonly expiryRange: { readonly minSeconds: number; readonly maxSeconds: number };
  /** The provider's longest SMS: a longer scenario text is refused, a longer replayed message fails (110). */
  readonly maxLength: MaxLength;
  /** TPM scope per carrier (the FAQ: brand-wide; other providers: AT&T per campaign). */
  readonly tpmScope: Readonly<Record<Carrier, TpmScope>>;
  /** Whether a message failing with each code is charged (rulebook default, or set). */
  readonly charged: Readonly<Record<FailureCode, boolean>>;
  /** Per-carrier TPM override (messages per minute); absent = from table 2b. */
  readonly tpm: Readonly<Partial<Record<Carrier, number>>>;
  /** T-Mobile daily cap override; null = from table 2c. */
  readonly tpd: number | null;
  /** 10DLC MMS limit per (number, carrier), or per number when `mms10dlcPerCarrier` is false. */
  readonly mms10dlc: Limit;
  readonly mms10dlcPerCarrier: boolean;
  /** What each limiter family counts. */
  readonly count: {
    readonly account: CountBy;
    readonly sender: CountBy;
    readonly carrier: CountBy;
    /** What every daily cap counts. */
    readonly dailyCaps: CountBy;
  };
  /** Pacing of the carrier TPM limiter. */
  readonly carrierPacing: Pacing;
  /** Application flag for inbound messages (FAQ data logging). */
  readonly logIncomingMessages: boolean;
}

/**
 * An incident, from `startMs` to `endMs` (ms since start): a carrier outage (nothing is
 * handed to `carrier`; its messages wait, and expire), a degraded carrier (its 10DLC TPM
 * stages pass `factor` of their rate, evenly spaced), or a provider-wide outage (nothing is
 * handed to any carrier).
 */
export interface Incident {
  readonly kind: 'carrier_outage' | 'degraded_carrier' | 'provider_outage';
  /** The carrier concerned; null for a provider-wide outage. */
  readonly carrier: Carrier | null;
  /** Share of the rate left while degraded (0 < factor < 1); 0 for an outage. */
  readonly factor: number;
  readonly startMs: number;
  readonly endMs: number;
}

export const INCIDENT_KINDS = ['carrier_outage', 'degraded_carrier', 'provider_outage'] as const;

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
  /** Incidents (outages, degraded carriers), in the order written. */
  readonly incidents: readonly Incident[];
  /** Threshold expressions, as written. */
  readonly expect: readonly string[];
  /** What sending costs, when the scenario says (`pricing:`); null otherwise. */
  readonly pricing: Pricing | null;
  /** Path of the scenario file, when loaded from one (for relative replay paths). */
  readonly file: string | null;
  /** Warnings about the rules as applied to this scenario (assumptions that decide an answer, NPR, ...). */
  readonly warnings: readonly string[];
}
