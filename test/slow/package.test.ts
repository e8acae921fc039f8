// The packed package installed as its users install it (issue 20): `npm pack`, then
// `npm install --omit=dev` of the tarball into an empty folder (the registry is asked for
// tinypool and uplot; --prefer-offline), and there the smoke set of scripts/smoke.mjs on this
// Node — run prints the report, the README's "Use from code" program prints the same summary
// JSON as `run --format json`, sweep --workers 2, check --replications 2, playground, rules —
// and `tsc --noEmit` type-checks the README's programs against the installed package (a
// program misusing the library fails it). In test:slow: the install takes 10-20 s.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { packAndInstall, readmePrograms, smoke } from '../../scripts/smoke.mjs';

describe('the package, installed from its tarball', () => {
  let dir = '';
  beforeAll(() => {
    dir = (packAndInstall() as { dir: string }).dir;
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the smoke set: CLI commands and the library, with the same summary JSON', () => {
    expect(smoke(process.execPath, dir)).toHaveLength(7);
  }, 300_000);

  /** `tsc --noEmit` on the programs in `dir` (checkJs: the README's programs are JavaScript). */
  function typeCheck(files: string[]): string {
    const options = { strict: true, noEmit: true, allowJs: true, checkJs: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', skipLibCheck: false, types: ['node'], typeRoots: [resolve('node_modules/@types')] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files }));
    try {
      execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8', timeout: 120_000 });
      return '';
    } catch (e) {
      return String((e as { stdout?: string }).stdout);
    }
  }

  it("type-checks the README's programs against the installed types; a misuse fails", () => {
    const programs = (readmePrograms() as { name: string }[]).map((p) => p.name);
    expect(programs).toEqual(['summary.mjs', 'check-and-sweep.mjs']);
    expect(typeCheck(programs)).toBe('');
    writeFileSync(join(dir, 'misuse.mjs'), "import { simulate, loadScenario } from 'a2psim';\nsimulate(loadScenario(1));\nloadScenario('x').nosuchfield;\n");
    const out = typeCheck(['misuse.mjs']);
    expect(out).toContain("Argument of type 'number' is not assignable to parameter of type 'string'");
    expect(out).toContain("Property 'nosuchfield' does not exist");
  }, 300_000);
});
