/**
 * Reads the playground's built browser code (`npm run build` bundles it, with the other
 * pages' scripts, into dist/web: see src/api/web-bundle.ts) and uPlot's stylesheet.
 */
import { chartAssets, webBundle, webBundleDir } from '../report/html/assets.js';
import type { PlaygroundAssets } from './playground-page.js';

/**
 * The page and worker bundles in `dir` (default: the package's dist/web) and uPlot's CSS.
 * @throws Error naming the missing file and `npm run build` when the bundles are absent
 */
export function playgroundAssets(dir: string = webBundleDir()): PlaygroundAssets {
  return { pageJs: webBundle('playground.js', dir), workerJs: webBundle('playground-worker.js', dir), chartCss: chartAssets().css };
}
