// Vitest global setup (vitest.config.ts): compiles src/ to dist/ (and the CLI bundle) once, before any test file
// runs, so that every test spawning `node bin/a2psim.js` runs the code under test and no
// test rebuilds dist/ while another one is running it.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit', timeout: 120_000 });
  // bin/a2psim.js runs the esbuild bundle of the CLI (issue 16: start-up): rebuild it too.
  execFileSync('npm', ['run', '--silent', 'bundle'], { stdio: 'inherit', timeout: 120_000 });
}
