/**
 * `node:path` in the playground bundle: the POSIX functions the scenario loader and the
 * replay reader import, on "/"-separated names (the page's file name has no directory).
 */
export function basename(p: string, ext?: string): string {
  const base = p.replace(/\/+$/, '').split('/').pop() ?? '';
  return ext !== undefined && ext !== '' && base.endsWith(ext) && base !== ext ? base.slice(0, -ext.length) : base;
}

export function extname(p: string): string {
  const base = basename(p);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot);
}

export function dirname(p: string): string {
  const i = p.replace(/\/+$/, '').lastIndexOf('/');
  return i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i);
}

export const isAbsolute = (p: string): boolean => p.startsWith('/');

export const join = (...parts: string[]): string => parts.filter((s) => s !== '').join('/').replace(/\/{2,}/g, '/');
