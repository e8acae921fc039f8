/** `a2psim playground`: writes one self-contained page, serves it, refuses bad input in one line. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { parsePort, servePage } from '../../src/cli/commands/playground-command.js';

describe('a2psim playground', () => {
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-pg-'));

  it('writes a page holding the scenario, its worker and no external reference', async () => {
    const out = join(dir, 'p.html');
    const r = await cli('playground', 'scenarios/otp-burst-tollfree.yaml', '--out', out);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(new RegExp(`^wrote ${out} \\([\\d,]+ KiB\\); open it in a browser\\n$`)); // 1,005 KiB has a comma
    const html = readFileSync(out, 'utf8');
    const data = JSON.parse(/<script id="pg-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]);
    expect(data).toEqual({ yaml: readFileSync('scenarios/otp-burst-tollfree.yaml', 'utf8'), file: 'otp-burst-tollfree.yaml' });
    expect(html).toContain('<script id="pg-worker" type="text/plain">');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/);
  }, 60_000);

  it('refuses a bad scenario with the loader\'s one line, and an --out that is the scenario', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'traffic: 3\n');
    expect(await cli('playground', bad, '--out', join(dir, 'x.html'))).toEqual({ code: 2, out: '', err: `a2psim: ${bad}:1:10 traffic: expected a list, got 3\n` });
    const r = await cli('playground', bad, '--out', bad);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`a2psim: --out: expected a file that is not an input, got ${bad} (the scenario file); refusing to overwrite it\n`);
    expect(readFileSync(bad, 'utf8')).toBe('traffic: 3\n');
    expect((await cli('playground', '--serve', 'http')).err).toBe('a2psim: --serve: expected a port from 0 to 65535, got "http"\n');
  }, 60_000);

  it('parses --serve and serves the page on 127.0.0.1', async () => {
    expect([parsePort(undefined), parsePort(true), parsePort('0'), parsePort('8080')]).toEqual([null, 4173, 0, 8080]);
    const server = await servePage('<!DOCTYPE html><p>hi', 0);
    try {
      const address = server.address();
      if (typeof address !== 'object' || address === null) throw new Error('no address');
      expect(address.address).toBe('127.0.0.1');
      const res = await fetch(`http://127.0.0.1:${address.port}/`);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toBe('<!DOCTYPE html><p>hi');
    } finally {
      server.close();
    }
  }, 60_000);
});

describe('docs/see-the-run.md: Playground', () => {
  it('shows the command and what it prints (the size is the page\'s own)', async () => {
    const page = readFileSync('docs/see-the-run.md', 'utf8');
    const block = /```\n\$ a2psim playground (\S+) --out (\S+)\n(.*)\n```/.exec(page.slice(page.indexOf('## Playground')));
    expect(block).not.toBeNull();
    const [, scenario, name, printed] = block!;
    const dir = mkdtempSync(join(tmpdir(), 'a2psim-pg-readme-'));
    const cwd = process.cwd();
    const r = await cli('playground', join(cwd, scenario), '--out', join(dir, name));
    expect(r.code).toBe(0);
    const kib = /\(([\d,]+) KiB\)/; // sizes over 999 KiB print with a thousands comma
    expect(r.out.replace(join(dir, name), name).replace(kib, '(N KiB)')).toBe(`${printed.replace(kib, '(N KiB)')}\n`);
    // The size shown is within 15% of the real one.
    const shown = Number(kib.exec(printed)![1].replace(/,/g, ''));
    const real = Number(kib.exec(r.out)![1].replace(/,/g, ''));
    expect(Math.abs(shown - real) / real).toBeLessThan(0.15);
  }, 60_000);
});
