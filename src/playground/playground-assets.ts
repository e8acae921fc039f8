/**
 * Reads the playground's built browser code (`npm run build` bundles it into
 * dist/playground/web) and uPlot's stylesheet.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chartAssets } from '../report/html/assets.js';
import type { PlaygroundAssets } from './playground-page.js';

/** Where `npm run build` puts the bundles; the same from src/playground and dist/playground (both two levels below the package). */
export const BUNDLE_DIR = fileURLToPath(new URL('../../dist/playground/web/', import.meta.url));

/**
 * The page and worker bundles in `dir` (default {@link BUNDLE_DIR}) and uPlot's CSS.
 * @throws Error naming the missing file and `npm run build` when the bundles are absent
 */
export function playgroundAssets(dir: string = BUNDLE_DIR): PlaygroundAssets {
  const read = (name: string): string => {
    try {
      return readFileSync(`${dir}/${name}`, 'utf8');
    } catch (e) {
      throw new Error(`the playground bundle ${dir}/${name} is missing (run npm run build): ${(e as Error).message}`);
    }
  };
  return { pageJs: read('page.js'), workerJs: read('worker.js'), chartCss: chartAssets().css };
}
