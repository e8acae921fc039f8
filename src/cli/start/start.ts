/**
 * The start of the bundled CLI (`dist/bundle/main.js`, run by bin/a2psim.js): turns on
 * Node's compile cache (`module.enableCompileCache`, Node 22.1 and later; Node 20 has none
 * and then compiles the bundle at every start), then loads the CLI bundle
 * `dist/bundle/cli.cjs` with Node's own loader and runs it. The cache lives in the user's
 * cache folder (`~/.cache/a2psim` on Linux, as env-paths puts it per platform);
 * NODE_DISABLE_COMPILE_CACHE=1 turns it off (Node's own switch for its cache). The cache can
 * only make a start faster: Node checks each entry against its source, and a folder it
 * cannot create, read or write leaves the cache off without a word. Node applies it to the
 * whole process, the worker threads included. Only meaningful inside dist/bundle (it loads
 * its sibling).
 */
import { mkdirSync } from 'node:fs';
import * as nodeModule from 'node:module';
import type * as Cli from '../main.js';

/** `module.enableCompileCache` of Node 22.1 and later (not in Node 20's types). */
type EnableCompileCache = (dir: string) => { status: number; message?: string; directory?: string };

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
 * Turns on Node's compile cache in the user's cache folder when this Node has one and it is
 * not turned off; returns the folder, or null when the cache stays off. Never throws: a
 * folder that cannot be made or written leaves the cache off (Node says so in the status it
 * returns, which a start has no use for).
 */
export async function enableCodeCache(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const enable = (nodeModule as unknown as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
  if (typeof enable !== 'function') return null;
  const dir = await codeCacheDir(env);
  if (dir === null) return null;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 }); // compiled code: the user's alone
  } catch {
    // read-only, or not a folder: Node then fails to enable the cache, quietly
  }
  try {
    return enable(dir).directory ?? null;
  } catch {
    return null;
  }
}

/** Turns on the compile cache ({@link enableCodeCache}), then loads the CLI bundle. */
export async function startCli(): Promise<typeof Cli> {
  await enableCodeCache();
  return nodeModule.createRequire(import.meta.url)('./cli.cjs') as typeof Cli;
}

/** Runs the CLI on `argv` (as process.argv) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  return (await startCli()).main(argv);
}
