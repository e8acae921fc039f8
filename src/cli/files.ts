/**
 * Command-line file arguments: literal paths, directories (their `*.yaml`/`*.yml` files,
 * recursively) and glob patterns (`'scenarios/**\/*.yaml'`), expanded here because Node 20
 * has no `fs.globSync` and CI configs often pass patterns quoted.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
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

/**
 * What a path is on disk, to tell whether two paths name the same file: `dev:ino` of an
 * existing file (so symlinks and hard links match), else the real path of its nearest
 * existing folder joined with the rest (a file that does not exist yet).
 */
export function fileIdentity(path: string): string {
  try {
    const st = statSync(path);
    return `inode:${st.dev}:${st.ino}`;
  } catch {
    // Not there (yet): resolve the folders that exist.
  }
  let folder = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      return `path:${join(realpathSync(folder), ...rest)}`;
    } catch {
      const parent = dirname(folder);
      if (parent === folder) return `path:${resolve(path)}`;
      rest.unshift(basename(folder));
      folder = parent;
    }
  }
}

/** A file a command reads or writes, named for messages (`--messages`, `the scenario`). */
export interface NamedFile {
  readonly path: string;
  /** `--messages`, `--report`, ... for outputs; `the scenario file`, ... for inputs. */
  readonly role: string;
}

/**
 * Refuses outputs that would overwrite an input or another output of the same command.
 * `/dev/null` may be named more than once.
 * @throws UsageError `--messages: expected a file that is not an input, got s.yaml (the scenario file)`
 */
export function checkOutputs(inputs: readonly NamedFile[], outputs: readonly NamedFile[]): void {
  const inputIds = inputs.map((f) => fileIdentity(f.path));
  const seen = new Map<string, NamedFile>();
  for (const out of outputs) {
    if (out.path === '') throw new UsageError(`${out.role}: expected a file name, got ""`);
    const id = fileIdentity(out.path);
    const input = inputIds.indexOf(id);
    if (input >= 0) {
      throw new UsageError(`${out.role}: expected a file that is not an input, got ${out.path} (${inputs[input].role}); refusing to overwrite it`);
    }
    const other = seen.get(id);
    if (other !== undefined && resolve(out.path) !== '/dev/null') {
      throw new UsageError(`${out.role}: expected a different file from ${other.role}, got ${out.path} for both`);
    }
    seen.set(id, out);
  }
}
