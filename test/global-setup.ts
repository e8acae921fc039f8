// Vitest global setup (vitest.config.ts): compiles src/ to dist/ (and the CLI bundle) once, before any test file
// runs, so that every test spawning `node bin/a2psim.js` runs the code under test and no
// test rebuilds dist/ while another one is running it. The CLI's code cache (issue 16) goes to
// a folder of this run (XDG_CACHE_HOME, inherited by the test workers and the CLIs they
// spawn), not the user's ~/.cache/a2psim, and is removed at the end.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit', timeout: 120_000 });
  // bin/a2psim.js runs the esbuild bundle of the CLI (issue 16: start-up): rebuild it too.
  execFileSync('npm', ['run', '--silent', 'bundle'], { stdio: 'inherit', timeout: 120_000 });
  const cache = mkdtempSync(join(tmpdir(), 'a2psim-test-cache-'));
  process.env.XDG_CACHE_HOME = cache;
  return () => rmSync(cache, { recursive: true, force: true });
}
