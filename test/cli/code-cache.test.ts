// The V8 code cache of the bundled CLI (issue 16: start-up): it may make a start faster,
// never change what runs. A stale, damaged, rejected or unwritable cache falls back to the
// source; entries are written whole and the folder is kept small.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeEntry, entryKey, entryPath, loadCached, MAX_ENTRIES } from '../../src/cli/start/code-cache.js';
import { codeCacheDir, commandTag } from '../../src/cli/start/start.js';

type Fixture = { calc: (a: number, b: number) => number; file: string };

/** A CommonJS file in a new folder, and a cache folder beside it. */
function fixture(body = 'a + b'): { file: string; cache: string } {
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-code-cache-'));
  const file = join(dir, 'm.cjs');
  writeFileSync(file, `module.exports = { calc: (a, b) => ${body}, file: __filename };\n`);
  return { file, cache: join(dir, 'cache') };
}

const entries = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

describe('loadCached', () => {
  it('loads the file without a cache folder, and writes nothing', () => {
    const { file } = fixture();
    const m = loadCached<Fixture>(file, null, 'run');
    expect([m.exports.calc(2, 3), m.exports.file, m.fromCache]).toEqual([5, file, false]);
    m.save();
  });

  it('writes an entry after the work and reads it on the next load', () => {
    const { file, cache } = fixture();
    const first = loadCached<Fixture>(file, cache, 'run');
    expect(first.exports.calc(2, 3)).toBe(5);
    expect(first.fromCache).toBe(false);
    first.save();
    expect(entries(cache)).toHaveLength(1);
    const second = loadCached<Fixture>(file, cache, 'run');
    expect([second.exports.calc(2, 3), second.fromCache]).toEqual([5, true]);
    // One entry per tag: another command has its own.
    loadCached<Fixture>(file, cache, 'check').save();
    expect(entries(cache)).toHaveLength(2);
  });

  it('never uses the entry of an edited file, even one of the same length', () => {
    const { file, cache } = fixture('a + b');
    loadCached<Fixture>(file, cache, 'run').save();
    writeFileSync(file, readFileSync(file, 'utf8').replace('a + b', 'a * b'));
    const m = loadCached<Fixture>(file, cache, 'run');
    expect([m.exports.calc(2, 3), m.fromCache]).toEqual([6, false]);
  });

  it('keeps one entry per set of Node flags (V8 rejects code made under other flags)', () => {
    const plain = entryPath('/c', 'source', 'run');
    process.execArgv.push('--no-opt');
    try {
      expect(entryPath('/c', 'source', 'run')).not.toBe(plain);
    } finally {
      process.execArgv.pop();
    }
    expect(entryPath('/c', 'source', 'run')).toBe(plain);
    expect(entryPath('/c', 'source', 'check')).not.toBe(plain);
  });

  it('ignores a damaged entry and replaces it', () => {
    const { file, cache } = fixture();
    loadCached<Fixture>(file, cache, 'run').save();
    const [name] = entries(cache);
    const bytes = readFileSync(join(cache, name));
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(join(cache, name), bytes);
    const m = loadCached<Fixture>(file, cache, 'run');
    expect([m.exports.calc(2, 3), m.fromCache]).toEqual([5, false]);
    m.save();
    expect(loadCached<Fixture>(file, cache, 'run').fromCache).toBe(true);
  });

  it('falls back to the source when V8 rejects an entry (checksum right, data not V8 code)', () => {
    // A source this process never compiled (V8 would take a compiled one from memory).
    const { file, cache } = fixture(`a + b + ${Date.now() % 1000} - ${Date.now() % 1000}`);
    mkdirSync(cache);
    const junk = Buffer.alloc(4096, 7);
    const source = readFileSync(file, 'utf8');
    writeFileSync(entryPath(cache, source, 'run'), encodeEntry(entryKey(source, 'run'), junk));
    const m = loadCached<Fixture>(file, cache, 'run');
    expect([m.exports.calc(2, 3), m.fromCache]).toEqual([5, false]);
  });

  it('runs as usual when the cache folder cannot be created', () => {
    const { file } = fixture();
    const m = loadCached<Fixture>(file, join(file, 'not-a-folder'), 'run');
    expect(m.exports.calc(2, 3)).toBe(5);
    expect(() => m.save()).not.toThrow();
  });

  it(`keeps the ${MAX_ENTRIES} most recently used entries`, () => {
    const { file, cache } = fixture();
    loadCached<Fixture>(file, cache, 'first').save();
    const old = new Date(2000, 0, 1);
    for (let i = 0; i < MAX_ENTRIES + 5; i++) {
      const f = join(cache, `old${i}.v8cache`);
      writeFileSync(f, 'x');
      utimesSync(f, old, old);
    }
    // The oldest entry of all, but read now: it counts as recent.
    const first = entries(cache).find((f) => !f.startsWith('old')) ?? '';
    utimesSync(join(cache, first), new Date(1999, 0, 1), new Date(1999, 0, 1));
    loadCached<Fixture>(file, cache, 'first');
    loadCached<Fixture>(file, cache, 'second').save();
    const left = entries(cache);
    expect(left).toHaveLength(MAX_ENTRIES);
    expect(left.filter((f) => !f.startsWith('old'))).toHaveLength(2);
  });
});

describe('a cache entry across processes', () => {
  it('is taken by V8 in the next process', () => {
    // In one process V8 keeps what it compiled and would not read the entry: spawn two.
    // dist/cli/code-cache.js is built by test/global-setup.ts.
    const { file, cache } = fixture();
    const script = `import { loadCached } from ${JSON.stringify(new URL('../../dist/cli/start/code-cache.js', import.meta.url).href)};
      const m = loadCached(${JSON.stringify(file)}, ${JSON.stringify(cache)}, 'run'); m.save();
      console.log(JSON.stringify([m.exports.calc(2, 3), m.fromCache]));`;
    const once = () => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 })) as unknown;
    expect([once(), once()]).toEqual([[5, false], [5, true]]);
  }, 60_000);
});

describe('the CLI start', () => {
  it('keeps its cache in the user cache folder, off with NODE_DISABLE_COMPILE_CACHE', async () => {
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = '/x/cache';
    try {
      if (process.platform === 'linux') expect(await codeCacheDir({})).toBe('/x/cache/a2psim');
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
    expect(await codeCacheDir({ NODE_DISABLE_COMPILE_CACHE: '1' })).toBeNull();
  });

  it('tags an entry with the command word, its option names and the --format value', () => {
    const tag = (...args: string[]) => commandTag(['node', 'a2psim', ...args]);
    expect(tag('run', 'x.yaml')).toBe('run');
    expect(tag('run', 'y.yaml', '--seed', '3')).toBe('run --seed');
    expect(tag('run', 'x.yaml', '--format', 'json', '-q', '--messages', 'm.csv')).toBe('run --format=json --messages -q');
    expect(tag('run', 'x.yaml', '--format=csv')).toBe('run --format=csv');
    expect(tag('run', 'x.yaml', '--set', 'a=1', '--set', 'b=2')).toBe('run --set');
    expect([tag('--version'), tag()]).toEqual(['other --version', 'other']);
  });
});
