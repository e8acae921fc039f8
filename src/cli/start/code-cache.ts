/**
 * Loads a CommonJS file through a V8 code cache kept in a cache folder, so that the next
 * start neither parses nor compiles it again (issue 16: start-up; Node 20 has no compile
 * cache of its own: `module.enableCompileCache` is Node 22). The entry is written after the
 * work is done ({@link CachedModule.save}), so it holds every function that ran, not only
 * the top level. Node 22's own cache writes its entry right after compiling, top level only:
 * measured side by side (issue 20, docs/performance.md, `node test/bench/run.js --only
 * startup`), a tiny run started through it is 11% slower on Node 22, so this one stays.
 *
 * A cache entry can never change what the program does, only how fast it starts:
 * - its name is the SHA-256 of the source, the Node version and flags, the architecture and
 *   a tag, so an edited or rebuilt file never meets the entry of its old text;
 * - it carries that full key inside, so an entry whose name matches by chance, or one
 *   copied from another build (V8 alone would accept a source of the same length), is
 *   ignored; and the SHA-256 of the key and its bytes, so a torn or damaged file is ignored;
 * - only a regular file is read (opened non-blocking and checked), of a bounded size: a
 *   FIFO or device at an entry's path never blocks start-up;
 * - V8 checks it too (its version, its flags, the source length) and rejects a mismatch;
 * - it is written to a temporary name and renamed, so a reader sees all of it or none;
 * - any failure to read or write (no home folder, read-only disk) is ignored: the file
 *   then compiles from its source as it would without the cache.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/** Entries kept in the cache folder; the least recently used beyond this are removed when one is written. */
export const MAX_ENTRIES = 32;

const EXT = '.v8cache';
const DIGEST_BYTES = 32;
/** The largest entry read: far above a CLI bundle's code (a few MB). */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/** A loaded CommonJS module and the means to cache its compiled code. */
export interface CachedModule<T> {
  readonly exports: T;
  /** True when the code came from the cache (V8 accepted the entry). */
  readonly fromCache: boolean;
  /**
   * Writes the cache entry when there was none or V8 rejected it. Call it once the work is
   * done, so that the entry holds every function compiled so far. Never throws.
   */
  save(): void;
}

const sha256 = (...parts: (string | Uint8Array)[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** An entry's bytes: its full key, the SHA-256 of key and data, then the data. */
export function encodeEntry(key: Buffer, data: Buffer): Buffer {
  return Buffer.concat([key, sha256(key, data), data]);
}

/** The bytes of the regular file `path` (at most {@link MAX_ENTRY_BYTES}); undefined for anything else. */
function readRegular(path: string): Buffer | undefined {
  let fd: number;
  try {
    // Non-blocking: a FIFO opens at once (and is then refused), instead of waiting for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_ENTRY_BYTES) return undefined;
    const bytes = Buffer.alloc(st.size);
    let got = 0;
    for (let n = -1; n !== 0 && got < st.size; got += n) n = readSync(fd, bytes, got, st.size - got, got);
    return bytes.subarray(0, got);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** The cached code in `path` for `key`, or undefined when it is missing, another key's, or damaged. */
function readEntry(path: string, key: Buffer): Buffer | undefined {
  const bytes = readRegular(path);
  if (bytes === undefined || bytes.length <= 2 * DIGEST_BYTES) return undefined;
  if (!bytes.subarray(0, DIGEST_BYTES).equals(key)) return undefined;
  const data = bytes.subarray(2 * DIGEST_BYTES);
  return sha256(key, data).equals(bytes.subarray(DIGEST_BYTES, 2 * DIGEST_BYTES)) ? data : undefined;
}

/** Marks an entry as used now, so that trimming keeps it (failures ignored). */
function touch(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // a read-only cache still serves
  }
}

/** Removes the least recently used entries of `dir` beyond {@link MAX_ENTRIES}. */
function trim(dir: string): void {
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith(EXT))
    .map((f) => ({ f, t: statSync(join(dir, f), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of entries.slice(MAX_ENTRIES)) rmSync(join(dir, f), { force: true });
}

/** Writes `data` as the entry `path`, atomically; false when it could not. */
function writeEntry(dir: string, path: string, key: Buffer, data: Buffer): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 }); // compiled code: the user's alone
    writeFileSync(tmp, encodeEntry(key, data));
    renameSync(tmp, path);
    trim(dir);
    return true;
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was created
    }
    return false;
  }
}

/** Loads `file` as CommonJS without the cache (Node's own loader). */
function loadPlain<T>(file: string): CachedModule<T> {
  return { exports: createRequire(file)(file) as T, fromCache: false, save: () => {} };
}

/**
 * Where the cache entry of `source` (text, or its UTF-8 bytes) under `tag` lives in
 * `cacheDir`. Node's flags are part of the name too: V8 rejects code made under other flags,
 * and two flag sets used in turn would otherwise keep replacing each other's entry.
 */
export function entryPath(cacheDir: string, source: string | Uint8Array, tag: string): string {
  return join(cacheDir, `${entryKey(source, tag).toString('hex').slice(0, 40)}${EXT}`);
}

/**
 * The full key of an entry (SHA-256 of the source, Node version, architecture, flags and
 * tag): its name is the key's first 40 hex digits, and the entry holds all of it.
 */
export function entryKey(source: string | Uint8Array, tag: string): Buffer {
  const flags = `${process.execArgv.join(' ')}\0${process.env.NODE_OPTIONS ?? ''}`;
  return sha256(source, '\0', process.version, '\0', process.arch, '\0', flags, '\0', tag);
}

/**
 * Loads the CommonJS `file` with the compiled code cached in `cacheDir` under `tag` (one
 * entry per tag: a command compiles its own functions). With `cacheDir` null, or on a Node
 * without `vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER`, it is loaded by Node's own loader.
 */
export function loadCached<T>(file: string, cacheDir: string | null, tag: string): CachedModule<T> {
  const dynamicImport = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (cacheDir === null || dynamicImport === undefined) return loadPlain(file);
  // Hashed as bytes (hashing the string would encode it to UTF-8 again).
  const bytes = readFileSync(file);
  const source = bytes.toString('utf8');
  const key = entryKey(bytes, tag);
  const entry = join(cacheDir, `${key.toString('hex').slice(0, 40)}${EXT}`);
  const cachedData = readEntry(entry, key);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData, importModuleDynamically: dynamicImport });
  const fromCache = cachedData !== undefined && !script.cachedDataRejected;
  if (fromCache) touch(entry);
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  let saved = fromCache;
  return {
    exports: module.exports,
    fromCache,
    save: () => {
      if (saved) return;
      saved = true;
      let data: Buffer;
      try {
        data = script.createCachedData();
      } catch {
        return;
      }
      writeEntry(cacheDir, entry, key, data);
    },
  };
}
