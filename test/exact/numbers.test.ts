/**
 * Issue 27 N4: every numeric option parses through one function (`parseNumberOption`) with
 * the exact-decimal rule of `--set`: values past 2^53 − 1, or with more digits than a
 * double holds, are refused with one line and exit 2 — never rounded; `solve` never answers
 * outside [--min, --max]. N17: `--workers` is capped at the CPUs this process may use.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { gridOf } from '../../src/check/solve.js';
import { parseVary } from '../../src/check/sweep.js';
import { readDecimal } from '../../src/scenario/numbers.js';
import { cgroupCpus, usableCpus } from '../../src/cli/parallel/cores.js';
import { capWorkers } from '../../src/cli/parallel/worker-pool.js';

const S = 'scenarios/default.yaml';
const dir = mkdtempSync(join(tmpdir(), 'a2psim-numbers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readDecimal: exact or refused', () => {
  it.each([
    ['12', 12], ['-0.5', -0.5], ['1e9', 1e9], ['.25', 0.25], ['1.10', 1.1], ['9007199254740991', 9007199254740991],
    ['0.30000000000000004', 0.30000000000000004], ['-0', 0], ['+7', 7],
  ])('%s is %s', (text, value) => expect(readDecimal(text)).toEqual({ value }));

  it.each([
    ['9007199254740993', 'range'], ['9007199254740992', 'range'], ['1e400', 'range'], ['-1e16', 'range'],
    ['10.0000000000000001', 'precision'], ['1e-400', 'precision'], ['0.1000000000000000055511151231257827', 'precision'],
    ['abc', 'syntax'], ['', 'syntax'], ['0x10', 'syntax'], ['Infinity', 'syntax'], ['NaN', 'syntax'], ['1.2.3', 'syntax'], ['.', 'syntax'],
  ])('%s: %s', (text, problem) => expect(readDecimal(text)).toEqual({ problem }));
});

describe('every numeric option: one line, exit 2, nothing rounded', () => {
  const cases: [string, string[]][] = [
    ['--seed past 2^53', ['run', S, '--seed', '9007199254740993']],
    ['--seed 1e400', ['run', S, '--seed', '1e400']],
    ['--replications past 2^53', ['run', S, '--replications', '9007199254740993']],
    ['--replications 1.5', ['run', S, '--replications', '1.5']],
    ['--workers past 2^53', ['sweep', S, '--vary', 'seed=1,2', '--workers', '9007199254740993']],
    ['--workers 0', ['sweep', S, '--vary', 'seed=1,2', '--workers', '0']],
    ['--max-messages past 2^53', ['run', S, '--max-messages', '9007199254740993']],
    ['--max-messages 1e400', ['run', S, '--max-messages', '1e400']],
    ['--min past 2^53', ['solve', S, '--vary', 'account.mps.sms', '--min', '9007199254740993', '--max', '1e16']],
    ['--max rounded', ['solve', S, '--vary', 'account.mps.sms', '--min', '1', '--max', '3.00000000000000001']],
    ['--step rounded', ['solve', S, '--vary', 'account.mps.sms', '--min', '1', '--max', '3', '--step', '0.10000000000000000001']],
    ['--min abc', ['solve', S, '--vary', 'account.mps.sms', '--min', 'abc', '--max', '3']],
    ['--values past 2^53', ['solve', S, '--vary', 'seed', '--values', '1,9007199254740993', '--expect', 'submitted >= 1']],
    ['--vary range past 2^53', ['sweep', S, '--vary', 'account.mps.sms=1..9007199254740993']],
    ['--vary range rounded', ['sweep', S, '--vary', 'account.mps.sms=1..2:0.10000000000000000001']],
    ['--vary range too fine for its size', ['sweep', S, '--vary', 'account.mps.sms=1000000000000000..1000000000000001:0.5']],
    ['--vary list rounded', ['sweep', S, '--vary', 'account.mps.sms=10,10.0000000000000001']],
    ['--vary seed past 2^53', ['sweep', S, '--vary', 'seed=1,9007199254740993']],
    ['--set rounded', ['run', S, '--set', 'account.mps.sms=10.0000000000000001']],
    ['--serve past 2^53', ['playground', '--serve', '9007199254740993']],
  ];
  it.each(cases)('%s', async (_, args) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^a2psim: --[a-z-]+[^\n]*: expected [^\n]+\n$/);
  });
});

describe('ranges: exact values within [--min, --max]', () => {
  it('1e15 by 1 stays exact (was rounded to 12 digits)', () => {
    expect(gridOf({ min: 1e15, max: 1e15 + 2, step: 1 })).toEqual(['1000000000000000', '1000000000000001', '1000000000000002']);
  });
  it('decimal steps are exact and never pass max', () => {
    expect(gridOf({ min: 0.1, max: 0.3, step: 0.1 })).toEqual(['0.1', '0.2', '0.3']);
    expect(gridOf({ min: 0, max: 2.5 })).toEqual(['0', '1', '2']);
    expect(gridOf({ min: 10.1234567890123, max: 12 })).toEqual(['10.1234567890123', '11.1234567890123']);
    expect(parseVary('a=-1..1:0.5').values).toEqual(['-1', '-0.5', '0', '0.5', '1']);
    for (const [min, max, step] of [[0.1, 0.95, 0.15], [-3.3, 7.7, 1.1], [1e-7, 1e-6, 1e-7], [123456.789, 123460, 0.001]]) {
      const g = gridOf({ min, max, step }).map(Number);
      expect(g[0]).toBe(min);
      expect(g.every((v) => v >= min && v <= max)).toBe(true);
    }
  });
  it('solve never answers below --min', async () => {
    const r = await cli('solve', S, '--vary', 'account.mps.sms', '--min', '10.1234567890123', '--max', '40', '--expect', 'wait_p95 <= 30s', '--format', 'json', '--workers', '1');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).value).toBe(10.1234567890123);
  });
});

describe('--workers: capped at the CPUs this process may use (N17)', () => {
  const fake = (name: string, files: Record<string, string>) => {
    const root = join(dir, name);
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(join(root, f, '..'), { recursive: true });
      writeFileSync(join(root, f), text);
    }
    return { root: join(root, 'sys'), self: join(root, 'self') };
  };
  it.each([
    ['v2 one CPU', { 'sys/cpu.max': '100000 100000\n', self: '0::/\n' }, 1],
    ['v2 no quota', { 'sys/cpu.max': 'max 100000\n', self: '0::/\n' }, null],
    ['v2 1.5 CPUs round up', { 'sys/cpu.max': '150000 100000\n', self: '0::/\n' }, 2],
    ['v2 a limit above the process cgroup', { 'sys/a/b/cpu.max': 'max 100000\n', 'sys/a/cpu.max': '300000 100000\n', self: '0::/a/b\n' }, 3],
    ['v1 quota', { 'sys/cpu/cpu.cfs_quota_us': '200000\n', 'sys/cpu/cpu.cfs_period_us': '100000\n', self: '2:cpu,cpuacct:/\n' }, 2],
    ['v1 no quota', { 'sys/cpu/cpu.cfs_quota_us': '-1\n', 'sys/cpu/cpu.cfs_period_us': '100000\n', self: '1:cpu:/\n' }, null],
    ['no cgroup at all', { self: '' }, null],
    ['garbage', { 'sys/cpu.max': 'lots\n', self: '0::/\n' }, null],
  ])('%s', (name, files, cpus) => expect(cgroupCpus(fake(name.replace(/\W/g, '-'), files))).toBe(cpus));

  it('a user value above the quota is capped with one note; the default is the same figure', () => {
    const one = fake('one', { 'sys/cpu.max': '100000 100000\n', self: '0::/\n' });
    const notes: string[] = [];
    expect(capWorkers(256, (l) => notes.push(l), one)).toBe(1);
    expect(notes).toEqual(['a2psim: note: --workers 256 capped at 1, the CPUs this process may use\n']);
    expect(capWorkers(undefined, (l) => notes.push(l), one)).toBe(1);
    expect(capWorkers(1, (l) => notes.push(l), one)).toBe(1);
    expect(notes).toHaveLength(1);
    const none = fake('none', { 'sys/cpu.max': 'max 100000\n', self: '0::/\n' });
    expect(usableCpus(none)).toBe(availableParallelism());
  });

  it('sweep --workers 256 runs on the usable CPUs and says so', async () => {
    const r = await cli('sweep', S, '--vary', 'seed=1,2', '--metric', 'submitted', '--workers', '256');
    expect(r.code).toBe(0);
    expect(r.err).toBe(`a2psim: note: --workers 256 capped at ${usableCpus()}, the CPUs this process may use\n`);
  }, 60_000);
});
