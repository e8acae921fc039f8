// The fast message-CSV writer (issue 16) against csv-stringify, the reference: for random
// records (generic path) and for random runs (the in-place path of generated messages),
// byte for byte, under several delimiters. Fixed fast-check seeds: failures reproduce.
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import type { MessageRecord } from '../../src/engine/types.js';
import { FAILURE_CODES } from '../../src/rules/codes.js';
import { CsvMessageSink } from '../../src/report/message-csv/message-csv.js';
import { IsoClock, putSeconds, putUint } from '../../src/report/message-csv/csv-bytes.js';
import { MESSAGE_COLUMNS, recordCells } from '../../src/report/records.js';
import { CARRIERS, LOG_SETTINGS, MESSAGE_TYPES } from '../../src/scenario/model.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

const START = Date.parse('2026-03-09T08:00:00Z');

/**
 * csv-stringify's bytes for these records: the reference. Numbers go through its own cast.
 * `quote_record_delimiter: true` because with an explicit `record_delimiter` csv-stringify
 * otherwise leaves a lone CR or LF unquoted, which breaks the row (RFC 4180 quotes them).
 */
function reference(records: readonly MessageRecord[], delimiter: string, startEpochMs = START, logIncoming = true): Buffer {
  const rows = [[...MESSAGE_COLUMNS], ...records.map((r) => recordCells(r, startEpochMs, logIncoming))];
  return Buffer.from(stringify(rows, { delimiter, record_delimiter: '\r\n', quote_record_delimiter: true }), 'utf8');
}

/** Everything a sink wrote, as bytes (chunks are copied: the sink reuses its buffer). */
function collect(make: (out: (c: Uint8Array) => void) => CsvMessageSink): { sink: CsvMessageSink; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const sink = make((c) => chunks.push(Buffer.copyBytesFrom(c))); // Buffer.from(c) copies byte by byte
  return { sink, bytes: () => Buffer.concat(chunks) };
}

/** Text with every character that matters to CSV and to formula neutralising, and any Unicode. */
const tricky = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', ',', ';', '\t', '|', '\r', '\n', "'", '=', '+', '-', '@', 'a', '1', '.', 'é', '😀', ' ', '*') }),
  fc.string({ unit: 'binary' }),
);
const phone = fc.oneof(
  fc.stringMatching(/^\+\d{8,15}$/),
  fc.stringMatching(/^\+\d{5,12}\*\*\*$/),
  fc.stringMatching(/^\d{5,6}$/),
  tricky,
);
/** Milliseconds: mostly whole (as the engine makes them), sometimes fractional or huge. */
const ms = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 40 * 86_400_000 }) },
  { weight: 1, arbitrary: fc.double({ min: 0, max: 1e9, noNaN: true }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 ** 52 }).map((x) => x % 1e13) },
);

const arbRecord: fc.Arbitrary<MessageRecord> = fc
  .record({
    uuid: fc.oneof(fc.uuid(), tricky),
    traffic: tricky,
    from: phone,
    to: phone,
    toCountry: fc.oneof(fc.constantFrom('US', 'CA', 'GB'), tricky),
    direction: fc.constantFrom('outbound', 'inbound'),
    type: fc.constantFrom(...MESSAGE_TYPES),
    carrier: fc.constantFrom(...CARRIERS),
    submitMs: ms,
    waitMs: fc.option(ms, { nil: null }),
    status: fc.constantFrom('delivered', 'failed', 'queued', 'received'),
    code: fc.constantFrom(...FAILURE_CODES.map((f) => f.code)),
    units: fc.integer({ min: 1, max: 65_535 }),
    text: fc.option(tricky, { nil: null }),
    log: fc.constantFrom(...LOG_SETTINGS),
  })
  .map((a) => {
    const endMs = a.waitMs === null ? null : a.submitMs + a.waitMs;
    return {
      index: 0, uuid: a.uuid, traffic: a.traffic, from: a.from, to: a.to, toCountry: a.toCountry,
      direction: a.direction, type: a.type, carrier: a.carrier, submitMs: a.submitMs,
      dispatchedMs: a.status === 'delivered' ? endMs : null, endMs, status: a.status,
      code: a.status === 'failed' ? a.code : null, units: a.units, text: a.text, log: a.log,
    } as MessageRecord;
  });

/**
 * Asserts the two byte strings are equal: Buffer.equals (toEqual on a Buffer compares byte by
 * byte through its generic equality, ~0.2 s for 20 kB); on a difference, a readable diff.
 */
function expectSameBytes(got: Buffer, want: Buffer): void {
  if (got.equals(want)) return;
  expect(got.toString('utf8')).toBe(want.toString('utf8'));
  expect(got.toString('latin1'), 'the bytes, one character each').toBe(want.toString('latin1'));
}

const delimiters = fc.constantFrom(',', ';', '\t', '|', '.', '1', 'a', '§');

describe('message CSV writer = csv-stringify', () => {
  it('for random records, any delimiter, BOM and chunk size', () => {
    fc.assert(
      fc.property(fc.array(arbRecord, { maxLength: 30 }), delimiters, fc.boolean(), fc.integer({ min: 16, max: 4096 }), fc.boolean(), (records, delimiter, bom, chunkBytes, logIncoming) => {
        const { sink, bytes } = collect((out) => new CsvMessageSink(out, START, logIncoming, { delimiter, bom, chunkBytes }));
        records.forEach((r) => sink.write(r));
        sink.end();
        const ref = reference(records, delimiter, START, logIncoming);
        expectSameBytes(bytes(), bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), ref]) : ref);
        expect(sink.rowCount).toBe(records.length);
      }),
      { seed: 16, numRuns: 300 },
    );
  }, 60_000);

  const arbRun = fc.record({
    seed: fc.integer({ min: 0, max: 1e6 }),
    names: fc.array(tricky, { minLength: 3, maxLength: 3 }),
    texts: fc.array(fc.option(tricky, { nil: null }), { minLength: 3, maxLength: 3 }),
    logs: fc.array(fc.constantFrom(...LOG_SETTINGS), { minLength: 3, maxLength: 3 }),
    countries: fc.array(fc.constantFrom('US', 'CA', 'GB', 'IN', 'ZZ'), { minLength: 3, maxLength: 3 }),
    sms: fc.integer({ min: 1, max: 20 }),
    delimiter: delimiters,
    start: fc.constantFrom('2026-03-09T08:00:00Z', '2026-03-09T08:00:00.250-07:00', '9999-12-31T23:59:30Z'),
  });

  it('for random runs, generated messages printed in place (the fast path)', () => {
    fc.assert(
      fc.property(arbRun, (a) => {
        const names = a.names.map((n, i) => `${i}${n}`); // unique
        const traffic = names.map((name, i) => {
          const text = a.texts[i] === null ? '' : `, text: ${JSON.stringify(a.texts[i])}`;
          const arrival = i === 0 ? '{ kind: burst, count: 40 }' : `{ kind: poisson, rate: ${5 + i}/s }`;
          return `  - { name: ${JSON.stringify(name)}, from: [tf1, sc1, lc1], to_country: ${a.countries[i]}, log: "${a.logs[i]}", arrival: ${arrival}, expiry: 5${text} }`;
        });
        const sc = scenarioOf(`
seed: ${a.seed}
start: ${a.start}
duration: 6s
until: 8s
account: { mps: { sms: ${a.sms} } }
brand: { vetting_score: 50, campaigns: [{ id: c1, use_case: marketing }] }
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
  - { id: sc1, number: "45678", type: short_code, country: US }
  - { id: lc1, number: "+14155550100", type: long_code, country: US }
traffic:
${traffic.join('\n')}
`);
        const { sink, bytes } = collect((out) => new CsvMessageSink(out, sc.startEpochMs, true, { delimiter: a.delimiter, scenario: sc, chunkBytes: 2048 }));
        simulate(sc, { sink });
        sink.end();
        const { records } = runRecords(sc);
        expect(new Set(records.map((r) => r.status)).size).toBeGreaterThan(1);
        expectSameBytes(bytes(), reference(records, a.delimiter, sc.startEpochMs));
      }),
      { seed: 11, numRuns: 25 },
    );
  }, 60_000);
});

describe('cell printers of the fast path', () => {
  const buf = Buffer.alloc(64);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const text = (end: number): string => buf.toString('latin1', 0, end);

  it('putSeconds prints ms / 1000 as String() does, putUint an integer', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 2 ** 53 - 1 }).map((x) => x % 1e15)), (ms) => {
        expect(text(putSeconds(buf, 0, ms))).toBe(String(ms / 1000));
        expect(text(putUint(buf, 0, ms))).toBe(String(ms));
      }),
      { seed: 16, numRuns: 2000 },
    );
  });

  it('IsoClock prints toISOString(), in order or not, any year Date supports', () => {
    const clock = new IsoClock();
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 1.7e12, max: 1.8e12 }), fc.integer({ min: -8.64e15, max: 8.64e15 })), { minLength: 1, maxLength: 20 }), (times) => {
        for (const t of times) expect(text(clock.put(buf, view, 0, t))).toBe(new Date(t).toISOString());
      }),
      { seed: 16, numRuns: 300 },
    );
  });
});
