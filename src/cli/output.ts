/**
 * Output files that are never left looking complete when a run fails or is interrupted:
 * everything is written to `NAME.partial` next to the target and renamed into place only
 * by `commit()`; `abort()` removes the partial file.
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const open = new Set<AtomicFile>();

export class AtomicFile {
  private fd: number;
  readonly partialPath: string;
  private done = false;

  /** @param suffix of the partial file next to `path`; default ".partial". */
  constructor(
    readonly path: string,
    suffix = '.partial',
  ) {
    this.partialPath = `${path}${suffix}`;
    this.fd = openSync(this.partialPath, 'w');
    open.add(this);
  }

  /** Appends text (as UTF-8) or bytes, synchronously. */
  write(chunk: string | Uint8Array): void {
    if (typeof chunk === 'string') writeSync(this.fd, chunk);
    else writeSync(this.fd, chunk);
  }

  /** Closes the file and moves it to its final name. */
  commit(): void {
    if (this.done) return;
    this.done = true;
    closeSync(this.fd);
    renameSync(this.partialPath, this.path);
    open.delete(this);
  }

  /** Closes and deletes the partial file. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    try {
      closeSync(this.fd);
    } finally {
      rmSync(this.partialPath, { force: true });
      open.delete(this);
    }
  }
}

/** Aborts every file still open (on error or Ctrl-C). */
export function abortAll(): void {
  for (const f of [...open]) f.abort();
}

/**
 * Writes a whole file atomically (through `NAME.partial`), creating its directory if
 * missing (`--junit reports/x.xml`).
 */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const f = new AtomicFile(path);
  try {
    f.write(text);
    f.commit();
  } catch (e) {
    f.abort();
    throw e;
  }
}
