/**
 * Issue 27 N6, N12, N18: `merge` checks every shard's result against its header (the
 * header's points exactly, each once; metrics finite numbers), reads regular files only
 * and at most MAX_SHARD_BYTES of each (a FIFO, /dev/zero or a huge file is one line, never
 * a hang or ERR_STRING_TOO_LONG), speaks of shards, spells errno codes out, and refuses
 * the check-only --junit/--json on sweep shards instead of ignoring them.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';
import { MAX_SHARD_BYTES } from '../../src/cli/commands/merge-command.js';

const dir = mkdtempSync(join(tmpdir(), 'a2psim-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => vi.stubEnv('GITHUB_STEP_SUMMARY', ''));
const S = 'scenarios/default.yaml';
const SWEEP = ['sweep', S, '--vary', 'seed=1..4', '--metric', 'submitted', '--metric', 'wait_p95', '--workers', '1'];
const s1 = join(dir, 's1.json');
const s2 = join(dir, 's2.json');
const c1 = join(dir, 'c1.json');
const c2 = join(dir, 'c2.json');
const CHECK = ['check', 'scenarios/otp-burst-tollfree.yaml', 'scenarios/canada-alerts.yaml', '-q', '--workers', '1'];

beforeAll(async () => {
  for (const [i, f] of [s1, s2].entries()) expect((await cli(...SWEEP, '--shard', `${i + 1}/2`, '--out', f)).code).toBe(0);
  for (const [i, f] of [c1, c2].entries()) expect((await cli(...CHECK, '--shard', `${i + 1}/2`, '--out', f)).code).toBe(0);
}, 60_000);

/** Writes shard `from` edited by `edit` as NAME. */
function edited(from: string, name: string, edit: (doc: any) => void): string {
  const doc = JSON.parse(readFileSync(from, 'utf8'));
  edit(doc);
  const f = join(dir, name);
  writeFileSync(f, JSON.stringify(doc, null, 2).replace(/"__INF__"/g, '1e999'));
  return f;
}

describe("merge checks each shard's result against its header (N6)", () => {
  it('the unedited shards merge', async () => {
    const r = await cli('merge', s1, s2);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toBe((await cli(...SWEEP)).out);
  }, 60_000);

  it.each([
    ['a point index edited to another of the shard (one point twice, one missing)', (d: any) => (d.result.points[1].index = 0), /expected each point of the shard once in its result, got point 0 twice/],
    ["a point index edited to another shard's", (d: any) => (d.result.points[1].index = 1), /expected the points \[0,2\] of its header in its result, got point 1/],
    ['a point dropped', (d: any) => d.result.points.pop(), /got none for point 2/],
    ['a point added', (d: any) => d.result.points.push({ ...d.result.points[0], index: 4 }), /got point 4/],
    ['an index as text', (d: any) => (d.result.points[0].index = '0'), /got point "0"/],
    ['a metric as text', (d: any) => (d.result.points[0].metrics.submitted.mean = '3019'), /expected metric submitted of point 0 to be finite numbers .*got \{"mean":"3019"/],
    ['a metric out of range (1e999)', (d: any) => (d.result.points[0].metrics.submitted.mean = '__INF__'), /expected metric submitted of point 0 to be finite numbers .*got \{"mean":"Infinity"/],
    ['a metric missing', (d: any) => delete d.result.points[0].metrics.wait_p95, /expected metric wait_p95 of point 0 .*got nothing/],
    ['a bottleneck number out of range', (d: any) => (d.result.points[0].bottleneck = '__INF__'), /expected finite numbers in the result, got a number out of range at result\.points\[0\]\.bottleneck/],
    ["the result's parameters not the header's", (d: any) => (d.result.parameters[0].values = [9, 9, 9, 9]), /expected the result's parameters to be its header's/],
    ['no points at all', (d: any) => (d.result = {}), /expected a sweep result with points/],
    ['a result that is null', (d: any) => (d.result = null), /expected a sweep result with points, got null/],
  ])('sweep: %s is refused', async (name, edit, message) => {
    const f = edited(s1, `bad-${name.replace(/\W+/g, '-')}.json`, edit);
    const r = await cli('merge', f, s2);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^a2psim: [^\n]+\n$/);
    expect(r.err).toMatch(message);
  });

  it.each([
    ['a scenario result dropped', (d: any) => d.result.checks.pop(), /expected 1 scenario results .*got 0/],
    ["a scenario result of another shard's scenario", (d: any) => (d.result.checks[0].sha256 = JSON.parse(readFileSync(c2, 'utf8')).result.checks[0].sha256), /expected result 1 to be scenario 1 of the run/],
    ['a summary number out of range', (d: any) => (d.result.checks[0].summary.totals.submitted = '__INF__'), /got a number out of range at result\.checks\[0\]\.summary\.totals\.submitted/],
  ])('check: %s is refused', async (name, edit, message) => {
    const f = edited(c1, `badc-${name.replace(/\W+/g, '-')}.json`, edit);
    const r = await cli('merge', f, c2);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  it.each([
    ['no shard field', (d: any) => delete d.shard],
    ['points not a list', (d: any) => (d.points = 'all')],
    ['a kind of its own', (d: any) => (d.kind = 'solve')],
  ])('a header with %s is one line, not a crash', async (name, edit) => {
    const r = await cli('merge', edited(s1, `badh-${name.replace(/\W+/g, '-')}.json`, edit), s2);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^a2psim: .*: expected a shard file with kind, a2psim_version, scenario_sha256, shard, points, total and result, got a header missing one\n$/);
  });
});

/**
 * `a2psim merge ARGS` in a child process: a blocking open or an endless read (the old
 * behaviour) then hangs the child, which the timeout kills, not this test.
 */
function childMerge(...args: string[]): { code: number | null; err: string } {
  try {
    execFileSync(process.execPath, ['bin/a2psim.js', 'merge', ...args], { timeout: 20_000, stdio: ['ignore', 'ignore', 'pipe'] });
    return { code: 0, err: '' };
  } catch (e: any) {
    return { code: e.status, err: String(e.stderr) };
  }
}

describe('merge reads regular files only, with a size bound (N12)', () => {
  it('a FIFO is refused at once, without blocking', () => {
    const fifo = join(dir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    expect(childMerge(fifo, s2)).toEqual({ code: 2, err: `a2psim: ${fifo}: expected a shard file (a regular file), got a pipe (FIFO)\n` });
  }, 30_000);

  it('/dev/zero is refused as a device', () => {
    expect(childMerge('/dev/zero')).toEqual({ code: 2, err: 'a2psim: /dev/zero: expected a shard file (a regular file), got a device\n' });
  }, 30_000);

  it('a directory of shards is its .json files; a directory without any says shard files', async () => {
    const only = join(dir, 'only');
    mkdirSync(only);
    writeFileSync(join(only, 'a.json'), readFileSync(s1));
    writeFileSync(join(only, 'b.json'), readFileSync(s2));
    writeFileSync(join(only, 'notes.yaml'), 'x: 1\n');
    expect((await cli('merge', only)).code).toBe(0);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect((await cli('merge', empty)).err).toBe(`a2psim: ${empty}: expected a directory with shard files (.json), got no match\n`);
    expect((await cli('merge', join(dir, 'nothing-*.json'))).err).toBe(`a2psim: ${join(dir, 'nothing-*.json')}: expected a pattern matching shard files, got no match\n`);
  });

  it('a file past the bound is one line (sparse, so the test writes nothing)', async () => {
    const big = join(dir, 'big.json');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 1_073_741_824);
    closeSync(fd);
    const r = await cli('merge', big);
    expect([r.code, r.err]).toEqual([2, `a2psim: ${big}: expected a shard file of at most ${MAX_SHARD_BYTES / 1e6} MB, got 1,073.7 MB\n`]);
    rmSync(big);
  });

  it('errors speak of shard files and spell errno codes out', async () => {
    const missing = join(dir, 'missing.json');
    expect((await cli('merge', missing)).err).toBe(`a2psim: ${missing}: cannot read shard file (ENOENT: no such file or directory)\n`);
    const notJson = join(dir, 'text.json');
    writeFileSync(notJson, 'hello');
    expect((await cli('merge', notJson)).err).toMatch(/^a2psim: .*text\.json: expected a shard file \(JSON written by sweep or check with --shard\), got invalid JSON \(.*\)\n$/);
    const latin1 = join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from('{"a":"\xe9"}', 'latin1'));
    expect((await cli('merge', latin1)).err).toBe(`a2psim: ${latin1}: expected a shard file (UTF-8 JSON), got bytes that are not UTF-8\n`);
  });
});

describe('merge options for the other kind are refused, not ignored (N18)', () => {
  it.each([['--junit'], ['--json']])('%s on sweep shards', async (flag) => {
    const out = join(dir, `x${flag}`);
    const r = await cli('merge', s1, s2, flag, out);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toBe(`a2psim: ${flag}: expected no ${flag} when merging sweep shards (it is for check shards; use --out with --format json, or --report), got one\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('--out on check shards', async () => {
    const out = join(dir, 'x.out');
    const r = await cli('merge', c1, c2, '--out', out);
    expect([r.code, r.err]).toEqual([2, 'a2psim: --out: expected no --out when merging check shards (use --json or --junit), got one\n']);
    expect(existsSync(out)).toBe(false);
  });
});
