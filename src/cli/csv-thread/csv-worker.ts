/**
 * The message-CSV writer thread (see `csv-thread.ts`): prints the records of each published
 * slot of the ring and writes the bytes to the output's descriptor, until the run asks it to
 * finish (everything written) or to stop (an abort). A failure is reported through the ring,
 * never thrown: the run's thread is blocked in `Atomics.wait` and would not see an event.
 */
import { workerData } from 'node:worker_threads';
import { ByteSink } from '../../report/message-csv/csv-bytes.js';
import { RecordPrinter, RecordRegion } from '../../report/message-csv/csv-records.js';
import { fastRowsFor } from '../../report/message-csv/message-csv.js';
import type { Scenario } from '../../scenario/model.js';
import { C, ERROR_BYTES, signal, STATE, STOP, type RingData } from './csv-ring.js';
import { errnoText } from '../cli-errors.js';
import { writeAll } from '../io/output.js';

/** `workerData` of the writer thread. */
export interface WriterData extends RingData {
  readonly fd: number;
  readonly scenario: Scenario;
  readonly delimiter: string;
  readonly retryColumns: boolean;
  readonly chunkBytes: number;
}

const STOPPED = Symbol('stopped');

function run(data: WriterData): void {
  const ctrl = new Int32Array(data.control);
  const setState = (s: number): void => {
    Atomics.store(ctrl, C.STATE, s);
    signal(ctrl, C.PROGRESS);
  };
  try {
    const rows = fastRowsFor(data.scenario, data.delimiter, data.retryColumns);
    const sink = new ByteSink((chunk) => {
      if (Atomics.load(ctrl, C.STOP) === STOP.abort) throw STOPPED;
      writeAll(data.fd, chunk);
    }, data.chunkBytes);
    const printers = Array.from({ length: data.slots }, (_, k) => {
      const region = new RecordRegion(data.slotsBuffer, k * data.slotBytes, data.slotBytes);
      return new RecordPrinter(region, rows, data.scenario.startEpochMs, sink);
    });
    setState(STATE.running);
    let tail = 0;
    for (;;) {
      const seen = Atomics.load(ctrl, C.SIGNAL);
      const stop = Atomics.load(ctrl, C.STOP);
      if (stop === STOP.abort) throw STOPPED;
      if (tail === Atomics.load(ctrl, C.HEAD)) {
        if (stop === STOP.finish) {
          sink.flush();
          setState(STATE.done);
          return;
        }
        Atomics.wait(ctrl, C.SIGNAL, seen);
        continue;
      }
      const k = tail % data.slots;
      printers[k].print(0, Atomics.load(ctrl, C.LENGTHS + k));
      tail++;
      Atomics.store(ctrl, C.TAIL, tail);
      signal(ctrl, C.PROGRESS);
    }
  } catch (e) {
    if (e === STOPPED) {
      setState(STATE.stopped);
      return;
    }
    const text = new TextEncoder().encode(errnoText(e)).subarray(0, ERROR_BYTES);
    new Uint8Array(data.errors).set(text);
    Atomics.store(ctrl, C.ERROR_LENGTH, text.length);
    setState(STATE.failed);
  }
}

run(workerData as WriterData);
