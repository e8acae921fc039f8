// A process for the CLI tests that need one (signals, exit codes and colour on a real stdout,
// pipes, start-up, the bundle), awaited rather than waited for: several independent spawns of
// a test then run side by side (Promise.all) instead of one after the other (issue 23).
import { spawn, type SpawnOptions } from 'node:child_process';

/** What a finished process printed and how it ended. */
export interface Finished {
  /** The exit code, or null when a signal ended it. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
}

/** Options of {@link run}: spawn's, plus text for stdin and a timeout (ms) after which the process is killed. */
export interface RunOptions extends Omit<SpawnOptions, 'stdio'> {
  /** Written to stdin, which is then closed (default: stdin is closed at once). */
  readonly input?: string;
  /** stdin, stdout and stderr as spawn takes them; a pipe where omitted (stdout and stderr are read). */
  readonly stdio?: SpawnOptions['stdio'];
  /** Killed with SIGKILL after this long, ms (default 60,000). */
  readonly timeout?: number;
}

/** Runs `command args...` to its end and returns its exit code, signal, stdout and stderr (UTF-8). */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<Finished> {
  const { input, timeout = 60_000, stdio = 'pipe', ...rest } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...rest, stdio });
    let out = '';
    let err = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdin?.on('error', () => {}); // a process that exits before reading it all
    child.stdin?.end(input);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err });
    });
  });
}

/** Runs the built CLI, `node bin/a2psim.js ARGS...`, with `env` over the process's (GITHUB_STEP_SUMMARY emptied). */
export function a2psim(args: readonly string[], env: NodeJS.ProcessEnv = {}, options: RunOptions = {}): Promise<Finished> {
  return run(process.execPath, ['bin/a2psim.js', ...args], { ...options, env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env } });
}
