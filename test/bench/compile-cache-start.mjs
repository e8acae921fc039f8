// The CLI started through Node's own compile cache instead of the hand-written V8 code cache
// of src/cli/start.ts (issue 20: test/bench/startup.js measures one against the other). It
// does what a start with `module.enableCompileCache` would: turns the cache on in
// $XDG_CACHE_HOME/a2psim-compile-cache (Node 22.1 and later; on Node 20 there is none, and the
// bundle is compiled every time), then loads the CLI bundle of the checkout
// $A2PSIM_BENCH_ROOT (default: this one) with Node's own loader and runs it on the arguments:
//
//   XDG_CACHE_HOME=DIR node test/bench/compile-cache-start.mjs --version
import { mkdirSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { join, resolve } from 'node:path';

const root = process.env.A2PSIM_BENCH_ROOT ?? resolve(import.meta.dirname, '..', '..');
if (typeof nodeModule.enableCompileCache === 'function' && !process.env.NODE_DISABLE_COMPILE_CACHE && process.env.XDG_CACHE_HOME) {
  const dir = join(process.env.XDG_CACHE_HOME, 'a2psim-compile-cache');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  nodeModule.enableCompileCache(dir);
}
const { main } = nodeModule.createRequire(import.meta.url)(join(root, 'dist', 'bundle', 'cli.cjs'));
main(process.argv).then((code) => {
  process.exitCode = code;
});
