// The real executable: spawn `node bin/a2psim.js` (built by test/global-setup.ts) and read
// its exit codes and its colour on a pipe. The spawns of a test are independent and go side
// by side (issue 23).
import { describe, expect, it } from 'vitest';
import { stdoutColour } from '../../src/cli/main.js';
import { a2psim } from '../helpers/spawn.js';

const FIX = 'test/fixtures/check';
/** Each spawned run takes well under a second idle; this is for a loaded machine. */
const SPAWN_TIMEOUT = 60_000;
/** Runs `a2psim check FILE` on pipes, with no colour asked for or refused unless `env` says. */
const check = (file: string, env: Record<string, string> = {}) =>
  a2psim(['check', `${FIX}/${file}`], { NO_COLOR: '', FORCE_COLOR: '', CI: '', ...env }, { timeout: SPAWN_TIMEOUT - 5_000 });

describe('node bin/a2psim.js check', () => {
  it('reads FORCE_COLOR as Node and chalk do: 0 and false are off, any other value on; NO_COLOR wins', () => {
    expect([stdoutColour({ FORCE_COLOR: '0' }, true, true), stdoutColour({ FORCE_COLOR: 'false' }, true, true)]).toEqual([false, false]);
    expect([stdoutColour({ FORCE_COLOR: '1' }, false, true), stdoutColour({}, true, true), stdoutColour({}, false, true)]).toEqual([true, true, false]);
    expect(stdoutColour({ FORCE_COLOR: '1' }, true, false)).toBe(false);
  });

  it('exits 0 when thresholds hold (no colour on a pipe), 1 when one fails, 2 on a bad threshold (with one line on stderr)', async () => {
    const [pass, fail, bad] = await Promise.all([check('faq-pass.yaml'), check('faq-fail.yaml'), check('bad-threshold.yaml')]);
    expect(pass.code).toBe(0);
    expect(pass.out).toContain('✓ failed[420] == 45');
    expect(pass.out).not.toContain('\x1b['); // none on a pipe
    expect(fail.code).toBe(1);
    expect(fail.out).toContain('✗ failed[420] == 0');
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toContain('bad-threshold.yaml:8:5 expect[1]');
  }, SPAWN_TIMEOUT);
});

describe('colour on stdout', () => {
  const run = async (env: Record<string, string>) => (await check('faq-pass.yaml', env)).out;

  it('none on a pipe even in CI (and none with no variable: above), green ✓ with FORCE_COLOR, none when NO_COLOR wins', async () => {
    const [ci, forced, noColour, forcedOff] = await Promise.all([
      run({ CI: 'true' }),
      run({ FORCE_COLOR: '1' }),
      run({ FORCE_COLOR: '1', NO_COLOR: '1' }),
      // FORCE_COLOR=0 means off, as Node and chalk read it (picocolors alone took it as on).
      run({ FORCE_COLOR: '0' }),
    ]);
    expect(ci).toContain('✓');
    expect(ci).not.toContain('\x1b[');
    expect(forced).toContain('\x1b[32m✓\x1b[39m');
    expect(noColour).not.toContain('\x1b[');
    expect(forcedOff).not.toContain('\x1b[');
  }, 60_000);
});
