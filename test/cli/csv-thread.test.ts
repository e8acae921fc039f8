// The message CSV printed and written on a writer thread (issue 16): the same bytes as on
// the run's own thread, whatever the mix of generated and replayed rows, the delimiter, the
// BOM and the ring's size; a write that fails on the writer thread ends the run with the
// one-line error and no file; an abort stops the writer before the file is closed; and
// only a large run with plain outputs takes the thread. Needs dist/bundle/csv-worker.js
// (built by test/global-setup.ts).
import { copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import { csvWorkerFile, ThreadedCsvSink } from '../../src/cli/csv-thread/csv-thread.js';
import { OutputError } from '../../src/cli/cli-errors.js';
import { AtomicFile, setOutputWrite } from '../../src/cli/io/output.js';
import { abortRun, CSV_THREAD_MIN_MESSAGES, finishRun, prepareRun, type RunFileOptions } from '../../src/cli/run/run-files.js';
import { CsvMessageSink } from '../../src/report/message-csv/message-csv.js';
import { estimateRun } from '../../src/scenario/limits.js';
import { loadScenarioFile } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/model.js';
import { scenarioOf } from '../helpers/scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'a2psim-csv-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A ring of two 512-byte slots and 1,000-byte writes: every boundary is crossed many times. */
const TINY_RING = { always: true, slots: 2, slotBytes: 512, chunkBytes: 1000 } as const;

/** Runs `scenario` writing its message CSV as `opts` say; returns the file's bytes. */
function messagesOf(scenario: Scenario, name: string, opts: RunFileOptions): Buffer {
  const path = join(dir, name);
  const prepared = prepareRun(scenario, { ...opts, messages: path }, undefined);
  finishRun(prepared, simulate(scenario, prepared.simulateOptions));
  return readFileSync(path);
}

/** One toll-free number sending OTPs at `rate` for `duration`. */
const otpScenario = (duration: string, rate: string): Scenario =>
  scenarioOf(`
start: 2026-03-09T15:00:00Z
duration: ${duration}
numbers: [{ id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }]
traffic: [{ name: otp, from: [tf1], arrival: { kind: poisson, rate: ${rate} } }]
`);

/** Three generated sources (texts that need quoting and neutralising, redaction) and a replayed file. */
function mixedScenario(): Scenario {
  copyFileSync('test/fixtures/mdr-plivo.csv', join(dir, 'mdr-plivo.csv'));
  const file = join(dir, 'mixed.yaml');
  writeFileSync(
    file,
    `name: mixed
seed: 5
start: 2026-03-09T15:00:00Z
duration: 2m
account: { mps: { sms: 30 } }
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
  - { id: sc1, number: "45678", type: short_code, country: US }
traffic:
  - { name: "=otp", from: [tf1], arrival: { kind: poisson, rate: 20/s }, expiry: 5, text: "Code, \\"quoted\\"\\nline" }
  - { name: alerts, from: [sc1], to_country: CA, log: number_only, arrival: { kind: burst, count: 2000 } }
  - { name: plain, from: [tf1, sc1], arrival: { kind: poisson, rate: 3/s } }
  - { name: mdr, arrival: { kind: replay, file: mdr-plivo.csv } }
`,
  );
  return loadScenarioFile(file);
}

describe('the message CSV on a writer thread', () => {
  it('is byte for byte the CSV of the run\'s own thread: generated and replayed rows, any delimiter, BOM', () => {
    const sc = mixedScenario();
    const plain: Buffer[] = [];
    for (const csv of [{}, { delimiter: ';', bom: true }, { delimiter: '\t' }, { delimiter: '1' }]) {
      const one = messagesOf(sc, 'one.csv', { ...csv, csvThread: 'never' });
      const two = messagesOf(sc, 'two.csv', { ...csv, csvThread: TINY_RING });
      const rows = one.toString('utf8').split('\r\n').length;
      expect(rows, JSON.stringify(csv)).toBeGreaterThan(4000);
      expect(two.equals(one), JSON.stringify(csv)).toBe(true);
      plain.push(one);
    }
    // The default ring too (against the run's own thread with the default CSV options, above).
    expect(messagesOf(sc, 'three.csv', { csvThread: { always: true } }).equals(plain[0])).toBe(true);
  }, 60_000);

  it('a write that fails on the writer thread ends the run: one line naming the file and the reason, the partial removed', () => {
    const sc = otpScenario('1m', '50/s');
    // The writer thread gets a descriptor of /dev/full: every write fails with ENOSPC.
    const fd = openSync('/dev/full', 'w');
    let aborted = 0;
    const file = { path: 'out/messages.csv', delegate: () => fd, abort: () => aborted++ } as unknown as AtomicFile;
    const sink = new ThreadedCsvSink(file, sc, { retryColumns: false }, csvWorkerFile()!, { slots: 2, slotBytes: 1024, chunkBytes: 1024 });
    let error: unknown;
    try {
      simulate(sc, { sink });
      sink.end();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toBe('out/messages.csv: cannot write (ENOSPC: no space left on device)');
    expect(aborted).toBeGreaterThan(0);
  }, 60_000);

  it('an abort stops the writer, then the partial file is removed and nothing more is written', async () => {
    const sc = mixedScenario();
    const path = join(dir, 'aborted.csv');
    const prepared = prepareRun(sc, { messages: path, csvThread: TINY_RING }, undefined);
    expect(prepared.messages!.sink).toBeInstanceOf(ThreadedCsvSink);
    let rows = 0;
    const sink = prepared.messages!.sink;
    const writeView = sink.writeView!.bind(sink);
    // Stop the run a third of the way through, as an error or Ctrl-C does.
    const stop = new Error('stopped');
    sink.writeView = (v) => {
      if (++rows === 1500) throw stop;
      writeView(v);
    };
    expect(() => simulate(sc, prepared.simulateOptions)).toThrow(stop);
    abortRun(prepared);
    await new Promise((r) => setTimeout(r, 200));
    expect(readdirSync(dir).filter((f) => f.startsWith('aborted'))).toEqual([]);
    expect(existsSync(path)).toBe(false);
  }, 60_000);
});

describe('which runs take the writer thread', () => {
  const small = otpScenario('1h', '1/s');
  const large = otpScenario('24h', '3/s');
  const sinkOf = (sc: Scenario, opts: RunFileOptions = {}) => {
    const prepared = prepareRun(sc, { ...opts, messages: join(dir, 'which.csv') }, undefined);
    const sink = prepared.messages!.sink;
    abortRun(prepared);
    return sink;
  };

  it(`a run estimated at ${CSV_THREAD_MIN_MESSAGES.toLocaleString('en-US')} messages or more, with generated rows`, () => {
    expect(estimateRun(small).messages).toBeLessThan(CSV_THREAD_MIN_MESSAGES);
    expect(estimateRun(large).messages).toBeGreaterThan(CSV_THREAD_MIN_MESSAGES);
    expect(sinkOf(small)).toBeInstanceOf(CsvMessageSink);
    expect(sinkOf(large)).toBeInstanceOf(ThreadedCsvSink);
    expect(sinkOf(large, { csvThread: 'never' })).toBeInstanceOf(CsvMessageSink);
    expect(sinkOf(small, { csvThread: { always: true } })).toBeInstanceOf(ThreadedCsvSink);
  });

  it('not while a test replaces the write call (its faults must reach the run\'s own writes)', () => {
    setOutputWrite((fd, buffer, offset, length) => length);
    try {
      expect(sinkOf(large)).toBeInstanceOf(CsvMessageSink);
    } finally {
      setOutputWrite(null);
    }
  });
});
