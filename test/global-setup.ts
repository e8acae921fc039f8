// Vitest global setup (vitest.config.ts): compiles src/ to dist/ (and the CLI bundle) once, before any test file
// runs, so that every test spawning `node bin/a2psim.js` runs the code under test and no
// test rebuilds dist/ while another one is running it. The build is skipped when dist/ is
// newer than every source (as make decides): `npm ci` has just built it, and the ~5 s of a
// rebuild are serial time at the start of every run (issue 23). The CLI's compile cache (issue
// 20) goes to a folder of this run (XDG_CACHE_HOME, inherited by the test workers and the
// CLIs they spawn), not the user's ~/.cache/a2psim, and is removed at the end.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the build reads: a change to any of them makes dist/ stale. */
const SOURCES = ['src', 'scripts', 'tsconfig.json', 'package.json', 'package-lock.json'];
/** What the build writes last (`npm run bundle` after tsc). */
const BUILT = 'dist/bundle/main.js';

/** The newest modification time (ms) of `path` and everything below it. */
function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
  return t;
}

/** True when dist/ was built after the last change to any source. */
export function upToDate(): boolean {
  if (!existsSync(BUILT) || !existsSync('dist/bundle/cli.cjs')) return false;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.every((p) => !existsSync(p) || newest(p) < built);
}

export default function setup(): () => void {
  if (!upToDate()) {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit', timeout: 120_000 });
    // bin/a2psim.js runs the esbuild bundle of the CLI (issue 16: start-up): rebuild it too.
    execFileSync('npm', ['run', '--silent', 'bundle'], { stdio: 'inherit', timeout: 120_000 });
  }
  const cache = mkdtempSync(join(tmpdir(), 'a2psim-test-cache-'));
  process.env.XDG_CACHE_HOME = cache;
  return () => rmSync(cache, { recursive: true, force: true });
}
