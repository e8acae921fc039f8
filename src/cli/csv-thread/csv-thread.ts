/**
 * The message CSV of a large run, printed and written on a second thread (issue 16): the
 * run's thread copies each generated message into a 56-byte record of a shared ring
 * (`report/csv-records.ts`), and the writer thread (`csv-worker.ts`) prints the rows —
 * the same bytes as {@link CsvMessageSink} on one thread — and writes them, so the engine
 * never waits on printing or on the disk. Rows that are not generated (replayed rows) are
 * printed here by the generic path and passed as bytes, in order.
 *
 * Faults keep the single-thread promises: a failed write is seen at the next published
 * slot (or at `end()`), the partial file is removed and an {@link OutputError} names the
 * file and the reason; an abort (error, Ctrl-C, SIGTERM) stops the writer before the file
 * is closed.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { MessageRecord, MessageView } from '../../engine/types.js';
import { CsvMessageSink, fastRowsFor, isFastRow, type MessageCsv } from '../../report/message-csv/message-csv.js';
import { FAST_RECORD_BYTES, putFastRecord, putRawRecord, RAW_HEADER_BYTES, rawRecordBytes, RecordRegion } from '../../report/message-csv/csv-records.js';
import type { Scenario } from '../../scenario/model.js';
import { allocateRing, C, signal, STATE, STOP } from './csv-ring.js';
import type { WriterData } from './csv-worker.js';
import { OutputError } from '../cli-errors.js';
import type { AtomicFile } from '../io/output.js';

/** Ring and chunk sizes; tests make them small to cross every boundary. */
export interface CsvThreadOptions {
  /** Slots in the ring (default 8). */
  readonly slots?: number;
  /** Bytes per slot, a multiple of 8 (default 256 KiB: ~4,700 rows). */
  readonly slotBytes?: number;
  /** Bytes per write of the writer thread (default 1 MiB). */
  readonly chunkBytes?: number;
}

/** How long the run waits for a writer thread that has not started before giving up. */
const START_TIMEOUT_MS = 60_000;
/** How long an abort waits for the writer to let go of the descriptor. */
const STOP_TIMEOUT_MS = 30_000;
/** The step of those waits. */
const WAIT_STEP_MS = 100;
/** How long the final drain waits at a time before giving a caller the chance to stop it. */
const DRAIN_STEP_MS = 20;

/**
 * The compiled writer module: the sibling `csv-worker.js` (dist/bundle when the CLI runs
 * from the bundle, dist/cli under tsc), else the bundled copy (TypeScript sources, in
 * tests); null when there is none.
 */
export function csvWorkerFile(): string | null {
  for (const rel of ['./csv-worker.js', '../../../dist/bundle/csv-worker.js']) {
    const file = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(file)) return file;
  }
  return null;
}

/** A message CSV sink whose rows are printed and written by a writer thread; see the module comment. */
export class ThreadedCsvSink implements MessageCsv {
  firstSubmitMs: number | null = null;
  private readonly ctrl: Int32Array;
  private readonly errors: Uint8Array;
  private readonly regions: RecordRegion[];
  private readonly slotBytes: number;
  private readonly generic: CsvMessageSink;
  /** Whether generated rows can take the fast path (the writer thread decides the same). */
  private readonly fast: boolean;
  private readonly worker: Worker;
  /** Slots published so far; the one being filled is `head % slots`. */
  private head = 0;
  private pos = 0;
  private region: RecordRegion;
  private closed = false;

  /**
   * Starts the writer thread on `file`'s descriptor and writes the header.
   * @param workerFile the compiled `csv-worker.js` (see {@link csvWorkerFile}).
   */
  constructor(
    private readonly file: AtomicFile,
    private readonly scenario: Scenario,
    csv: { bom?: boolean; delimiter?: string; retryColumns: boolean },
    workerFile: string,
    options: CsvThreadOptions = {},
  ) {
    const slots = options.slots ?? 64;
    this.slotBytes = options.slotBytes ?? 256 * 1024;
    const ring = allocateRing(slots, this.slotBytes);
    this.ctrl = new Int32Array(ring.control);
    this.errors = new Uint8Array(ring.errors);
    this.regions = Array.from({ length: slots }, (_, k) => new RecordRegion(ring.slotsBuffer, k * this.slotBytes, this.slotBytes));
    this.region = this.regions[0];
    this.fast = fastRowsFor(scenario, csv.delimiter ?? ',', csv.retryColumns) !== null;
    // Without `scenario`, every row takes the generic path: the rows this thread prints.
    this.generic = new CsvMessageSink((chunk) => this.raw(chunk), scenario.startEpochMs, scenario.rules.logIncomingMessages, { ...csv });
    const data: WriterData = {
      ...ring,
      fd: file.delegate(() => this.stop()),
      scenario,
      delimiter: csv.delimiter ?? ',',
      retryColumns: csv.retryColumns,
      chunkBytes: options.chunkBytes ?? 1 << 20,
    };
    // Loaded here: a run that writes no large CSV never needs worker_threads (start-up).
    const threads = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
    this.worker = new threads.Worker(workerFile, { workerData: data });
    // Faults come through the ring; the thread must not keep the process alive or crash it.
    this.worker.on('error', () => {});
    this.worker.unref();
    this.generic.end(); // the header
  }

  /** Writes one record (the generic path, printed on this thread). */
  write(record: MessageRecord): void {
    if (this.firstSubmitMs === null) this.firstSubmitMs = record.submitMs;
    this.generic.write(record);
    this.generic.end();
  }

  /** Writes one message read in place: a generated message as a record for the writer thread. */
  writeView(v: MessageView): void {
    if (!this.fast || !isFastRow(this.scenario.startEpochMs, v)) {
      this.write(v.record());
      return;
    }
    if (this.firstSubmitMs === null) this.firstSubmitMs = v.submitMs;
    if (this.pos + FAST_RECORD_BYTES > this.slotBytes) this.publish();
    this.pos = putFastRecord(this.region, this.pos, v);
  }

  /** Hands every row to the writer and waits until all of it is written. @throws OutputError */
  end(): void {
    for (const _ of this.endSteps()) {
      // Waits in steps; nothing to do between them here.
    }
  }

  /**
   * {@link end} in steps: yields every {@link DRAIN_STEP_MS} while the writer drains the
   * ring, so that an interactive caller hears a stop signal then (and closes the generator,
   * then aborts the file). @throws OutputError
   */
  *endSteps(): Generator<void, void> {
    if (this.closed) return;
    this.publish();
    this.closed = true;
    Atomics.store(this.ctrl, C.STOP, STOP.finish);
    signal(this.ctrl, C.SIGNAL);
    while (Atomics.load(this.ctrl, C.STATE) < STATE.done) {
      if (Atomics.load(this.ctrl, C.STATE) === STATE.starting) this.waitFor(() => Atomics.load(this.ctrl, C.STATE) !== STATE.starting);
      else {
        const seen = Atomics.load(this.ctrl, C.PROGRESS);
        if (Atomics.load(this.ctrl, C.STATE) < STATE.done) Atomics.wait(this.ctrl, C.PROGRESS, seen, DRAIN_STEP_MS);
      }
      if (Atomics.load(this.ctrl, C.STATE) < STATE.done) yield;
    }
    this.checkFailed();
  }

  /** Bytes printed on this thread, as raw records (split to fit a slot). */
  private raw(chunk: Uint8Array): void {
    const most = this.slotBytes - RAW_HEADER_BYTES;
    for (let at = 0; at < chunk.length; at += most) {
      const piece = chunk.subarray(at, Math.min(chunk.length, at + most));
      if (this.pos + rawRecordBytes(piece.length) > this.slotBytes) this.publish();
      this.pos = putRawRecord(this.region, this.pos, piece);
    }
  }

  /** Publishes the slot being filled (if any) and waits for a free one. @throws OutputError */
  private publish(): void {
    this.checkFailed();
    if (this.pos === 0) return;
    const slots = this.regions.length;
    Atomics.store(this.ctrl, C.LENGTHS + (this.head % slots), this.pos);
    this.head++;
    Atomics.store(this.ctrl, C.HEAD, this.head);
    signal(this.ctrl, C.SIGNAL);
    this.waitFor(() => this.head - Atomics.load(this.ctrl, C.TAIL) < slots || Atomics.load(this.ctrl, C.STATE) >= STATE.done);
    this.checkFailed();
    this.region = this.regions[this.head % slots];
    this.pos = 0;
  }

  /**
   * Blocks until `ready()`, waking on the writer's progress. @throws OutputError when the
   * writer has not started after {@link START_TIMEOUT_MS} (its module could not load).
   */
  private waitFor(ready: () => boolean): void {
    let waited = 0; // ms spent waiting for a thread still starting (no wall clock: tests fake it)
    for (;;) {
      const seen = Atomics.load(this.ctrl, C.PROGRESS);
      if (ready()) return;
      if (Atomics.load(this.ctrl, C.STATE) !== STATE.starting) {
        Atomics.wait(this.ctrl, C.PROGRESS, seen);
      } else if (waited >= START_TIMEOUT_MS) {
        this.file.abort();
        throw new OutputError(this.file.path, 'the message CSV writer thread did not start');
      } else if (Atomics.wait(this.ctrl, C.PROGRESS, seen, WAIT_STEP_MS) === 'timed-out') {
        waited += WAIT_STEP_MS;
      }
    }
  }

  /** Throws the writer's failure, after removing the partial file. */
  private checkFailed(): void {
    if (Atomics.load(this.ctrl, C.STATE) !== STATE.failed) return;
    const text = new TextDecoder().decode(this.errors.subarray(0, Atomics.load(this.ctrl, C.ERROR_LENGTH)));
    this.closed = true;
    this.file.abort();
    throw new OutputError(this.file.path, text);
  }

  /** Stops the writer (called by the file before it is closed); returns once it has let go. */
  private stop(): void {
    if (Atomics.load(this.ctrl, C.STATE) >= STATE.done) return;
    this.closed = true;
    Atomics.store(this.ctrl, C.STOP, STOP.abort);
    signal(this.ctrl, C.SIGNAL);
    let waited = 0;
    for (;;) {
      const seen = Atomics.load(this.ctrl, C.PROGRESS);
      if (Atomics.load(this.ctrl, C.STATE) >= STATE.done) return;
      // A thread that has not started has not written: it stops at its first look at STOP.
      if (Atomics.load(this.ctrl, C.STATE) === STATE.starting || waited >= STOP_TIMEOUT_MS) {
        void this.worker.terminate();
        return;
      }
      if (Atomics.wait(this.ctrl, C.PROGRESS, seen, WAIT_STEP_MS) === 'timed-out') waited += WAIT_STEP_MS;
    }
  }
}
