/**
 * Failure codes: the a2psim names of the ways a message can fail, the same for every
 * provider, so JSON and CSV keep their columns: `420` and `110` (Plivo's own codes, kept as
 * names) and stable snake_case names. Which code is a provider's own, and whether the
 * failure is charged, is in each provider's profile (`codes`, src/rules/<provider>/).
 */
export interface FailureCodeRow {
  readonly code: string;
  readonly reason: string;
}

export const FAILURE_CODES = [
  { code: '420', reason: 'message expired' },
  { code: '110', reason: 'message too long' },
  { code: 'tmobile_daily_cap', reason: 'T-Mobile daily cap (TPD) reached for the brand' },
  { code: 'toll_free_unverified', reason: 'toll-free number not verified' },
  { code: 'mms_not_supported', reason: 'MMS not supported for this sender or country' },
  { code: 'unregistered_10dlc', reason: 'US long code not linked to a 10DLC campaign' },
  { code: 'unknown_sender', reason: 'sender is not a number of the scenario' },
  { code: 'queue_full', reason: 'rejected: the queue already holds its maximum wait' },
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
