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
  /** Whether the provider charges for a message that fails this way. */
  readonly charged: boolean;
}

export const FAILURE_CODES = [
  { code: '420', reason: 'message expired', plivo: true, charged: false },
  { code: '110', reason: 'message too long', plivo: true, charged: false },
  { code: 'tmobile_daily_cap', reason: 'T-Mobile daily cap (TPD) reached for the brand', plivo: false, charged: false },
  { code: 'toll_free_unverified', reason: 'toll-free number not verified (blocked since 2024-01-31; the FAQ says fees may apply)', plivo: false, charged: false },
  { code: 'mms_not_supported', reason: 'MMS not supported for this sender or destination', plivo: false, charged: false },
  { code: 'unregistered_10dlc', reason: 'US long code not linked to a 10DLC campaign', plivo: false, charged: false },
  { code: 'unknown_sender', reason: 'sender is not a number of the scenario', plivo: false, charged: false },
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
