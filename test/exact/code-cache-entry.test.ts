/**
 * Issue 27 N14 and N8 (the hand-made V8 code cache): a FIFO at an entry's path never blocks
 * start-up (only regular files are read, opened non-blocking), and an entry is bound to
 * its source's full key inside the entry: one copied from another build of the same length
 * is ignored, never run. Each case runs in a child process (V8 keeps what one process
 * compiled, and the old blocking read would hang the child, not this test).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'a2psim-cache-entry-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const MODULE = JSON.stringify(new URL('../../dist/cli/start/code-cache.js', import.meta.url).href);

/** Loads `file` through the cache in a child process: [calc(2, 3), fromCache], or the failure. */
function load(file: string, cache: string): unknown {
  const script = `import { loadCached } from ${MODULE};
    const m = loadCached(${JSON.stringify(file)}, ${JSON.stringify(cache)}, 'run'); m.save();
    console.log(JSON.stringify([m.exports.calc(2, 3), m.fromCache]));`;
  try {
    return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (e: any) {
    return { failed: e.signal ?? e.status };
  }
}

function fixture(name: string, body: string): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'm.cjs');
  // A body this test run never compiled before (V8 would take its own compiled copy).
  writeFileSync(file, `module.exports = { calc: (a, b) => ${body}, tag: ${JSON.stringify(`${name}-${process.pid}`)} };\n`);
  return file;
}

const entries = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

describe('code cache entries', () => {
  it("an entry from another build of the same length is ignored, not run (N8)", () => {
    const cache = join(root, 'cache-n8');
    const plus = fixture('plus', 'a + b');
    const times = fixture('mult', 'a * b');
    expect(load(plus, cache)).toEqual([5, false]);
    const [plusEntry] = entries(cache);
    // The second build's entry name, with the first build's bytes in it.
    expect(load(times, cache)).toEqual([6, false]);
    const timesEntry = entries(cache).find((f) => f !== plusEntry)!;
    copyFileSync(join(cache, plusEntry), join(cache, timesEntry));
    expect(load(times, cache)).toEqual([6, false]);
    // Rewritten with its own code, then taken.
    expect(load(times, cache)).toEqual([6, true]);
  }, 60_000);

  it.each([['a FIFO'], ['a directory']])('%s at the entry path does not block start-up (N14)', (kind) => {
    const cache = join(root, `cache-${kind.replace(/\W/g, '')}`);
    const file = fixture(`m-${kind.replace(/\W/g, '')}`, 'a - b + 2 * b');
    expect(load(file, cache)).toEqual([5, false]);
    const [entry] = entries(cache);
    rmSync(join(cache, entry));
    if (kind === 'a FIFO') execFileSync('mkfifo', [join(cache, entry)]);
    else mkdirSync(join(cache, entry));
    expect(load(file, cache)).toEqual([5, false]);
  }, 60_000);
});
