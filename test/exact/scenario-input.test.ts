/**
 * Issue 27 N5 + N21: a scenario file is UTF-8 (a BOM allowed) or refused with where and
 * what — the first bad byte's line:column, or the UTF-16/32 encoding named — on every
 * command that reads one; a `%YAML 1.1` directive is refused (it would change how dates
 * parse), a bad zone in `time_zones` is named, and a `? [a, b]` key is one clean line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'a2psim-encoding-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BASE = readFileSync('scenarios/default.yaml', 'utf8');
const write = (name: string, bytes: Buffer | string): string => {
  const f = join(dir, name);
  writeFileSync(f, bytes);
  return f;
};
/** The default scenario with its first OTP text in French, encoded as Latin-1. */
const latin1 = write('latin1.yaml', Buffer.from(BASE.replace('Your verification', 'Votre vérification'), 'latin1'));
const LATIN1_LINE = BASE.split('\n').findIndex((l) => l.includes('Your verification')) + 1;
const LATIN1_COL = BASE.split('\n')[LATIN1_LINE - 1].indexOf('Your verification') + 'Votre v'.length + 1;
const utf16 = (le: boolean, bom: boolean): Buffer => {
  const b = Buffer.from((bom ? '\uFEFF' : '') + BASE, 'utf16le');
  return le ? b : b.swap16();
};

describe('scenario files must be UTF-8', () => {
  const latin1Line = `a2psim: ${latin1}:${LATIN1_LINE}:${LATIN1_COL}: expected UTF-8 text, got byte 0xE9 ("é" in Latin-1), not UTF-8 — save the file as UTF-8\n`;
  it.each([
    ['validate', ['validate', latin1]],
    ['run', ['run', latin1]],
    ['check', ['check', latin1]],
    ['sweep', ['sweep', latin1, '--vary', 'seed=1,2']],
    ['solve', ['solve', latin1, '--vary', 'account.mps.sms', '--min', '1', '--max', '5', '--expect', 'submitted >= 1']],
    ['playground', ['playground', latin1, '--out', join(dir, 'p.html')]],
  ])('%s: a Latin-1 é is refused at its line and column', async (_, args) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toBe(latin1Line);
  });

  it.each([
    ['UTF-16 (LE) with a BOM', utf16(true, true), 'UTF-16 (LE)'],
    ['UTF-16 (BE) with a BOM', utf16(false, true), 'UTF-16 (BE)'],
    ['UTF-16 (LE) without a BOM', utf16(true, false), 'UTF-16 (LE)'],
    ['UTF-16 (BE) without a BOM', utf16(false, false), 'UTF-16 (BE)'],
    ['UTF-32 (LE)', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('n\0\0\0')]), 'UTF-32 (LE)'],
    ['UTF-32 (BE)', Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x6e]), 'UTF-32 (BE)'],
  ])('%s: the encoding is named', async (name, bytes, enc) => {
    const f = write(`${name.replace(/\W/g, '-')}.yaml`, bytes);
    const r = await cli('run', f);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`a2psim: ${f}:1:1: expected a UTF-8 text file, got ${enc} — save it as UTF-8\n`);
  });

  it.each([
    ['an overlong /', 'name: a\xC0\xAF\n', 1, 8, 'C0'],
    ['a UTF-16 surrogate in UTF-8', 'name: "x"\nseed: 1 # \xED\xA0\x80\n', 2, 11, 'ED'],
    ['a sequence cut at the end', 'name: a\n# \xE2\x82', 2, 3, 'E2'],
    ['a stray continuation byte after ü', 'name: "ü\x80"\n', 1, 9, '80'],
    ['Windows-1252 quotes', '# \x93quoted\x94\nname: a\n', 1, 3, '93'],
  ])('%s: the first bad byte, after the good ones', async (name, latin, line, column, hex) => {
    const bytes = Buffer.from(latin, 'latin1');
    // Keep the UTF-8 "ü" of the fourth case as UTF-8.
    const f = write(`${name.replace(/\W/g, '-')}.yaml`, name.includes('ü') ? Buffer.concat([Buffer.from('name: "ü', 'utf8'), Buffer.from([0x80]), Buffer.from('"\n')]) : bytes);
    const r = await cli('validate', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^a2psim: ${f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:${line}:${column}: expected UTF-8 text, got byte 0x${hex}\\b.*\\n$`));
  });

  it('a UTF-8 BOM is allowed', async () => {
    const f = write('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BASE)]));
    expect(await cli('validate', f)).toEqual({ code: 0, out: `ok ${f}\n`, err: '' });
  });

  it('UTF-8 text in other scripts is fine', async () => {
    const f = write('utf8.yaml', BASE.replace('Your verification', 'Votre vérification 验证'));
    expect((await cli('validate', f)).code).toBe(0);
  });
});

describe('YAML that would read otherwise (N21)', () => {
  it('%YAML 1.1 is refused at its line (it would read the start as a Date)', async () => {
    const f = write('y11.yaml', `%YAML 1.1\n---\n${BASE}`);
    const r = await cli('run', f);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`a2psim: ${f}:1:1: expected YAML 1.2 (a2psim reads every scenario as YAML 1.2: remove the directive), got %YAML 1.1\n`);
  });

  it('%YAML 1.2 reads as without it', async () => {
    const f = write('y12.yaml', `%YAML 1.2\n---\n${BASE}`);
    expect((await cli('validate', f)).code).toBe(0);
  });

  it('a bad zone in time_zones names the zone, not its weight', async () => {
    const text = readFileSync('scenarios/retail-day.yaml', 'utf8').replace('America/New_York: 0.47', 'America/New_Yrok: 0.47');
    const f = write('tz.yaml', text);
    const line = text.split('\n').findIndex((l) => l.includes('New_Yrok')) + 1;
    const col = text.split('\n')[line - 1].indexOf('America/New_Yrok') + 1;
    const r = await cli('validate', f);
    expect(r.err).toBe(`a2psim: ${f}:${line}:${col} traffic[0].send_window.time_zones.America/New_Yrok: expected an IANA time zone such as America/New_York, got "America/New_Yrok"\n`);
  });

  it.each([
    ['a list as a key', `${BASE}? [a, b]\n: 1\n`, 'a list'],
    ['a map as a key, nested', BASE.replace('account:\n', 'account:\n  ? { x: 1 }\n  : 2\n'), 'a map'],
  ])('%s: one line, no Node warning', async (_, text, what) => {
    const warn = vi.spyOn(process, 'emitWarning');
    try {
      const f = write('key.yaml', text);
      const r = await cli('validate', f);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^a2psim: [^\\n]*key\\.yaml:\\d+:\\d+[^\\n]*: expected field names as keys, got ${what} as a key\\n$`));
      const r2 = await cli('run', 'scenarios/default.yaml', '--set', 'account={[a]: 1}');
      expect(r2.err).toBe('a2psim: --set account: expected field names as keys, got a list as a key\n');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});
