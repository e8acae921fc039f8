/**
 * Failure codes (SPEC §2d). Numeric codes are Plivo's published ones; the FAQ publishes
 * no code for the other failures, so those use stable snake_case names and are never
 * passed off as Plivo's.
 */
export interface FailureCodeRow {
  readonly code: string;
  readonly reason: string;
  /** True for a code Plivo publishes; false for one a2psim defines. */
  readonly plivo: boolean;
  /** Whether the provider charges for a message that fails this way (default; `rules.charged` sets it). */
  readonly charged: boolean;
  /** Where `charged` comes from; null when the FAQ says nothing and `charged` is an assumption. */
  readonly chargedSource: string | null;
}

export const FAILURE_CODES = [
  { code: '420', reason: 'message expired', plivo: true, charged: false, chargedSource: 'FAQ: Message Expiry ("are not charged")' },
  { code: '110', reason: 'message too long', plivo: true, charged: false, chargedSource: null },
  { code: 'tmobile_daily_cap', reason: 'T-Mobile daily cap (TPD) reached for the brand', plivo: false, charged: false, chargedSource: null },
  { code: 'toll_free_unverified', reason: 'toll-free number not verified', plivo: false, charged: false, chargedSource: null },
  { code: 'mms_not_supported', reason: 'MMS not supported for this sender or country', plivo: false, charged: false, chargedSource: null },
  { code: 'unregistered_10dlc', reason: 'US long code not linked to a 10DLC campaign', plivo: false, charged: false, chargedSource: null },
  { code: 'unknown_sender', reason: 'sender is not a number of the scenario', plivo: false, charged: false, chargedSource: null },
] as const satisfies readonly FailureCodeRow[];

export type FailureCode = (typeof FAILURE_CODES)[number]['code'];

/** Index of each code in {@link FAILURE_CODES}; the engine stores codes as these indices. */
export const FAILURE_INDEX: Readonly<Record<FailureCode, number>> = Object.fromEntries(
  FAILURE_CODES.map((row, i) => [row.code, i]),
) as Record<FailureCode, number>;

/** Reason text of a code. */
export function failureReason(code: FailureCode): string {
  return FAILURE_CODES[FAILURE_INDEX[code]].reason;
}

/** Every failure code, in {@link FAILURE_CODES} order. */
export const FAILURE_CODE_NAMES: readonly FailureCode[] = FAILURE_CODES.map((r) => r.code);
