// `check` behaves like `run` (warnings on stderr, -q), its index page tells a failed
// threshold from a baseline regression and shows means under replications, `compare`
// warns about summaries that are not like for like, and `run --replications N` prints
// every metric as mean ± 95% half-width.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';

const FIX = 'test/fixtures/check';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'a2psim-check2-'));
  vi.stubEnv('GITHUB_STEP_SUMMARY', '');
  // These tests read whole lines of content; the fitting to 80 columns is test/cli/width.test.ts's.
  vi.stubEnv('COLUMNS', '250');
});
afterEach(() => vi.unstubAllEnvs());

/** A scenario with a warning: an unverified toll-free number (its messages fail). */
function warned(): string {
  const file = join(dir, 'warned.yaml');
  writeFileSync(file, `name: warned
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US }
traffic:
  - { name: t, from: [tf1], arrival: { kind: burst, count: 10 } }
expect:
  - failed[toll_free_unverified] == 10
`);
  return file;
}

describe('check prints warnings like run, and accepts -q', () => {
  it('warnings go to stderr, prefixed with the file, once per scenario', async () => {
    const file = warned();
    const run = await cli('run', file);
    const warning = run.err.trim().replace(/^warning: /, '');
    expect(warning).toContain('toll-free without verified: true');
    const r = await cli('check', file, '--replications', '3');
    expect(r.code).toBe(0);
    expect(r.err).toBe(`warning: ${file}: ${warning}\n`);
  });

  it('-q and --quiet silence them', async () => {
    for (const q of ['-q', '--quiet']) {
      const r = await cli('check', warned(), q);
      expect(r).toMatchObject({ code: 0, err: '' });
    }
  });
});

describe('check --report: the index page', () => {
  it('tells "threshold failed" from "baseline regression"', async () => {
    const bdir = join(dir, 'b') + '/';
    await cli('check', `${FIX}/faq-pass.yaml`, '--baseline', bdir, '--update-baseline');
    writeFileSync(join(bdir, 'faq-fail.json'), readFileSync(join(bdir, 'faq-pass.json'), 'utf8').replace('"faq-pass"', '"faq-fail"'));
    // faq-pass with a slower account: its thresholds hold (by --set), its baseline regresses.
    const reports = join(dir, 'reports');
    const r = await cli('check', `${FIX}/faq-pass.yaml`, `${FIX}/faq-fail.yaml`, '--baseline', bdir, '--report', reports);
    expect(r.code).toBe(1);
    const index = readFileSync(join(reports, 'index.html'), 'utf8');
    expect(index).toContain('✗ threshold failed (1)');
    expect(index).not.toContain('baseline regression');
    const slower = await cli('check', `${FIX}/faq-pass.yaml`, '--baseline', bdir, '--report', reports, '--set', 'traffic[0].expiry=20');
    expect(slower.code).toBe(1);
    const index2 = readFileSync(join(reports, 'index.html'), 'utf8');
    expect(index2).toMatch(/✗ threshold failed \(\d\), baseline regression \(\d+\)/);
  });

  it('a baseline regression alone is not called a threshold failure', async () => {
    const base = join(dir, 'p.json');
    await cli('check', `${FIX}/poisson.yaml`, '--baseline', base, '--update-baseline');
    const reports = join(dir, 'reports');
    // Half the rate: every threshold (submitted > 0) holds, delivered regresses.
    const r = await cli('check', `${FIX}/poisson.yaml`, '--baseline', base, '--report', reports, '--set', 'traffic[0].arrival.rate=5/s');
    expect(r.code).toBe(1);
    const index = readFileSync(join(reports, 'index.html'), 'utf8');
    expect(index).toMatch(/✗ baseline regression \(\d+\)/);
    expect(index).not.toContain('threshold failed');
  });

  it('shows means ± 95% half-width under --replications, not the first run', async () => {
    const reports = join(dir, 'reports');
    const json = join(dir, 'r.json');
    await cli('check', `${FIX}/poisson.yaml`, '--replications', '4', '--report', reports, '--json', json);
    const t = JSON.parse(readFileSync(json, 'utf8')).scenarios[0].thresholds[0];
    const index = readFileSync(join(reports, 'index.html'), 'utf8');
    const n = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 3 });
    expect(index).toContain(`<td class="num">${n(t.observed)} ± ${n(t.ci95_half_width)}</td>`);
    expect(index).toContain('means ± 95% half-width over 4 replications');
  });
});

describe('compare warns about summaries that are not like for like', () => {
  it('different scenarios and different submitted counts; -q silences', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, (await cli('run', `${FIX}/faq-pass.yaml`, '--format', 'json')).out);
    writeFileSync(b, (await cli('run', `${FIX}/poisson.yaml`, '--format', 'json')).out);
    const r = await cli('compare', a, b);
    const submitted = JSON.parse(readFileSync(b, 'utf8')).totals.submitted;
    expect(r.err).toBe(
      `warning: comparing different scenarios: "faq-pass" (${a}) and "poisson" (${b})\n` +
        `warning: different submitted counts: 100 (${a}) and ${submitted} (${b}); the traffic differs, so counts are not like for like\n`,
    );
    expect((await cli('compare', a, b, '-q')).err).toBe('');
    expect((await cli('compare', a, a)).err).toBe('');
  });

  it('means whose submitted counts differ only by noise are not warned about', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, (await cli('run', `${FIX}/poisson.yaml`, '--replications', '5', '--format', 'json')).out);
    writeFileSync(b, (await cli('run', `${FIX}/poisson.yaml`, '--replications', '5', '--seed', '99', '--format', 'json')).out);
    const r = await cli('compare', a, b);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/\(poisson, seed 11, 5 runs\) → .*\(poisson, seed 99, 5 runs\)/);
  });
});
