// `a2psim run` outputs of issue 4: --format csv, --timeseries/--interval, retention at the
// end of a long run, and bad replay rows stopping before anything is written.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { main } from '../../src/cli/main.js';
import { SUMMARY_COLUMNS } from '../../src/report/summary-csv.js';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'a2psim', ...args], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

const dir = () => mkdtempSync(join(tmpdir(), 'a2psim-cli-'));

describe('--format csv', () => {
  it('prints totals and per-carrier/sender/traffic rows as one flat table that adds up', async () => {
    const { code, stdout } = await cli(['run', 'scenarios/default.yaml', '--format', 'csv']);
    expect(code).toBe(0);
    expect(stdout.split('\r\n')[0]).toBe(SUMMARY_COLUMNS.join(','));
    const rows = parse(stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => `${r.scope}:${r.name}`)).toEqual([
      'total:default-morning', 'carrier:att', 'carrier:tmobile', 'carrier:verizon', 'carrier:other',
      'sender:tf1', 'sender:tf2', 'sender:lc1', 'traffic:otp', 'traffic:otp-spike', 'traffic:alerts',
    ]);
    const total = rows[0];
    const sum = (scope: string, k: string) => rows.filter((r) => r.scope === scope).reduce((a, r) => a + Number(r[k]), 0);
    for (const scope of ['carrier', 'sender', 'traffic']) {
      for (const k of ['submitted', 'delivered', 'failed', 'queued', 'failed_420']) expect(sum(scope, k)).toBe(Number(total[k]));
    }
    for (const r of rows) expect(Number(r.submitted)).toBe(Number(r.delivered) + Number(r.failed) + Number(r.queued));
  });
});

describe('--timeseries', () => {
  it('writes one row per interval (default 1m) whose submissions add up to the total', async () => {
    const d = dir();
    const ts = join(d, 'ts.csv');
    const { code, stdout } = await cli(['run', 'scenarios/default.yaml', '--timeseries', ts, '--format', 'json']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    const rows = parse(readFileSync(ts), { columns: true }) as Record<string, string>[];
    expect(rows[0].interval_end).toBe('2026-03-09T15:01:00.000Z');
    expect(rows.slice(0, -1).every((r) => (Date.parse(r.interval_end) - Date.parse(r.interval_start)) === 60_000)).toBe(true);
    const sum = (k: string) => rows.reduce((a, r) => a + Number(r[k]), 0);
    expect(sum('submitted')).toBe(summary.totals.submitted);
    expect(sum('delivered')).toBe(summary.totals.delivered);
    expect(sum('failed_420')).toBe(summary.failures['420'].count);
    expect(Object.keys(rows[0])).toContain('queue_account:sms');
    expect(readdirSync(d)).toEqual(['ts.csv']);
  });

  it('--interval takes a duration; a bad one is exit 2', async () => {
    const d = dir();
    const ts = join(d, 'ts.csv');
    expect((await cli(['run', 'scenarios/default.yaml', '--timeseries', ts, '--interval', '30s', '-q'])).code).toBe(0);
    expect((parse(readFileSync(ts), { columns: true }) as Record<string, string>[])[0].interval_end).toBe('2026-03-09T15:00:30.000Z');
    const bad = await cli(['run', 'scenarios/default.yaml', '--timeseries', ts, '--interval', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^a2psim: --interval: expected a duration such as "90s".*got "soon"\n$/);
    expect((await cli(['run', 'scenarios/default.yaml', '--interval', '0s'])).code).toBe(2);
  });
});

describe('retention at the end of the run', () => {
  it('a 100-day run redacts text older than 7 days and numbers older than 90 days', async () => {
    const d = dir();
    writeFileSync(join(d, 's.yaml'), `start: 2026-01-01T00:00:00Z
duration: 100d
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: daily, from: [tf1], arrival: { kind: constant, rate: 1/day }, text: "=hello" }
`);
    const out = join(d, 'm.csv');
    expect((await cli(['run', join(d, 's.yaml'), '--messages', out, '--bom', '--delimiter', ';', '-q'])).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\ufeffmessage_uuid;')).toBe(true);
    const rows = parse(text, { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[];
    expect(rows).toHaveLength(100);
    const endMs = Date.parse(rows[99].dispatched_at);
    const DAY = 86_400_000;
    for (const r of rows) {
      const age = endMs - Date.parse(r.message_time);
      expect(r.text).toBe(age > 7 * DAY ? '***Text Content Redacted***' : "'=hello");
      expect(r.to.endsWith('***')).toBe(age > 90 * DAY);
    }
    expect(rows.filter((r) => r.to.endsWith('***'))).toHaveLength(9);
    expect(readdirSync(d).sort()).toEqual(['m.csv', 's.yaml']);
  });
});

describe('bad replay rows', () => {
  it('stop the run with exit 2 before any output file exists', async () => {
    const d = dir();
    writeFileSync(join(d, 'r.csv'), 'From,To,Message Time\n+18445550100,+12025550101,2026-01-01 00:00:00\n+18445550100,+12025550101,yesterday\n');
    writeFileSync(join(d, 's.yaml'), `numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: r, arrival: { kind: replay, file: r.csv } }
`);
    const r = await cli(['run', join(d, 's.yaml'), '--messages', join(d, 'm.csv'), '--timeseries', join(d, 't.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`a2psim: ${join(d, 'r.csv')}:3 Message Time: expected a time such as 2026-03-09T08:00:00.000Z, 2026-03-09 08:00:00+05:30 or 2026-03-09 08:00:00 (UTC), got "yesterday"\n`);
    expect(existsSync(join(d, 'm.csv')) || existsSync(join(d, 'm.csv.partial')) || existsSync(join(d, 't.csv'))).toBe(false);
  });
});
