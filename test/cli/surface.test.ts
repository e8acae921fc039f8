// The surface every command shares (issue 25): usage errors in the house format and exit 2,
// a global --no-color, check --expect like solve and sweep, help with examples and the docs
// page of each command, and warnings printed once (on stderr; the table points to them).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { COMMAND_HELP, houseError } from '../../src/cli/commands/help-surface.js';
import { cli } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'a2psim-surface-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

describe('usage errors: one line in the house format, exit 2', () => {
  it.each([
    [['run', 'scenarios/default.yaml', '--bogus'], "a2psim: unknown option '--bogus' (see a2psim run --help)\n"],
    [['check', '--bogus', 'scenarios/default.yaml'], "a2psim: unknown option '--bogus' (see a2psim check --help)\n"],
    [['run', 'scenarios/default.yaml', 'extra.yaml'], "a2psim: too many arguments for 'run'. Expected 1 argument but got 2 (see a2psim run --help)\n"],
    [['compare', 'a.json'], "a2psim: missing required argument 'current' (see a2psim compare --help)\n"],
    [['rules', '--seed', '1'], "a2psim: unknown option '--seed' (see a2psim rules --help)\n"],
    [['frobnicate'], "a2psim: unknown command 'frobnicate' (see a2psim --help)\n"],
    [['--bogus'], "a2psim: unknown option '--bogus' (see a2psim --help)\n"],
  ])('a2psim %j', async (args, err) => {
    expect(await cli(...args)).toEqual({ code: 2, out: '', err });
  });

  it("folds commander's suggestion into the line", async () => {
    const r = await cli('run', 'scenarios/default.yaml', '--sed', '3');
    expect(r.code).toBe(2);
    expect(r.err).toBe("a2psim: unknown option '--sed'; did you mean one of --seed, --set? (see a2psim run --help)\n");
  });

  it('houseError: the first line, the hint, the command path', () => {
    const sub = { name: () => 'sweep', parent: { name: () => 'a2psim', parent: null } } as never;
    expect(houseError("error: unknown option '--x'\n(Did you mean --out?)\n", sub)).toBe("a2psim: unknown option '--x'; did you mean --out? (see a2psim sweep --help)\n");
  });
});

describe('--no-color', () => {
  /** `a2psim ARGS` on an io whose stdout would be coloured. */
  async function coloured(...args: string[]): Promise<{ code: number; out: string }> {
    let out = '';
    const code = await main(['node', 'a2psim', ...args], { stdout: (s) => (out += s), stderr: () => undefined, colour: true });
    return { code, out };
  }

  it('turns colour off wherever it stands on the line (without it, ✓ is green)', async () => {
    const file = 'test/fixtures/check/faq-pass.yaml';
    expect((await coloured('check', file)).out).toContain('\x1b[32m✓');
    for (const args of [['check', file, '--no-color'], ['--no-color', 'check', file]]) {
      const r = await coloured(...args);
      expect(r.code).toBe(0);
      expect(r.out).toContain('✓');
      expect(r.out).not.toContain('\x1b[');
    }
  });
});

describe('check --expect, as solve and sweep take it', () => {
  const file = 'scenarios/mms-default-mps.yaml';

  it("judges the given thresholds instead of the scenario's", async () => {
    const own = await cli('check', file);
    expect(own.out).not.toContain('wait_p95 < 1s');
    const r = await cli('check', file, '--expect', 'delivered_ratio >= 0.99', '--expect', 'wait_p95 < 1s');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/✓ delivered_ratio >= 0.99 +observed 1\n/);
    expect(r.out).toMatch(/✗ wait_p95 < 1s +observed /);
    expect(r.out).toContain('1 of 2 thresholds failed');
  });

  it('with replications on the worker pool too, and in the JSON', async () => {
    const json = join(dir, 'expect.json');
    const r = await cli('check', file, '--expect', 'delivered_ratio >= 0.99', '--replications', '3', '--workers', '2', '--json', json);
    expect(r.code).toBe(0);
    expect(r.out).toContain('delivered_ratio >= 0.99');
    expect(readFileSync(json, 'utf8')).toContain('delivered_ratio >= 0.99');
  });

  it('a bad threshold is bad input', async () => {
    const r = await cli('check', file, '--expect', 'bogus > 1');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^a2psim: --expect: expected one of the metrics .*got unknown metric "bogus"\n$/);
  });
});

describe('help: examples and the docs page of every command', () => {
  it('names a docs file (and README section) that exists', () => {
    for (const [name, h] of Object.entries(COMMAND_HELP)) {
      const [path, anchor] = h.docs.split('#');
      expect({ name, exists: existsSync(path) }).toEqual({ name, exists: true });
      if (anchor !== undefined) {
        const slugs = readFileSync(path, 'utf8')
          .split('\n')
          .filter((l) => l.startsWith('#'))
          .map((l) => l.replace(/^#+\s*/, '').toLowerCase().replace(/[^\w\s-]/g, '').replace(/\s/g, '-'));
        expect({ name, anchor, found: slugs.includes(anchor) }).toEqual({ name, anchor, found: true });
      }
      expect(h.examples.length).toBeGreaterThan(0);
      expect(h.examples.length).toBeLessThanOrEqual(2);
      for (const e of h.examples) expect(e.startsWith(`a2psim ${name}`.trim())).toBe(true);
    }
  });

  it('every command has them, under its options', async () => {
    const r = await cli('sweep', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/-h, --help[^\n]*\n\nExamples:\n {2}a2psim sweep scenarios\/default.yaml --vary[^\n]*\n(?: {6}[^\n]*\n)?\nDocs: docs\/solve-and-sweep.md\n$/);
    const top = await cli('--help');
    expect(top.out).toMatch(/\n {2}run <scenario> +simulate a scenario/);
    expect(top.out).toContain('--no-color');
  });
});

describe('warnings once: on stderr, the table only points to them', () => {
  const scenario = (): string => {
    const file = join(dir, 'warned.yaml');
    writeFileSync(file, `name: warned
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US }
traffic:
  - { name: t, from: [tf1], arrival: { kind: burst, count: 10 } }
`);
    return file;
  };

  it('run: the warning on stderr, a pointer in the table; -q says where they went', async () => {
    const r = await cli('run', scenario(), '--no-what-if');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: number "tf1" is toll-free/);
    expect(r.out).not.toContain('is toll-free');
    expect(r.out).not.toContain('Warnings');
    expect(r.out).toMatch(/\n\n! 1 warning on stderr\n$/);
    const q = await cli('run', scenario(), '--no-what-if', '-q');
    expect(q.err).toBe('');
    expect(q.out).toMatch(/\n\n! 1 warning \(not shown with -q\)\n$/);
  });

  it('run --replications: the same', async () => {
    const r = await cli('run', scenario(), '--replications', '2', '--workers', '1');
    expect(r.err.match(/^warning: /gm)).toHaveLength(1);
    expect(r.out).not.toContain('is toll-free');
    expect(r.out).toMatch(/\n\n! 1 warning on stderr\n$/);
  });

  it('a warning wraps to the width of stderr, its continuation indented', async () => {
    vi.stubEnv('COLUMNS', '50');
    const r = await cli('run', scenario(), '--no-what-if');
    const lines = r.err.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]).toMatch(/^warning: /);
    for (const l of lines.slice(1)) expect(l).toMatch(/^ {2}\S/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(50);
  });
});
