// The terminal table reads at a glance: 80 columns by default, durations as people say
// them, "-" for values that do not exist, colour only when asked.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { simulate } from '../../src/engine/simulate.js';
import { summarize, type Summary } from '../../src/report/summary.js';
import { summaryCsv } from '../../src/report/summary-csv.js';
import { renderTable } from '../../src/report/table.js';
import { clockTime, fmtDuration, offsetText } from '../../src/report/duration.js';

const widest = (text: string): number => Math.max(...text.split('\n').map((l) => [...l].length));

function run(yaml: string): Summary {
  return summarize(simulate(parseScenario(yaml, 'test.yaml')));
}

const LONG = 'a-sender-id-that-someone-wrote-out-in-full-for-clarity';
const busy = `
start: 2026-05-04T09:00:00-04:00
brand: { vetting_score: 80, campaigns: [{ id: c, use_case: dedicated }] }
numbers:
  - { id: ${LONG}, number: "+18885550100", type: toll_free, country: US, verified: true }
  - { id: lc1, number: "+14155550100", type: long_code, country: US, campaign: c }
traffic:
  - { name: otp-with-a-rather-long-traffic-name, from: [${LONG}], arrival: { kind: burst, count: 3000 }, expiry: 100 }
  - { name: alerts, from: [lc1], arrival: { kind: burst, count: 2000 }, expiry: 300 }
`;

describe('fmtDuration', () => {
  it.each([
    [null, false, '-'],
    [0, false, '0s'],
    [0.25, false, '250ms'],
    [1.5, false, '1.5s'],
    [57, false, '57s'],
    [60, false, '1m'],
    [65.19, false, '1m 5.19s'],
    [625.536, false, '10m 25.5s'],
    [9999.9, false, '2h 46m 40s'],
    [172780, false, '1d 23h 59m 40s'],
    // A percentile is shown to the precision of the histogram's bucket (4,096 ms here).
    [10119.588, true, '2h 48m 40s'],
    [1.234, true, '1.234s'],
    [112.886, true, '1m 52.9s'],
  ] as const)('%s s (percentile: %s) → %s', (s, hist, text) => {
    expect(fmtDuration(s, hist)).toBe(text);
  });

  it('clock times at the offset written in the scenario', () => {
    const start = Date.parse('2026-03-09T15:00:00Z');
    expect(clockTime(start, -420)).toBe('2026-03-09 08:00:00');
    expect(clockTime(start + 625_536, -420, start)).toBe('08:10:26');
    expect(clockTime(start + 86_400_000, -420, start)).toBe('2026-03-10 08:00:00');
    expect([offsetText(-420), offsetText(330), offsetText(0)]).toEqual(['-07:00', '+05:30', 'UTC']);
  });
});

describe('renderTable', () => {
  const s = run(busy);

  it('fits 80 columns by default, with one rule per table (none between rows)', () => {
    const text = renderTable(s, { utcOffsetMinutes: -240 });
    expect(widest(text)).toBeLessThanOrEqual(80);
    const tables = text.split('\n').filter((l) => /^─+$/.test(l)).length;
    expect(tables).toBe(text.split('\n\n').length - 1); // a blank line before each caption
    expect(text).not.toMatch(/[│┌┼├]/);
    expect(text).toContain(LONG.slice(0, 20)); // the long name wraps, it is not dropped
  });

  it('long failure reasons wrap within 80 columns; warnings are only pointed to (they go to stderr)', () => {
    const text = renderTable(run(`
numbers:
  - { id: tf1, number: "+18885550100", type: toll_free, country: US, verified: false }
  - { id: tf2, number: "+18885550101", type: toll_free, country: US, verified: true }
traffic: [{ name: t, from: [tf1, tf2], arrival: { kind: burst, count: 2000 }, expiry: 60 }]
`));
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text).toMatch(/toll_free_unverified +toll-free number not verified/);
    expect(text).not.toMatch(/is toll-free/);
    expect(text).toMatch(/\n! 1 warning on stderr\n$/);
  });

  it('--wide shows every column, failures per code included', () => {
    const wide = renderTable(s, { wide: true });
    expect(widest(wide)).toBeGreaterThan(80);
    expect(wide).toMatch(/failures\n/);
    expect(wide).toContain('420: ');
    expect(wide).toContain('10DLC TPM');
    expect(renderTable(s)).not.toMatch(/ failures\n/);
  });

  it('says when the last message went out as a duration and on the scenario clock', () => {
    const text = renderTable(run(`
start: 2026-05-04T09:00:00-04:00
numbers: [{ id: tf1, number: "+18885550100", type: toll_free, country: US, verified: true }]
traffic: [{ name: t, from: tf1, arrival: { kind: burst, count: 1000 }, expiry: 60 }]
`), { utcOffsetMinutes: -240 });
    expect(text).toContain('start 2026-05-04 09:00:00 -04:00   run ended after 1m 1s\n');
    expect(text).toContain('last message out at 1m (09:01:00)\n');
    expect(text).not.toMatch(/\d\.\d{3}s/);
  });

  it('colours failures only when asked', () => {
    expect(renderTable(s, { colour: true })).toContain('\x1b[31m');
    expect(renderTable(s)).not.toContain('\x1b[');
  });
});

describe('empty is not zero', () => {
  const none = run(`
numbers: [{ id: tf1, number: "+18885550100", type: toll_free, country: US, verified: false }]
traffic: [{ name: t, from: tf1, arrival: { kind: burst, count: 5 } }]
`);

  it('no delivery: waits are null in the summary, "-" in the table, empty in the CSV', () => {
    expect(none.totals.delivered).toBe(0);
    expect(none.wait).toEqual({ p50: null, p95: null, p99: null, max: null, mean: null });
    expect(none.by_sender.tf1.wait.p95).toBeNull();
    const text = renderTable(none);
    expect(text).toMatch(/p50 +p95 +p99 +max +mean\n─+\n +- +- +- +- +-\n/);
    expect(text).toContain('no message was delivered');
    const total = summaryCsv(none).split('\r\n')[1].split(',');
    expect(total.slice(7, 13)).toEqual(['', '', '', '', '', '']);
  });

  it('failure codes with a count of 0 are not listed', () => {
    expect(Object.keys(none.failures)).toEqual(['toll_free_unverified']);
    expect(renderTable(none)).not.toMatch(/^420 /m);
  });

  it('a scenario without traffic warns', () => {
    const empty = run('numbers: [{ id: tf1, number: "+18885550100", type: toll_free, country: US, verified: true }]\ntraffic: []\n');
    expect(empty.warnings.join('\n')).toMatch(/traffic: \[\]/);
    expect(empty.wait.p50).toBeNull();
  });
});
