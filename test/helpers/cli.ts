import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io/cli-io.js';

/** What one in-process `a2psim` call printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Runs `a2psim ARGS...` through the CLI's main() in this process, capturing stdout and stderr. */
export async function cli(...args: string[]): Promise<CliResult> {
  return cliWith({}, ...args);
}

/**
 * {@link cli} with what main() is told of the terminal (`io`: an interactive stderr, its
 * columns, colour), as the real process tells it from its own streams.
 */
export async function cliWith(io: Omit<Partial<CliIo>, 'stdout' | 'stderr'>, ...args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await main(['node', 'a2psim', ...args], { ...io, stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}
