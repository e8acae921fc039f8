/**
 * Message rows as fixed-size binary records, so that one thread can run the engine while
 * another prints the CSV: the engine's thread copies what a generated message's row needs
 * (56 bytes: times, UUID words, destination digits, indexes) into a buffer, and the
 * printing thread turns the records back into exactly the bytes {@link GeneratedRows}
 * prints on one thread. A row that is not generated (a replayed row, a time that is not a
 * whole millisecond) is printed by the engine's thread and passed as its bytes (a raw
 * record), in order. Pure: no threads here, only the layout.
 *
 * Layout of a record at byte offset `o` (a multiple of 8) of a region:
 * - fast: u32 tag 0, u32 units, f64 submitMs, f64 endMs (NaN: none), u32 × 4 UUID words,
 *   u32 × 2 destination halves, u16 source, u16 sender, u8 type, u8 carrier, u8 status,
 *   u8 code + 1 (0: none) — {@link FAST_RECORD_BYTES} bytes;
 * - raw: u32 tag 1, u32 length, then the bytes, padded to a multiple of 8.
 */
import type { ByteSink } from './csv-bytes.js';
import type { FastRowView, GeneratedRows } from './csv-fast.js';
import type { MessageView } from '../../engine/types.js';

/** Bytes of one generated message's record. */
export const FAST_RECORD_BYTES = 56;
/** Bytes before a raw record's data. */
export const RAW_HEADER_BYTES = 8;

const TAG_FAST = 0;
const TAG_RAW = 1;

/** Typed views of one region of a (shared) buffer, for writing and reading records. */
export class RecordRegion {
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly u32: Uint32Array;
  readonly f64: Float64Array;

  /** `byteOffset` and `byteLength` must be multiples of 8. */
  constructor(buffer: ArrayBufferLike, byteOffset: number, byteLength: number) {
    if (byteOffset % 8 !== 0 || byteLength % 8 !== 0) throw new RangeError('RecordRegion: offset and length must be multiples of 8');
    this.u8 = new Uint8Array(buffer, byteOffset, byteLength);
    this.u16 = new Uint16Array(buffer, byteOffset, byteLength / 2);
    this.u32 = new Uint32Array(buffer, byteOffset, byteLength / 4);
    this.f64 = new Float64Array(buffer, byteOffset, byteLength / 8);
  }
}

const words = new Uint32Array(4);

/**
 * Writes the record of generated message `v` at `o` (the caller made
 * {@link FAST_RECORD_BYTES} of room). @returns the offset after it.
 */
export function putFastRecord(r: RecordRegion, o: number, v: MessageView): number {
  const w = o >>> 2;
  const u32 = r.u32;
  u32[w] = TAG_FAST;
  u32[w + 1] = v.units;
  r.f64[(o >>> 3) + 1] = v.submitMs;
  r.f64[(o >>> 3) + 2] = v.endMs;
  v.uuidWords(words);
  u32[w + 6] = words[0];
  u32[w + 7] = words[1];
  u32[w + 8] = words[2];
  u32[w + 9] = words[3];
  v.destination(words);
  u32[w + 10] = words[0];
  u32[w + 11] = words[1];
  const h = o >>> 1;
  r.u16[h + 24] = v.source;
  r.u16[h + 25] = v.sender;
  const u8 = r.u8;
  u8[o + 52] = v.type;
  u8[o + 53] = v.carrier;
  u8[o + 54] = v.status;
  u8[o + 55] = v.code + 1;
  return o + FAST_RECORD_BYTES;
}

/** Room a raw record of `n` bytes takes. */
export const rawRecordBytes = (n: number): number => RAW_HEADER_BYTES + ((n + 7) & ~7);

/**
 * Writes `bytes` as a raw record at `o` (the caller made {@link rawRecordBytes} of room).
 * @returns the offset after it.
 */
export function putRawRecord(r: RecordRegion, o: number, bytes: Uint8Array): number {
  r.u32[o >>> 2] = TAG_RAW;
  r.u32[(o >>> 2) + 1] = bytes.length;
  r.u8.set(bytes, o + RAW_HEADER_BYTES);
  return o + rawRecordBytes(bytes.length);
}

/** A record read in place: the fields {@link GeneratedRows.put} reads. */
class RecordView implements FastRowView {
  o = 0;
  constructor(private readonly r: RecordRegion) {}
  get source(): number {
    return this.r.u16[(this.o >>> 1) + 24];
  }
  get sender(): number {
    return this.r.u16[(this.o >>> 1) + 25];
  }
  get units(): number {
    return this.r.u32[(this.o >>> 2) + 1];
  }
  get submitMs(): number {
    return this.r.f64[(this.o >>> 3) + 1];
  }
  get endMs(): number {
    return this.r.f64[(this.o >>> 3) + 2];
  }
  get type(): number {
    return this.r.u8[this.o + 52];
  }
  get carrier(): number {
    return this.r.u8[this.o + 53];
  }
  get status(): number {
    return this.r.u8[this.o + 54];
  }
  get code(): number {
    return this.r.u8[this.o + 55] - 1;
  }
  uuidWords(out: Uint32Array): void {
    const w = (this.o >>> 2) + 6;
    out[0] = this.r.u32[w];
    out[1] = this.r.u32[w + 1];
    out[2] = this.r.u32[w + 2];
    out[3] = this.r.u32[w + 3];
  }
  destination(out: Uint32Array): void {
    const w = (this.o >>> 2) + 10;
    out[0] = this.r.u32[w];
    out[1] = this.r.u32[w + 1];
  }
}

/** Prints the records of a region into a {@link ByteSink}: the printing thread's half. */
export class RecordPrinter {
  private readonly view: RecordView;

  constructor(
    private readonly region: RecordRegion,
    private readonly rows: GeneratedRows | null,
    private readonly startEpochMs: number,
    private readonly sink: ByteSink,
  ) {
    this.view = new RecordView(region);
  }

  /** Prints the records in bytes [from, to) of the region. */
  print(from: number, to: number): void {
    const { region, rows, sink, view } = this;
    const start = this.startEpochMs;
    let o = from;
    while (o < to) {
      const tag = region.u32[o >>> 2];
      if (tag === TAG_FAST) {
        if (rows === null) throw new Error('RecordPrinter: a generated row for a scenario without the fast path');
        view.o = o;
        sink.room(rows.rowBound[view.source]);
        sink.pos = rows.put(sink.buf, sink.view, sink.pos, view, start + view.submitMs, start + view.endMs);
        o += FAST_RECORD_BYTES;
      } else if (tag === TAG_RAW) {
        const n = region.u32[(o >>> 2) + 1];
        sink.bytes(region.u8.subarray(o + RAW_HEADER_BYTES, o + RAW_HEADER_BYTES + n));
        o += rawRecordBytes(n);
      } else {
        throw new Error(`RecordPrinter: bad record tag ${tag} at byte ${o}`);
      }
    }
  }
}
