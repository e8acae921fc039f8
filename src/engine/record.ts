/**
 * A message's record, built from its pool columns only when a sink asks for records:
 * identifiers and synthetic destinations are derived then, never stored.
 */
import { FAILURE_CODES } from '../rules/codes.js';
import { CARRIERS, MESSAGE_TYPES, type Scenario } from '../scenario/model.js';
import { DELIVERED, FAILED, IN_FLIGHT, RECEIVED, type MessagePool } from './pool.js';
import type { MessageStatus } from './types.js';
import { messageUuid, syntheticNumber } from './random.js';
import { recipientNumber, recipientOf } from './recipients.js';
import type { SourceState } from './sources.js';
import type { MessageRecord } from './types.js';

/** Record status by pool status (IN_FLIGHT at the end of a run = queued). */
const STATUS_NAMES: readonly MessageStatus[] = ['queued', 'delivered', 'failed', 'received'];

/** The record of message `idx` (pool slot `slot`); a message still in flight is `queued`. */
export function messageRecord(
  scenario: Scenario,
  sources: readonly SourceState[],
  p: MessagePool,
  idx: number,
  slot: number,
): MessageRecord {
  const src = sources[p.source[slot]];
  const def = src.def;
  const row = p.extra[slot];
  const status = p.status[slot];
  const seq = p.seqInSource[slot];
  const endMs = status === IN_FLIGHT || status === RECEIVED ? null : p.endMs[slot];
  return {
    index: idx,
    uuid: row?.uuid ?? messageUuid(scenario.seed, src.hash, seq),
    traffic: def.name,
    from: row?.from ?? scenario.numbers[p.sender[slot]].number,
    to: row?.to ?? destination(scenario.seed, src, p.destSeq[slot]),
    toCountry: row?.toCountry ?? def.toCountry,
    direction: row?.direction ?? 'outbound',
    type: MESSAGE_TYPES[p.type[slot]],
    carrier: CARRIERS[p.carrier[slot]],
    submitMs: p.submitMs[slot],
    dispatchedMs: status === DELIVERED ? endMs : null,
    endMs,
    status: STATUS_NAMES[status],
    code: status === FAILED ? FAILURE_CODES[p.code[slot]].code : null,
    units: p.units[slot],
    text: row !== undefined ? row.text : def.text,
    log: row?.log ?? def.log,
    attempt: p.attempt[slot],
    retryOf: p.retryOf[slot] < 0 ? null : messageUuid(scenario.seed, src.hash, p.retryOf[slot]),
  };
}

/** The generated destination of message `seq`: its pool recipient's number, or a fresh one. */
function destination(seed: number, src: SourceState, seq: number): string {
  const pool = src.def.recipientsPool;
  const country = src.def.toCountry;
  if (pool === null) return syntheticNumber(seed, src.hash, seq, country);
  return recipientNumber(seed, src.hash, recipientOf(seed, src.hash, seq, pool), country);
}
