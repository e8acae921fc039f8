// Every line the CLI prints fits the width it is given (issue 25): COLUMNS here (the
// in-process io has no terminal), 80 by default. Every command's terminal output for every
// bundled scenario, and --help of every command, at 80 and at 60 columns.
//
// Exempt, by design (see src/cli/terminal.ts): machine formats (CSV, JSON: `sweep`,
// `schema`, `--format json|csv`), `--wide`, the one-line `a2psim: ...` errors, a single
// word longer than the width (a path, a URL: never broken), and at 60 columns the tables
// of `rules` (laid out for 80; its prose follows the width).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';

const SCENARIOS = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort().map((f) => `scenarios/${f}`);
const COMMANDS = ['run', 'validate', 'check', 'solve', 'sweep', 'merge', 'compare', 'schema', 'playground', 'rules'];

/** Columns a line takes: code points, colour codes not counted. */
const visibleLength = (line: string): number => [...line.replace(/\x1b\[[0-9;]*m/g, '')].length;

/** Lines of `text` wider than `width` (colour codes not counted), with their width. */
function overlong(text: string, width: number): string[] {
  return text.split('\n').filter((l) => visibleLength(l) > width).map((l) => `${visibleLength(l)}: ${l}`);
}

/**
 * Runs `a2psim ARGS` and demands exit `code` (one of them, for a list: a check's 0 or 1) and
 * every line of stdout and stderr within `width`.
 */
async function fits(width: number, code: number | readonly number[], ...args: string[]): Promise<string> {
  const r = await cli(...args);
  const codes = typeof code === 'number' ? [code] : code;
  const ok = codes.includes(r.code);
  expect({ args, ok, code: r.code, err: ok ? '' : r.err }).toEqual({ args, ok: true, code: r.code, err: '' });
  expect({ args, lines: overlong(r.out + r.err, width) }).toEqual({ args, lines: [] });
  return r.out;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'a2psim-width-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

describe.each([80, 60])('at %i columns', (width) => {
  const columns = (): void => {
    vi.stubEnv('COLUMNS', String(width));
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
  };

  it.each(SCENARIOS)('run, run --replications, check and validate of %s', async (file) => {
    columns();
    // The table with its bottleneck found by what-if (the longest prose) and its warnings.
    const table = await fits(width, 0, 'run', file);
    expect(table).toContain('Totals');
    const reps = await fits(width, 0, 'run', file, '--replications', '2', '--workers', '1', '--no-what-if');
    expect(reps).toContain('mean ± 95%');
    await fits(width, [0, 1], 'check', file, '--workers', '1');
    await fits(width, 0, 'validate', file);
  });

  it('--help of the program and of every command', async () => {
    columns();
    for (const args of [['--help'], ...COMMANDS.map((c) => [c, '--help'])]) {
      const out = await fits(width, 0, ...args);
      expect(out).toMatch(/\nExamples:\n {2}a2psim /);
      expect(out).toMatch(/\nDocs: \S+\n$/);
    }
  });

  it('providers side by side, solve, check with replications and baselines, compare, merge, playground', async () => {
    columns();
    const d = 'scenarios/default.yaml';
    await fits(width, 0, 'run', d, '--provider', 'plivo,telnyx,twilio,bandwidth,aws', '--no-what-if');
    await fits(width, 0, 'solve', d, '--vary', 'account.mps.sms', '--min', '1', '--max', '40', '--workers', '1', '--no-what-if');
    const base = join(dir, `base-${width}`) + '/';
    await fits(width, 0, 'check', d, 'scenarios/otp-outage.yaml', '--replications', '2', '--workers', '1', '--baseline', base, '--update-baseline');
    await fits(width, [0, 1], 'check', d, 'scenarios/otp-outage.yaml', '--replications', '3', '--workers', '1', '--baseline', base);
    const a = join(base, 'default-morning.json');
    await fits(width, 0, 'compare', a, a);
    const shards = [1, 2].map((i) => join(dir, `shard-${width}-${i}.json`));
    for (const [i, out] of shards.entries()) await fits(width, 0, 'check', ...SCENARIOS.slice(0, 3), '--shard', `${i + 1}/2`, '--out', out);
    await fits(width, [0, 1], 'merge', ...shards);
    await fits(width, 0, 'playground', d, '--out', join(dir, `play-${width}.html`));
  });

  it.each(['plivo', 'telnyx', 'twilio', 'bandwidth', 'aws'])('rules --provider %s (its prose; URLs and, below 80, table rows excepted)', async (provider) => {
    columns();
    const r = await cli('rules', '--provider', provider);
    expect(r.code).toBe(0);
    const tableRow = /^ {2}\S.* {2,}\S/; // two-space indent, columns two spaces apart
    const lines = overlong(r.out, width).filter((l) => !/https?:\/\//.test(l) && !(width < 80 && tableRow.test(l.replace(/^\d+: /, ''))));
    expect({ provider, lines }).toEqual({ provider, lines: [] });
  });
});

describe('the width comes from COLUMNS, else 80', () => {
  it('a table fitted to 60 columns is not the one fitted to 80; without COLUMNS it is 80', async () => {
    const file = 'scenarios/retail-day.yaml';
    const args = ['run', file, '--replications', '2', '--workers', '1', '--no-what-if', '-q'];
    const plain = await cli(...args);
    vi.stubEnv('COLUMNS', '80');
    const at80 = await cli(...args);
    vi.stubEnv('COLUMNS', '60');
    const at60 = await cli(...args);
    expect(plain.out).toBe(at80.out);
    expect(at60.out).not.toBe(at80.out);
    expect(at60.out).toContain(`By carrier (continued)`);
  });
});
