/**
 * The resolved scenario model: what the loader produces after parsing the YAML,
 * filling defaults from the rulebook and validating. The engine only ever sees this
 * shape; it is deeply frozen and holds no YAML positions.
 *
 * Units are in the names: `...Ms` are integer milliseconds (since scenario start unless
 * the name says `Epoch`), `expirySeconds` is whole seconds, rates are a {@link Limit}.
 */

/** Message types the provider carries. */
export const MESSAGE_TYPES = ['sms', 'mms'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Countries whose number rules the rulebook knows. */
export const NUMBER_COUNTRIES = ['US', 'CA'] as const;
export type NumberCountry = (typeof NUMBER_COUNTRIES)[number];

export const NUMBER_TYPES = ['long_code', 'toll_free', 'short_code'] as const;
export type NumberType = (typeof NUMBER_TYPES)[number];

export const USE_CASES = ['dedicated', 'mixed', 'marketing', 'low_volume'] as const;
export type UseCase = (typeof USE_CASES)[number];

/** Destination carriers; index order is the order used in every report. */
export const CARRIERS = ['att', 'tmobile', 'verizon', 'other'] as const;
export type Carrier = (typeof CARRIERS)[number];

/** The FAQ's four data-logging settings (`log` parameter of the Send Message API). */
export const LOG_SETTINGS = ['true', 'false', 'number_only', 'content_only'] as const;
export type LogSetting = (typeof LOG_SETTINGS)[number];

/** How a limiter spaces departures. */
export const PACINGS = ['sliding', 'smooth'] as const;
export type Pacing = (typeof PACINGS)[number];

/** What a limit counts: whole messages (the FAQ) or units/segments. */
export const COUNT_BY = ['messages', 'units'] as const;
export type CountBy = (typeof COUNT_BY)[number];

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

/** Rule overrides and switches, merged over the rulebook defaults. */
export interface RulesConfig {
  readonly tpmScope: 'brand' | 'campaign';
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
  /** Path of the scenario file, when loaded from one (for relative replay paths). */
  readonly file: string | null;
}
