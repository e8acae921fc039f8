// The progress line on a real terminal (issue 25): `script` (util-linux) gives the CLI a
// pseudo-terminal 60 columns wide. run, sweep and check each draw the line on stderr,
// redrawn in place (carriage return, the line, clear to its end; no newline between
// updates), never wider than the terminal, and cleared at the end; with -q, with CI=true
// and on a pipe there is none. Two spawns of `script` and one of the CLI, small scenarios.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const COLUMNS = 60;
const BIN = 'node bin/a2psim.js';
const SWEEP = `${BIN} sweep scenarios/default.yaml --vary account.mps.sms=5,10,20 --replications 2 --workers 1 --no-what-if`;
const CHECK = `${BIN} check scenarios/default.yaml scenarios/otp-outage.yaml --replications 3 --workers 1`;
const RUN = `${BIN} run scenarios/retail-day.yaml --format json --no-what-if`;

/**
 * Runs each shell command on a pseudo-terminal (stdout thrown away, so what shows is
 * stderr) and returns what the terminal received between the markers, by command.
 */
function onTerminal(commands: Record<string, string[]>, env: Record<string, string> = {}): Record<string, string> {
  const script = [`stty cols ${COLUMNS}`, ...Object.entries(commands).flatMap(([k, cs]) => [`echo @@${k}`, ...cs.map((c) => `${c} > /dev/null`)]), 'echo @@end'].join('; ');
  const r = spawnSync('script', ['-qfec', script, '/dev/null'], {
    encoding: 'utf8',
    input: '',
    timeout: 240_000,
    env: { ...process.env, CI: '', GITHUB_STEP_SUMMARY: '', NO_COLOR: '1', ...env },
  });
  expect(r.status).toBe(0);
  const parts: Record<string, string> = {};
  const names = [...Object.keys(commands), 'end'];
  for (let i = 0; i < names.length - 1; i++) {
    const from = r.stdout.indexOf(`@@${names[i]}\r\n`);
    const to = r.stdout.indexOf(`@@${names[i + 1]}\r\n`);
    expect({ name: names[i], found: from >= 0 && to > from }).toEqual({ name: names[i], found: true });
    parts[names[i]] = r.stdout.slice(from + `@@${names[i]}\r\n`.length, to);
  }
  return parts;
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
  it('run, sweep and check draw it in place; -q and CI=true draw nothing', { timeout: 300_000 }, () => {
    const all = [SWEEP, CHECK, RUN];
    const t = onTerminal({ run: [RUN], sweep: [SWEEP], check: [CHECK], quiet: all.map((c) => `${c} -q`), ci: all.map((c) => `CI=true ${c}`) });
    const run = frames(t.run);
    expect(run.length).toBeGreaterThanOrEqual(2);
    expect(run[0]).toMatch(/^\[-+\] +0% {2}00:00:00 \/ /);
    expect(run.at(-1)).toMatch(/100% /);
    const sweep = frames(t.sweep);
    expect(sweep[0]).toMatch(/^\[-+\] {2}0\/6 runs$/);
    expect(sweep.at(-1)).toMatch(/^\[#+\] {2}6\/6 runs {2}\d+(\.\d)?k? runs\/s$/);
    const check = frames(t.check);
    expect(check[0]).toMatch(/^\[-+\] {2}0\/6 runs$/);
    expect(check.at(-1)).toMatch(/ 6\/6 runs /);
    expect(check.some((f) => / [1-5]\/6 runs .*ETA \d/.test(f))).toBe(true);
    expect({ quiet: t.quiet, ci: t.ci }).toEqual({ quiet: '', ci: '' });
  });
});

describe('no progress line on a pipe', () => {
  it('sweep with stderr on a pipe writes nothing to it', { timeout: 120_000 }, () => {
    const r = spawnSync('sh', ['-c', `${SWEEP} > /dev/null`], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, CI: '' } });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
