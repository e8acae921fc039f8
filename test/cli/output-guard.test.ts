// The output guard on every command (issue 27, part A), table-driven from the CLI's own
// definitions: buildProgram()'s commands and options are walked, every option that names a
// file a command writes must be in the guard's table (OUTPUT_OPTIONS), and every entry of
// the table must have a recipe here. Then, for each command and output option:
//   output = the input (by name, and through a symlink): exit 2, one line, the input intact
//   two outputs at one path: exit 2, one line, nothing written
//   an existing 600 output stays 600 when replaced
//   a name ending in / (a folder): exit 2, no file of that name
//   a dangling symlink: the file it names is written, the link stays
// A new command, or a new file option, without an entry here and in the guard fails the
// first tests; one in the table but not built on the guard fails the hostile cases.
import {
  chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync,
  symlinkSync, writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { NOT_OUTPUT_OPTIONS, OUTPUT_OPTIONS } from '../../src/cli/io/output-guard.js';
import { cli } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'a2psim-guard-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TINY = `name: tiny
seed: 1
start: 2026-03-09T15:00:00Z
duration: 1m
numbers: [{ id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }]
traffic: [{ name: otp, from: [tf1], arrival: { kind: poisson, rate: 2/s } }]
`;

/** Shard files made once: two of a sweep, one of a check. */
const shards = join(root, 'shards');
beforeAll(async () => {
  mkdirSync(shards);
  writeFileSync(join(shards, 's.yaml'), TINY);
  const s = join(shards, 's.yaml');
  for (const i of [1, 2]) {
    expect((await cli('sweep', s, '--vary', 'account.mps.sms=5,10', '--workers', '1', '--shard', `${i}/2`, '--out', join(shards, `sweep${i}.json`))).code).toBe(0);
  }
  expect((await cli('check', s, '--shard', '1/1', '--out', join(shards, 'check1.json'))).code).toBe(0);
}, 60_000);

/** A fresh folder with the scenario `s.yaml` and copies of the shard files. */
function fixture(): { dir: string; s: string; sweep: string[]; check: string } {
  const dir = mkdtempSync(join(root, 'case-'));
  writeFileSync(join(dir, 's.yaml'), TINY);
  for (const f of ['sweep1.json', 'sweep2.json', 'check1.json']) copyFileSync(join(shards, f), join(dir, f));
  return { dir, s: join(dir, 's.yaml'), sweep: [join(dir, 'sweep1.json'), join(dir, 'sweep2.json')], check: join(dir, 'check1.json') };
}

type Fixture = ReturnType<typeof fixture>;
/** A command line: its arguments and GITHUB_STEP_SUMMARY (unset when absent). */
interface Call {
  readonly args: string[];
  readonly summary?: string;
}
interface Recipe {
  /** The command writing its output `option` at `out`. */
  at(f: Fixture, out: string): Call;
  /** An input of that command line (default: the scenario). */
  input?(f: Fixture): string;
  /** The command with this output and another one both at `out`; absent when the command has no other output. */
  pair?(f: Fixture, out: string): Call;
  /** The output = input case, when it is not simply `at(f, input)` (a folder output). */
  collide?(f: Fixture): { call: Call; input: string };
  /** The file whose mode is checked when `out` is replaced (default: `out`). */
  replaced?(out: string): string;
}

const SWEEP = ['--vary', 'account.mps.sms=5,10', '--workers', '1'];
const q = ['-q'];

/** One recipe per command and output option of OUTPUT_OPTIONS. */
const RECIPES: Record<string, Recipe> = {
  'run --messages': { at: (f, o) => ({ args: ['run', f.s, '--messages', o, ...q] }), pair: (f, o) => ({ args: ['run', f.s, '--messages', o, '--report', o, ...q] }) },
  'run --timeseries': { at: (f, o) => ({ args: ['run', f.s, '--timeseries', o, ...q] }), pair: (f, o) => ({ args: ['run', f.s, '--messages', o, '--timeseries', o, ...q] }) },
  'run --report': { at: (f, o) => ({ args: ['run', f.s, '--report', o, ...q] }), pair: (f, o) => ({ args: ['run', f.s, '--timeseries', o, '--report', o, ...q] }) },
  'check --junit': { at: (f, o) => ({ args: ['check', f.s, '--junit', o, ...q] }), pair: (f, o) => ({ args: ['check', f.s, '--junit', o, '--json', o, ...q] }) },
  'check --json': { at: (f, o) => ({ args: ['check', f.s, '--json', o, ...q] }), pair: (f, o) => ({ args: ['check', f.s, '--report', o, '--json', join(o, 'index.html'), ...q] }) },
  'check --report': {
    at: (f, o) => ({ args: ['check', f.s, '--report', o, ...q] }),
    pair: (f, o) => ({ args: ['check', f.s, '--report', o, '--junit', join(o, 'tiny.html'), ...q] }),
    // The scenario is NAME.html in the report folder: its report would replace it.
    collide: (f) => {
      const input = join(f.dir, 'tiny.html');
      copyFileSync(f.s, input);
      return { call: { args: ['check', input, '--report', f.dir, ...q] }, input };
    },
    replaced: (o) => join(o, 'index.html'),
  },
  'check --out': {
    at: (f, o) => ({ args: ['check', f.s, '--shard', '1/1', '--out', o, ...q] }),
    pair: (f, o) => ({ args: ['check', f.s, '--shard', '1/1', '--out', o, ...q], summary: o }),
  },
  'check --baseline': {
    at: (f, o) => ({ args: ['check', f.s, '--baseline', o, '--update-baseline', ...q] }),
    pair: (f, o) => ({ args: ['check', f.s, '--baseline', o, '--update-baseline', '--json', o, ...q] }),
  },
  'check GITHUB_STEP_SUMMARY': {
    at: (f, o) => ({ args: ['check', f.s, ...q], summary: o }),
    pair: (f, o) => ({ args: ['check', f.s, '--junit', o, ...q], summary: o }),
  },
  'sweep --out': { at: (f, o) => ({ args: ['sweep', f.s, ...SWEEP, '--out', o] }), pair: (f, o) => ({ args: ['sweep', f.s, ...SWEEP, '--out', o, '--report', o] }) },
  'sweep --report': { at: (f, o) => ({ args: ['sweep', f.s, ...SWEEP, '--report', o] }), pair: (f, o) => ({ args: ['sweep', f.s, ...SWEEP, '--report', o, '--out', o] }) },
  'sweep GITHUB_STEP_SUMMARY': {
    at: (f, o) => ({ args: ['sweep', f.s, ...SWEEP], summary: o }),
    pair: (f, o) => ({ args: ['sweep', f.s, ...SWEEP, '--out', o], summary: o }),
  },
  // solve's one output is the job summary: no pair.
  'solve GITHUB_STEP_SUMMARY': { at: (f, o) => ({ args: ['solve', f.s, '--vary', 'account.mps.sms', '--min', '5', '--max', '6', '--expect', 'delivered >= 0', '--workers', '1'], summary: o }) },
  'merge --out': { at: (f, o) => ({ args: ['merge', ...f.sweep, '--out', o] }), input: (f) => f.sweep[0], pair: (f, o) => ({ args: ['merge', ...f.sweep, '--out', o, '--report', o] }) },
  'merge --report': { at: (f, o) => ({ args: ['merge', ...f.sweep, '--report', o] }), input: (f) => f.sweep[1], pair: (f, o) => ({ args: ['merge', ...f.sweep, '--report', o, '--out', o] }) },
  'merge --json': { at: (f, o) => ({ args: ['merge', f.check, '--json', o] }), input: (f) => f.check, pair: (f, o) => ({ args: ['merge', f.check, '--json', o, '--junit', o] }) },
  'merge --junit': { at: (f, o) => ({ args: ['merge', f.check, '--junit', o] }), input: (f) => f.check, pair: (f, o) => ({ args: ['merge', f.check, '--junit', o, '--json', o] }) },
  'merge GITHUB_STEP_SUMMARY': {
    at: (f, o) => ({ args: ['merge', f.check], summary: o }),
    input: (f) => f.check,
    pair: (f, o) => ({ args: ['merge', f.check, '--json', o], summary: o }),
  },
  // playground has one output: no pair.
  'playground --out': { at: (f, o) => ({ args: ['playground', f.s, '--out', o] }) },
};

/** Runs a call in-process with GITHUB_STEP_SUMMARY as it says (restored after). */
async function call(c: Call) {
  const before = process.env.GITHUB_STEP_SUMMARY;
  if (c.summary === undefined) delete process.env.GITHUB_STEP_SUMMARY;
  else process.env.GITHUB_STEP_SUMMARY = c.summary;
  try {
    return await cli(...c.args);
  } finally {
    if (before === undefined) delete process.env.GITHUB_STEP_SUMMARY;
    else process.env.GITHUB_STEP_SUMMARY = before;
  }
}

/** Every command of the CLI with its options, as commander holds them. */
function definitions() {
  const program = buildProgram({ stdout: () => {}, stderr: () => {} }, () => {});
  return program.commands.map((c) => ({ name: c.name(), options: c.options.map((o) => ({ long: o.long ?? o.flags, flags: o.flags, description: o.description })) }));
}

/** An option that seems to name a file or folder, or to write: its placeholder says file/dir, or its description "write". */
const namesAFile = (o: { flags: string; description: string }): boolean => /[<[][^>\]]*(file|dir)[^>\]]*[>\]]/i.test(o.flags) || /\bwrite\b/i.test(o.description);

const ENTRIES = Object.entries(OUTPUT_OPTIONS).flatMap(([command, options]) => Object.entries(options).map(([option, kind]) => ({ command, option, kind, key: `${command} ${option}` })));

describe('the table is the CLI', () => {
  it('every command of the CLI is in OUTPUT_OPTIONS, and no other', () => {
    expect(Object.keys(OUTPUT_OPTIONS).sort()).toEqual(definitions().map((c) => c.name).sort());
  });

  it('every option that names a file a command writes is in OUTPUT_OPTIONS (or says why it is not)', () => {
    const unlisted = definitions().flatMap((c) =>
      c.options.filter((o) => namesAFile(o) && OUTPUT_OPTIONS[c.name]?.[o.long] === undefined && NOT_OUTPUT_OPTIONS[c.name]?.[o.long] === undefined).map((o) => `${c.name} ${o.flags}`),
    );
    expect(unlisted).toEqual([]);
  });

  it('every option of OUTPUT_OPTIONS exists, and has a recipe here', () => {
    const defs = new Map(definitions().map((c) => [c.name, new Set(c.options.map((o) => o.long))]));
    for (const e of ENTRIES) if (e.option.startsWith('--')) expect(defs.get(e.command)?.has(e.option), e.key).toBe(true);
    expect(ENTRIES.map((e) => e.key).filter((k) => RECIPES[k] === undefined)).toEqual([]);
    expect(Object.keys(RECIPES).filter((k) => !ENTRIES.some((e) => e.key === k))).toEqual([]);
  });
});

/** Names and bytes of every file in `dir`. */
const snapshot = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, lstatSync(join(dir, f)).isFile() ? readFileSync(join(dir, f), 'latin1') : '<other>']));

describe.each(ENTRIES)('$key', ({ command, option, kind, key }) => {
  const recipe = RECIPES[key];

  it('output = input: refused with exit 2 and one line, the input intact', async () => {
    const f = fixture();
    const { call: c, input } = recipe.collide?.(f) ?? (() => {
      const input = recipe.input?.(f) ?? f.s;
      return { call: recipe.at(f, input), input };
    })();
    const before = snapshot(f.dir);
    const r = await call(c);
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/^a2psim: \S+: expected a file that is not an input, got .*; refusing to overwrite it\n$/);
    expect(snapshot(f.dir)).toEqual(before);
    expect(existsSync(input)).toBe(true);
  });

  it.skipIf(kind === 'dir')('output = a symlink to the input: refused, the input intact', async () => {
    const f = fixture();
    const input = recipe.input?.(f) ?? f.s;
    const link = join(f.dir, 'link-to-input');
    symlinkSync(input, link);
    const before = snapshot(f.dir);
    const r = await call(recipe.at(f, link));
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/refusing to overwrite it\n$/);
    expect(snapshot(f.dir)).toEqual(before);
  });

  it.skipIf(recipe.pair === undefined)('two outputs at one path: refused with exit 2 and one line, nothing written', async () => {
    const f = fixture();
    const before = snapshot(f.dir);
    const r = await call(recipe.pair!(f, join(f.dir, 'shared')));
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/^a2psim: \S+: expected a different file from \S+, got .* for both\n$/);
    expect(snapshot(f.dir)).toEqual(before);
  });

  it('an existing 600 output keeps its mode when replaced', async () => {
    const f = fixture();
    const out = join(f.dir, kind === 'dir' ? 'reports' : 'out');
    const file = recipe.replaced?.(out) ?? out;
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, 'old', { mode: 0o600 });
    chmodSync(file, 0o600);
    const r = await call(recipe.at(f, out));
    expect([0, 1], r.err).toContain(r.code);
    expect(readFileSync(file, 'utf8')).not.toBe('old');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it.skipIf(!option.startsWith('--') || kind !== 'file')('a name ending in / names a folder: refused, no file of that name', async () => {
    const f = fixture();
    const r = await call(recipe.at(f, join(f.dir, 'newdir') + '/'));
    expect(r.code, r.err).toBe(2);
    expect(r.err).toMatch(/^a2psim: \S+: expected a file name, got .*newdir\/ \(a name ending in \/ names a folder\)\n$/);
    expect(existsSync(join(f.dir, 'newdir'))).toBe(false);
  });

  it.skipIf(!option.startsWith('--') || kind === 'dir')('a dangling symlink: the file it names is written, the link stays', async () => {
    const f = fixture();
    const link = join(f.dir, 'link');
    symlinkSync('target.out', link);
    const r = await call(recipe.at(f, link));
    expect([0, 1], r.err).toContain(r.code);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('target.out');
    expect(statSync(join(f.dir, 'target.out')).size).toBeGreaterThan(0);
    expect(readdirSync(f.dir).filter((n) => n.includes('.partial'))).toEqual([]);
  });

  void command;
});

describe('no command writes a file but through the guard', () => {
  it('only output.ts and output-guard.ts create, rename or append to files', () => {
    const allowed = new Set(['src/cli/io/output.ts', 'src/cli/io/output-guard.ts']);
    const offenders: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !allowed.has(p)) {
          const text = readFileSync(p, 'utf8');
          if (/new AtomicFile\(|writeFileSync|appendFileSync|createWriteStream|renameSync|appendToFile\(|\bfs\.write|\bwriteSync\(/.test(text)) offenders.push(p);
        }
      }
    };
    walk('src');
    expect(offenders).toEqual([]);
  });
});

describe('inputs a command reads besides its arguments', () => {
  it('merge --out over the scenario the shards were made from: refused, the scenario intact', async () => {
    const f = fixture();
    const scenario = join(shards, 's.yaml');
    const r = await cli('merge', ...f.sweep, '--out', scenario);
    expect(r).toMatchObject({ code: 2, err: `a2psim: --out: expected a file that is not an input, got ${scenario} (a scenario file of the shards); refusing to overwrite it\n` });
    expect(readFileSync(scenario, 'utf8')).toBe(TINY);
  });

  it.each([
    ['playground', (y: string, o: string) => ['playground', y, '--out', o]],
    ['sweep', (y: string, o: string) => ['sweep', y, '--vary', 'account.mps.sms=5,10', '--workers', '1', '--out', o]],
  ])('%s --out over a replay file of the scenario: refused, the replay file intact', async (_name, args) => {
    const f = fixture();
    for (const n of ['mdr-replay.yaml', 'mdr-plivo.csv']) copyFileSync(join('test/fixtures', n), join(f.dir, n));
    const replay = join(f.dir, 'mdr-plivo.csv');
    const before = readFileSync(replay, 'utf8');
    const r = await cli(...args(join(f.dir, 'mdr-replay.yaml'), replay));
    expect(r).toMatchObject({ code: 2, err: `a2psim: --out: expected a file that is not an input, got ${replay} (a replay file); refusing to overwrite it\n` });
    expect(readFileSync(replay, 'utf8')).toBe(before);
  });
});
