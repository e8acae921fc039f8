// The CLI end to end: exit codes, one-line errors, overrides, output files.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'a2psim', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'a2psim-'));
const burst = (expiry: number) => `
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: otp, from: [tf1], arrival: { kind: burst, count: 100 }, expiry: ${expiry} }
`;

describe('a2psim run', () => {
  it('prints the summary JSON of the FAQ burst: 55 delivered, 45 failed with 420', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 's.yaml'), burst(10));
    const r = await cli('run', join(dir, 's.yaml'), '--format', 'json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.totals).toEqual({ submitted: 100, delivered: 55, failed: 45, queued: 0, delayed: 50 });
    expect(s.failures['420']).toEqual({ reason: 'message expired', count: 45 });
    expect(s.wait).toEqual({ p50: 5, p95: 10, p99: 10, max: 10, mean: 5 });
    expect(s.by_sender.tf1.submitted).toBe(100);
  });

  it('applies --set and --seed over the file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 's.yaml'), burst(10));
    const r = await cli('run', join(dir, 's.yaml'), '--format', 'json', '--set', 'traffic[0].expiry=30', '--seed', '9');
    const s = JSON.parse(r.stdout);
    expect(s.seed).toBe(9);
    expect(s.totals.delivered).toBe(100);
  });

  it('writes the message CSV: one row per message, header first, RFC 4180 CRLF', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 's.yaml'), burst(10));
    const out = join(dir, 'm.csv');
    expect((await cli('run', join(dir, 's.yaml'), '--messages', out)).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      'message_uuid,traffic,from,to,to_country_iso2,direction,message_type,carrier,message_time,dispatched_at,wait_seconds,status,error_code,error_reason,units,text,t_seconds',
    );
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(100);
    expect(rows.filter((r) => r.status === 'failed' && r.error_code === '420')).toHaveLength(45);
    expect(rows[99].wait_seconds).toBe('11');
    expect(rows[99].dispatched_at).toBe('');
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it('reports bad input as one line with exit code 2 and writes no output file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 's.yaml'), burst(3));
    const out = join(dir, 'm.csv');
    const r = await cli('run', join(dir, 's.yaml'), '--messages', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`a2psim: ${join(dir, 's.yaml')}:5:77 traffic[0].expiry: expected an integer from 5 to 10799, got 3\n`);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });

  it.each([
    [['run', 'missing.yaml'], 'a2psim: missing.yaml: cannot read scenario file (ENOENT: no such file or directory)\n'],
    [['run', 'scenarios/default.yaml', '--format', 'xml'], 'a2psim: --format: expected one of table, json, csv, got "xml"\n'],
    [['run', 'scenarios/default.yaml', '--seed', 'abc'], 'a2psim: --seed: expected an integer from 0 to 9007199254740991 (2^53 - 1), got "abc"\n'],
  ])('%j → exit 2, %j', async (args, stderr) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(stderr);
  });

  it('unknown commands and options are usage errors (exit 2)', async () => {
    expect((await cli('bogus')).code).toBe(2);
    expect((await cli('run', 'scenarios/default.yaml', '--bogus')).code).toBe(2);
  });
});

describe('a2psim validate and rules', () => {
  it('validates every example scenario', async () => {
    const r = await cli('validate', 'scenarios/default.yaml', 'scenarios/canada-alerts.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ok scenarios/default.yaml\nok scenarios/canada-alerts.yaml\n');
  });

  it('prints the rulebook with the score-0 cap marked as an assumption', async () => {
    const r = await cli('rules');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\n  0 +2,000 +\[\d+\]\*\n/);
    expect(r.stdout).toContain('assumed: score 0 is not in the FAQ table');
    expect(r.stdout).toContain('tmobile_daily_cap');
    expect(r.stdout).toContain('50/min per carrier');
    expect((await cli('rules', '--wide')).stdout).toContain('Plivo FAQ "T-Mobile TPD restrictions"');
    const twilio = await cli('rules', '--provider', 'twilio');
    expect(twilio.stdout).toContain('https://www.twilio.com/docs/api/errors/30001 (read 2026-11-27)');
    const bad = await cli('rules', '--provider', 'sinch');
    expect([bad.code, bad.stderr]).toEqual([2, 'a2psim: --provider: expected one of plivo, telnyx, twilio, bandwidth, aws, got "sinch"\n']);
  });
});

describe('the installed binary (dist/, built by test/global-setup.ts)', () => {
  /** A spawned run takes well under a second idle; this is for a loaded machine. */
  const SPAWN_TIMEOUT = 60_000;
  const spawnOptions = { encoding: 'utf8', timeout: SPAWN_TIMEOUT - 5_000 } as const;

  it('npm start equivalent: runs the default scenario and prints a report', () => {
    const out = execFileSync(process.execPath, ['bin/a2psim.js', 'run', 'scenarios/default.yaml'], spawnOptions);
    expect(out).toContain('a2psim — default-morning (seed 1)');
    expect(out).toContain('By carrier');
  }, SPAWN_TIMEOUT);

  it('exits 2 with one line and no stack trace on bad input', () => {
    const r = spawnSync(process.execPath, ['bin/a2psim.js', 'run', 'nope.yaml'], spawnOptions);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  }, SPAWN_TIMEOUT);
});

describe('the example scenarios', () => {
  it('pass their own expect: thresholds (a2psim check scenarios/*.yaml exits 0)', async () => {
    const r = await cli('check', 'scenarios/*.yaml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/check passed: 0 of \d+ thresholds failed/);
  });
});

describe('a2psim check --report DIR', () => {
  it('writes one HTML report per scenario and an index linking them', async () => {
    const dir = tmp();
    const r = await cli('check', 'scenarios/otp-burst-tollfree.yaml', 'scenarios/default.yaml', '--report', dir);
    expect(r.code).toBe(0);
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(index).toContain('href="otp-burst-tollfree.html"');
    expect(index).toContain('href="default-morning.html"');
    expect(readFileSync(join(dir, 'otp-burst-tollfree.html'), 'utf8')).toContain('otp-burst-tollfree');
  });
});

describe('a2psim check on a replay scenario', () => {
  const replayScenario = (csv: string, expect: string) => `
name: replayed
start: 2026-03-09T15:00:00Z
account: { mps: { sms: 1 } }
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: mdr, arrival: { kind: replay, file: ${JSON.stringify(csv)} } }
expect:
  - ${expect}
`;

  it('replays the file and evaluates the thresholds (MDR fixture: 4 delivered, 1 unknown sender)', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 's.yaml'), replayScenario(join(process.cwd(), 'test/fixtures/mdr-plivo.csv'), 'failed[unknown_sender] == 1'));
    const r = await cli('check', join(dir, 's.yaml'), '--replications', '2');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ failed[unknown_sender] == 1');
  });

  it('a bad replay row is bad input (exit 2) before anything runs', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'bad.csv'), 'From,To,Message Time\n+18445550100,+12025550123,yesterday\n');
    writeFileSync(join(dir, 's.yaml'), replayScenario('bad.csv', 'delivered == 1'));
    const r = await cli('check', join(dir, 's.yaml'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv:2 Message Time: expected a time/);
  });
});
