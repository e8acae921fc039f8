/**
 * What the report and sweep pages inline so that they need no network to open: uPlot's
 * minified browser build and its stylesheet, read from the installed `uplot` package (a
 * runtime dependency), and the pages' own chart scripts, bundled by `npm run build` from
 * `web/` (see src/api/web-bundle.ts) into the package's dist/web.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ChartAssets {
  /** uPlot. */
  readonly js: string;
  /** uPlot's stylesheet. */
  readonly css: string;
  /** The report's charts (web/report-client.ts). */
  readonly reportJs: string;
  /** The sweep report's charts (src/check/web/sweep-client.ts). */
  readonly sweepJs: string;
}

let cached: ChartAssets | null = null;

/**
 * Where `npm run build` puts the browser bundles: dist/web of this package, whose
 * package.json is found by the package's own name (the same from src/ and from the bundle).
 */
export function webBundleDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('a2psim/package.json')), 'dist/web');
}

/**
 * The text of the browser bundle `name` (e.g. `report.js`) in `dir` (default {@link webBundleDir}).
 * @throws Error naming the missing file and `npm run build` when the bundle is absent
 */
export function webBundle(name: string, dir: string = webBundleDir()): string {
  const path = join(dir, name);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`the browser bundle ${path} is missing (run npm run build): ${(e as Error).message}`);
  }
}

/**
 * uPlot's JS and CSS and the chart scripts, read once per process.
 * @throws Error when the `uplot` package is not installed or a bundle is missing
 */
export function chartAssets(): ChartAssets {
  if (cached === null) {
    const require = createRequire(import.meta.url);
    cached = {
      js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
      reportJs: webBundle('report.js'),
      sweepJs: webBundle('sweep.js'),
    };
  }
  return cached;
}
