/**
 * Command-line file arguments: literal paths, directories (their `*.yaml`/`*.yml` files,
 * recursively) and glob patterns (`'scenarios/**\/*.yaml'`), expanded here because Node 20
 * has no `fs.globSync` and CI configs often pass patterns quoted.
 */
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { UsageError } from './errors.js';

/** True when `path` exists and is a directory. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Expands arguments into scenario files, in argument order, each pattern's matches sorted,
 * duplicates removed. A path that does not exist and is not a pattern is kept as is (the
 * loader reports it as unreadable).
 * @throws UsageError when a pattern or directory matches no file.
 */
export function expandFiles(args: readonly string[]): string[] {
  const out: string[] = [];
  const add = (f: string): void => {
    if (!out.includes(f)) out.push(f);
  };
  for (const arg of args) {
    if (isFile(arg)) {
      add(arg);
      continue;
    }
    const dir = isDirectory(arg);
    if (!dir && !isDynamicPattern(arg)) {
      add(arg);
      continue;
    }
    const pattern = dir ? join(arg, '**/*.{yaml,yml}') : arg;
    const matches = globSync(pattern, { onlyFiles: true, absolute: isAbsolute(arg), expandDirectories: false }).sort();
    if (matches.length === 0) {
      throw new UsageError(`${arg}: expected ${dir ? 'a directory with .yaml files' : 'a pattern matching scenario files'}, got no match`);
    }
    matches.forEach(add);
  }
  return out;
}

// Output checks live in output-paths.ts (no glob library, so a plain run need not load it).
export { checkOutputs, fileIdentity, type NamedFile } from './output-paths.js';
