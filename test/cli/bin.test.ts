// The real executable: spawn `node bin/a2psim.js` (built by test/global-setup.ts) and read
// its exit codes.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { stdoutColour } from '../../src/cli/main.js';

const FIX = 'test/fixtures/check';
/** Each spawned run takes well under a second idle; this is for a loaded machine. */
const SPAWN_TIMEOUT = 60_000;

function a2psim(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/a2psim.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, GITHUB_STEP_SUMMARY: '' },
    timeout: SPAWN_TIMEOUT - 5_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('node bin/a2psim.js check', () => {
  it('reads FORCE_COLOR as Node and chalk do: 0 and false are off, any other value on; NO_COLOR wins', () => {
    expect([stdoutColour({ FORCE_COLOR: '0' }, true, true), stdoutColour({ FORCE_COLOR: 'false' }, true, true)]).toEqual([false, false]);
    expect([stdoutColour({ FORCE_COLOR: '1' }, false, true), stdoutColour({}, true, true), stdoutColour({}, false, true)]).toEqual([true, true, false]);
    expect(stdoutColour({ FORCE_COLOR: '1' }, true, false)).toBe(false);
  });

  it('exits 0 when thresholds hold', () => {
    const r = a2psim('check', `${FIX}/faq-pass.yaml`);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ failed[420] == 45');
  }, SPAWN_TIMEOUT);

  it('exits 1 when a threshold fails', () => {
    const r = a2psim('check', `${FIX}/faq-fail.yaml`);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ failed[420] == 0');
  }, SPAWN_TIMEOUT);

  it('exits 2 on a bad threshold, with one line on stderr', () => {
    const r = a2psim('check', `${FIX}/bad-threshold.yaml`);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('bad-threshold.yaml:8:5 expect[1]');
  }, SPAWN_TIMEOUT);
});

describe('colour on stdout', () => {
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['bin/a2psim.js', 'check', `${FIX}/faq-pass.yaml`], {
      encoding: 'utf8',
      env: { ...process.env, GITHUB_STEP_SUMMARY: '', NO_COLOR: '', FORCE_COLOR: '', CI: '', ...env },
      timeout: SPAWN_TIMEOUT / 4,
    }).stdout;

  it('none on a pipe (even in CI), green ✓ with FORCE_COLOR, none when NO_COLOR wins', () => {
    expect(run({})).not.toContain('\x1b[');
    expect(run({ CI: 'true' })).not.toContain('\x1b[');
    expect(run({ FORCE_COLOR: '1' })).toContain('\x1b[32m✓\x1b[39m');
    expect(run({ FORCE_COLOR: '1', NO_COLOR: '1' })).not.toContain('\x1b[');
    // FORCE_COLOR=0 means off, as Node and chalk read it (picocolors alone took it as on).
    expect(run({ FORCE_COLOR: '0' })).not.toContain('\x1b[');
  }, 60_000);
});
