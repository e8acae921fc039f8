import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';
import { parseShard, shardItems } from '../../src/check/shards.js';

/** The package's version, which every shard file carries. */
const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'a2psim-shards-'));
  vi.stubEnv('GITHUB_STEP_SUMMARY', '');
});

const SWEEP = ['sweep', 'test/fixtures/solve/poisson-queue.yaml', '--vary', 'account.mps.sms=6..12:2', '--vary', 'traffic[0].expiry=5,60', '--replications', '2', '--workers', '1'];

describe('--shard', () => {
  it.each([
    ['2/3', {}, { index: 2, count: 3 }],
    ['3', { JOB_COMPLETION_INDEX: '0' }, { index: 1, count: 3 }],
    ['3', { AWS_BATCH_JOB_ARRAY_INDEX: '2' }, { index: 3, count: 3 }],
    ['1/3', { JOB_COMPLETION_INDEX: '2' }, { index: 1, count: 3 }],
  ])('%s with %j → %j', (text, env, shard) => expect(parseShard(text, env)).toEqual(shard));

  it.each([
    ['0/3', {}, '--shard: expected i/n with 1 <= i <= n, got "0/3"'],
    ['4/3', {}, '--shard: expected i/n with 1 <= i <= n, got "4/3"'],
    ['a/b', {}, '--shard: expected i/n with 1 <= i <= n <= 10000 (or n, with the index from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX), got "a/b"'],
    ['3', {}, '--shard 3: expected i/3, or JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX in the environment, got neither'],
    ['3', { JOB_COMPLETION_INDEX: '3' }, 'JOB_COMPLETION_INDEX: expected a 0-based shard index from 0 to 2 (--shard 3), got "3"'],
  ])('%s with %j is refused', (text, env, message) => expect(() => parseShard(text, env)).toThrow(message));

  it('splits items round-robin; the shards cover every item once', () => {
    expect([1, 2, 3].map((index) => shardItems(8, { index, count: 3 }))).toEqual([[0, 3, 6], [1, 4, 7], [2, 5]]);
    expect(shardItems(3, null)).toEqual([0, 1, 2]);
  });
});

describe('sweep in 3 shards, merged', () => {
  it('gives byte for byte the unsharded CSV, JSON and HTML report', async () => {
    const full = await cli(...SWEEP, '--report', join(dir, 'full.html'));
    const fullJson = await cli(...SWEEP, '--format', 'json');
    const shards = [1, 2, 3].map((i) => join(dir, `shard-${i}.json`));
    for (const [i, f] of shards.entries()) expect((await cli(...SWEEP, '--shard', `${i + 1}/3`, '--out', f)).code).toBe(0);
    // Any order of files; the shard index comes from the file.
    const merged = await cli('merge', shards[2], shards[0], shards[1], '--report', join(dir, 'merged.html'));
    expect(merged.code).toBe(full.code);
    expect(merged.out).toBe(full.out);
    expect(readFileSync(join(dir, 'merged.html'), 'utf8')).toBe(readFileSync(join(dir, 'full.html'), 'utf8'));
    expect((await cli('merge', ...shards, '--format', 'json')).out).toBe(fullJson.out);
    const doc = JSON.parse(readFileSync(shards[1], 'utf8'));
    expect(doc).toMatchObject({ format: 'a2psim-shard', format_version: 1, kind: 'sweep', a2psim_version: VERSION, shard: { index: 2, count: 3 }, points: [1, 4, 7], total: 8 });
    expect(doc.scenario_sha256[0]).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);

  it('a shard index from JOB_COMPLETION_INDEX (Kubernetes) is the same shard as the flag', async () => {
    vi.stubEnv('JOB_COMPLETION_INDEX', '1');
    const fromEnv = await cli(...SWEEP, '--shard', '3');
    vi.unstubAllEnvs();
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    expect(fromEnv.out).toBe((await cli(...SWEEP, '--shard', '2/3')).out);
  }, 60_000);

  it('refuses mismatched files with exit 2', async () => {
    const f = (name: string) => join(dir, name);
    await cli(...SWEEP, '--shard', '1/2', '--out', f('a1.json'));
    await cli(...SWEEP, '--shard', '2/2', '--out', f('a2.json'));
    await cli(...SWEEP, '--shard', '2/2', '--set', 'duration=30s', '--out', f('b2.json'));
    await cli(...SWEEP, '--shard', '2/3', '--out', f('c2.json'));
    const other = JSON.parse(readFileSync(f('a2.json'), 'utf8'));
    writeFileSync(f('v2.json'), JSON.stringify({ ...other, a2psim_version: '9.9.9' }));
    writeFileSync(f('s2.json'), JSON.stringify({ ...other, scenario_sha256: ['0'.repeat(64)] }));
    writeFileSync(f('plain.json'), '{"scenario": "x"}');
    writeFileSync(f('a1-copy.json'), readFileSync(f('a1.json')));
    const cases: [string[], RegExp][] = [
      [[f('a1.json'), f('v2.json')], new RegExp(`v2\\.json: expected the a2psim version of .*a1\\.json \\("${VERSION.replaceAll('.', '\\.')}"\\), got "9\\.9\\.9"`)],
      [[f('a1.json'), f('s2.json')], /s2\.json: expected the scenario sha256 of /],
      [[f('a1.json'), f('b2.json')], /b2\.json: expected the run options of /],
      [[f('a1.json'), f('c2.json')], /c2\.json: expected the shard count of .*a1\.json \(2\), got 3/],
      [[f('a1.json'), f('a1-copy.json')], /expected each shard once, got shard 1\/2 again/],
      [[f('a1.json')], /merge: expected all 2 shards, got none for shard 2\/2/],
      [[f('a1.json'), f('plain.json')], /plain\.json: expected a shard file \(written by sweep or check with --shard\), got another file/],
      [[f('a1.json'), f('missing.json')], /missing\.json: cannot read shard file \(ENOENT: no such file or directory\)/],
    ];
    for (const [files, message] of cases) {
      const r = await cli('merge', ...files);
      expect([r.code, r.out]).toEqual([2, '']);
      expect(r.err).toMatch(message);
      expect(r.err.split('\n')).toHaveLength(2);
    }
  }, 60_000);
});

describe('check in 2 shards, merged', () => {
  it('prints, writes JSON and JUnit, and exits exactly as the unsharded check', async () => {
    const files = ['scenarios/otp-burst-tollfree.yaml', 'scenarios/canada-alerts.yaml', 'test/fixtures/check/faq-fail.yaml'];
    const full = await cli('check', ...files, '--json', join(dir, 'full.json'), '--junit', join(dir, 'full.xml'), '-q');
    expect(full.code).toBe(1);
    for (const i of [1, 2]) expect((await cli('check', ...files, '--shard', `${i}/2`, '--out', join(dir, `c${i}.json`), '-q')).code).toBe(0);
    const merged = await cli('merge', join(dir, 'c2.json'), join(dir, 'c1.json'), '--json', join(dir, 'merged.json'), '--junit', join(dir, 'merged.xml'));
    expect([merged.code, merged.out]).toEqual([full.code, full.out]);
    expect(readFileSync(join(dir, 'merged.json'), 'utf8')).toBe(readFileSync(join(dir, 'full.json'), 'utf8'));
    expect(readFileSync(join(dir, 'merged.xml'), 'utf8')).toBe(readFileSync(join(dir, 'full.xml'), 'utf8'));
  }, 60_000);

  it('refuses --json, --junit, --report and --update-baseline on a shard', async () => {
    const r = await cli('check', 'scenarios/otp-burst-tollfree.yaml', '--shard', '1/2', '--json', join(dir, 'x.json'));
    expect([r.code, r.err]).toEqual([2, 'a2psim: --json: expected no --json with --shard (give it to merge, which sees every scenario), got both\n']);
  });
});
