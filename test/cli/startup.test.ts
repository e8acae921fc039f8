// Start-up (issue 16): bin/a2psim.js runs the esbuild bundle: dist/bundle/cli.cjs, the CLI
// as one CommonJS file whose commands are evaluated only when they run, loaded by
// dist/bundle/main.js through a V8 code cache in the user's cache folder. Every command must
// run from the bundle, the same with the cache as without, and --version must not evaluate
// the scenario schemas. Needs the bundle, which test/global-setup.ts builds before the suite.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { otherUserUnavailable, runAsUser } from '../helpers/other-user.js';

function a2psim(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['bin/a2psim.js', ...args], { encoding: 'utf8', env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env }, timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * Runs the bundled CLI on `args` in a new process and returns what it had evaluated: zod
 * (its global config, created when the scenario schemas load) and tinypool (the pool, which the
 * bundle requires: it shows in the CommonJS module cache).
 */
function evaluated(args: string[]): { code: number; zod: boolean; tinypool: boolean } {
  const start = new URL('../../dist/bundle/main.js', import.meta.url).href;
  const script = `import { main } from ${JSON.stringify(start)};
    import { createRequire } from 'node:module';
    const code = await main(['node', 'a2psim', ...${JSON.stringify(args)}]);
    const tinypool = Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes('/node_modules/tinypool/'));
    console.error(JSON.stringify({ code, zod: '__zod_globalConfig' in globalThis, tinypool }));`;
  // A file, not --eval: pool threads inherit the process's flags, and --input-type would stop them.
  const file = join(mkdtempSync(join(tmpdir(), 'a2psim-probe-')), 'probe.mjs');
  writeFileSync(file, script);
  const r = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(r.stderr.trim().split('\n').at(-1) ?? '') as { code: number; zod: boolean; tinypool: boolean };
}

describe('the bundled CLI', () => {
  it('is built as one CommonJS file and its start', () => {
    expect(existsSync('dist/bundle/main.js')).toBe(true);
    expect(existsSync('dist/bundle/cli.cjs')).toBe(true);
    // Strict, as the ES module sources are: the directive must open the file.
    expect(readFileSync('dist/bundle/cli.cjs', 'utf8')).toMatch(/^'use strict';/);
  });

  it('is ASCII only, without comments: V8 keeps its source as a one-byte string (a third faster to load)', () => {
    const bytes = readFileSync('dist/bundle/cli.cjs');
    const at = bytes.findIndex((b) => b > 0x7f);
    expect(at, at < 0 ? '' : `non-ASCII byte at ${at}: ${bytes.subarray(Math.max(0, at - 60), at + 20).toString('utf8')}`).toBe(-1);
    expect(bytes.length).toBeLessThan(1_500_000);
  });

  it('runs every command, the same from a new cache, from the cache and without one', () => {
    const d = mkdtempSync(join(tmpdir(), 'a2psim-startup-'));
    const json = join(d, 's.json');
    writeFileSync(json, a2psim(['run', 'scenarios/mms-default-mps.yaml', '--format', 'json', '-q']).out);
    const cases: [string[], number, RegExp][] = [
      [['--version'], 0, /^\d+\.\d+\.\d+\n$/],
      [['--help'], 0, /Usage: a2psim/],
      [['rules'], 0, /T-Mobile/],
      [['schema'], 0, /"\$schema"/],
      [['validate', 'scenarios/default.yaml'], 0, /ok scenarios\/default\.yaml/],
      [['run', 'scenarios/mms-default-mps.yaml', '-q'], 0, /a2psim — /],
      // tinypool stays outside the bundle: it starts its worker from its own folder.
      [['run', 'scenarios/mms-default-mps.yaml', '--replications', '2', '--workers', '2', '-q'], 0, /2 replications/],
      [['check', 'scenarios/mms-default-mps.yaml', '-q'], 0, /✓/],
      [['compare', json, json], 0, /./],
      [['playground', '--out', join(d, 'p.html')], 0, /wrote .*p\.html/],
    ];
    const cache = join(d, 'cache');
    // Every command from a new cache (each writes its entry); from the cache (the entry read
    // back) and without one for a few: reading an entry and switching the cache off are the
    // same code for every command (code-cache.ts, tested in code-cache.test.ts). 16 processes,
    // not 30 (issue 23: suite time).
    const again = new Set(['run', 'check', '--version']);
    for (const [args, code, out] of cases) {
      const fresh = a2psim(args, { XDG_CACHE_HOME: cache });
      expect({ args, code: fresh.code, err: fresh.err }).toEqual({ args, code, err: '' });
      expect(fresh.out).toMatch(out);
      if (!again.has(args[0])) continue;
      expect(a2psim(args, { XDG_CACHE_HOME: cache })).toEqual(fresh);
      expect(a2psim(args, { NODE_DISABLE_COMPILE_CACHE: '1', XDG_CACHE_HOME: join(d, 'none') })).toEqual(fresh);
    }
    expect(readdirSync(join(cache, 'a2psim')).filter((f) => f.endsWith('.v8cache')).length).toBeGreaterThanOrEqual(8);
    expect(existsSync(join(d, 'none'))).toBe(false);
  }, 120_000);

  it('runs without the cache for a user with no home folder', (ctx) => {
    // A user id with no passwd entry and no HOME: there is no cache folder to find.
    const why = otherUserUnavailable();
    if (why !== null) return ctx.skip(why);
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_STEP_SUMMARY: '' };
    delete env.HOME;
    delete env.XDG_CACHE_HOME;
    const r = runAsUser(54321, ['run', 'scenarios/default.yaml', '--format', 'json'], env);
    expect({ code: r.status, err: r.stderr }).toEqual({ code: 0, err: '' });
    expect(r.stdout).toBe(a2psim(['run', 'scenarios/default.yaml', '--format', 'json']).out);
  }, 60_000);

  it('--version evaluates no scenario schema; a plain run evaluates them and no pool', () => {
    expect(evaluated(['--version'])).toEqual({ code: 0, zod: false, tinypool: false });
    expect(evaluated(['run', 'scenarios/default.yaml', '--format', 'json'])).toEqual({ code: 0, zod: true, tinypool: false });
    // The probe sees the pool where there is one.
    expect(evaluated(['run', 'scenarios/mms-default-mps.yaml', '--replications', '2', '--workers', '2', '--format', 'json'])).toEqual({ code: 0, zod: true, tinypool: true });
  }, 60_000);

  it('a run output is the same through the start as through the sources', () => {
    const viaBin = execFileSync(process.execPath, ['bin/a2psim.js', 'run', 'scenarios/default.yaml', '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
    const viaDist = execFileSync(process.execPath, ['--input-type=module', '-e', "import { main } from './dist/cli/main.js'; process.exitCode = await main(process.argv);", 'x', 'run', 'scenarios/default.yaml', '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
    expect(viaBin).toBe(viaDist);
  }, 60_000);
});
