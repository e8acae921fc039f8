/**
 * The entry of the CLI bundle, dist/bundle/cli.cjs (scripts/bundle.mjs): the CLI's `main`,
 * and the library (`import ... from 'a2psim'`, dist/bundle/index.js) loaded from the same
 * file on demand, so that the package carries one copy of the code, not two.
 */
export * from '../cli/main.js';

/** The library's exports (see `index.ts`), evaluated at the first call. */
export const library = (): Promise<typeof import('./index.js')> => import('./index.js');
