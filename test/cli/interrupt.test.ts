// The built CLI as a user runs it: Ctrl-C, SIGTERM and SIGHUP on a long run, and progress on
// a terminal. Needs dist/ (built by test/global-setup.ts). Every run here is the small day
// of test/fixtures/cli/day.yaml (~86,000 messages) under test/helpers/slow-machine.js, whose
// fast-running wall clock makes the CLI yield and redraw every few slices however fast the
// machine is: well under a second of CPU per test, the same behaviour idle or loaded.
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
const SLOW_MACHINE = './test/helpers/slow-machine.js';
/** A spawned CLI gets this long, in ms; each run is a fraction of a second on an idle machine. */
const SPAWN_TIMEOUT = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a stop signal during a run (Ctrl-C, SIGTERM, SIGHUP)', () => {
  it.each([
    ['SIGINT', 130, ''],
    ['SIGTERM', 143, ' by SIGTERM'],
    ['SIGHUP', 129, ' by SIGHUP'],
  ] as const)('%s stops promptly, removes the partial CSV, prints one line and exits %i', async (signal, exitCode, by) => {
    const csv = join(dir, `messages-${signal}.csv`);
    // The preload holds the run at its first turn until the signal: under way for certain.
    const args = ['--import', SLOW_MACHINE, 'bin/a2psim.js', 'run', DAY, '--messages', csv];
    const child = spawn(process.execPath, args, { stdio: 'pipe', env: { ...process.env, A2PSIM_TEST_HOLD: '1' } });
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
    child.kill(signal);
    const code = await exited;
    expect(performance.now() - sentAt).toBeLessThan(10_000);
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    const m = new RegExp(`^a2psim: interrupted${by} at \\d\\d:\\d\\d:\\d\\d virtual, ([\\d,]+) messages simulated; .*messages-${signal}\\.csv not written\\n$`).exec(stderr);
    expect(m, stderr).not.toBeNull();
    const simulated = Number(m![1].replace(/,/g, ''));
    expect(simulated).toBeGreaterThan(0);
    expect(simulated).toBeLessThan(DAY_MESSAGES);
    expect(readdirSync(dir).filter((f) => f.startsWith(`messages-${signal}`))).toEqual([]);
  }, SPAWN_TIMEOUT);
});

describe('Ctrl-C during a large run, whose message CSV is written by a writer thread', () => {
  it('stops the writer, removes the partial CSV, prints one line and exits 130', async () => {
    const csv = join(dir, 'messages-threaded.csv');
    // Three times DAY's rate: estimated at ~259,000 messages, a run whose CSV takes the
    // writer thread (CSV_THREAD_MIN_MESSAGES); held at its first turn, it simulates a slice.
    const args = ['--import', SLOW_MACHINE, 'bin/a2psim.js', 'run', DAY, '--set', 'traffic[0].arrival.rate=3/s', '--messages', csv];
    const child = spawn(process.execPath, args, { stdio: 'pipe', env: { ...process.env, A2PSIM_TEST_HOLD: '1' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = performance.now() + SPAWN_TIMEOUT / 2;
    while (!existsSync(`${csv}.partial`) && performance.now() < deadline) await sleep(25);
    expect(existsSync(`${csv}.partial`)).toBe(true);
    await sleep(200); // the run is held at its first turn, its writer thread under way
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/^a2psim: interrupted at \d\d:\d\d:\d\d virtual, [\d,]+ messages simulated; .*messages-threaded\.csv not written\n$/);
    expect(readdirSync(dir).filter((f) => f.startsWith('messages-threaded'))).toEqual([]);
  }, SPAWN_TIMEOUT);
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8', timeout: 10_000 }).status === 0;

/** Runs the CLI under a pseudo-terminal (util-linux `script`), stdout to a file; returns the terminal text. */
function underTty(args: string[], env: Record<string, string>): { terminal: string; stdout: string } {
  const out = join(dir, `stdout-${Math.random().toString(36).slice(2)}.json`);
  const cmd = `node --import ${SLOW_MACHINE} bin/a2psim.js run ${args.map((a) => `'${a}'`).join(' ')} > '${out}'`;
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
