/**
 * A message's record, built from its pool columns only when a sink asks for records:
 * identifiers and synthetic destinations are derived then, never stored.
 */
import { FAILURE_CODES } from '../rules/codes.js';
import { CARRIERS, MESSAGE_TYPES, type Scenario } from '../scenario/model.js';
import { DELIVERED, FAILED, IN_FLIGHT, RECEIVED, type MessagePool } from './in-flight.js';
import type { MessageStatus, ReplayRow } from './types.js';
import { callingCode, messageUuid, syntheticHalves, syntheticNumber, uuidWords } from './random.js';
import { recipientNumber, recipientOf } from './recipients.js';
import type { SourceState } from './sources.js';
import type { MessageRecord, MessageSink, MessageView } from './types.js';

/** Record status by pool status (IN_FLIGHT at the end of a run = queued). */
export const STATUS_NAMES: readonly MessageStatus[] = ['queued', 'delivered', 'failed', 'received'];

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

/** The one {@link MessageView} of a run, moved from message to message by {@link RecordEmitter}. */
class SlotView implements MessageView {
  index = 0;
  slot = 0;
  /** Per source: its name hash, and whether its destination country is in the NANP (calling code 1). */
  private readonly hash: Float64Array;
  private readonly nanp: boolean[];
  private readonly seed: number;

  constructor(
    private readonly scenario: Scenario,
    private readonly sources: readonly SourceState[],
    private readonly pool: MessagePool,
  ) {
    this.seed = scenario.seed;
    this.hash = Float64Array.from(sources, (s) => s.hash);
    this.nanp = sources.map((s) => callingCode(s.def.toCountry) === '1');
  }

  /** Moves the view to message `idx` in pool slot `slot`: fields are read from the pool on access. */
  load(idx: number, slot: number): void {
    this.index = idx;
    this.slot = slot;
  }

  get source(): number {
    return this.pool.source[this.slot];
  }

  get sender(): number {
    return this.pool.sender[this.slot];
  }

  get replayRow(): ReplayRow | undefined {
    return this.pool.extra[this.slot];
  }

  get submitMs(): number {
    return this.pool.submitMs[this.slot];
  }

  get endMs(): number {
    const status = this.pool.status[this.slot];
    return status === IN_FLIGHT || status === RECEIVED ? NaN : this.pool.endMs[this.slot];
  }

  get status(): number {
    return this.pool.status[this.slot];
  }

  get code(): number {
    return this.pool.status[this.slot] === FAILED ? this.pool.code[this.slot] : -1;
  }

  get carrier(): number {
    return this.pool.carrier[this.slot];
  }

  get type(): number {
    return this.pool.type[this.slot];
  }

  get units(): number {
    return this.pool.units[this.slot];
  }

  uuidWords(out: Uint32Array): void {
    uuidWords(this.seed, this.hash[this.source], this.pool.seqInSource[this.slot], out);
  }

  destination(out: Uint32Array): void {
    const src = this.source;
    syntheticHalves(this.seed, this.hash[src], this.pool.seqInSource[this.slot], this.nanp[src], out);
  }

  record(): MessageRecord {
    return messageRecord(this.scenario, this.sources, this.pool, this.index, this.slot);
  }
}

/**
 * Hands finished messages to a sink: as a reused {@link MessageView} when the sink takes
 * views (`writeView`), else as a {@link MessageRecord}.
 */
export class RecordEmitter {
  private readonly view: SlotView | null;

  constructor(
    private readonly scenario: Scenario,
    private readonly sources: readonly SourceState[],
    private readonly pool: MessagePool,
    private readonly sink: MessageSink,
  ) {
    this.view = sink.writeView === undefined ? null : new SlotView(scenario, sources, pool);
  }

  /** Writes message `idx` (pool slot `slot`) to the sink. */
  emit(idx: number, slot: number): void {
    if (this.view === null) {
      this.sink.write(messageRecord(this.scenario, this.sources, this.pool, idx, slot));
      return;
    }
    this.view.load(idx, slot);
    this.sink.writeView!(this.view);
  }
}
