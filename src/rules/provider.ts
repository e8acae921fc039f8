/**
 * What a provider is, as data: its limits, caps, failure codes, expiry and counting, each
 * number with where it comes from. A profile lives in src/rules/<provider>/; the scenario
 * loader merges one with the scenario's overrides into the frozen rules of a run, so the
 * engine never reads a profile.
 */
import type { FailureCode } from './codes.js';
import type { Carrier, CountBy, NumberCountry, NumberType, UseCase } from './vocabulary.js';

/** The providers a2psim has profiles of. */
export const PROVIDER_IDS = ['plivo', 'telnyx', 'twilio'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/**
 * The provider a name means, the one rule for names in a scenario (`provider: Twilio`) and
 * on the command line (`--provider TELNYX`): case-insensitive, spaces around ignored.
 * Undefined for a name that is no provider.
 */
export function providerId(name: string): ProviderId | undefined {
  const id = name.trim().toLowerCase();
  return (PROVIDER_IDS as readonly string[]).includes(id) ? (id as ProviderId) : undefined;
}

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
 * Per-number throughput. `sms`/`mms`: a rate; `'10dlc'` = governed by the brand's TPM per
 * carrier for SMS, or the 10DLC MMS rate per number per carrier; `null` = not supported.
 */
export interface NumberRule {
  readonly country: NumberCountry;
  readonly type: NumberType;
  readonly sms: RateRow | '10dlc';
  readonly mms: RateRow | '10dlc' | null;
  /** Must be verified to send (toll-free verification). */
  readonly verify: boolean;
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

/** How a provider treats one failure code. */
export interface CodeRule {
  /** The provider's own code for it, or null when it publishes none. */
  readonly own: string | null;
  /** Whether a message failing so is charged. */
  readonly charged: boolean;
  /** Source of `own` and `charged` (an assumption when the provider does not say). */
  readonly cite: Cite;
}

/** A default a2psim chose, with the scenario setting that changes it (null: built in). */
export interface Assumption {
  readonly id: string;
  readonly text: string;
  readonly setting: string | null;
}

/** A provider's rules. */
export interface Provider {
  readonly id: ProviderId;
  readonly name: string;
  /** One line under the title of `a2psim rules`. */
  readonly about: string;
  readonly account: { readonly sms: RateRule; readonly mms: RateRule };
  /** What happens over a limit (queued), in words, with its source. */
  readonly overLimit: { readonly text: string; readonly cite: Cite };
  /**
   * Longest wait a queue may hold: a message arriving at a queue that already holds this
   * much wait at the queue's rate is rejected (`queue_full`). null: queues are unbounded.
   */
  readonly queueMaxWait: { readonly seconds: number | null; readonly cite: Cite };
  readonly numbers: readonly NumberRule[];
  readonly mms10dlc: RateRule;
  readonly tpm: readonly TpmRow[];
  /** Whether each carrier's TPM is per brand or per campaign. */
  readonly tpmScope: { readonly value: Readonly<Record<Carrier, 'brand' | 'campaign'>>; readonly cite: Cite };
  readonly tpd: readonly TpdRow[];
  readonly dailyCap: { readonly carrier: Carrier; readonly zone: string; readonly cite: Cite };
  readonly codes: Readonly<Record<FailureCode, CodeRule>>;
  readonly expiry: { readonly defaultSeconds: number; readonly minSeconds: number; readonly maxSeconds: number; readonly cite: Cite };
  /** What each limiter family counts by default. */
  readonly count: {
    readonly account: CountBy;
    readonly sender: CountBy;
    readonly carrier: CountBy;
    readonly dailyCap: CountBy;
    readonly cite: Cite;
  };
  readonly tollFreeBlock: { readonly fromEpochMs: number; readonly label: string; readonly cite: Cite };
  readonly numberPoolThreshold: number;
  readonly assumptions: readonly Assumption[];
}

/** A cite of a public page read on `read`. */
export const page = (text: string, url: string, read: string): Cite => ({ text, url, read, assumption: null });

/** A value a2psim chose, and why. */
export const assumed = (why: string): Cite => ({ text: 'assumption', url: null, read: null, assumption: why });
