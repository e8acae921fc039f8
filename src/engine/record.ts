/**
 * A message's record, built from its pool columns only when a sink asks for records:
 * identifiers and synthetic destinations are derived then, never stored.
 */
import { FAILURE_CODES } from '../rules/codes.js';
import { CARRIERS, MESSAGE_TYPES, type Scenario } from '../scenario/model.js';
import { DELIVERED, FAILED, IN_FLIGHT, RECEIVED, type MessagePool } from './pool.js';
import type { MessageStatus, ReplayRow } from './types.js';
import { callingCode, messageUuid, syntheticHalves, syntheticNumber, uuidWords } from './random.js';
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
    to: row?.to ?? syntheticNumber(scenario.seed, src.hash, seq, def.toCountry),
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
  };
}

/** The one {@link MessageView} of a run, moved from message to message by {@link RecordEmitter}. */
class SlotView implements MessageView {
  index = 0;
  slot = 0;
  source = 0;
  sender = 0;
  replayRow: ReplayRow | undefined = undefined;
  submitMs = 0;
  endMs = NaN;
  status = 0;
  code = -1;
  carrier = 0;
  type = 0;
  units = 0;
  private seq = 0;
  /** Per source: is its destination country in the NANP (calling code 1)? */
  private readonly nanp: boolean[];

  constructor(
    private readonly scenario: Scenario,
    private readonly sources: readonly SourceState[],
    private readonly pool: MessagePool,
  ) {
    this.nanp = sources.map((s) => callingCode(s.def.toCountry) === '1');
  }

  load(idx: number, slot: number): void {
    const p = this.pool;
    const status = p.status[slot];
    this.index = idx;
    this.slot = slot;
    this.source = p.source[slot];
    this.sender = p.sender[slot];
    this.replayRow = p.extra[slot];
    this.submitMs = p.submitMs[slot];
    this.endMs = status === IN_FLIGHT || status === RECEIVED ? NaN : p.endMs[slot];
    this.status = status;
    this.code = status === FAILED ? p.code[slot] : -1;
    this.carrier = p.carrier[slot];
    this.type = p.type[slot];
    this.units = p.units[slot];
    this.seq = p.seqInSource[slot];
  }

  uuidWords(out: Uint32Array): void {
    uuidWords(this.scenario.seed, this.sources[this.source].hash, this.seq, out);
  }

  destination(out: Uint32Array): void {
    syntheticHalves(this.scenario.seed, this.sources[this.source].hash, this.seq, this.nanp[this.source], out);
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
