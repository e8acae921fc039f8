// Bundles the CLI with esbuild (`npm run bundle`): one file per command under dist/bundle,
// loaded when the command runs (issue 16: start-up). Kept as a script, not a CLI one-liner,
// for the plugin below.
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
// The CLI: a chunk per command, loaded when it runs.
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  splitting: true,
  outdir: 'dist/bundle',
  chunkNames: '[name]-[hash]',
  external: ['tinypool'],
});
// The worker-pool thread (issue 13): the engine, the summary and the replay reader only.
await build({ ...common, entryPoints: ['src/cli/sim-worker.ts'], outfile: 'dist/bundle/sim-worker.js' });
// The message-CSV writer thread (issue 16): prints and writes the rows of a large run.
await build({ ...common, entryPoints: ['src/cli/csv-worker.ts'], outfile: 'dist/bundle/csv-worker.js' });
