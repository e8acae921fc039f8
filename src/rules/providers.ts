/**
 * The provider profiles by id, and the lookups every layer uses on one: a number type's
 * row, the TPM of a use case at a vetting score, the T-Mobile cap at a score.
 */
import { AWS } from './aws/index.js';
import { BANDWIDTH } from './bandwidth/index.js';
import { PLIVO } from './plivo/index.js';
import type { DailyCapProfile, NumberRule, Provider, TpdRow, TpmRow } from './provider.js';
import { TELNYX } from './telnyx/index.js';
import { TWILIO } from './twilio/index.js';
import type { NumberCountry, NumberType, UseCase } from './vocabulary.js';

/**
 * The provider list: the one registry of profiles. A new provider is a folder
 * src/rules/<id>/ exporting its profile, and one entry here (its id in PROVIDER_IDS, its
 * profile in PROVIDERS); the scenario schema, the CLI's --provider choices and help text,
 * `a2psim rules` and the playground all read these two.
 */
export const PROVIDER_IDS = ['plivo', 'telnyx', 'twilio', 'bandwidth', 'aws'] as const;
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

export const PROVIDERS: Readonly<Record<ProviderId, Provider>> = { plivo: PLIVO, telnyx: TELNYX, twilio: TWILIO, bandwidth: BANDWIDTH, aws: AWS };

/** The provider a scenario uses when it names none. */
export const DEFAULT_PROVIDER: ProviderId = 'plivo';

/** A number type's row; undefined when the profile has none. */
export function numberRule(p: Provider, country: NumberCountry, type: NumberType): NumberRule | undefined {
  return p.numbers.find((r) => r.country === country && r.type === type);
}

/** True for a number type that must be verified to send (toll-free). */
export function mustBeVerified(p: Provider, country: NumberCountry, type: NumberType): boolean {
  return numberRule(p, country, type)?.verify === true;
}

/** True for a number type whose SMS falls under 10DLC registration (US long codes). */
export function is10dlc(p: Provider, country: NumberCountry, type: NumberType): boolean {
  return numberRule(p, country, type)?.sms === '10dlc';
}

/** A limit the profile had to assume: the value used, and whether it is an assumption. */
export interface RuleValue {
  readonly value: number;
  /** Why the value is assumed (no row matched, or the row is itself an assumption); null when sourced. */
  readonly assumption: string | null;
}

/** TPM for a use case and vetting score; a combination with no row gets the lowest TPM, assumed. */
export function tpmRule(p: Provider, useCase: UseCase, vettingScore: number): RuleValue {
  const row: TpmRow | undefined = p.tpm.find(
    (r) => r.useCases.includes(useCase) && vettingScore >= r.minScore && vettingScore <= r.maxScore,
  );
  return row !== undefined
    ? { value: row.tpm, assumption: row.cite.assumption }
    : { value: Math.min(...p.tpm.map((r) => r.tpm)), assumption: 'no row of the TPM table matches' };
}

/** A daily cap's limit at a vetting score; a score with no row gets the lowest limit, assumed. */
export function capPerDay(cap: DailyCapProfile, vettingScore: number): RuleValue {
  const row: TpdRow | undefined = cap.tpd.find((r) => vettingScore >= r.minScore && vettingScore <= r.maxScore);
  return row !== undefined
    ? { value: row.tpd, assumption: row.cite.assumption }
    : { value: Math.min(...cap.tpd.map((r) => r.tpd)), assumption: 'no row of the TPD table matches' };
}
