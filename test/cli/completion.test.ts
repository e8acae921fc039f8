// `a2psim completion bash|zsh|fish` (issue 25): scripts generated from the commander
// program, so every command and option the CLI has is in them.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { cli } from '../helpers/cli.js';

const SPAWN_TIMEOUT = 60_000;
const program = buildProgram({ stdout: () => undefined, stderr: () => undefined }, () => undefined);
const commands = program.commands.map((c) => c.name());

/** True when `shell` can be run here. */
function has(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0'], { timeout: SPAWN_TIMEOUT - 5_000 }).status === 0;
}

/** Runs `script` in `shell` with `args`; status and output. */
function run(shell: string, args: string[], input?: string) {
  const r = spawnSync(shell, args, { input, encoding: 'utf8', timeout: SPAWN_TIMEOUT - 5_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('a2psim completion', () => {
  it.each(['bash', 'zsh', 'fish'])('%s: names every command and every long option of each', async (shell) => {
    const r = await cli('completion', shell);
    expect(r.code).toBe(0);
    expect(commands).toEqual(expect.arrayContaining(['run', 'validate', 'check', 'solve', 'sweep', 'merge', 'rules', 'completion']));
    for (const c of program.commands) {
      expect(r.out, c.name()).toMatch(new RegExp(`\\b${c.name()}\\b`));
      for (const o of c.options) if (o.long !== undefined) expect(r.out, `${c.name()} ${o.long}`).toContain(shell === 'fish' ? `-l ${o.long.slice(2)}` : o.long);
    }
  });

  it('refuses another shell with exit 2', async () => {
    const r = await cli('completion', 'ksh');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe('a2psim: <shell>: expected one of bash, zsh, fish, got "ksh"\n');
  });

  it('bash -n accepts the bash script, and it completes commands, options, choices and files', async () => {
    const script = (await cli('completion', 'bash')).out;
    expect(run('bash', ['-n'], script)).toMatchObject({ code: 0, err: '' });
    // COMP_WORDS as bash fills them for `a2psim ru<TAB>`, `a2psim run --for<TAB>`, `a2psim run --format <TAB>`, `a2psim completion <TAB>`.
    const complete = (...words: string[]) =>
      run('bash', ['-c', `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _a2psim; printf '%s\\n' "\${COMPREPLY[@]}"`]).out.trim().split('\n');
    expect(complete('a2psim', 'ru')).toEqual(['run', 'rules']);
    expect(complete('a2psim', 'run', '--for')).toEqual(['--format']);
    expect(complete('a2psim', 'run', '--format', '')).toEqual(['table', 'json', 'csv']);
    expect(complete('a2psim', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('a2psim', 'validate', 'scenarios/defau')).toEqual(['scenarios/default.yaml']);
  }, SPAWN_TIMEOUT);

  it.skipIf(!has('zsh'))('zsh -n accepts the zsh script (skipped: zsh is not installed)', async () => {
    expect(run('zsh', ['-n'], (await cli('completion', 'zsh')).out)).toMatchObject({ code: 0, err: '' });
  }, SPAWN_TIMEOUT);

  it.skipIf(!has('fish'))('fish --no-execute accepts the fish script (skipped: fish is not installed)', async () => {
    expect(run('fish', ['--no-execute'], (await cli('completion', 'fish')).out)).toMatchObject({ code: 0, err: '' });
  }, SPAWN_TIMEOUT);
});
