/**
 * The start of the bundled CLI (`dist/bundle/main.js`, run by bin/a2psim.js): loads the
 * CLI bundle `dist/bundle/cli.cjs` through the V8 code cache (see `code-cache.ts`) and
 * runs it. The cache lives in the user's cache folder (`~/.cache/a2psim` on Linux, as
 * env-paths puts it per platform); NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does
 * Node 22's own compile cache. Only meaningful inside dist/bundle (it loads its sibling).
 */
import { fileURLToPath } from 'node:url';
import { loadCached } from './code-cache.js';
import type * as Cli from '../main.js';

/**
 * The user's cache folder for compiled code, or null when turned off or unknown (env-paths
 * reads the home folder when it loads, and a user without one makes it throw: then the CLI
 * runs without the cache).
 */
export async function codeCacheDir(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  if (env.NODE_DISABLE_COMPILE_CACHE) return null;
  try {
    const { default: envPaths } = await import('env-paths');
    return envPaths('a2psim', { suffix: '' }).cache;
  } catch {
    return null;
  }
}

/**
 * The cache tag of a command line: its command word, the names of its options and the
 * `--format` value, so that `run` printing a table and `run --format json --messages FILE`
 * (which run other code) keep separate entries, each holding what its runs compile.
 */
export function commandTag(argv: readonly string[]): string {
  const args = argv.slice(2);
  const word = args[0] !== undefined && /^[a-z]+$/.test(args[0]) ? args[0] : 'other';
  const options = new Set<string>();
  args.forEach((a, i) => {
    if (!/^--?[a-zA-Z]/.test(a)) return;
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    options.add(name === '--format' ? `--format=${eq < 0 ? (args[i + 1] ?? '') : a.slice(eq + 1)}` : name);
  });
  return [word, ...[...options].sort()].join(' ');
}

/** Runs the CLI on `argv` (as process.argv) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const cli = loadCached<typeof Cli>(fileURLToPath(new URL('./cli.cjs', import.meta.url)), await codeCacheDir(), commandTag(argv));
  const code = await cli.exports.main(argv);
  cli.save();
  return code;
}
