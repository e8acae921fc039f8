/**
 * Command-line file arguments: literal paths, directories (their `*.yaml`/`*.yml` files,
 * recursively) and glob patterns (`'scenarios/**\/*.yaml'`), expanded here because Node 20
 * has no `fs.globSync` and CI configs often pass patterns quoted.
 */
import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { UsageError } from '../cli-errors.js';

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

/** What a command's file arguments are: their name in messages and a directory's files. */
export interface FileKind {
  /** Plural name in messages: `scenario files`, `shard files`. */
  readonly noun: string;
  /** The glob of a directory's files under it. */
  readonly inDirectory: string;
  /** How a directory's files are named, for messages: `.yaml files`. */
  readonly named: string;
}

/** Scenario files: a directory's `*.yaml`/`*.yml` files. */
export const SCENARIO_FILES: FileKind = { noun: 'scenario files', inDirectory: '**/*.{yaml,yml}', named: '.yaml files' };

/** Shard result files of `merge`: a directory's `*.json` files. */
export const SHARD_FILES: FileKind = { noun: 'shard files', inDirectory: '**/*.json', named: 'shard files (.json)' };

/**
 * Expands arguments into files (scenario files by default), in argument order, each
 * pattern's matches sorted, duplicates removed. A path that does not exist and is not a
 * pattern is kept as is (the reader reports it as unreadable).
 * @throws UsageError when a pattern or directory matches no file.
 */
export function expandFiles(args: readonly string[], kind: FileKind = SCENARIO_FILES): string[] {
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
    const pattern = dir ? join(arg, kind.inDirectory) : arg;
    const matches = globSync(pattern, { onlyFiles: true, absolute: isAbsolute(arg), expandDirectories: false }).sort();
    if (matches.length === 0) {
      throw new UsageError(`${arg}: expected ${dir ? `a directory with ${kind.named}` : `a pattern matching ${kind.noun}`}, got no match`);
    }
    matches.forEach(add);
  }
  return out;
}
