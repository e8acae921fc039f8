// The built CLI as a user runs it: Ctrl-C, SIGTERM and SIGHUP on a long run, and progress on a terminal.
// Needs `npm run build` (bin/a2psim.js runs dist/).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'a2psim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const US_DAY = 'test/bench/us-day.yaml';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a stop signal during a run (Ctrl-C, SIGTERM, SIGHUP)', () => {
  it.each([
    ['SIGINT', 130, ''],
    ['SIGTERM', 143, ' by SIGTERM'],
    ['SIGHUP', 129, ' by SIGHUP'],
  ] as const)('%s stops promptly, removes the partial CSV, prints one line and exits %i', async (signal, exitCode, by) => {
    const csv = join(dir, `messages-${signal}.csv`);
    const child = spawn(process.execPath, ['bin/a2psim.js', 'run', US_DAY, '--messages', csv], { stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until the run is under way: the partial file exists and has rows in it.
    for (let i = 0; i < 400 && !(existsSync(`${csv}.partial`) && readFileSync(`${csv}.partial`).length > 1e6); i++) await sleep(25);
    expect(existsSync(`${csv}.partial`)).toBe(true);
    const sentAt = performance.now();
    child.kill(signal);
    const code = await exited;
    expect(performance.now() - sentAt).toBeLessThan(2000);
    expect(code).toBe(exitCode);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^a2psim: interrupted${by} at \\d\\d:\\d\\d:\\d\\d virtual, [\\d,]+ messages simulated; .*messages-${signal}\\.csv not written\\n$`));
    expect(readdirSync(dir).filter((f) => f.startsWith(`messages-${signal}`))).toEqual([]);
  }, 60_000);
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs the CLI under a pseudo-terminal (util-linux `script`), stdout to a file; returns the terminal text. */
function underTty(args: string[], env: Record<string, string>): { terminal: string; stdout: string } {
  const out = join(dir, `stdout-${Math.random().toString(36).slice(2)}.json`);
  const cmd = `node bin/a2psim.js run ${args.map((a) => `'${a}'`).join(' ')} > '${out}'`;
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env: { ...process.env, ...env } });
  expect(r.status).toBe(0);
  return { terminal: r.stdout, stdout: readFileSync(out, 'utf8') };
}

describe.skipIf(!hasScript)('progress on an interactive terminal', () => {
  it('draws a bar on stderr, clears it at the end, and keeps stdout clean', () => {
    const { terminal, stdout } = underTty([US_DAY, '--format', 'json', '--set', 'traffic[3].arrival.rate=864000/day'], { CI: '' });
    expect(terminal).toMatch(/\r\[#*-*\] +\d+%  \d\d:\d\d:\d\d \/ 24:00:00  [\d,]+ msgs  [\d.]+[kM]? msg\/s/);
    expect(terminal.endsWith('\r\x1b[K')).toBe(true);
    expect(JSON.parse(stdout).scenario).toBe('us-day');
  }, 60_000);

  it.each([
    [['--quiet'], { CI: '' }],
    [[], { CI: 'true' }],
  ])('draws nothing with %j (env %j)', (flags, env) => {
    const { terminal, stdout } = underTty([US_DAY, '--format', 'json', ...flags, '--set', 'traffic[3].arrival.rate=864000/day'], env);
    expect(terminal).not.toMatch(/msg\/s/);
    expect(JSON.parse(stdout).scenario).toBe('us-day');
  }, 60_000);
});
