// Bundles the CLI with esbuild (`npm run bundle`) into dist/bundle (issue 16: start-up):
// cli.cjs, the whole CLI as one CommonJS file whose commands are evaluated only when they
// run, and main.js, which loads cli.cjs through a V8 code cache (src/cli/code-cache.ts: Node
// 20 caches no compiled ES module, and a script's cache must be one CommonJS file). Kept as
// a script, not a CLI one-liner, for the plugin below.
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const zodLocales = join(dirname(createRequire(import.meta.url).resolve('zod/v4/locales')), 'index.js');

/**
 * zod's `z` namespace re-exports all of its ~60 locales (`z.locales`), so a bundle keeps them
 * and every run parses them; a2psim never calls `z.config(z.locales.xx())` and zod registers
 * English by importing `locales/en.js` directly. This swaps `locales/index.js` for English only,
 * so the messages are unchanged.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      join(args.resolveDir, args.path) === zodLocales ? { path: 'zod-locales', namespace: 'zod-english-only' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(zodLocales),
      loader: 'js',
    }));
  },
};

/**
 * tinypool stays outside the CLI bundle (it starts its worker from its own folder). It is an
 * ES module: the CommonJS bundle requires it (Node 20.19+ can `require` an ES module) and
 * takes its default export, the pool class, as `import Tinypool from 'tinypool'` means.
 */
const tinypoolDefault = {
  name: 'tinypool-default',
  setup(b) {
    b.onResolve({ filter: /^tinypool$/ }, (args) =>
      args.namespace === 'tinypool-default' ? { path: 'tinypool', external: true } : { path: 'tinypool', namespace: 'tinypool-default' });
    b.onLoad({ filter: /.*/, namespace: 'tinypool-default' }, () => ({ contents: "module.exports = require('tinypool').default;", loader: 'js' }));
  },
};

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  plugins: [zodEnglishOnly],
  banner: { js: "import{createRequire as __a2psimCreateRequire}from'node:module';const require=__a2psimCreateRequire(import.meta.url);" },
};

rmSync('dist/bundle', { recursive: true, force: true });
// The CLI as one CommonJS file (a command's modules are evaluated when it runs). import.meta.url
// becomes the file's own URL: its paths (package.json, the worker, the assets) are relative
// to dist/bundle as before.
await build({
  ...common,
  format: 'cjs',
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/bundle/cli.cjs',
  plugins: [zodEnglishOnly, tinypoolDefault],
  define: { 'import.meta.url': '__a2psimUrl' },
  // No comments or layout, and ASCII only (esbuild escapes the rest; the report's String.raw
  // client scripts write '\u2013'): V8 then keeps the 1.3 MB source as a one-byte string, and
  // reading, hashing and loading it through the code cache takes a third less (issue 16).
  minifyWhitespace: true,
  legalComments: 'none',
  // "use strict" first: the sources are ES modules (strict), and a banner before esbuild's own
  // directive would leave the bundle in sloppy mode.
  banner: { js: "'use strict';const __a2psimUrl=require('node:url').pathToFileURL(__filename).href;" },
});
// Its start (bin/a2psim.js imports it): loads cli.cjs through the code cache.
await build({ ...common, entryPoints: ['src/cli/start.ts'], outfile: 'dist/bundle/main.js' });
// The worker-pool thread (issue 13): the engine, the summary and the replay reader only.
await build({ ...common, entryPoints: ['src/cli/sim-worker.ts'], outfile: 'dist/bundle/sim-worker.js' });
// The message-CSV writer thread (issue 16): prints and writes the rows of a large run.
await build({ ...common, entryPoints: ['src/cli/csv-worker.ts'], outfile: 'dist/bundle/csv-worker.js' });
