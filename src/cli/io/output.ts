/**
 * Output files that are never left looking complete when a run fails or is interrupted.
 *
 * - A regular file (or a name that does not exist yet) is written to a fresh temporary
 *   `NAME.partial` next to it, created exclusively (O_EXCL, O_NOFOLLOW: a leftover
 *   `NAME.partial`, even a symlink, is never opened; the next free `NAME.1.partial` is used),
 *   and renamed over the target only by `commit()`. A symlinked target is resolved first, so
 *   the file it points to is replaced and the link stays; a dangling symlink is resolved too
 *   (the file it names is created). An existing target keeps its permission bits (a `600`
 *   file stays `600`: the partial has them from the start). A name ending in `/` names a
 *   folder and is never written as a file.
 * - A target that is not a regular file (a device such as `/dev/null`, a FIFO, anything
 *   under `/dev/` or `/proc/` such as `/dev/stdout`) is never renamed over: the bytes are
 *   staged in a private temporary file and copied into the target by `commit()`. A pipe is
 *   opened at once, without blocking: one with no reader after {@link PIPE_READER_WAIT_MS}
 *   is an error then, before any work (never a hang after it); the pipe stays open until
 *   the commit, so its reader sees one stream.
 * - Every write loops until all bytes are taken; a write that takes none, or fails
 *   (ENOSPC, EIO, ...), removes the partial and throws an {@link OutputError} naming the
 *   target and the reason. A missing parent folder is created.
 */
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { errnoText, OutputError } from '../cli-errors.js';
import { followLinks } from './output-paths.js';

/** The write call outputs use, replaceable in tests (short writes, ENOSPC). */
export type WriteFn = (fd: number, buffer: Uint8Array, offset: number, length: number) => number;

const systemWrite: WriteFn = (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length);
let writeFn: WriteFn = systemWrite;

/** Replaces the write call of every output (`null` restores `fs.writeSync`). For tests. */
export function setOutputWrite(fn: WriteFn | null): void {
  writeFn = fn ?? systemWrite;
}

/** True while outputs write with `fs.writeSync` (no test replacement): another thread may then write for them. */
export const usesSystemWrite = (): boolean => writeFn === systemWrite;

/** Writes all of `buffer` to `fd`, looping over short writes. @throws when a write takes no byte. */
export function writeAll(fd: number, buffer: Uint8Array, length = buffer.length): void {
  let offset = 0;
  while (offset < length) {
    const n = writeFn(fd, buffer, offset, length - offset);
    if (!(n > 0)) throw new Error(`ENOSPC: short write, ${offset} of ${length} bytes taken`);
    offset += n;
  }
}

const EXCLUSIVE = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW;
const MAX_TRIES = 100;

/** Longest file name (bytes) on the file systems we know. */
const NAME_MAX = 255;

/**
 * Opens the first free `NAME{suffix}`, `NAME.1{suffix}`, ... in `folder`, exclusively. A
 * name too long to take the suffix is cut (`NAME~`), so that any name that fits can be written.
 */
function openFresh(folder: string, fullName: string, suffix: string): { fd: number; path: string } {
  let name = fullName;
  while (Buffer.byteLength(`${name}.99${suffix}`) > NAME_MAX && name.length > 1) name = `${name.slice(0, -2)}~`;
  for (let n = 0; n < MAX_TRIES; n++) {
    const path = join(folder, n === 0 ? `${name}${suffix}` : `${name}.${n}${suffix}`);
    try {
      return { fd: fs.openSync(path, EXCLUSIVE, 0o666), path };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new Error(`EEXIST: ${MAX_TRIES} partial files already exist`);
}

/**
 * Where an output goes: renamed into `realPath` (keeping `mode`, the permission bits of the
 * file it replaces, if any), or copied into a non-regular target (`pipe`: a FIFO or pipe).
 */
type Target = { kind: 'regular'; realPath: string; mode: number | null } | { kind: 'direct'; pipe: boolean };

/** True for paths that must never be renamed over: device and process files. */
export function isSpecialPath(path: string): boolean {
  const abs = resolve(path);
  return abs.startsWith('/dev/') || abs.startsWith('/proc/');
}

function direct(path: string): Target {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(path);
  } catch {
    // Opened (and its fault reported) by the commit.
  }
  return { kind: 'direct', pipe: stat?.isFIFO() === true };
}

function targetOf(path: string): Target {
  if (path === '') throw new Error('no file name given');
  if (isSpecialPath(path)) return direct(path);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (stat?.isDirectory()) throw new Error('EISDIR: the target is a folder');
  if (path.endsWith('/')) throw new Error('EISDIR: a name ending in / names a folder, not a file');
  if (stat !== undefined && !stat.isFile()) return direct(path);
  if (stat !== undefined) return { kind: 'regular', realPath: fs.realpathSync(path), mode: stat.mode & 0o777 };
  // Not there: a new name, or a dangling symlink (the file it names is created, the link stays).
  const final = followLinks(path);
  const folder = dirname(final);
  fs.mkdirSync(folder, { recursive: true });
  return { kind: 'regular', realPath: join(fs.realpathSync(folder), basename(final)), mode: null };
}

/** How long a pipe output may go without a reader before it is an error, ms. */
export const PIPE_READER_WAIT_MS = 1000;
const PIPE_RETRY_MS = 50;

/** Blocks this thread for `ms` (no event loop turn). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Opens a FIFO or pipe for writing without blocking: a plain open would wait, deaf to
 * signals, for a reader that may never come. @throws Error `ENXIO: ...` after
 * {@link PIPE_READER_WAIT_MS} without a reader.
 */
function openPipe(path: string): number {
  for (let waited = 0; ; waited += PIPE_RETRY_MS) {
    try {
      return fs.openSync(path, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENXIO') throw e;
      if (waited >= PIPE_READER_WAIT_MS) throw new Error(`ENXIO: no process reads the pipe after ${PIPE_READER_WAIT_MS / 1000} s`);
      sleep(PIPE_RETRY_MS);
    }
  }
}

const open = new Set<AtomicFile>();

/** One output file being written; see the module comment. */
export class AtomicFile {
  private fd: number;
  /** The temporary file holding what was written so far (readable until commit/abort). */
  readonly partialPath: string;
  private readonly target: Target;
  private stagingDir: string | null = null;
  /** The pipe target, open since the constructor (see {@link openPipe}); -1 for other targets. */
  private pipeFd = -1;
  private done = false;
  /** Stops the writer this file's descriptor was handed to (see {@link delegate}). */
  private stopWriter: (() => void) | null = null;

  /**
   * Opens the temporary file. `suffix` names it next to `path` (default ".partial").
   * @throws OutputError (nothing left behind) for an empty name, a folder, a parent that
   *   cannot be created, or a temporary that cannot be created (EACCES, ENAMETOOLONG, ...).
   */
  constructor(
    readonly path: string,
    suffix = '.partial',
  ) {
    try {
      this.target = targetOf(path);
      if (this.target.kind === 'regular') {
        const { realPath } = this.target;
        ({ fd: this.fd, path: this.partialPath } = openFresh(dirname(realPath), basename(realPath), suffix));
        if (this.target.mode !== null) fs.fchmodSync(this.fd, this.target.mode);
      } else {
        if (this.target.pipe && path !== STDOUT_PATH) this.pipeFd = openPipe(path);
        this.stagingDir = fs.mkdtempSync(join(tmpdir(), 'a2psim-'));
        ({ fd: this.fd, path: this.partialPath } = openFresh(this.stagingDir, 'staged', suffix));
      }
    } catch (e) {
      if (this.stagingDir !== null) fs.rmSync(this.stagingDir, { recursive: true, force: true });
      if (this.pipeFd >= 0) fs.closeSync(this.pipeFd);
      throw new OutputError(path === '' ? '""' : path, errnoText(e));
    }
    open.add(this);
  }

  /**
   * Another temporary file for the same target, named with `suffix` (a rewrite's or a
   * spill's), created and removed as this one is; never committed over this one's target
   * but by the caller's choice.
   */
  sibling(suffix: string): AtomicFile {
    return new AtomicFile(this.path, suffix);
  }

  /** Appends text (as UTF-8) or bytes, synchronously. @throws OutputError after removing the partial. */
  write(chunk: string | Uint8Array): void {
    try {
      writeAll(this.fd, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    } catch (e) {
      this.fail(e);
    }
  }

  /**
   * Hands the open descriptor to a writer on another thread. `stop` must return only once
   * that writer no longer touches the descriptor; it is called before the file is closed
   * (by `commit`, or by `abort` on an error or a signal), so no write can land in a
   * descriptor number the process has reused. A failed write is reported by the writer.
   */
  delegate(stop: () => void): number {
    this.stopWriter = stop;
    return this.fd;
  }

  /** Stops a delegated writer, once. */
  private stopDelegate(): void {
    const stop = this.stopWriter;
    this.stopWriter = null;
    stop?.();
  }

  /**
   * Closes the file and moves it to its final name (or copies it into a non-regular target).
   * @throws OutputError after removing the partial.
   */
  commit(): void {
    if (this.done) return;
    try {
      this.stopDelegate();
      fs.closeSync(this.fd);
      this.fd = -1;
      if (this.target.kind === 'regular') fs.renameSync(this.partialPath, this.target.realPath);
      else copyInto(this.partialPath, this.path, this.pipeFd);
    } catch (e) {
      this.fail(e);
    }
    this.done = true;
    this.cleanUp();
  }

  /** Closes and deletes the partial file. Never throws. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    try {
      this.stopDelegate();
    } catch {
      // A writer that cannot be stopped cleanly is abandoned; the file is removed anyway.
    }
    try {
      if (this.fd >= 0) fs.closeSync(this.fd);
    } catch {
      // Closing can report a deferred write error; the file is being removed anyway.
    }
    fs.rmSync(this.partialPath, { force: true });
    this.cleanUp();
  }

  private cleanUp(): void {
    if (this.pipeFd >= 0) {
      try {
        fs.closeSync(this.pipeFd);
      } catch {
        // A pipe whose reader left; the data is written or given up already.
      }
      this.pipeFd = -1;
    }
    if (this.stagingDir !== null) fs.rmSync(this.stagingDir, { recursive: true, force: true });
    open.delete(this);
  }

  private fail(e: unknown): never {
    this.abort();
    throw new OutputError(this.path, errnoText(e));
  }
}

const COPY_BYTES = 1 << 20;

/**
 * Writes all of `buffer` to `fd` as {@link writeAll} does, waiting while a non-blocking
 * pipe is full (EAGAIN) instead of failing.
 */
function writeAllWaiting(fd: number, buffer: Uint8Array, length: number): void {
  let offset = 0;
  while (offset < length) {
    let n: number;
    try {
      n = writeFn(fd, buffer, offset, length - offset);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      sleep(2);
      continue;
    }
    if (!(n > 0)) throw new Error(`ENOSPC: short write, ${offset} of ${length} bytes taken`);
    offset += n;
  }
}

/**
 * The path that names this process's standard output (an output named `-`): written
 * through descriptor 1 itself, which may be a socket or a terminal that cannot be opened
 * again by name.
 */
export const STDOUT_PATH = '/dev/stdout';

/**
 * Copies a staged file into a target that is not a regular file (device, FIFO, stdout):
 * into `pipeFd` when the pipe is open already, descriptor 1 for {@link STDOUT_PATH}, else
 * into the target opened now.
 */
function copyInto(staged: string, target: string, pipeFd: number): void {
  const out = pipeFd >= 0 ? pipeFd : target === STDOUT_PATH ? 1 : fs.openSync(target, fs.constants.O_WRONLY | fs.constants.O_APPEND);
  const input = fs.openSync(staged, 'r');
  const buffer = Buffer.allocUnsafe(COPY_BYTES);
  try {
    for (let n = fs.readSync(input, buffer, 0, COPY_BYTES, null); n > 0; n = fs.readSync(input, buffer, 0, COPY_BYTES, null)) {
      writeAllWaiting(out, buffer, n);
    }
  } finally {
    fs.closeSync(input);
    if (out !== pipeFd && out !== 1) fs.closeSync(out);
  }
}

/** Aborts every file still open (on error, Ctrl-C, SIGTERM or SIGHUP). */
export function abortAll(): void {
  for (const f of [...open]) f.abort();
}

/**
 * Appends text to a file that must already exist in an existing folder (the GitHub job
 * summary). @throws OutputError naming the path and the reason.
 */
export function appendToFile(path: string, text: string): void {
  let fd = -1;
  try {
    fd = fs.openSync(path, 'a');
    writeAll(fd, Buffer.from(text, 'utf8'));
  } catch (e) {
    throw new OutputError(path, errnoText(e));
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
}
