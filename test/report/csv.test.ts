// Message CSV (issues 4 and 11): RFC 4180, BOM, delimiter, formula neutralising, phone
// numbers as the FAQ prints them, numbers stay numbers, and a real CSV parser (and the
// replay reader) reads back exactly the records.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { main } from '../../src/cli/main.js';
import { CsvMessageSink } from '../../src/report/message-csv/message-csv.js';
import { MESSAGE_COLUMNS, recordCells } from '../../src/report/records.js';
import { parseScenario } from '../../src/scenario/load.js';
import { simulate } from '../../src/engine/simulate.js';
import { prepareReplay } from '../../src/traffic/replay.js';
import type { MessageRecord } from '../../src/engine/types.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

const START = Date.parse('2026-01-01T00:00:00Z');

function record(over: Partial<MessageRecord> = {}): MessageRecord {
  return {
    index: 0, uuid: 'u-1', traffic: 'otp', from: '+18445550100', to: '+12025550123', toCountry: 'US',
    direction: 'outbound', type: 'sms', carrier: 'att', submitMs: 1500, dispatchedMs: 2500, endMs: 2500,
    status: 'delivered', code: null, units: 1, text: 'hi', log: 'true', attempt: 1, retryOf: null, ...over,
  };
}

function csvOf(records: MessageRecord[], opts: { bom?: boolean; delimiter?: string; chunkBytes?: number } = {}): string {
  let out = '';
  const sink = new CsvMessageSink((c) => (out += c), START, true, opts);
  records.forEach((r) => sink.write(r));
  sink.end();
  return out;
}

describe('message CSV', () => {
  it('is RFC 4180: CRLF line ends, fields with commas, quotes or newlines quoted', () => {
    const text = 'Hello, "you"\nline two';
    const out = csvOf([record({ text })]);
    expect(out.split('\r\n')).toHaveLength(3); // header, row, trailing empty
    expect(out).toContain('"Hello, ""you""\nline two"');
    expect(out.startsWith('message_uuid,traffic,from,to,')).toBe(true);
  });

  it('quotes a cell with a lone LF or CR, so a CSV parser keeps the row whole', () => {
    const out = csvOf([record({ text: 'two\nlines' }), record({ index: 1, text: 'cr\ronly' })]);
    expect(out).toContain(',"two\nlines",');
    expect(out).toContain(',"cr\ronly",');
    const rows = parse(out, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.text)).toEqual(['two\nlines', 'cr\ronly']);
  });

  it('the retention pass of a long run keeps a cell with a lone LF quoted', async () => {
    const d = mkdtempSync(join(tmpdir(), 'a2psim-csv-'));
    writeFileSync(join(d, 's.yaml'), `start: 2026-01-01T00:00:00Z
duration: 10d
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: daily, from: [tf1], arrival: { kind: constant, rate: 1/day }, text: "two\\nlines" }
`);
    const io = { stdout: () => {}, stderr: () => {} };
    expect(await main(['node', 'a2psim', 'run', join(d, 's.yaml'), '--messages', join(d, 'm.csv')], io)).toBe(0);
    const text = readFileSync(join(d, 'm.csv'), 'utf8');
    expect(text.split(',"two\nlines",')).toHaveLength(9); // quoted: other readers split rows at a lone LF
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.text)).toEqual([...Array(2).fill('***Text Content Redacted***'), ...Array(8).fill('two\nlines')]);
  }, 60_000);

  it('--bom starts with a UTF-8 byte-order mark, and only once', () => {
    const out = csvOf([record(), record({ index: 1 })], { bom: true, chunkBytes: 64 });
    expect(out.startsWith('\ufeffmessage_uuid,')).toBe(true);
    expect(out.split('\ufeff')).toHaveLength(2);
  });

  it('--delimiter ; separates fields by ; and quotes cells that contain ;', () => {
    const out = csvOf([record({ text: 'a;b, c' })], { delimiter: ';' });
    const [header, row] = out.split('\r\n');
    expect(header.split(';')).toEqual([...MESSAGE_COLUMNS]);
    expect(row.endsWith(';1;"a;b, c";1.5')).toBe(true); // units, text, t_seconds
  });

  it.each(['=1+1', '+1 (555)', '-2+3', '@SUM(A1)', '\tcmd', '\rx', '\nx', '=HYPERLINK("http://x")'])(
    'text %j is neutralised with a leading quote',
    (text) => {
      const cells = recordCells(record({ text, traffic: text }), START);
      expect(cells[MESSAGE_COLUMNS.indexOf('text')]).toBe(`'${text}`);
      expect(cells[MESSAGE_COLUMNS.indexOf('traffic')]).toBe(`'${text}`);
    },
  );

  it('leaves harmless text and every number alone', () => {
    const cells = recordCells(record({ text: 'a=b', submitMs: 90_500, endMs: 91_000, dispatchedMs: 91_000, units: 2 }), START);
    const at = (c: string) => cells[MESSAGE_COLUMNS.indexOf(c as (typeof MESSAGE_COLUMNS)[number])];
    expect(at('text')).toBe('a=b');
    expect(at('wait_seconds')).toBe(0.5);
    expect(at('units')).toBe(2);
    expect(at('t_seconds')).toBe(90.5);
    expect(at('message_time')).toBe('2026-01-01T00:01:30.500Z');
    expect(at('dispatched_at')).toBe('2026-01-01T00:01:31.000Z');
  });

  it('read back by csv-parse equals the records of a run', () => {
    const sc = scenarioOf(`
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: "=evil", from: [tf1], arrival: { kind: burst, count: 30 }, expiry: 5, text: "-Hi, \\"there\\"\\nbye" }
`);
    let out = '';
    const sink = new CsvMessageSink((c) => (out += c), sc.startEpochMs, true, { chunkBytes: 300 });
    const { records } = runRecords(sc, {});
    records.forEach((r) => sink.write(r));
    sink.end();
    const rows = parse(out, { columns: true, cast: false }) as Record<string, string>[];
    expect(rows).toHaveLength(30);
    rows.forEach((row, i) => {
      const r = records[i];
      const strip = (s: string) => (s.startsWith("'") ? s.slice(1) : s);
      expect(row.message_uuid).toBe(r.uuid);
      expect(strip(row.traffic)).toBe('=evil');
      expect(row.from).toBe(r.from);
      expect(row.to).toBe(r.to);
      expect(strip(row.text)).toBe('-Hi, "there"\nbye');
      expect(row.status).toBe(r.status);
      expect(row.error_code).toBe(r.code ?? '');
      expect(Number(row.t_seconds)).toBe(r.submitMs / 1000);
      expect(row.dispatched_at === '' ? null : Date.parse(row.dispatched_at) - sc.startEpochMs).toBe(r.dispatchedMs);
      expect(Number(row.units)).toBe(r.units);
    });
    expect(rows.filter((r) => r.error_code === '420')).toHaveLength(30 - 5 * 6);
  });
});

describe('phone numbers as the FAQ prints them (issue 11)', () => {
  it('writes a phone number cell as it is, full or redacted: no leading quote', () => {
    const row = csvOf([record({ from: '+18885550100', to: '+12025550123', log: 'content_only' })]).split('\r\n')[1];
    expect(row).toContain(',otp,+18885550100,+12025550***,US,');
    const inbound = csvOf([record({ direction: 'inbound', from: '+12025550123', to: '+18885550100', log: 'true' })]);
    expect(inbound.split('\r\n')[1]).toContain(',+12025550123,+18885550100,');
  });

  it.each([
    ['=cmd', "'=cmd"],
    ['+1 (555) 0100', "'+1 (555) 0100"],
    ['+1888555010a', "'+1888555010a"],
    ['-12025550123', "'-12025550123"],
    ['+', "'+"],
    ['45678', '45678'],
    ['MyBrand', 'MyBrand'],
  ])('a sender %j that is not a phone number is free text: %j', (from, cell) => {
    expect(recordCells(record({ from }), START)[MESSAGE_COLUMNS.indexOf('from')]).toBe(cell);
  });

  it('keeps formula neutralising for text, traffic names and reasons', () => {
    const cells = recordCells(record({ text: '+1 call me', traffic: '@team', status: 'failed', code: '420' }), START);
    expect(cells[MESSAGE_COLUMNS.indexOf('text')]).toBe("'+1 call me");
    expect(cells[MESSAGE_COLUMNS.indexOf('traffic')]).toBe("'@team");
    expect(cells[MESSAGE_COLUMNS.indexOf('error_reason')]).toBe('message expired');
  });

  it('a text that begins with \' survives a replay round trip exactly', () => {
    const d = mkdtempSync(join(tmpdir(), 'a2psim-csv-'));
    const texts = ["'=1+1", "'+18885550100", "''-x", "'quoted'", "'", "''", '=SUM(A1)', "'\tx", 'plain', "it's"];
    const numbers = `start: 2026-03-09T08:00:00Z
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
`;
    const traffic = texts.map((t, i) => `  - { name: "s${i}", from: [tf1], arrival: { kind: burst, at: ${i}s, count: 1 }, text: ${JSON.stringify(t)} }`);
    const original = parseScenario(`${numbers}traffic:\n${traffic.join('\n')}\n`, join(d, 'a.yaml'));
    let csv = '';
    const sink = new CsvMessageSink((c) => (csv += c), original.startEpochMs, true, { scenario: original });
    simulate(original, { sink });
    sink.end();
    const a = runRecords(original).records;
    expect(a.map((r) => r.text)).toEqual(texts);
    writeFileSync(join(d, 'out.csv'), csv);
    const again = parseScenario(`${numbers}traffic:\n  - { name: replay, arrival: { kind: replay, file: out.csv } }\n`, join(d, 'b.yaml'));
    const { replay } = prepareReplay(again);
    const b = runRecords(again, { replay }).records;
    expect(b.map((r) => [r.text, r.from, r.to])).toEqual(a.map((r) => [r.text, r.from, r.to]));
  });
});
