// The package's size budget (issue 20): `npm pack --dry-run --json` lists what would ship —
// only what the CLI and the library load (no tsc output, no source maps), under 1 MB packed
// and under 40 files. test/slow/package.test.ts installs the tarball and runs it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Packed {
  size: number;
  unpackedSize: number;
  entryCount: number;
  files: { path: string; size: number }[];
}

describe('npm pack', () => {
  const packed = (JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8', timeout: 120_000 })) as Packed[])[0];
  const paths = packed.files.map((f) => f.path);

  it('is under 1 MB and 40 files', () => {
    expect(packed.size).toBeLessThan(1_000_000);
    expect(packed.entryCount).toBeLessThan(40);
  });

  it('ships the CLI, the library and its types, the browser code of the pages and the scenarios, nothing else', () => {
    for (const p of ['bin/a2psim.js', 'dist/bundle/main.js', 'dist/bundle/cli.cjs', 'dist/bundle/sim-worker.js', 'dist/bundle/csv-worker.js', 'dist/bundle/index.js', 'dist/index.d.ts', 'dist/web/report.js', 'dist/web/sweep.js', 'dist/web/playground.js', 'dist/web/playground-worker.js', 'scenarios/default.yaml', 'LICENSE', 'CHANGELOG.md', 'README.md', 'package.json']) {
      expect(paths).toContain(p);
    }
    expect(paths.filter((p) => p.endsWith('.map') || /^dist\/(?!bundle\/|index\.d\.ts$|web\/)/.test(p))).toEqual([]);
  });

  it('its exports, types and engines agree with the README', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/bundle/index.js' });
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['tinypool', 'uplot']);
    expect(pkg.engines.node).toBe('>=20.19');
    expect(readFileSync('README.md', 'utf8')).toContain('Node.js 20.19 or later (`engines` says `>=20.19`');
    expect(readFileSync('LICENSE', 'utf8')).toContain(`${pkg.license} License`);
    expect(readFileSync('CHANGELOG.md', 'utf8')).toContain(`## ${pkg.version}`);
  });
});
