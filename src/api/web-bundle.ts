/**
 * Builds every page's browser code with esbuild (`npm run bundle` runs this first): the
 * report's charts, the sweep report's charts, and the playground's page script and worker,
 * each one minified IIFE bundle of the TypeScript in a `web/` folder (type-checked by
 * tsconfig.web.json). The pages inline them: the report and sweep page through
 * `chartAssets()`, the playground through `playgroundAssets()`, both reading
 * {@link WEB_BUNDLES}' files. `node:fs` and `node:path` are replaced by the browser shims
 * in `src/playground/web/shims` (the playground's worker runs the CLI's loader) and the csv
 * packages swapped for their browser builds.
 * Usage: `node dist/api/web-bundle.js [OUTDIR]` (default dist/web).
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHIMS = resolve(ROOT, 'src/playground/web/shims');
const SHIMMED: Record<string, string> = { 'node:fs': 'fs.ts', 'node:path': 'path.ts' };
/** The csv packages' own browser builds (their Node builds use `Buffer`). */
const BROWSER_BUILDS = { 'csv-stringify/sync': 'csv-stringify/browser/esm/sync', 'csv-parse/sync': 'csv-parse/browser/esm/sync' };

/** Each bundle's file name in the output directory, and its entry module. */
export const WEB_BUNDLES = {
  'report.js': 'src/report/html/web/report-client.ts',
  'sweep.js': 'src/check/web/sweep-client.ts',
  'playground.js': 'src/playground/web/playground-client.ts',
  'playground-worker.js': 'src/playground/web/worker.ts',
} as const;

/** Resolves the Node built-ins the shared modules import to the browser shims. */
const shims: Plugin = {
  name: 'a2psim-browser-shims',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => {
      const shim = SHIMMED[args.path];
      if (shim === undefined) return { errors: [{ text: `${args.path} has no browser shim (imported by ${args.importer})` }] };
      return { path: resolve(SHIMS, shim) };
    });
  },
};

/**
 * Bundles every entry of {@link WEB_BUNDLES} into `outDir`.
 * @throws Error with esbuild's messages when a bundle fails
 */
export async function bundleWeb(outDir: string): Promise<void> {
  const options: BuildOptions = {
    entryPoints: Object.entries(WEB_BUNDLES).map(([out, entry]) => ({ in: resolve(ROOT, entry), out: out.replace(/\.js$/, '') })),
    outdir: outDir,
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
  await build(options);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundleWeb(resolve(process.argv[2] ?? resolve(ROOT, 'dist/web')));
}
