// Replay (issue 4): Plivo MDR exports (downloaded and emailed), a2psim's own message CSV,
// row errors with file and line, the round trip, and order handling.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { prepareReplay } from '../../src/traffic/replay.js';
import { CsvMessageSink } from '../../src/report/message-csv/message-csv.js';
import { summarize } from '../../src/report/summary.js';
import { runRecords } from '../helpers/scenario.js';
import type { Scenario } from '../../src/scenario/model.js';

const dir = () => mkdtempSync(join(tmpdir(), 'a2psim-replay-'));

function replayRun(sc: Scenario) {
  const { replay, plans } = prepareReplay(sc);
  return { ...runRecords(sc, { replay }), plans };
}

const NUMBERS = `
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
`;

/** A scenario in `d` replaying `csv` (written as replay.csv next to it). */
function withReplay(d: string, csv: string, extra = ''): Scenario {
  writeFileSync(join(d, 'replay.csv'), csv);
  const yaml = `start: 2026-03-09T15:00:00Z
account: { mps: { sms: 1 } }
${NUMBERS}
traffic:
  - { name: r, arrival: { kind: replay, file: replay.csv }${extra} }
`;
  writeFileSync(join(d, 's.yaml'), yaml);
  return loadScenarioFile(join(d, 's.yaml'));
}

const MDR_HEADER = 'Message UUID,From,To,To Country ISO2,Direction,Message Time,Status,Error Code,Error Reason,Units';

describe('Plivo MDR replay', () => {
  it('replays the downloaded export (newest first): outbound sent, inbound counted apart, unknown sender fails', () => {
    const sc = loadScenarioFile('test/fixtures/mdr-replay.yaml');
    const { records, result, plans } = replayRun(sc);
    expect(plans).toMatchObject([{ rows: 6, sorted: false }]);
    expect(records.map((r) => [r.uuid.slice(-2), r.status, r.code, r.dispatchedMs])).toEqual([
      ['02', 'delivered', null, 0],
      ['01', 'delivered', null, 1000],
      ['03', 'delivered', null, 2000],
      ['05', 'received', null, null],
      ['04', 'failed', 'unknown_sender', null],
      ['06', 'delivered', null, 3000],
    ]);
    expect(records[2].units).toBe(2); // from the Units column
    const s = summarize(result);
    expect(s.totals).toMatchObject({ submitted: 5, delivered: 4, failed: 1, queued: 0 });
    expect(s.inbound).toBe(1);
    expect(s.by_sender['(unknown)'].failures).toEqual({ unknown_sender: 1 });
  });

  it('replays the emailed export (Time column, no offset = UTC, "Outbound")', () => {
    const sc = parseScenario(
      `start: 2026-03-09T15:00:00Z\n${NUMBERS}\ntraffic:\n  - { name: r, arrival: { kind: replay, file: mdr-emailed.csv } }\n`,
      'test/fixtures/inline.yaml',
    );
    const { records } = replayRun(sc);
    expect(records.map((r) => [r.uuid, r.submitMs, r.dispatchedMs])).toEqual([
      ['e-2', 0, 0], ['e-1', 0, 0], ['e-3', 2000, 2000],
    ]);
  });

  it('accepts times with offsets, Z and microseconds, and numbers without "+"', () => {
    const d = dir();
    const sc = withReplay(d, `${MDR_HEADER}\nu1,18445550100,12025550101,US,outbound,2026-03-09T17:00:00.250123+02:00,,,,1\nu2,18445550100,12025550102,US,outbound,2026-03-09T15:00:01Z,,,,1\n`);
    const { records } = replayRun(sc);
    expect(records.map((r) => [r.from, r.to, r.submitMs])).toEqual([
      ['+18445550100', '+12025550101', 250],
      ['+18445550100', '+12025550102', 1000],
    ]);
  });
});

describe('replay row errors stop the run, with file and line (times and CSV faults before it starts)', () => {
  const row = (cells: string) => `${MDR_HEADER}\nok,+18445550100,+12025550101,US,outbound,2026-03-09 15:00:00,,,,1\n${cells}\n`;
  it.each([
    ['bad time', 'x,+18445550100,+1202,US,outbound,09/03/2026 15:00,,,,1', ':3 Message Time: expected a time such as'],
    ['before start', 'x,+18445550100,+1202,US,outbound,2026-03-09 14:59:59,,,,1', ':3 Message Time: expected a time at or after the scenario start 2026-03-09T15:00:00.000Z, got "2026-03-09 14:59:59"'],
    ['bad direction', 'x,+18445550100,+1202,US,sideways,2026-03-09 15:00:00,,,,1', ':3 Direction: expected outbound or inbound, got "sideways"'],
    ['bad units', 'x,+18445550100,+1202,US,outbound,2026-03-09 15:00:00,,,,1.5', ':3 Units: expected a whole number of units >= 1, got "1.5"'],
    ['zero units', 'x,+18445550100,+1202,US,outbound,2026-03-09 15:00:00,,,,0', ':3 Units: expected a whole number of units >= 1, got "0"'],
    ['bad country', 'x,+18445550100,+1202,USA,outbound,2026-03-09 15:00:00,,,,1', ':3 To Country ISO2: expected a two-letter country code such as US, got "USA"'],
    ['no sender', 'x,,+1202,US,outbound,2026-03-09 15:00:00,,,,1', ':3 From: expected a sender number, got ""'],
    ['open quote', 'x,+18445550100,"+1202,US,outbound,2026-03-09 15:00:00,,,,1', ':3: expected well-formed CSV, got Quote Not Closed'],
  ])('%s', (_name, cells, message) => {
    const d = dir();
    const sc = withReplay(d, row(cells));
    expect(() => replayRun(sc)).toThrow(`${join(d, 'replay.csv')}${message}`);
    // Times and CSV faults are found by the check before the run; other cells as the run reads them.
    if (/Message Time|well-formed/.test(message)) expect(() => prepareReplay(sc)).toThrow(message);
    else expect(() => prepareReplay(sc)).not.toThrow();
  });

  it('optional columns are checked too', () => {
    const d = dir();
    const head = 'From,To,Message Time,message_type,carrier,expiry,log';
    const base = '+18445550100,+1202,2026-03-09 15:00:00';
    const cases: [string, string][] = [
      [`${base},fax,,,`, ':2 message_type: expected sms or mms, got "fax"'],
      [`${base},sms,sprint,,`, ':2 carrier: expected one of att, tmobile, verizon, other, got "sprint"'],
      [`${base},sms,,3,`, ':2 expiry: expected an integer from 5 to 10799, got "3"'],
      [`${base},sms,,,maybe`, ':2 log: expected true, false, number_only, content_only, got "maybe"'],
    ];
    for (const [cells, message] of cases) {
      const sc = withReplay(d, `${head}\n${cells}\n`);
      expect(() => replayRun(sc)).toThrow(`replay.csv${message}`);
    }
  });

  it('a missing column, an empty file and a missing file are errors', () => {
    const d = dir();
    expect(() => prepareReplay(withReplay(d, 'Message UUID,To,Message Time\n'))).toThrow(':1: expected a header row with the columns From, To and Message Time, got no "From" column');
    expect(() => prepareReplay(withReplay(d, ''))).toThrow(':1: expected a header row');
    const sc = parseScenario(`${NUMBERS}\ntraffic:\n  - { name: r, arrival: { kind: replay, file: nope.csv } }\n`, join(d, 's.yaml'));
    expect(() => prepareReplay(sc)).toThrow(`${join(d, 'nope.csv')}: cannot read the replay file of traffic "r" (ENOENT)`);
  });
});

describe('replay of a2psim output', () => {
  it('round trip: a run\'s message CSV replayed under the same rules gives the same dispatch times', () => {
    const d = dir();
    const numbers = `start: 2026-03-09T08:00:00-07:00
duration: 2m
brand: { vetting_score: 30, campaigns: [{ id: c, use_case: low_volume }] }
rules: { tpd: 40 }
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
  - { id: tf2, number: "+18445550101", type: toll_free, country: US }
  - { id: lc1, number: "+14155550100", type: long_code, country: US, campaign: c }
`;
    const original = parseScenario(`${numbers}
traffic:
  - { name: otp, from: [tf1, tf2], arrival: { kind: poisson, rate: 4/s }, text: "=code 1", expiry: 30 }
  - { name: spike, from: [tf1], arrival: { kind: burst, at: 30s, count: 200 }, expiry: 30 }
  - { name: alerts, from: [lc1], arrival: { kind: constant, rate: 2/s }, units: 2, expiry: 30 }
  - { name: mms, from: [tf1], type: mms, arrival: { kind: constant, rate: 1/s }, expiry: 30 }
`, join(d, 'a.yaml'));
    let csv = '';
    const sink = new CsvMessageSink((c) => (csv += c), original.startEpochMs, true, { delimiter: ';' });
    const a = runRecords(original).records;
    a.forEach((r) => sink.write(r));
    sink.end();
    expect(new Set(a.map((r) => r.status))).toEqual(new Set(['delivered', 'failed']));
    writeFileSync(join(d, 'out.csv'), csv);
    const again = parseScenario(`${numbers}
traffic:
  - { name: replay, arrival: { kind: replay, file: out.csv }, expiry: 30 }
`, join(d, 'b.yaml'));
    const { records: b, plans } = replayRun(again);
    expect(plans[0]).toMatchObject({ delimiter: ';', sorted: true, rows: a.length });
    expect(b.map((r) => [r.uuid, r.from, r.to, r.type, r.carrier, r.units, r.text, r.submitMs, r.dispatchedMs, r.code])).toEqual(
      a.map((r) => [r.uuid, r.from, r.to, r.type, r.carrier, r.units, r.text, r.submitMs, r.dispatchedMs, r.code]),
    );
  });

  it('an unordered file is fed in stable time order, the same as its sorted copy', () => {
    const d = dir();
    const rows = Array.from({ length: 3000 }, (_, i) => `u${i},+18445550100,+1202555${String(i).padStart(4, '0')},2026-03-09 15:${String(Math.floor((i % 600) / 10)).padStart(2, '0')}:00`);
    const head = 'Message UUID,From,To,Message Time';
    const shuffled = [...rows].reverse();
    const sorted = [...rows].sort((x, y) => x.split(',')[3].localeCompare(y.split(',')[3])); // stable
    const a = replayRun(withReplay(d, `${head}\n${shuffled.join('\n')}\n`));
    const b = replayRun(withReplay(dir(), `${head}\n${sorted.join('\n')}\n`));
    expect(a.plans[0].sorted).toBe(false);
    expect(b.plans[0].sorted).toBe(true);
    const key = (r: { uuid: string; submitMs: number }) => `${r.uuid}@${r.submitMs}`;
    const expected = [...shuffled].sort((x, y) => x.split(',')[3].localeCompare(y.split(',')[3])).map((l) => l.split(',')[0]);
    expect(a.records.map((r) => r.uuid)).toEqual(expected);
    expect(a.records.map(key).sort()).toEqual(b.records.map(key).sort());
  });

  it('a shuffled file (reads that jump about: small blocks) and a reversed one (large blocks) feed the same order', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `u${i},+18445550100,+1202555${String(i).padStart(4, '0')},2026-03-09 15:${String(Math.floor(i / 40)).padStart(2, '0')}:00,"text, ${i}"`);
    const head = 'Message UUID,From,To,Message Time,text';
    let seed = 7;
    const shuffled = [...rows];
    for (let i = shuffled.length - 1; i > 0; i--) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const j = seed % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const uuids = (lines: string[]) => {
      const sc = withReplay(dir(), `${head}\n${lines.join('\n')}\n`);
      const { replay, plans } = prepareReplay(sc, { windowRows: 128 });
      const r = { ...runRecords(sc, { replay }), plans };
      expect(r.plans[0].sorted).toBe(false);
      return r.records.map((x) => `${x.uuid} ${x.text} ${x.submitMs}`);
    };
    // Equal times keep file order: the expected order is a stable sort of each file by time.
    const byTime = (lines: string[]) => [...lines].sort((a, b) => a.split(',')[3].localeCompare(b.split(',')[3]));
    const expected = (lines: string[]) => byTime(lines).map((l) => {
      const [uuid, , , time] = l.split(',');
      return `${uuid} text, ${uuid.slice(1)} ${(Number(time.slice(14, 16)) * 60) * 1000}`;
    });
    expect(uuids(shuffled)).toEqual(expected(shuffled));
    expect(uuids([...rows].reverse())).toEqual(expected([...rows].reverse()));
  });

  it('the fixture files are what the tests say', () => {
    expect(readFileSync('test/fixtures/mdr-plivo.csv', 'utf8').split('\r\n')[0]).toContain('Message Time,Status,Error Code');
  });
});
