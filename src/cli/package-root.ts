/**
 * The package's root folder, as a URL. This module sits two folders below it wherever it
 * runs — src/cli (tests), dist/cli (tsc) and dist/bundle/cli.cjs (the bundle) — so a path
 * from here holds in all three, whatever folder of cli/ the caller is in.
 */
export const PACKAGE_ROOT: URL = new URL('../../', import.meta.url);
