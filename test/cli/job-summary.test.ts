// Issue 25: merge takes a directory; sweep and solve append a GitHub job summary as check
// does; the sweep heatmap marks pass/fail by symbol as well as colour.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'a2psim-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const before = process.env.GITHUB_STEP_SUMMARY;
afterEach(() => {
  if (before === undefined) delete process.env.GITHUB_STEP_SUMMARY;
  else process.env.GITHUB_STEP_SUMMARY = before;
});

const OTP = ['scenarios/otp-burst-tollfree.yaml', '--expect', 'failed[420] == 0', '--workers', '1'];

/** An empty job summary file, set as GITHUB_STEP_SUMMARY (GitHub creates it before the step). */
function summaryFile(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, '');
  process.env.GITHUB_STEP_SUMMARY = path;
  return path;
}

describe('merge DIR', () => {
  it('merges every shard file in the folder, as listing them does', async () => {
    delete process.env.GITHUB_STEP_SUMMARY;
    const shards = join(dir, 'shards');
    for (const i of [1, 2, 3]) {
      const r = await cli('sweep', ...OTP, '--vary', 'account.mps.sms=5,10,17,20', '--shard', `${i}/3`, '--out', join(shards, `shard-${i}.json`));
      expect(r.code).toBe(0);
    }
    const listed = await cli('merge', join(shards, 'shard-3.json'), join(shards, 'shard-1.json'), join(shards, 'shard-2.json'));
    const folder = await cli('merge', shards);
    const slash = await cli('merge', `${shards}/`);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain('account.mps.sms');
    expect(folder).toEqual(listed);
    expect(slash).toEqual(listed);
  }, 60_000);
});

describe('GITHUB_STEP_SUMMARY', () => {
  it('sweep appends a table of its points marked ✅/❌', async () => {
    const path = summaryFile('sweep.md');
    const r = await cli('sweep', ...OTP, '--vary', 'account.mps.sms=5,17');
    expect(r.code).toBe(0);
    const md = readFileSync(path, 'utf8');
    expect(md).toMatch(/^### ✅ a2psim sweep — otp-burst-tollfree: 1 of 2 points pass\n/);
    expect(md).toContain('Thresholds: `failed[420] == 0`');
    expect(md).toMatch(/^\| ❌ \| 5 \| `failed\[420\] == 0` \|/m);
    expect(md).toMatch(/^\| ✅ ★ \| 17 \| {2}\| 1,000 \| 1,000 \| 0 \| 0 \|$/m);
  }, 60_000);

  it('sweep with no passing point heads the summary ❌', async () => {
    const path = summaryFile('sweep-fail.md');
    expect((await cli('sweep', ...OTP, '--vary', 'account.mps.sms=5,6')).code).toBe(1);
    expect(readFileSync(path, 'utf8')).toMatch(/^### ❌ a2psim sweep — otp-burst-tollfree: 0 of 2 points pass\n/);
  }, 60_000);

  it('solve appends its answer', async () => {
    const path = summaryFile('solve.md');
    // The summary holds the answer unwrapped; the terminal's copy is fitted to its width, so
    // the two are compared at a width the answer fits.
    const columns = process.env.COLUMNS;
    process.env.COLUMNS = '250';
    try {
      const r = await cli('solve', ...OTP, '--vary', 'account.mps.sms', '--min', '10', '--max', '20');
      expect(r.code).toBe(0);
      const md = readFileSync(path, 'utf8');
      expect(md).toMatch(/^### ✅ a2psim solve — otp-burst-tollfree\n\n```text\n/);
      expect(md).toContain(r.out.trimEnd());
    } finally {
      if (columns === undefined) delete process.env.COLUMNS;
      else process.env.COLUMNS = columns;
    }
  }, 60_000);

  it('a sharded sweep leaves the summary to the merge', async () => {
    const path = summaryFile('shard.md');
    expect((await cli('sweep', ...OTP, '--vary', 'account.mps.sms=5,17', '--shard', '1/2', '--out', join(dir, 's.json'))).code).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('');
  }, 60_000);
});

describe('sweep heatmap', () => {
  it('marks each cell ✓ or ✗ as well as green or red', async () => {
    delete process.env.GITHUB_STEP_SUMMARY;
    const report = join(dir, 'heat.html');
    await cli('sweep', ...OTP, '--vary', 'account.mps.sms=5,17', '--vary', 'traffic[0].expiry=60,120', '--report', report);
    const html = readFileSync(report, 'utf8');
    const cells = [...html.matchAll(/<td class="(pass|fail)[^"]*" title="[^"]*">(.)/g)].map((m) => [m[1], m[2]]);
    expect(cells.length).toBe(4);
    for (const [cls, mark] of cells) expect(mark).toBe(cls === 'pass' ? '✓' : '✗');
    expect(cells.some(([c]) => c === 'pass') && cells.some(([c]) => c === 'fail')).toBe(true);
  }, 60_000);
});
