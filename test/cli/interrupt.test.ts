// The built CLI as a user runs it: Ctrl-C on a long run, and progress on a terminal.
// Needs `npm run build` (bin/a2psim.js runs dist/). Every run here is the small day of
// test/fixtures/cli/day.yaml (~86,000 messages, a few slices of the interactive run), so the
// tests take well under a second of CPU each and pass on a loaded machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'a2psim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DAY = 'test/fixtures/cli/day.yaml';
/** Messages the uninterrupted run of DAY submits (seed 3). */
const DAY_MESSAGES = 86_291;
/** A spawned CLI gets this long, in ms; each run is a fraction of a second on an idle machine. */
const SPAWN_TIMEOUT = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Ctrl-C (SIGINT) during a run', () => {
  it('stops promptly, removes the partial CSV, prints one line and exits 130', async () => {
    const csv = join(dir, 'messages.csv');
    // The preload holds the run after its first slice until SIGINT: under way for certain.
    const args = ['--import', './test/helpers/hold-after-first-slice.js', 'bin/a2psim.js', 'run', DAY, '--messages', csv];
    const child = spawn(process.execPath, args, { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until the run is under way: the partial file exists and has rows in it.
    const deadline = performance.now() + SPAWN_TIMEOUT / 2;
    while (!(existsSync(`${csv}.partial`) && readFileSync(`${csv}.partial`).length > 1e5) && performance.now() < deadline) await sleep(25);
    expect(existsSync(`${csv}.partial`)).toBe(true);
    const sentAt = performance.now();
    child.kill('SIGINT');
    const code = await exited;
    expect(performance.now() - sentAt).toBeLessThan(10_000);
    expect(code).toBe(130);
    expect(stdout).toBe('');
    const m = /^a2psim: interrupted at \d\d:\d\d:\d\d virtual, ([\d,]+) messages simulated; .*messages\.csv not written\n$/.exec(stderr);
    expect(m, stderr).not.toBeNull();
    const simulated = Number(m![1].replace(/,/g, ''));
    expect(simulated).toBeGreaterThan(0);
    expect(simulated).toBeLessThan(DAY_MESSAGES);
    expect(readdirSync(dir).filter((f) => f.startsWith('messages'))).toEqual([]);
  }, SPAWN_TIMEOUT);
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8', timeout: 10_000 }).status === 0;

/** Runs the CLI under a pseudo-terminal (util-linux `script`), stdout to a file; returns the terminal text. */
function underTty(args: string[], env: Record<string, string>): { terminal: string; stdout: string } {
  const out = join(dir, `stdout-${Math.random().toString(36).slice(2)}.json`);
  const cmd = `node bin/a2psim.js run ${args.map((a) => `'${a}'`).join(' ')} > '${out}'`;
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: SPAWN_TIMEOUT - 5_000 });
  expect(r.status, r.stderr).toBe(0);
  return { terminal: r.stdout, stdout: readFileSync(out, 'utf8') };
}

describe('progress on an interactive terminal', () => {
  beforeEach((ctx) => {
    if (!hasScript) ctx.skip('script (util-linux) not found; install it with: apt-get install bsdutils');
  });

  it('draws a bar on stderr, clears it at the end, and keeps stdout clean', () => {
    const { terminal, stdout } = underTty([DAY, '--format', 'json'], { CI: '' });
    expect(terminal).toMatch(/\r\[#*-*\] +\d+%  \d\d:\d\d:\d\d \/ 24:00:00  [\d,]+ msgs  [\d.]+[kM]? msg\/s/);
    expect(terminal.endsWith('\r\x1b[K')).toBe(true);
    const summary = JSON.parse(stdout);
    expect(summary.scenario).toBe('day');
    expect(summary.totals.submitted).toBe(DAY_MESSAGES);
  }, SPAWN_TIMEOUT);

  it.each([
    [['--quiet'], { CI: '' }],
    [[], { CI: 'true' }],
  ])('draws nothing with %j (env %j)', (flags, env) => {
    const { terminal, stdout } = underTty([DAY, '--format', 'json', ...flags], env);
    expect(terminal).not.toMatch(/msg\/s/);
    expect(JSON.parse(stdout).scenario).toBe('day');
  }, SPAWN_TIMEOUT);
});
