// The progress line on a real terminal (issue 25): `script` (util-linux) gives the CLI a
// pseudo-terminal 60 columns wide. run, sweep and check each draw the line on stderr,
// redrawn in place (carriage return, the line, clear to its end; no newline between
// updates), never wider than the terminal, and cleared at the end, stdout kept clean; on a
// pipe there is none. With -q and with CI=true there is none either: main() is told of an
// interactive stderr in process, as the real process tells it (issue 23: one process per
// command that draws, side by side, and none for those that must not).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { cli, cliWith } from '../helpers/cli.js';
import { run } from '../helpers/spawn.js';

const hasScript = (await run('script', ['--version']).catch(() => ({ code: null }))).code === 0;
const COLUMNS = 60;
const BIN = `"${process.execPath}" bin/a2psim.js`;
const SWEEP = ['sweep', 'scenarios/default.yaml', '--vary', 'account.mps.sms=5,10,20', '--replications', '2', '--workers', '1', '--no-what-if'];
const CHECK = ['check', 'scenarios/default.yaml', 'scenarios/otp-outage.yaml', '--replications', '3', '--workers', '1'];
const RUN = ['run', 'scenarios/retail-day.yaml', '--format', 'json', '--no-what-if'];
const dir = mkdtempSync(join(tmpdir(), 'a2psim-progress-tty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

/**
 * Runs `a2psim ARGS` on a pseudo-terminal COLUMNS wide, stdout to a file; returns what the
 * terminal received (stderr) and the file.
 */
async function onTerminal(args: string[]): Promise<{ terminal: string; stdout: string }> {
  const out = join(dir, `${args[0]}.out`);
  const command = `stty cols ${COLUMNS}; ${BIN} ${args.join(' ')} > '${out}'`;
  const r = await run('script', ['-qfec', command, '/dev/null'], {
    timeout: 120_000,
    env: { ...process.env, CI: '', GITHUB_STEP_SUMMARY: '', NO_COLOR: '1' },
  });
  expect({ args, code: r.code }, r.err).toEqual({ args, code: 0 });
  return { terminal: r.out, stdout: readFileSync(out, 'utf8') };
}

/** The frames of a progress line: each `\r TEXT \x1b[K`, the whole ending in one clear. */
function frames(text: string): string[] {
  expect(text).not.toContain('\n'); // redrawn in place: no newline between updates
  expect(text.startsWith('\r')).toBe(true);
  expect(text.endsWith('\r\x1b[K')).toBe(true); // cleared at the end
  const drawn = text.slice(0, -'\r\x1b[K'.length).split('\r').slice(1);
  for (const f of drawn) {
    expect(f).toMatch(/\x1b\[K$/);
    expect(f.length - '\x1b[K'.length).toBeLessThan(COLUMNS); // never wraps
  }
  return drawn.map((f) => f.slice(0, -'\x1b[K'.length));
}

describe.skipIf(!hasScript)('the progress line on a terminal (script from util-linux)', () => {
  it('run, sweep and check draw it in place, stdout kept clean', { timeout: 180_000 }, async () => {
    const [r, s, c] = await Promise.all([onTerminal(RUN), onTerminal(SWEEP), onTerminal(CHECK)]);
    const run = frames(r.terminal);
    expect(run.length).toBeGreaterThanOrEqual(2);
    expect(run[0]).toMatch(/^\[-+\] +0% {2}00:00:00 \/ /);
    expect(run.at(-1)).toMatch(/100% /);
    // stdout holds the summary alone, the same as where nothing is drawn.
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    expect(r.stdout).toBe((await cli(...RUN)).out);
    const sweep = frames(s.terminal);
    expect(sweep[0]).toMatch(/^\[-+\] {2}0\/6 runs$/);
    expect(sweep.at(-1)).toMatch(/^\[#+\] {2}6\/6 runs {2}\d+(\.\d)?k? runs\/s$/);
    expect(s.stdout).toMatch(/^point,account\.mps\.sms,/);
    expect(s.stdout).not.toContain('\x1b');
    const check = frames(c.terminal);
    expect(check[0]).toMatch(/^\[-+\] {2}0\/6 runs$/);
    expect(check.at(-1)).toMatch(/ 6\/6 runs /);
    expect(check.some((f) => / [1-5]\/6 runs .*ETA \d/.test(f))).toBe(true);
    expect(c.stdout).toMatch(/^scenarios\/default\.yaml — /);
    expect(c.stdout).not.toContain('\x1b');
  });
});

describe('-q and CI=true draw nothing on an interactive stderr (main() in process)', () => {
  // Small runs of the same commands: each draws where neither is given.
  const commands = [
    ['run', 'scenarios/default.yaml', '--format', 'json', '--no-what-if'],
    ['sweep', 'scenarios/default.yaml', '--vary', 'account.mps.sms=5,10', '--workers', '1', '--no-what-if'],
    ['check', 'scenarios/default.yaml', '--replications', '2', '--workers', '1'],
  ];
  const terminal = { stderrIsTTY: true, stderrColumns: COLUMNS };
  it.each(commands)('%s', async (...args) => {
    vi.stubEnv('GITHUB_STEP_SUMMARY', '');
    vi.stubEnv('CI', '');
    const drawn = await cliWith(terminal, ...args);
    expect(drawn.code).toBe(0);
    expect(drawn.err).toMatch(/^\r\[/);
    const quiet = await cliWith(terminal, ...args, '-q');
    expect({ code: quiet.code, err: quiet.err, out: quiet.out }).toEqual({ code: 0, err: '', out: drawn.out });
    vi.stubEnv('CI', 'true');
    const ci = await cliWith(terminal, ...args);
    expect({ code: ci.code, err: ci.err, out: ci.out }).toEqual({ code: 0, err: '', out: drawn.out });
  });
});

describe('no progress line on a pipe', () => {
  it('sweep with stderr on a pipe writes nothing to it', { timeout: 120_000 }, async () => {
    const r = await run(process.execPath, ['bin/a2psim.js', ...SWEEP], { timeout: 120_000, env: { ...process.env, CI: '' }, stdio: ['pipe', 'ignore', 'pipe'] });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
  });
});
