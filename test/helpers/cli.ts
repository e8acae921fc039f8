import { main } from '../../src/cli/main.js';

/** What one in-process `a2psim` call printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `a2psim ARGS...` through the CLI's main() in this process, capturing stdout and stderr. */
export async function cli(...args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await main(['node', 'a2psim', ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}
