/**
 * Failure codes: the a2psim names of the ways a message can fail, the same for every
 * provider, so JSON and CSV keep their columns. `420` and `110` are Plivo's published
 * codes; the others are stable snake_case names, never passed off as a provider's. Each
 * provider profile maps them to its own code (if it publishes one) and says whether the
 * failure is charged (src/rules/<provider>/).
 */
export interface FailureCodeRow {
  readonly code: string;
  readonly reason: string;
  /** True for a code Plivo publishes; false for one a2psim defines. */
  readonly plivo: boolean;
}

export const FAILURE_CODES = [
  { code: '420', reason: 'message expired', plivo: true },
  { code: '110', reason: 'message too long', plivo: true },
  { code: 'tmobile_daily_cap', reason: 'T-Mobile daily cap (TPD) reached for the brand', plivo: false },
  { code: 'toll_free_unverified', reason: 'toll-free number not verified', plivo: false },
  { code: 'mms_not_supported', reason: 'MMS not supported for this sender or country', plivo: false },
  { code: 'unregistered_10dlc', reason: 'US long code not linked to a 10DLC campaign', plivo: false },
  { code: 'unknown_sender', reason: 'sender is not a number of the scenario', plivo: false },
  { code: 'queue_full', reason: 'rejected: the queue already holds its maximum wait', plivo: false },
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
