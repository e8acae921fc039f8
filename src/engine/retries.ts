/**
 * Client retries: a failed attempt whose code the source's policy lists is resubmitted
 * later as a new message (new UUID, attempt + 1, `retry_of` the failed attempt); under
 * `on_daily_cap: defer` an attempt failed by the daily cap is resubmitted when the cap's
 * next day starts. A message (a chain of attempts) counts once: delivered when an attempt
 * is delivered, lost when its last attempt fails with no retry left, otherwise pending.
 */
import type { TrafficSource } from '../scenario/model.js';
import { FAILURE_CODES } from '../rules/codes.js';

/** A resubmission waiting for its time. */
export interface PendingRetry {
  readonly source: number;
  readonly sender: number;
  readonly carrier: number;
  readonly attempt: number;
  readonly retryOf: number;
  readonly destSeq: number;
}

/** Messages (chains of attempts), counted apart from attempts. */
export interface MessageCounts {
  total: number;
  delivered: number;
  failed: number;
  /** Still in flight, or waiting for a retry, at the end of the run. */
  queued: number;
  /** Attempts after the first (retries and deferrals). */
  resubmitted: number;
}

/** Per source: which failure code indices trigger a retry. */
export function retryCodeMask(def: TrafficSource): Uint8Array {
  const mask = new Uint8Array(FAILURE_CODES.length);
  for (const code of def.retry?.on ?? []) mask[FAILURE_CODES.findIndex((c) => c.code === code)] = 1;
  return mask;
}

/**
 * When attempt `attempt` (1-based) of a message from `def`, failed at `nowMs` with code
 * index `code`, is resubmitted; -1 when it is not. `capNextDayMs` is the start of the next
 * day of the daily cap that failed the attempt, or -1 when no cap did.
 */
export function retryAt(
  def: TrafficSource,
  mask: Uint8Array,
  attempt: number,
  code: number,
  nowMs: number,
  capNextDayMs: number,
): number {
  if (capNextDayMs >= 0 && def.onDailyCap === 'defer') return capNextDayMs;
  const r = def.retry;
  if (r === null || mask[code] === 0 || attempt > r.max) return -1;
  return nowMs + Math.round(r.afterMs * r.backoff ** (attempt - 1));
}
