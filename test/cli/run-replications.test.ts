// `run --replications N`: every metric as mean ± 95% half-width (table, JSON, CSV); and
// replicated baselines written and read by `check`.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cli as cliDefault } from '../helpers/cli.js';

const FIX = 'test/fixtures/check';
/** `a2psim ARGS --workers 1`: replications on this thread, as on a pool (test/cli/pool.test.ts), without a pool's start per command. */
const cli = (...args: string[]) => cliDefault(...args, '--workers', '1');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'a2psim-reps-'));
  vi.stubEnv('GITHUB_STEP_SUMMARY', '');
  // These tests read whole lines of content; the fitting to 80 columns is test/cli/width.test.ts's.
  vi.stubEnv('COLUMNS', '250');
});
afterEach(() => vi.unstubAllEnvs());

describe('run --replications N', () => {
  it('JSON: every metric of every scope as mean, 95% half-width and N, with the seeds check uses', async () => {
    const r = await cli('run', `${FIX}/poisson.yaml`, '--replications', '20', '--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc).toMatchObject({ scenario: 'poisson', seed: 11, replications: { n: 20 } });
    await cli('check', `${FIX}/poisson.yaml`, '--replications', '20', '--json', join(dir, 'c.json'));
    const check = JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8'));
    expect(doc.replications.seeds).toEqual(check.scenarios[0].seeds);
    // 10/s for 100 s: Poisson(1000); the mean of 20 agrees with check's threshold value.
    expect(doc.metrics.submitted.mean).toBe(check.scenarios[0].thresholds[0].observed);
    expect(doc.metrics.submitted.ci95_half_width).toBe(check.scenarios[0].thresholds[0].ci95_half_width);
    expect(Math.abs(doc.metrics.submitted.mean - 1000)).toBeLessThan(doc.metrics.submitted.ci95_half_width * 1.5);
    for (const key of ['delivered', 'wait_p95', 'drain_time', 'delivered_ratio', 'submitted{sender=sc1}', 'wait_max{traffic=p}', 'delivered{carrier=att}']) {
      expect(doc.metrics[key]).toMatchObject({ mean: expect.any(Number), ci95_half_width: expect.any(Number), n: 20 });
    }
  });

  it('table: the summary tables with each figure as mean ± half-width', async () => {
    const r = await cli('run', `${FIX}/poisson.yaml`, '--replications', '5');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^a2psim — poisson \(seed 11, 5 replications: mean ± 95% half-width\)\n\nTotals\n/);
    expect(r.out).toMatch(/\n *\d[\d,]*(\.\d+)? ± \d+(\.\d+)? +\d[\d,]*(\.\d+)? ± \d+(\.\d+)? /); // submitted, delivered
    expect(Math.max(...r.out.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(80); // drawn like the run table
    for (const caption of ['Wait of delivered messages', 'By carrier', 'By sender', 'By traffic']) expect(r.out).toContain(`\n${caption}\n`);
    const det = await cli('run', `${FIX}/faq-pass.yaml`, '--replications', '3');
    expect(det.out).toContain('\n  100 ± 0     55 ± 0  45 ± 0   0 ± 0   50 ± 0     55% ± 0%\n');
    expect(det.out).toMatch(/\n420 +message expired +45 ± 0\n/);
  });

  it('CSV: one row per metric', async () => {
    const r = await cli('run', `${FIX}/faq-pass.yaml`, '--replications', '2', '--format', 'csv');
    const rows = parse(r.out, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual(['metric', 'mean', 'ci95_half_width', 'runs', 'note']);
    expect(rows.find((x) => x.metric === 'failed[420]')).toEqual({ metric: 'failed[420]', mean: '45', ci95_half_width: '0', runs: '2', note: '' });
  });

  it('refuses per-run outputs and bad counts (exit 2, one line)', async () => {
    const m = await cli('run', `${FIX}/faq-pass.yaml`, '--replications', '3', '--messages', join(dir, 'm.csv'));
    expect(m).toMatchObject({ code: 2, err: 'a2psim: --replications: expected no --messages (it describes one run; rerun one seed with --seed for it), got --messages\n' });
    expect((await cli('run', `${FIX}/faq-pass.yaml`, '--replications', '0')).err).toBe('a2psim: --replications: expected an integer from 1 to 10000, got "0"\n');
  });
});

describe('replicated baselines', () => {
  it('--update-baseline --replications N writes the replicated document; check reads it', async () => {
    const base = join(dir, 'p.json');
    const w = await cli('check', `${FIX}/poisson.yaml`, '--replications', '5', '--baseline', base, '--update-baseline');
    expect(w.code).toBe(0);
    const doc = JSON.parse(readFileSync(base, 'utf8'));
    expect(doc.replications.n).toBe(5);
    expect(doc.metrics.delivered).toMatchObject({ n: 5, ci95_half_width: expect.any(Number) });
    const r = await cli('check', `${FIX}/poisson.yaml`, '--replications', '5', '--seed', '12345', '--baseline', base);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/✓ delivered {2}\d+(\.\d+)? ± \d+(\.\d+)? → \d+(\.\d+)? ± \d+(\.\d+)? .* tolerance \d+(\.\d+)? \(default\), p = 0\.\d{3}\n/);
  });

  it('a broken replicated baseline is bad input: one line, exit 2', async () => {
    const base = join(dir, 'p.json');
    writeFileSync(base, JSON.stringify({ scenario: 'poisson', seed: 11, replications: { n: 5, seeds: [] }, metrics: { delivered: { mean: 'x' } } }));
    const r = await cli('check', `${FIX}/poisson.yaml`, '--baseline', base);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^a2psim: .*p\.json metrics\.delivered\.mean: expected a replicated baseline from a2psim check --update-baseline --replications N \(.*\), got "x"\n$/);
  });
});
