/**
 * What a provider is, as data: its limits, caps, failure codes, expiry and counting, each
 * number with where it comes from. A profile lives in src/rules/<provider>/; the scenario
 * loader merges one with the scenario's overrides into the frozen rules of a run, so the
 * engine never reads a profile.
 */
import { FAILURE_CODES, type FailureCode } from './codes.js';
import type { Carrier, CountBy, Destination, MessageType, NumberCountry, NumberType, UseCase } from './vocabulary.js';

/**
 * Where a number comes from: a public page (`url`, read on `read`), or no page at all —
 * then `assumption` says why a2psim chose the value, and the value is settable.
 */
export interface Cite {
  /** Short name of the source, e.g. `FAQ "Message Expiry"`. */
  readonly text: string;
  readonly url: string | null;
  /** Date the page was read, YYYY-MM-DD. */
  readonly read: string | null;
  /** Why the value is a2psim's choice (no source states it, sources conflict, third-party only); null when sourced. */
  readonly assumption: string | null;
  /** The sentence of the page the value rests on, as the page writes it (absent: not recorded). */
  readonly quote?: string;
}

/** A rate written as the source writes it: `count` per `per`. */
export interface RateRow {
  readonly count: number;
  readonly per: 'second' | 'minute';
}

export const WINDOW_MS: Readonly<Record<RateRow['per'], number>> = { second: 1000, minute: 60_000 };

/** A sourced rate. */
export interface RateRule extends RateRow {
  readonly cite: Cite;
}

/**
 * A per-number limit that applies to messages toward some destinations only, in place of the
 * number's own (Telnyx: "The default Long Code rate limit applies to non-US destinations").
 */
export interface DestinationRule {
  readonly to: readonly Destination[];
  readonly sms: RateRow;
  readonly mms: RateRow | null;
  readonly cite: Cite;
}

/**
 * Per-number throughput. `sms`/`mms`: a rate; `'10dlc'` = governed by the brand's TPM per
 * carrier for SMS, or the 10DLC MMS rate per number per carrier; `'account'` = no limit of
 * the number's own, up to the account's (Bandwidth A2P: "∞, up to account limit");
 * `null` = not supported.
 */
export interface NumberRule {
  readonly country: NumberCountry;
  readonly type: NumberType;
  readonly sms: RateRow | '10dlc' | 'account';
  readonly mms: RateRow | '10dlc' | 'account' | null;
  /** A 10DLC number's own SMS limit on top of the carriers' TPM (AWS: 1 MPS per 10DLC number). */
  readonly tenDlcPerNumber?: RateRow;
  /** Must be verified to send (toll-free verification). */
  readonly verify: boolean;
  /** Limits keyed on the destination country, replacing `sms`/`mms` toward those destinations. */
  readonly byDestination?: readonly DestinationRule[];
  readonly cite: Cite;
}

/**
 * An account-wide pool for the messages of some number types, in place of the account limit
 * of that message type (Twilio: toll-free MMS 25/s per account; no limit on short code MMS).
 * `rate` null: the account sets no limit on them.
 */
export interface AccountPool {
  /** Stable name of the pool, used in stage names (`account:mms:toll_free`). */
  readonly name: string;
  readonly types: readonly NumberType[];
  readonly message: MessageType;
  readonly rate: RateRow | null;
  readonly cite: Cite;
}

/** Toll-free verification states a number can be in (restricted: never submitted). */
export const VERIFICATION_STATES = ['restricted', 'pending', 'verified'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

/** The day messages from toll-free numbers in one verification state start to fail. */
export interface BlockDate {
  readonly fromEpochMs: number;
  readonly label: string;
  readonly cite: Cite;
}

/** US 10DLC SMS TPM per carrier. First matching row wins. */
export interface TpmRow {
  readonly useCases: readonly UseCase[];
  readonly minScore: number;
  readonly maxScore: number;
  readonly tpm: number;
  readonly cite: Cite;
}

/** T-Mobile daily cap (TPD) per brand. */
export interface TpdRow {
  readonly minScore: number;
  readonly maxScore: number;
  readonly tpd: number;
  readonly cite: Cite;
}

/**
 * A calendar-day cap toward one carrier (T-Mobile's TPD): per brand, counted on the days of
 * its own time zone; a message over it fails at once with its own code, never queues.
 */
export interface DailyCapProfile {
  /** Its key in results and in the summary's `daily_cap` (e.g. `tmobile`). */
  readonly name: string;
  readonly carrier: Carrier;
  /** IANA time zone whose midnight starts its day. */
  readonly zone: string;
  /** The failure code of a message over it. */
  readonly code: FailureCode;
  /** Its limit per day by vetting score. */
  readonly tpd: readonly TpdRow[];
  /** Source of the carrier, zone and code. */
  readonly cite: Cite;
}

/** How a provider treats one failure code. */
export interface CodeRule {
  /** The provider's own code for it, or null when it publishes none. */
  readonly own: string | null;
  /** Whether a message failing so is charged. */
  readonly charged: boolean;
  /** Source of `own` and `charged` (an assumption when the provider does not say). */
  readonly cite: Cite;
}

/**
 * The longest SMS a provider takes: GSM-7 characters, UCS-2 characters (UTF-16 code units)
 * and units (segments). A longer scenario text is refused at load; a longer replayed
 * message fails with code 110.
 */
export interface MaxLength {
  readonly gsm7Chars: number;
  readonly ucs2Chars: number;
  readonly units: number;
}

/** A default a2psim chose, with the scenario setting that changes it (null: built in). */
export interface Assumption {
  readonly id: string;
  readonly text: string;
  readonly setting: string | null;
}

/** A provider's rules. */
export interface Provider {
  /** Its id in the provider list (src/rules/providers.ts), lower case. */
  readonly id: string;
  readonly name: string;
  /** One line under the title of `a2psim rules`. */
  readonly about: string;
  readonly account: { readonly sms: RateRule; readonly mms: RateRule };
  /** What happens over a limit (queued), in words, with its source. */
  readonly overLimit: { readonly text: string; readonly cite: Cite };
  /**
   * Longest wait a queue may hold: a message arriving at a queue that already holds this
   * much wait at the queue's rate is rejected (`queue_full`). null: queues are unbounded.
   * `countBy` units: the queue's length is counted in segments (Telnyx), whatever the
   * limit counts; absent: in what the stage's limit counts.
   */
  readonly queueMaxWait: { readonly seconds: number | null; readonly countBy?: CountBy; readonly cite: Cite };
  /** Account pools of some number types (none: every message passes `account`). */
  readonly accountPools: readonly AccountPool[];
  readonly numbers: readonly NumberRule[];
  /**
   * The US long-code MMS limit: per number and per carrier (`perCarrier`, the Plivo FAQ's
   * 50/min), or per number across carriers (Twilio "each Twilio long code at 1 MPS").
   */
  readonly mms10dlc: RateRule & { readonly perCarrier: boolean };
  readonly tpm: readonly TpmRow[];
  /**
   * Where a carrier's TPM rests on another source than its table row (a carrier the page
   * gives no TPM for): the cite, usually an assumption. Absent carriers take the row's cite.
   */
  readonly tpmBasis: Readonly<Partial<Record<Carrier, Cite>>>;
  /** A ceiling on a carrier's TPM whatever the table says (Twilio's minor carriers, 10 MPS). */
  readonly tpmCap: Readonly<Partial<Record<Carrier, { readonly tpm: number; readonly cite: Cite }>>>;
  /** Whether each carrier's TPM is per brand or per campaign. */
  readonly tpmScope: { readonly value: Readonly<Record<Carrier, 'brand' | 'campaign'>>; readonly cite: Cite };
  /** The calendar-day caps (each toward one carrier, on 10DLC traffic to the US). */
  readonly caps: readonly DailyCapProfile[];
  readonly codes: Readonly<Record<FailureCode, CodeRule>>;
  readonly expiry: { readonly defaultSeconds: number; readonly minSeconds: number; readonly maxSeconds: number; readonly cite: Cite };
  /** The longest SMS it takes (not printed by `a2psim rules`, whose output predates it). */
  readonly maxLength: MaxLength & { readonly cite: Cite };
  /** What each limiter family counts by default. */
  readonly count: {
    readonly account: CountBy;
    readonly sender: CountBy;
    readonly carrier: CountBy;
    /** What every daily cap counts. */
    readonly dailyCaps: CountBy;
    readonly cite: Cite;
  };
  /** From when an unverified toll-free number's messages fail (a number pending verification). */
  readonly tollFreeBlock: BlockDate;
  /** From when a toll-free number never submitted for verification fails; absent: as `tollFreeBlock`. */
  readonly tollFreeBlockRestricted?: BlockDate;
  readonly numberPoolThreshold: number;
  readonly assumptions: readonly Assumption[];
}

/** A cite of a public page read on `read`, with the sentence the value rests on. */
export const page = (text: string, url: string, read: string, quote?: string): Cite =>
  quote === undefined ? { text, url, read, assumption: null } : { text, url, read, assumption: null, quote };

/** A value a2psim chose, and why. */
export const assumed = (why: string): Cite => ({ text: 'assumption', url: null, read: null, assumption: why });

/**
 * The longest message Plivo's "Encoding and concatenation" page gives: 1,600 GSM-7 or 737
 * UCS-2 characters, 11 units. The Plivo profile states it (assumed: the FAQ gives none) and
 * the profiles whose pages give none take it too ({@link assumedMaxLength}).
 */
export const PLIVO_MAX_LENGTH: MaxLength = { gsm7Chars: 1_600, ucs2Chars: 737, units: 11 };

/** `maxLength` of a provider whose pages, as read, give none: {@link PLIVO_MAX_LENGTH}, marked as an assumption. */
export const assumedMaxLength = (provider: string): MaxLength & { readonly cite: Cite } => ({
  ...PLIVO_MAX_LENGTH,
  cite: assumed(`no ${provider} page read gives the longest message; the Plivo figures (1,600 GSM-7 or 737 UCS-2 characters, 11 units) are used`),
});

/**
 * A provider's failure-code table: the codes it publishes (`own`), and every other code with no
 * code of its own, not charged, cited to `unstated` (why a2psim assumes so). In the order of
 * {@link FAILURE_CODES}, as `a2psim rules` prints them.
 */
export function codeTable(unstated: Cite, own: Partial<Record<FailureCode, CodeRule>>): Readonly<Record<FailureCode, CodeRule>> {
  return Object.fromEntries(FAILURE_CODES.map(({ code }) => [code, own[code] ?? { own: null, charged: false, cite: unstated }])) as Record<FailureCode, CodeRule>;
}
