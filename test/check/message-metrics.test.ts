/**
 * Issue 24: retries have per-message metrics (a message and its resubmissions are one),
 * beside the per-attempt ones: messages, messages_delivered, messages_lost,
 * messages_pending, message_delivered_ratio, message_lost_ratio — in check, sweep, solve,
 * the JSON and the CSV. cap-retries' 437 lost messages are counted from its message CSV.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';

// These tests read whole lines of content; the fitting to 80 columns is test/cli/width.test.ts's.
beforeAll(() => vi.stubEnv('COLUMNS', '250'));
afterAll(() => vi.unstubAllEnvs());

const dir = mkdtempSync(join(tmpdir(), 'a2psim-msgmetrics-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CAP = 'scenarios/cap-retries.yaml';

describe('per-message metrics', () => {
  it('check on cap-retries asserts messages_lost == 437 and a message-level ratio', async () => {
    const r = await cli('check', CAP);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/✓ messages_lost == 437 +observed 437/);
    expect(r.out).toMatch(/✓ message_delivered_ratio >= 94% +observed 94\.5375%/);
  });

  it('437 is what the message CSV says: failed attempts that no attempt retries', async () => {
    const csv = join(dir, 'm.csv');
    expect((await cli('run', CAP, '--messages', csv, '-q', '--no-what-if')).code).toBe(0);
    const rows = parse(readFileSync(csv, 'utf8'), { columns: true }) as Record<string, string>[];
    const retried = new Set(rows.map((x) => x.retry_of).filter((x) => x !== ''));
    expect(rows.filter((x) => x.attempt === '1').length).toBe(8000);
    expect(rows.filter((x) => x.status === 'failed' && !retried.has(x.message_uuid)).length).toBe(437);
  });

  it('a wrong count fails, and a per-scope message metric says why it has no value', async () => {
    const text = readFileSync(CAP, 'utf8').replace(/expect:[\s\S]*$/, 'expect:\n  - messages_lost == 436\n  - messages{carrier=att} == 1\n  - message_lost_ratio < 6%\n');
    const file = join(dir, 'wrong.yaml');
    writeFileSync(file, text);
    const r = await cli('check', file);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ messages_lost == 436 +observed 437/);
    expect(r.out).toContain('messages is counted for the whole run only, not per carrier');
    expect(r.out).toMatch(/✓ message_lost_ratio < 6%/);
  });

  it('without retries a message metric reads the totals', async () => {
    const text = readFileSync('scenarios/otp-burst-tollfree.yaml', 'utf8').replace(/expect:[\s\S]*$/, 'expect:\n  - messages_lost == 695\n  - messages == 1000\n');
    const file = join(dir, 'otp.yaml');
    writeFileSync(file, text);
    const r = await cli('check', file);
    expect(r.code, r.out).toBe(0);
  });

  it('the summary CSV has a messages row; sweep and solve know the metrics', async () => {
    const csv = await cli('run', CAP, '--format', 'csv', '--no-what-if');
    expect(csv.out.split('\r\n')[2]).toBe('messages,cap-retries,8000,7563,437,0' + ','.repeat(17));
    const sweep = await cli('sweep', CAP, '--vary', 'account.mps.sms=50', '--metric', 'messages_lost', '--metric', 'message_delivered_ratio', '--no-what-if', '--workers', '1');
    expect(sweep.out).toContain('0,50,messages_lost,437,,true,true');
    expect(sweep.out).toContain('0,50,message_delivered_ratio,0.945375,,true,true');
    const solve = await cli('solve', CAP, '--vary', 'account.mps.sms', '--values', '40,50', '--expect', 'messages_lost <= 437', '--no-what-if', '--workers', '1');
    expect(solve.code, solve.err).toBe(0);
  });
});
