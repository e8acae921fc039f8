import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';

const FIX = 'test/fixtures/check';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'a2psim-check-'));
  // Never append to a real job summary when the tests run in GitHub Actions.
  vi.stubEnv('GITHUB_STEP_SUMMARY', '');
});
afterEach(() => vi.unstubAllEnvs());

describe('a2psim check: exit codes', () => {
  it('0 when every threshold holds (FAQ burst: failed[420] == 45)', async () => {
    const r = await cli('check', `${FIX}/faq-pass.yaml`);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ failed[420] == 45');
    expect(r.out).toContain('check passed: 0 of 5 thresholds failed');
  });

  it('1 when one fails (failed[420] == 0 observes 45)', async () => {
    const r = await cli('check', `${FIX}/faq-fail.yaml`);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✗ failed\[420\] == 0 +observed 45\n/);
  });

  it('2 for a bad threshold, before anything runs, with file:line:col', async () => {
    const r = await cli('check', `${FIX}/faq-pass.yaml`, `${FIX}/bad-threshold.yaml`);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      `a2psim: ${FIX}/bad-threshold.yaml:8:5 expect[1]: expected METRIC OP VALUE such as "wait_p95 <= 30s", got "wait_p95 <== 30s"\n`,
    );
  });

  it('2 for bad options and patterns matching nothing', async () => {
    expect((await cli('check', `${FIX}/faq-pass.yaml`, '--replications', '0')).err).toContain('--replications: expected an integer from 1 to 10000, got "0"');
    expect((await cli('check', `${FIX}/faq-pass.yaml`, '--tolerance', 'wait_p95=+1%')).err).toContain('--tolerance: expected --baseline FILE too');
    const none = await cli('check', `${FIX}/*.nothing`);
    expect(none).toMatchObject({ code: 2, err: `a2psim: ${FIX}/*.nothing: expected a pattern matching scenario files, got no match\n` });
    expect((await cli('check', 'missing.yaml')).code).toBe(2);
  });

  it('expands globs itself, in sorted order, and exits 1 if any scenario fails', async () => {
    const r = await cli('check', `${FIX}/faq-*.yaml`);
    expect(r.code).toBe(1);
    expect(r.out.indexOf('faq-fail')).toBeLessThan(r.out.indexOf('faq-pass'));
  });
});

describe('a2psim check: reports', () => {
  it('--junit and --json write complete files; the job summary is appended', async () => {
    const junit = join(dir, 'reports', 'r.xml'); // the directory is created
    const json = join(dir, 'r.json');
    const md = join(dir, 'summary.md');
    writeFileSync(md, 'earlier step\n');
    vi.stubEnv('GITHUB_STEP_SUMMARY', md);
    const r = await cli('check', `${FIX}/faq-pass.yaml`, `${FIX}/faq-fail.yaml`, '--junit', junit, '--json', json);
    expect(r.code).toBe(1);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(junit, 'utf8'));
    expect(doc.testsuites).toMatchObject({ tests: '7', failures: '1' });
    expect(existsSync(`${junit}.partial`)).toBe(false);
    const j = JSON.parse(readFileSync(json, 'utf8'));
    expect(j).toMatchObject({ schema_version: 1, tool: { name: 'a2psim', version: expect.stringMatching(/^\d+\.\d+\.\d+/) }, ok: false });
    expect(j.scenarios[0]).toMatchObject({ file: `${FIX}/faq-pass.yaml`, name: 'faq-pass', seed: 1, seeds: [1], ok: true });
    expect(j.scenarios[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(j.scenarios[1].thresholds[1]).toMatchObject({ expect: 'failed[420] == 0', metric: 'failed[420]', observed: 45, pass: false });
    const summary = readFileSync(md, 'utf8');
    expect(summary.startsWith('earlier step\n### ❌ a2psim check: 1 of 7 checks failed in 2 scenarios\n')).toBe(true);
  });

  it('--seed and --set apply like run', async () => {
    const r = await cli('check', `${FIX}/faq-pass.yaml`, '--seed', '5', '--set', 'traffic[0].expiry=20');
    expect(r.code).toBe(1); // with expiry 20 fewer messages expire
    expect(r.out).toContain('faq-pass (seed 5)');
    expect(r.out).toMatch(/✗ failed\[420\] == 45 +observed 0/);
  });
});

describe('a2psim check --replications', () => {
  it('a deterministic scenario gives a zero-width interval', async () => {
    const json = join(dir, 'r.json');
    const r = await cli('check', `${FIX}/faq-pass.yaml`, '--replications', '5', '--json', json);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ failed[420] == 45       observed 45 ± 0 (mean, 95% CI, 5 runs)');
    const j = JSON.parse(readFileSync(json, 'utf8'));
    expect(j.scenarios[0].seeds).toHaveLength(5);
    expect(j.scenarios[0].seeds[0]).toBe(1);
    expect(new Set(j.scenarios[0].seeds).size).toBe(5);
    expect(j.scenarios[0].thresholds.every((t: { ci95_half_width: number }) => t.ci95_half_width === 0)).toBe(true);
  });

  it('the Poisson arrival count over 20 replications lies within its theoretical interval', async () => {
    // 10/s for 100 s: count ~ Poisson(1000); the mean of 20 has sd √(1000/20).
    const json = join(dir, 'r.json');
    await cli('check', `${FIX}/poisson.yaml`, '--replications', '20', '--json', json);
    const t = JSON.parse(readFileSync(json, 'utf8')).scenarios[0].thresholds[0];
    const theory = 1.96 * Math.sqrt(1000 / 20);
    expect(Math.abs(t.observed - 1000)).toBeLessThan(theory);
    // The printed Student-t interval covers the true mean and has about the theoretical width.
    expect(Math.abs(t.observed - 1000)).toBeLessThan(t.ci95_half_width);
    expect(t.ci95_half_width).toBeGreaterThan(theory * 0.5);
    expect(t.ci95_half_width).toBeLessThan(theory * 1.6);
  });

  it('replication seeds are deterministic', async () => {
    const a = await cli('check', `${FIX}/poisson.yaml`, '--replications', '4');
    const b = await cli('check', `${FIX}/poisson.yaml`, '--replications', '4');
    expect(a.out).toBe(b.out);
  });
});

describe('baselines', () => {
  it('run --format json is a baseline; check compares it; a worse run is a regression with both values', async () => {
    const base = join(dir, 'base.json');
    writeFileSync(base, (await cli('run', `${FIX}/faq-pass.yaml`, '--format', 'json')).out);
    const same = await cli('check', `${FIX}/faq-pass.yaml`, '--baseline', base);
    expect(same.code).toBe(0);
    expect(same.out).toContain('✓ delivered_ratio  0.55 → 0.55  ±0pp  tolerance 0');
    // 4 MPS instead of 5: fewer deliveries before expiry.
    const worse = await cli('check', `${FIX}/faq-pass.yaml`, '--baseline', base, '--set', 'account.mps.sms=4', '--tolerance', 'delivered_ratio=-20pp');
    expect(worse.code).toBe(1);
    expect(worse.out).toContain('✓ delivered_ratio  0.55 → 0.44  -11pp  tolerance -20pp');
    expect(worse.out).toContain('✗ delivered  55 → 44  -11 (-20%)  tolerance 0: regression');
  });

  it('--update-baseline writes the baseline only when asked', async () => {
    const base = join(dir, 'b.json');
    expect((await cli('check', `${FIX}/faq-pass.yaml`, '--baseline', base)).code).toBe(2);
    expect(existsSync(base)).toBe(false);
    const r = await cli('check', `${FIX}/faq-pass.yaml`, '--baseline', base, '--update-baseline');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`baseline written: ${base}`);
    expect(JSON.parse(readFileSync(base, 'utf8')).totals).toMatchObject({ delivered: 55, failed: 45 });
    expect((await cli('check', `${FIX}/faq-pass.yaml`, '--baseline', base)).code).toBe(0);
  });

  it('a baseline directory holds one NAME.json per scenario', async () => {
    const bdir = join(dir, 'baselines') + '/';
    expect((await cli('check', `${FIX}/faq-*.yaml`, '--baseline', bdir, '--update-baseline')).code).toBe(1);
    expect(existsSync(join(bdir, 'faq-pass.json')) && existsSync(join(bdir, 'faq-fail.json'))).toBe(true);
    const r = await cli('check', `${FIX}/faq-pass.yaml`, `${FIX}/poisson.yaml`, '--baseline', bdir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('poisson.json: cannot read summary file (ENOENT)');
  });

  it('compare: 0 without regression, 1 with one, 2 for a file that is not a summary', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    writeFileSync(a, (await cli('run', `${FIX}/faq-pass.yaml`, '--format', 'json')).out);
    writeFileSync(b, (await cli('run', `${FIX}/faq-pass.yaml`, '--format', 'json', '--set', 'account.mps.sms=6')).out);
    expect((await cli('compare', a, a)).code).toBe(0);
    expect((await cli('compare', a, b)).code).toBe(0); // faster is better
    const r = await cli('compare', b, a, '--tolerance', 'wait_p95=+5%');
    expect(r.code).toBe(1);
    expect(r.out).toContain('compare FAILED');
    writeFileSync(b, '{"totals": {}}');
    const bad = await cli('compare', a, b);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^a2psim: .*b\.json scenario: expected a summary from a2psim run --format json \(.*\), got nothing\n$/);
  });
});

describe('validate and schema', () => {
  it('validate checks thresholds: exit 0 / 2', async () => {
    expect((await cli('validate', `${FIX}/faq-pass.yaml`)).code).toBe(0);
    const r = await cli('validate', `${FIX}/*.yaml`);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad-threshold.yaml:8:5 expect[1]');
  });

  it('schema prints a draft-07 JSON Schema of the scenario', async () => {
    const r = await cli('schema');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(s.additionalProperties).toBe(false);
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(['traffic', 'numbers', 'expect']));
  });
});
