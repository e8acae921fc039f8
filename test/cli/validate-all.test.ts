// `validate` reports every error it finds, up to a limit, and `--format json` (issue 25).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_ERROR_LINES } from '../../src/cli/commands/validate-command.js';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'a2psim-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const bad1 = file('bad1.yaml', 'provider: plivoo\nseed: -1\ntraffic:\n  - name: t\n    fromm: x\n    arrival: {kind: burst, count: 1}\n');
const bad2 = file('bad2.yaml', 'duration: 1h\nbogus: 1\n');
const expiry = file('expiry.yaml', 'numbers: [{id: n, number: "+18885550100", type: toll_free, country: US}]\ntraffic:\n  - {name: t, from: n, arrival: {kind: burst, count: 1}, expiry: 3}\n');
const good = 'scenarios/default.yaml';

describe('validate reports every error', () => {
  it('checks every file and prints each error as one house-format line, then exits 2', async () => {
    const r = await cli('validate', bad1, good, bad2, expiry);
    expect(r.code).toBe(2);
    expect(r.out).toBe(`ok ${good}\n`);
    expect(r.err.split('\n').filter(Boolean)).toEqual([
      `a2psim: ${bad1}:5:5 traffic[0].fromm: expected a known key, got unknown key "fromm" (did you mean "from"?)`,
      `a2psim: ${bad1}:1:11 provider: expected one of plivo, telnyx, twilio, bandwidth, aws, got "plivoo"`,
      `a2psim: ${bad1}:2:7 seed: expected an integer from 0 to 9007199254740991, got -1`,
      expect.stringMatching(new RegExp(`^a2psim: ${bad2}:2:1 bogus: expected one of the keys name, .*, got unknown key "bogus"$`)),
      `a2psim: ${expiry}:3:66 traffic[0].expiry: expected an integer from 5 to 10799, got 3`,
    ]);
  });

  it(`prints at most ${MAX_ERROR_LINES} error lines, then how many more`, async () => {
    const many = file('many.yaml', Array.from({ length: 25 }, (_, i) => `unknown_${i}: 1\n`).join(''));
    const r = await cli('validate', many);
    expect(r.code).toBe(2);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(MAX_ERROR_LINES + 1);
    expect(lines.slice(0, -1).every((l) => l.startsWith(`a2psim: ${many}:`))).toBe(true);
    expect(lines.at(-1)).toBe('a2psim: … and 5 more errors');
  });

  it('a bad --set is one line, not one per file', async () => {
    const r = await cli('validate', good, good.replace('default', 'retail-day'), '--set', 'nope');
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^a2psim: --set/);
  });

  it('--format json: every file with its errors, as data; exit 2 when one is invalid', async () => {
    const r = await cli('validate', good, bad2, '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out) as { valid: boolean; errors: number; files: { file: string; valid: boolean; errors: Record<string, unknown>[] }[] };
    expect(doc.valid).toBe(false);
    expect(doc.errors).toBe(1);
    expect(doc.files.map((f) => [f.file, f.valid])).toEqual([[good, true], [bad2, false]]);
    expect(doc.files[1].errors[0]).toMatchObject({ file: bad2, line: 2, column: 1, path: 'bogus', actual: 'unknown key "bogus"' });
    expect(doc.files[1].errors[0].message).toMatch(/^.*bad2\.yaml:2:1 bogus: expected /);
    const ok = await cli('validate', good, '--format', 'json');
    expect([ok.code, JSON.parse(ok.out).valid]).toEqual([0, true]);
  });

  it('refuses another --format with exit 2', async () => {
    const r = await cli('validate', good, '--format', 'yaml');
    expect(r.code).toBe(2);
    expect(r.err).toBe('a2psim: --format: expected text or json, got "yaml"\n');
  });

  it('rules --format json is data with a source for every number', async () => {
    const r = await cli('rules', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(expect.any(Object));
  });
});
