// The built CLI as a user runs it: Ctrl-C, SIGTERM and SIGHUP on a long run. Needs dist/
// (built by test/global-setup.ts). Every run here is the small day of
// test/fixtures/cli/day.yaml (~86,000 messages) under test/helpers/slow-machine.js, whose
// fast-running wall clock makes the CLI yield every few slices however fast the machine is,
// and which holds the run at its first turn until the signal (and says so in a file): well
// under a second of CPU per test, the same behaviour idle or loaded. The four runs are
// independent and go side by side (issue 23). Progress on a terminal: progress-tty.test.ts.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'a2psim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DAY = 'test/fixtures/cli/day.yaml';
/** Messages the uninterrupted run of DAY submits (seed 3). */
const DAY_MESSAGES = 86_291;
const SLOW_MACHINE = './test/helpers/slow-machine.js';
/** A spawned CLI gets this long, in ms; each run is a fraction of a second on an idle machine. */
const SPAWN_TIMEOUT = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `a2psim run DAY ARGS...` held at its first turn (its partial CSV `csv` open, a slice
 * simulated), sends `signal` once it is held and returns how it ended: exit code, stdout,
 * stderr, the ms from the signal to the exit.
 */
async function interrupted(tag: string, csv: string, args: string[], signal: NodeJS.Signals): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const held = join(dir, `${tag}.held`);
  const env = { ...process.env, A2PSIM_TEST_HOLD: '1', A2PSIM_TEST_HOLD_FILE: held };
  const child = spawn(process.execPath, ['--import', SLOW_MACHINE, 'bin/a2psim.js', 'run', DAY, ...args, '--messages', csv], { stdio: 'pipe', env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), SPAWN_TIMEOUT - 5_000);
  // Wait until the run is under way: held at its first turn, as the preload's file says.
  const deadline = performance.now() + SPAWN_TIMEOUT / 2;
  while (!existsSync(held) && performance.now() < deadline) await sleep(25);
  expect(existsSync(held), stderr).toBe(true);
  expect(existsSync(`${csv}.partial`)).toBe(true);
  rmSync(held);
  const sentAt = performance.now();
  child.kill(signal);
  const code = await exited;
  clearTimeout(timer);
  return { code, stdout, stderr, ms: performance.now() - sentAt };
}

describe.concurrent('a stop signal during a run (Ctrl-C, SIGTERM, SIGHUP)', () => {
  it.each([
    ['SIGINT', 130, ''],
    ['SIGTERM', 143, ' by SIGTERM'],
    ['SIGHUP', 129, ' by SIGHUP'],
  ] as const)('%s stops promptly, removes the partial CSV, prints one line and exits %i', async (signal, exitCode, by) => {
    const csv = join(dir, `messages-${signal}.csv`);
    const { code, stdout, stderr, ms } = await interrupted(signal, csv, [], signal);
    expect(ms).toBeLessThan(10_000);
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    const m = new RegExp(`^a2psim: interrupted${by} at \\d\\d:\\d\\d:\\d\\d virtual, ([\\d,]+) messages simulated; .*messages-${signal}\\.csv not written\\n$`).exec(stderr);
    expect(m, stderr).not.toBeNull();
    const simulated = Number(m![1].replace(/,/g, ''));
    expect(simulated).toBeGreaterThan(0);
    expect(simulated).toBeLessThan(DAY_MESSAGES);
    expect(readdirSync(dir).filter((f) => f.startsWith(`messages-${signal}`))).toEqual([]);
  }, SPAWN_TIMEOUT);

  it('Ctrl-C during a large run, whose message CSV is written by a writer thread: stops the writer, removes the partial CSV, prints one line and exits 130', async () => {
    const csv = join(dir, 'messages-threaded.csv');
    // Three times DAY's rate: estimated at ~259,000 messages, a run whose CSV takes the
    // writer thread (CSV_THREAD_MIN_MESSAGES); held at its first turn, it has simulated a
    // slice, its writer thread under way.
    const { code, stderr } = await interrupted('threaded', csv, ['--set', 'traffic[0].arrival.rate=3/s'], 'SIGINT');
    expect(code).toBe(130);
    expect(stderr).toMatch(/^a2psim: interrupted at \d\d:\d\d:\d\d virtual, [\d,]+ messages simulated; .*messages-threaded\.csv not written\n$/);
    expect(readdirSync(dir).filter((f) => f.startsWith('messages-threaded'))).toEqual([]);
  }, SPAWN_TIMEOUT);
});
