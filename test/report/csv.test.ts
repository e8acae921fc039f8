// Message CSV (issue 4): RFC 4180, BOM, delimiter, formula neutralising, numbers stay
// numbers, and a real CSV parser reads back exactly the records.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CsvMessageSink } from '../../src/report/csv.js';
import { MESSAGE_COLUMNS, recordCells } from '../../src/report/records.js';
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

function csvOf(records: MessageRecord[], opts: { bom?: boolean; delimiter?: string; batchRows?: number } = {}): string {
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

  it('--bom starts with a UTF-8 byte-order mark, and only once', () => {
    const out = csvOf([record(), record({ index: 1 })], { bom: true, batchRows: 1 });
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
    const sink = new CsvMessageSink((c) => (out += c), sc.startEpochMs, true, { batchRows: 7 });
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
      expect(strip(row.from)).toBe(r.from);
      expect(strip(row.to)).toBe(r.to);
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
