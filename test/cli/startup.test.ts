// Start-up (issue 16): bin/a2psim.js runs the esbuild bundle, whose commands are loaded
// when they run. Every command must load from the bundle (a chunk that fails to load
// would only show here), and --version must not load the scenario, engine or report code.
// Needs the bundle, which test/global-setup.ts builds before the suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function a2psim(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['bin/a2psim.js', ...args], { encoding: 'utf8', env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('the bundled CLI', () => {
  it('is built as one entry and per-command chunks', () => {
    expect(existsSync('dist/bundle/main.js')).toBe(true);
  });

  it('loads every command', () => {
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
    for (const [args, code, out] of cases) {
      const r = a2psim(args);
      expect({ args, code: r.code, err: r.err }).toEqual({ args, code, err: '' });
      expect(r.out).toMatch(out);
    }
  }, 60_000);

  it('--version loads no scenario, engine or report module', () => {
    // NODE_DEBUG=esm names each module the loader links; esbuild marks every source file in
    // a chunk with a `// path` comment.
    const r = spawnSync(process.execPath, ['bin/a2psim.js', '--version'], { encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'esm' } });
    expect(r.status).toBe(0);
    const files = [...new Set(r.stderr.match(/dist\/bundle\/[\w./-]+\.js/g) ?? [])];
    expect(files).toContain('dist/bundle/main.js');
    const sources = files.flatMap((f) => readFileSync(f, 'utf8').match(/^\/\/ (src|node_modules)\/\S+/gm) ?? []);
    expect(sources.some((x) => x.includes('node_modules/commander'))).toBe(true);
    expect(sources.filter((x) => /src\/(engine|report|scenario\/load|stages|traffic)|node_modules\/(zod|yaml|luxon|jstat)/.test(x))).toEqual([]);
  }, 60_000);

  it('a plain run loads no pool, statistics, glob library or non-English zod locale', () => {
    // The run command's --replications path, the glob expansion of validate/check and zod's
    // `z.locales` are loaded only where needed (scripts/bundle.mjs keeps English only).
    const r = spawnSync(process.execPath, ['bin/a2psim.js', 'run', 'scenarios/default.yaml'], { encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'esm' } });
    expect(r.status).toBe(0);
    const files = [...new Set(r.stderr.match(/dist\/bundle\/[\w./-]+\.js/g) ?? [])];
    const sources = files.flatMap((f) => readFileSync(f, 'utf8').match(/^\/\/ (src|node_modules)\/\S+/gm) ?? []);
    expect(sources.some((x) => x.includes('node_modules/zod/v4/locales/en.js'))).toBe(true);
    expect(sources.filter((x) => /node_modules\/(jstat|tinyglobby|picomatch|zod\/v4\/locales\/(?!en\.js))|src\/cli\/(pool|files)\.ts/.test(x))).toEqual([]);
    expect(r.stderr).not.toMatch(/tinypool/);
  }, 60_000);
});
