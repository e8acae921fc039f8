/**
 * `node:fs` in the playground bundle: the page has no files. The loader's and replay's
 * file functions exist (so the same modules bundle) and fail with a plain reason; the
 * worker refuses replay traffic before any of them is called.
 */
function noFiles(): never {
  throw new Error('the playground cannot read files');
}

export const readFileSync = noFiles;
export const openSync = noFiles;
export const readSync = noFiles;
export const closeSync = noFiles;
export const statSync = noFiles;
