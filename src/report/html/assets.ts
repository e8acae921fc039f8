/**
 * The charting library inlined into every report: uPlot's minified browser build and its
 * stylesheet, read from the installed `uplot` package (a runtime dependency), so a report
 * needs no network to open.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface ChartAssets {
  readonly js: string;
  readonly css: string;
}

let cached: ChartAssets | null = null;

/**
 * uPlot's JS and CSS, read once per process.
 * @throws Error when the `uplot` package is not installed
 */
export function chartAssets(): ChartAssets {
  if (cached === null) {
    const require = createRequire(import.meta.url);
    cached = {
      js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    };
  }
  return cached;
}
