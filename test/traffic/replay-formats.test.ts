// Real traffic in (issue 21): a Twilio BulkExport day file (gzip JSON lines of Message
// records, written here from the documented fields) and any CSV through a `columns:`
// mapping replay to the same summary as the equivalent a2psim CSV; bad rows name
// file:line and the field.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { prepareReplay, validateReplay } from '../../src/traffic/replay.js';
import { summarize } from '../../src/report/summary.js';
import { runRecords } from '../helpers/scenario.js';

const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'a2psim-formats-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** One Tuesday's messages: [seconds after 14:00 UTC, from, to, body, segments, media]. */
const DAY: readonly (readonly [number, string, string, string, number, number])[] = [
  [0, '+18445550100', '+12025550101', 'Your code is 1234', 1, 0],
  [0, '+18445550100', '+12025550102', 'Your code is 5678', 1, 0],
  [1, '+14155550100', '+12025550103', 'Sale! '.repeat(40).trim(), 2, 0],
  [1, '+14155550100', '+12025550104', 'Look at this', 1, 1],
  [2, '+18445550100', '+12025550105', 'Your code is 9012', 1, 0],
  [5, '+14155550100', '+12025550106', 'Sale! '.repeat(40).trim(), 2, 0],
  [5, '+18445550100', '+12025550107', 'Your code is 3456', 1, 0],
];
const T0 = Date.UTC(2026, 4, 5, 14, 0, 0); // Tuesday 2026-05-05 14:00 UTC = 10:00 in New York
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

const SCENARIO = (arrival: string) => `provider: twilio
start: 2026-05-05T14:00:00Z
brand:
  vetting_score: 80
  campaigns:
    - { id: c1, use_case: marketing }
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
  - { id: lc1, number: "+14155550100", type: long_code, country: US, campaign: c1 }
traffic:
  - { name: day, arrival: ${arrival} }
`;

/** Writes `file` and a scenario replaying it with `arrival`, loads it, runs it, and returns the summary. */
function replaySummary(file: string, content: string | Buffer, arrival: string) {
  const d = dir();
  writeFileSync(join(d, file), content);
  writeFileSync(join(d, 's.yaml'), SCENARIO(arrival));
  const sc = loadScenarioFile(join(d, 's.yaml'));
  const { replay } = prepareReplay(sc);
  validateReplay(sc);
  return summarize(runRecords(sc, { replay }).result);
}

/** a2psim's own CSV of the day. */
const a2psimCsv = () =>
  ['time,from,to,message_type,units,text', ...DAY.map(([s, f, t, b, u, m]) => `${iso(s)},${f},${t},${m > 0 ? 'mms' : 'sms'},${m > 0 ? 1 : u},${JSON.stringify(b)}`)].join('\n') + '\n';

/** The BulkExport records, as Twilio documents a Message resource (fields in its order). */
const bulkExport = (lines = DAY.map(([s, f, t, b, u, m], i) =>
  JSON.stringify({
    sid: `SM${String(i).padStart(32, '0')}`,
    date_created: iso(s),
    date_sent: iso(s + 1),
    date_updated: iso(s + 2),
    direction: 'outbound-api',
    from: f,
    to: t,
    body: b,
    num_segments: String(u),
    num_media: String(m),
    status: 'delivered',
    error_code: null,
  }),
)) => gzipSync(lines.join('\n') + '\n');

/** The same day as a CSV with its own headers, New York local times written month-first. */
const mappedCsv = () => {
  const ny = (s: number) => {
    const d = new Date(T0 + s * 1000 - 4 * 3600_000); // EDT = UTC-4 in May
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  };
  return ['Sent At;Sender;Recipient;Kind;Segments;Message', ...DAY.map(([s, f, t, b, u, m]) => `${ny(s)};${f};${t};${m > 0 ? 'MMS' : 'SMS'};${u};${b}`)].join('\n') + '\n';
};
const MAPPING =
  '{ kind: replay, file: export.csv, columns: { time: Sent At, from: Sender, to: Recipient, type: Kind, units: Segments, text: Message, time_format: "MM/DD/YYYY HH:mm:ss", zone: America/New_York } }';

describe('replay formats give the same summary as the equivalent a2psim CSV', () => {
  const expected = replaySummary('day.csv', a2psimCsv(), '{ kind: replay, file: day.csv }');

  it('the a2psim CSV replays the day (the reference)', () => {
    expect(expected.totals.submitted).toBe(DAY.length);
    expect(expected.totals.delivered).toBe(DAY.length);
  });

  it('a Twilio BulkExport day file (gzip JSON lines), detected by its gzip bytes', () => {
    const got = replaySummary('2026-05-05.json.gz', bulkExport(), '{ kind: replay, file: 2026-05-05.json.gz }');
    expect(got).toEqual(expected);
  });

  it('a Twilio BulkExport named by format: twilio_bulk_export', () => {
    const got = replaySummary('day.gz', bulkExport(), '{ kind: replay, file: day.gz, format: twilio_bulk_export }');
    expect(got).toEqual(expected);
  });

  it('any CSV through a columns: mapping (own headers, ";" delimiter, local New York times)', () => {
    const got = replaySummary('export.csv', mappedCsv(), MAPPING);
    expect(got).toEqual(expected);
  });
});

describe('bad rows of the new formats name file:line and the field', () => {
  const load = (file: string, content: string | Buffer, arrival: string) => () => {
    const d = dir();
    writeFileSync(join(d, file), content);
    writeFileSync(join(d, 's.yaml'), SCENARIO(arrival));
    prepareReplay(loadScenarioFile(join(d, 's.yaml')));
  };
  const line = (rec: object) => JSON.stringify({ date_created: iso(0), from: '+18445550100', to: '+12025550101', body: 'x', num_segments: '1', num_media: '0', ...rec });

  it.each([
    ['a bad date_created', { date_created: 'yesterday' }, /day\.gz:2 date_created: expected a time such as 2026-05-06T14:00:00Z/],
    ['a bad to', { to: 'alice' }, /day\.gz:2 to: expected a phone number/],
    ['num_segments 0', { num_segments: '0' }, /day\.gz:2 num_segments: expected a whole number of segments >= 1, got "0"/],
  ])('BulkExport: %s', (_label, rec, message) => {
    expect(load('day.gz', bulkExport([line({}), line(rec)]), '{ kind: replay, file: day.gz }')).toThrow(message);
  });

  it('BulkExport: a line that is not JSON', () => {
    expect(load('day.gz', gzipSync(`${line({})}\nnot json\n`), '{ kind: replay, file: day.gz }')).toThrow(/day\.gz:2: expected a JSON object/);
  });

  it('mapped CSV: a time not in the mapping\'s format names the line and the column as written', () => {
    const csv = mappedCsv().replace('05/05/2026 10:00:00', '2026-05-05 10:00:00');
    expect(load('export.csv', csv, MAPPING)).toThrow(/export\.csv:2 Sent At: expected a time written MM\/DD\/YYYY HH:mm:ss \(in America\/New_York\), got "2026-05-05 10:00:00"/);
  });

  it('mapped CSV: a mapped header the file does not have', () => {
    expect(load('export.csv', mappedCsv().replace('Recipient', 'To'), MAPPING)).toThrow(/export\.csv:1: expected a column "Recipient" \(columns\.to of the scenario\)/);
  });
});
