// `--provider` on run, check and rules, and `run --provider a,b,c` side by side.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'a2psim', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** 60 SMS at once from one toll-free number: 5/s (Plivo account), 20/s (Telnyx), 3/s (Twilio). */
function scenario(): string {
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-'));
  const file = join(dir, 's.yaml');
  writeFileSync(file, `name: tf
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: otp, from: [tf1], arrival: { kind: burst, count: 60 }, expiry: 5 }
expect:
  - failed[420] == 0
`);
  return file;
}

describe('--provider', () => {
  it('run --provider telnyx: the JSON names the provider and its answer', async () => {
    const r = await cli('run', scenario(), '--provider', 'telnyx', '--format', 'json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.provider).toBe('telnyx');
    expect(s.totals).toMatchObject({ delivered: 60, failed: 0 });
  });

  it('run --provider plivo,telnyx,twilio prints one table with a column per provider', async () => {
    const r = await cli('run', scenario(), '--provider', 'plivo,telnyx,twilio');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ +plivo +telnyx +twilio$/m);
    // Plivo 5/s: 30 leave within the 5 s expiry; Telnyx 20/s: all 60; Twilio 3/s: 18.
    expect(r.stdout).toMatch(/^delivered +30 +60 +18$/m);
    expect(r.stdout).toMatch(/^ +420 \(message expired\) +30 +0 +42$/m);
  });

  it('--format json gives the summaries by provider', async () => {
    const r = await cli('run', scenario(), '--provider', 'twilio,plivo', '--format', 'json');
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['twilio', 'plivo']);
  });

  it('check --provider evaluates the thresholds under that provider', async () => {
    expect((await cli('check', scenario(), '--provider', 'telnyx')).code).toBe(0);
    expect((await cli('check', scenario(), '--provider', 'twilio')).code).toBe(1);
  });

  it.each([
    [['--provider', 'plivo,sinch'], 'a2psim: --provider: expected one of plivo, telnyx, twilio, bandwidth, aws, got "sinch"\n'],
    [['--provider', 'plivo,plivo'], 'a2psim: --provider: expected each provider once, got "plivo,plivo"\n'],
    [['--provider', 'plivo,twilio', '--report', 'r.html'], 'a2psim: --provider with a list compares summaries only; run one provider at a time for --report\n'],
    [['--provider', 'plivo,twilio', '--format', 'csv'], 'a2psim: --provider with a list: expected --format table or json, got "csv"\n'],
  ])('refuses %j in one line, exit 2', async (args, message) => {
    const r = await cli('run', scenario(), ...args);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, message, '']);
  });
});
