/**
 * Builds the playground's browser code with esbuild (`npm run build` runs this after tsc):
 * the page script and the worker, each one minified IIFE bundle of the TypeScript under
 * `src/playground/web`, with `node:fs` and `node:path` replaced by the browser shims in
 * `web/shims` and the csv packages swapped for their browser builds. Usage: `node dist/playground/bundle.js [OUTDIR]` (default dist/playground/web).
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB = resolve(ROOT, 'src/playground/web');
const SHIMMED: Record<string, string> = { 'node:fs': 'fs.ts', 'node:path': 'path.ts' };
/** The csv packages' own browser builds (their Node builds use `Buffer`). */
const BROWSER_BUILDS = { 'csv-stringify/sync': 'csv-stringify/browser/esm/sync', 'csv-parse/sync': 'csv-parse/browser/esm/sync' };

/** Resolves the Node built-ins the shared modules import to the browser shims. */
const shims: Plugin = {
  name: 'a2psim-browser-shims',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => {
      const shim = SHIMMED[args.path];
      if (shim === undefined) return { errors: [{ text: `${args.path} has no browser shim (imported by ${args.importer})` }] };
      return { path: resolve(WEB, 'shims', shim) };
    });
  },
};

/** The bundle file names in the output directory. */
export const BUNDLES = { page: 'page.js', worker: 'worker.js' } as const;

/**
 * Bundles the page and the worker into `outDir`.
 * @throws Error with esbuild's messages when a bundle fails
 */
export async function bundlePlayground(outDir: string): Promise<void> {
  const common: BuildOptions = {
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [shims],
    alias: BROWSER_BUILDS,
    define: { 'process.env.NODE_ENV': '"production"' },
  };
  await Promise.all([
    build({ ...common, entryPoints: [resolve(WEB, 'main.ts')], outfile: resolve(outDir, BUNDLES.page) }),
    build({ ...common, entryPoints: [resolve(WEB, 'worker.ts')], outfile: resolve(outDir, BUNDLES.worker) }),
  ]);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundlePlayground(resolve(process.argv[2] ?? resolve(ROOT, 'dist/playground/web')));
}
