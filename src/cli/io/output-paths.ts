/**
 * Output paths: refusing a command's outputs that would overwrite one of its inputs or each
 * other. Split from files.ts so that `run` does not load the glob library (issue 16: start-up).
 */
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../cli-errors.js';

/** Most symlinks followed in a row (as Linux's ELOOP limit). */
const MAX_LINKS = 40;

/**
 * The absolute path a write to `path` lands on: symlinks are followed, a dangling one too
 * (to the file it names, which a write creates; the link stays). Folders in the path are
 * left as they are (see {@link fileIdentity} for those).
 * @throws Error `ELOOP: too many symbolic links` for a cycle.
 */
export function followLinks(path: string): string {
  let p = resolve(path);
  for (let hops = 0; hops < MAX_LINKS; hops++) {
    let isLink = false;
    try {
      isLink = lstatSync(p).isSymbolicLink();
    } catch {
      return p; // not there (yet): this is the name a write creates
    }
    if (!isLink) return p;
    p = resolve(dirname(p), readlinkSync(p));
  }
  throw new Error('ELOOP: too many symbolic links');
}

/**
 * What a path is on disk, to tell whether two paths name the same file: `dev:ino` of an
 * existing file (so symlinks and hard links match), else the real path of its nearest
 * existing folder joined with the rest (a file that does not exist yet, or the file a
 * dangling symlink names).
 */
export function fileIdentity(path: string): string {
  try {
    const st = statSync(path);
    return `inode:${st.dev}:${st.ino}`;
  } catch {
    // Not there (yet): resolve the links and folders that exist.
  }
  let target: string;
  try {
    target = followLinks(path);
  } catch {
    target = resolve(path);
  }
  let folder = target;
  const rest: string[] = [];
  for (;;) {
    try {
      return `path:${join(realpathSync(folder), ...rest)}`;
    } catch {
      const parent = dirname(folder);
      if (parent === folder) return `path:${target}`;
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
