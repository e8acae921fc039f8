// Runs the built CLI as another user (util-linux `setpriv`), for the tests that need a user
// who is not root: a folder without write permission, a user with no home folder.
//
// The checkout may be unreadable to that user: a clone in a private 0700 folder (`mktemp -d`,
// or anywhere under a container's /root) is. So the CLI is copied into a world-readable
// temporary folder first — what it loads at run time and nothing more: bin/, dist/bundle/,
// package.json, scenarios/ and the two packages the bundle requires (tinypool, uplot).
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, type Finished } from './spawn.js';

/** What the copied CLI needs, relative to the checkout. */
const RUNTIME = ['bin', 'dist/bundle', 'package.json', 'scenarios', 'node_modules/tinypool', 'node_modules/uplot'];

let copy: string | undefined;

/** A world-readable copy of the built CLI (made once per test file), removed at exit. */
export function worldReadableCli(): string {
  if (copy !== undefined) return copy;
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-cli-copy-'));
  for (const part of RUNTIME) cpSync(part, join(dir, part), { recursive: true, dereference: true });
  openUp(dir);
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  copy = dir;
  return dir;
}

/** Gives everyone read (and, on folders, search) permission below `path`. */
function openUp(path: string): void {
  const st = statSync(path);
  chmodSync(path, st.isDirectory() ? 0o755 : (st.mode & 0o111) !== 0 ? 0o755 : 0o644);
  if (st.isDirectory()) for (const name of readdirSync(path)) openUp(join(path, name));
}

/** Why {@link runAsUser} cannot run here, or null when it can. */
export function otherUserUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root to switch users (setpriv)';
  if (!['/usr/bin/setpriv', '/bin/setpriv'].some((p) => existsSync(p))) return 'needs setpriv (util-linux)';
  return null;
}

/**
 * Runs `a2psim ARGS...` from the world-readable copy as user and group `uid`, with no
 * supplementary groups, in that copy's folder (so `scenarios/…` resolve there).
 * The caller checks {@link otherUserUnavailable} first.
 */
export function runAsUser(uid: number, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Finished> {
  const cwd = worldReadableCli();
  const argv = [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', process.execPath, join(cwd, 'bin', 'a2psim.js'), ...args];
  return run('setpriv', argv, { cwd, env, timeout: 60_000 });
}
