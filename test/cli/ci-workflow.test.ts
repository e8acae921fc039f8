// docs/use-in-ci.md's workflow (the README's "Use in CI" before), run as documented: green three times with different
// base seeds when nothing changed, red — naming what regressed — when the account's SMS
// MPS is halved. In process (main()), about 200,000 simulated messages in all: the two
// bundled scenarios of about 4,000 messages a run — default-morning (random arrivals and
// carriers: stochastic) and otp-burst-tollfree (deterministic) — × 10 replications ×
// 5 commands. The full bundled set runs the same way (`node bin/a2psim.js`, 340,000
// messages a command); it is kept out of `npm test` for its size.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

const SCENARIOS = ['scenarios/default.yaml', 'scenarios/otp-burst-tollfree.yaml'];
const section = readFileSync('docs/use-in-ci.md', 'utf8');

/** The `a2psim check` commands of the workflow's sh block, split as a shell would ('…' quoting only). */
function documentedCommands(): string[][] {
  const from = section.indexOf('**The workflow');
  const start = section.indexOf('```sh\n', from) + '```sh\n'.length;
  const block = section.slice(start, section.indexOf('```', start));
  return block
    .split('\n')
    .filter((l) => l.startsWith('a2psim check '))
    .map((l) => [...l.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]).slice(1));
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'a2psim', ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

describe("docs/use-in-ci.md workflow on bundled scenarios", () => {
  const baselines = join(mkdtempSync(join(tmpdir(), 'a2psim-ci-')), 'baselines') + '/';
  /**
   * A documented command on our scenarios and baseline directory, on this thread: a pool of
   * threads per command costs more than these runs and prints the same (test/cli/pool.test.ts).
   */
  const asDocumented = (cmd: string[]): string[] => [
    ...cmd.flatMap((a) => (a === 'scenarios/*.yaml' ? SCENARIOS : a === 'baselines/' ? [baselines] : [a])),
    '--workers',
    '1',
  ];
  const [update, check] = documentedCommands();

  beforeAll(async () => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    // The README's example lines are whole, as a terminal wider than they are prints them.
    vi.stubEnv('COLUMNS', '250');
    expect(update).toEqual(expect.arrayContaining(['--update-baseline', '--replications']));
    expect(check).toEqual(expect.arrayContaining(['--replications', '--baseline', '--tolerance']));
    const r = await cli(asDocumented(update));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(join(baselines, 'default-morning.json'), 'utf8'));
    expect(written.replications.n).toBe(10);
    expect(written.metrics.delivered).toMatchObject({ n: 10, mean: expect.any(Number), ci95_half_width: expect.any(Number) });
  }, 60_000);

  afterAll(() => vi.unstubAllEnvs());

  it.each([101, 202, 303])('nothing changed, base seed %i: exit 0', async (seed) => {
    const r = await cli([...asDocumented(check), '--seed', String(seed)]);
    expect(r.out).toContain('0 baseline regressions (2 scenarios)');
    expect(r.code).toBe(0);
  }, 60_000);

  it('account.mps.sms halved: exit 1, naming the metrics that regressed', async () => {
    const r = await cli([...asDocumented(check), '--set', 'account.mps.sms=2.5']);
    expect(r.code).toBe(1);
    const regressed = /^regressed: (.*)$/m.exec(r.out)?.[1];
    expect(regressed).toMatch(/^default-morning: delivered, failed, delivered_ratio, failed_ratio, wait_p50, .*; otp-burst-tollfree: delivered, failed, delivered_ratio, failed_ratio$/);
    // The page's example lines are this run's own.
    const from = section.indexOf('$ a2psim check');
    const example = section.slice(from, section.indexOf('```', from)).trimEnd().split('\n');
    expect(example[0]).toBe(`$ a2psim ${check.map((a) => (a.includes('*') ? `'${a}'` : a)).join(' ')} --set account.mps.sms=2.5`);
    const lines = example.filter((l) => !l.startsWith('$') && l !== '...');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(r.out).toContain(line);
  }, 60_000);
});
