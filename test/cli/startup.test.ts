// Start-up (issues 16 and 20): bin/a2psim.js runs the esbuild bundle: dist/bundle/cli.cjs, the
// CLI as one CommonJS file whose commands are evaluated only when they run, loaded by
// dist/bundle/main.js after it turns on Node's compile cache (`module.enableCompileCache`,
// Node 22.1 and later) in the user's cache folder. Every command must run from the bundle,
// the same with the cache as without, and --version must not evaluate the scenario schemas.
// Needs the bundle, which test/global-setup.ts builds before the suite.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';
import { otherUserUnavailable, runAsUser } from '../helpers/other-user.js';
import { a2psim, run } from '../helpers/spawn.js';

/** What the sources give in process (from src/, what dist/cli/ is compiled from), made before the spawns. */
const sources = { json: '', plain: '' };
beforeAll(async () => {
  vi.stubEnv('GITHUB_STEP_SUMMARY', '');
  try {
    sources.json = (await cli('run', 'scenarios/mms-default-mps.yaml', '--format', 'json', '-q')).out;
    sources.plain = (await cli('run', 'scenarios/default.yaml', '--format', 'json')).out;
  } finally {
    vi.unstubAllEnvs();
  }
});

/** What the bundled CLI had evaluated after one command: its exit code, zod and tinypool. */
interface Evaluated {
  readonly code: number;
  readonly zod: boolean;
  readonly tinypool: boolean;
}

/**
 * Runs the bundled CLI on each of `commands` in turn, in one new process, and returns what it
 * had evaluated after each: zod (its global config, created when the scenario schemas load)
 * and tinypool (the pool, which the bundle requires: it shows in the CommonJS module cache).
 * Both only ever go from false to true, so what a command is the first to evaluate shows
 * after it as it would in a process of its own (one process instead of one per command: issue 23).
 */
async function evaluated(commands: string[][]): Promise<Evaluated[]> {
  const start = new URL('../../dist/bundle/main.js', import.meta.url).href;
  const script = `import { main } from ${JSON.stringify(start)};
    import { createRequire } from 'node:module';
    const seen = [];
    for (const args of ${JSON.stringify(commands)}) {
      const code = await main(['node', 'a2psim', ...args]);
      const tinypool = Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes('/node_modules/tinypool/'));
      seen.push({ code, zod: '__zod_globalConfig' in globalThis, tinypool });
    }
    console.error(JSON.stringify(seen));`;
  // A file, not --eval: pool threads inherit the process's flags, and --input-type would stop them.
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-probe-'));
  try {
    const file = join(dir, 'probe.mjs');
    writeFileSync(file, script);
    const r = await run(process.execPath, [file]);
    expect({ code: r.code }, r.err).toEqual({ code: 0 });
    return JSON.parse(r.err.trim().split('\n').at(-1) ?? '') as Evaluated[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every command once: arguments (`{d}`: the run's folder), exit code, what stdout matches. */
const COMMANDS: [string[], number, RegExp][] = [
  [['--version'], 0, /^\d+\.\d+\.\d+\n$/],
  [['--help'], 0, /Usage: a2psim/],
  [['rules'], 0, /T-Mobile/],
  [['schema'], 0, /"\$schema"/],
  [['validate', 'scenarios/default.yaml'], 0, /ok scenarios\/default\.yaml/],
  [['run', 'scenarios/mms-default-mps.yaml', '-q'], 0, /a2psim — /],
  // tinypool stays outside the bundle: it starts its worker from its own folder.
  [['run', 'scenarios/mms-default-mps.yaml', '--replications', '2', '--workers', '2', '-q'], 0, /2 replications/],
  [['check', 'scenarios/mms-default-mps.yaml', '-q'], 0, /✓/],
  [['compare', '{d}/s.json', '{d}/s.json'], 0, /./],
  [['playground', '--out', '{d}/p.html'], 0, /wrote .*p\.html/],
];

/**
 * Runs {@link COMMANDS} in one new process through the bundle's start (dist/bundle/main.js
 * `startCli`: the compile cache turned on as `env` says, then the bundle loaded), each
 * command with its output captured: one process per cache state, not one per command
 * (issue 23: suite time). Files a command writes go to `d/sN`; that folder reads `{d}` in
 * what is returned, so that every state's output compares equal.
 */
async function everyCommand(d: string, n: number, env: NodeJS.ProcessEnv): Promise<{ args: string[]; code: number; out: string; err: string }[]> {
  const own = join(d, `s${n}`); // of one length: a path in the output wraps the same
  mkdirSync(own);
  writeFileSync(join(own, 's.json'), readFileSync(join(d, 's.json')));
  const commands = COMMANDS.map(([args]) => args.map((a) => a.replace('{d}', own)));
  const start = new URL('../../dist/bundle/main.js', import.meta.url).href;
  const script = `import { startCli } from ${JSON.stringify(start)};
    const cli = await startCli();
    const results = [];
    for (const args of ${JSON.stringify(commands)}) {
      let out = '';
      let err = '';
      const code = await cli.main(['node', 'a2psim', ...args], { stdout: (s) => (out += s), stderr: (s) => (err += s) });
      results.push({ args, code, out, err });
    }
    process.stdout.write(JSON.stringify(results));`;
  const file = join(own, 'probe.mjs');
  writeFileSync(file, script);
  const r = await run(process.execPath, [file], { env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env }, timeout: 180_000 });
  expect({ env, status: r.code, stderr: r.err }).toEqual({ env, status: 0, stderr: '' });
  const unfold = (s: string): string => s.split(own).join('{d}');
  return (JSON.parse(r.out) as { args: string[]; code: number; out: string; err: string }[]).map((x) => ({ args: x.args.map(unfold), code: x.code, out: unfold(x.out), err: unfold(x.err) }));
}

// The tests spawn their processes side by side (issue 23).
describe.concurrent('the bundled CLI', () => {
  it('is built as one CommonJS file and its start', () => {
    expect(existsSync('dist/bundle/main.js')).toBe(true);
    expect(existsSync('dist/bundle/cli.cjs')).toBe(true);
    // Strict, as the ES module sources are: the directive must open the file.
    expect(readFileSync('dist/bundle/cli.cjs', 'utf8')).toMatch(/^'use strict';/);
  });

  it('runs every command the same with the compile cache (a new one, then read back), without it, and with an unwritable cache folder', async () => {
    const d = mkdtempSync(join(tmpdir(), 'a2psim-startup-'));
    try {
      const json = join(d, 's.json');
      writeFileSync(json, sources.json);
      const unwritable = join(d, 'a-file');
      writeFileSync(unwritable, '');
      const cache = join(d, 'cache');
      const none = join(d, 'none');
      // The new cache first; then, side by side (issue 23), the cache read back and two runs without one.
      const fresh = await everyCommand(d, 1, { XDG_CACHE_HOME: cache });
      const cached = existsSync(join(cache, 'a2psim')) ? readdirSync(join(cache, 'a2psim'), { recursive: true }) : [];
      const [again, off, noFolder] = await Promise.all([
        everyCommand(d, 2, { XDG_CACHE_HOME: cache }),
        everyCommand(d, 3, { NODE_DISABLE_COMPILE_CACHE: '1', XDG_CACHE_HOME: none }),
        // Its cache folder would be a-file/a2psim: neither made nor written, and nothing said.
        everyCommand(d, 4, { XDG_CACHE_HOME: unwritable }),
      ]);
      expect(fresh.map((r) => [r.args, r.code, r.err])).toEqual(COMMANDS.map(([args, code]) => [args, code, '']));
      COMMANDS.forEach(([args, , out], i) => expect(fresh[i].out, args.join(' ')).toMatch(out));
      expect(again).toEqual(fresh);
      expect(off).toEqual(fresh);
      expect(noFolder).toEqual(fresh);
      expect(existsSync(none)).toBe(false);
      expect(readFileSync(unwritable, 'utf8')).toBe('');
      if (typeof (nodeModule as { enableCompileCache?: unknown }).enableCompileCache === 'function') {
        // The first run wrote Node's entries (a folder per Node version, a file per module).
        expect(cached.length).toBeGreaterThanOrEqual(2);
      } else {
        // Node 20 has no module.enableCompileCache (Node 22.1 and later): the CLI runs without
        // a cache and makes no folder, so there are no entries to look for.
        expect(cached).toEqual([]);
      }
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  }, 300_000);

  it('runs without the cache for a user with no home folder', async (ctx) => {
    // A user id with no passwd entry and no HOME: there is no cache folder to find.
    const why = otherUserUnavailable();
    if (why !== null) return ctx.skip(why);
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_STEP_SUMMARY: '' };
    delete env.HOME;
    delete env.XDG_CACHE_HOME;
    const r = await runAsUser(54321, ['run', 'scenarios/default.yaml', '--format', 'json'], env);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    // The same output as the sources give in process (and the start, below, gives the same as they do).
    expect(r.out).toBe(sources.plain);
  }, 60_000);

  it('--version evaluates no scenario schema; a plain run evaluates them and no pool', async () => {
    const seen = await evaluated([
      ['--version'],
      ['run', 'scenarios/default.yaml', '--format', 'json'],
      // The probe sees the pool where there is one.
      ['run', 'scenarios/mms-default-mps.yaml', '--replications', '2', '--workers', '2', '--format', 'json'],
    ]);
    expect(seen).toEqual([
      { code: 0, zod: false, tinypool: false },
      { code: 0, zod: true, tinypool: false },
      { code: 0, zod: true, tinypool: true },
    ]);
  }, 60_000);

  it('a run output is the same through the start as through the sources', async () => {
    const viaBin = await a2psim(['run', 'scenarios/default.yaml', '--format', 'json']);
    expect({ code: viaBin.code, err: viaBin.err }).toEqual({ code: 0, err: '' });
    expect(viaBin.out).toBe(sources.plain);
  }, 60_000);
});
