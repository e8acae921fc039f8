// The duplicate-block check of `npm run lint:dupes` (jscpd, as package.json runs it): a block
// of 11 lines repeated in two files fails it, naming both; the same block of 10 lines passes;
// a folder with no TypeScript fails rather than passing on nothing. Shown on files written
// to a temporary folder and checked with the script's own options.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script: string = JSON.parse(readFileSync('package.json', 'utf8')).scripts['lint:dupes'];
const dir = mkdtempSync(join(tmpdir(), 'a2psim-dupes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the script's command on `files` (name → source) instead of src/, in a child process. */
function lintDupes(name: string, files: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const [command, ...args] = script.split(' ');
  expect([command, args.at(-1)]).toEqual(['jscpd', 'src']);
  const root = join(dir, name);
  mkdirSync(root);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(root, file), text);
  return new Promise((done, fail) => {
    execFile(process.execPath, [resolve('node_modules/jscpd/run-jscpd.js'), ...args.slice(0, -1), root], { encoding: 'utf8', timeout: 60_000 }, (e, stdout, stderr) => {
      if (e !== null && typeof e.code !== 'number') fail(e);
      else done({ code: e === null ? 0 : (e.code as number), out: stdout + stderr });
    });
  });
}

/** Two functions that share `lines` identical lines, and nothing around them. */
function twins(lines: number): Record<string, string> {
  const block = Array.from({ length: lines }, (_, i) => `  total += values[${i}] * weights[${i}] + offsets[${i}]\n`).join('');
  const head = (name: string, start: number) => `export function ${name}(values: number[], weights: number[], offsets: number[]): number {\n  let total = ${start}\n`;
  return {
    'a.ts': `${head('one', 1)}${block}  console.log(total)\n  return 0\n}\n`,
    'b.ts': `${head('two', 2)}${block}  return total\n}\n`,
  };
}

/** The three checks, run side by side (each is a ~1 s start of jscpd) once the first test asks. */
let started: Record<'ten' | 'eleven' | 'empty', ReturnType<typeof lintDupes>> | undefined;
const checks = () =>
  (started ??= { ten: lintDupes('ten', twins(10)), eleven: lintDupes('eleven', twins(11)), empty: lintDupes('empty', { 'notes.md': '# nothing here\n' }) });

describe('npm run lint:dupes (jscpd)', () => {
  it('passes a block of 10 lines repeated', async () => {
    const r = await checks().ten;
    expect(r.out).toContain('Found 0 clones');
    expect(r.code).toBe(0);
  }, 60_000);

  it('fails a block of 11 lines repeated, naming both places', async () => {
    const r = await checks().eleven;
    expect(r.out).toMatch(/a\.ts \[3:3 - /);
    expect(r.out).toMatch(/b\.ts \[3:3 - /);
    expect(r.out).toContain('Found 1 clones');
    expect(r.code).toBe(1);
  }, 60_000);

  it('fails when it finds no TypeScript to check', async () => {
    const r = await checks().empty;
    expect(r.out).toContain('analyzed no files');
    expect(r.code).not.toBe(0);
  }, 60_000);
});
