// Signals, pipes and stdout on every command (issue 27, part A), with real processes where
// the fault needs one. The built CLI (dist/, built by test/global-setup.ts) runs under
// test/helpers/slow-machine.js, which holds the command at its first visit to the event
// loop until a stop signal: the command is under way for certain when the test sends it.
//   N15: sweep, solve, check and merge stop on SIGINT/SIGTERM/SIGHUP as run does: one line,
//        exit 128 + N, nothing under a final name, no .partial anywhere (TMPDIR included).
//   N16: a signal heard while the message CSV's writer thread drains stops the run; it is
//        never an exit 0 with files committed.
//   N13: a FIFO output without a reader is one line and exit 2 within about a second; a
//        pipe with a reader (`--messages >(gzip > m.csv.gz)`) still gets every row.
//   N11: a write error on stdout itself is one line and exit 2.
// The spawned cases of a group are independent and run side by side (issue 23).
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { executeInteractive } from '../../src/cli/run/interactive.js';
import { SeriesCollector } from '../../src/report/timeseries.js';
import type { TickSnapshot } from '../../src/engine/types.js';
import { cli } from '../helpers/cli.js';
import { scenarioOf } from '../helpers/scenario.js';
import { run } from '../helpers/spawn.js';

const root = mkdtempSync(join(tmpdir(), 'a2psim-stop-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const SLOW_MACHINE = './test/helpers/slow-machine.js';
/** A spawned CLI gets this long, in ms. */
const SPAWN_TIMEOUT = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const TINY = `name: tiny
seed: 1
start: 2026-03-09T15:00:00Z
duration: 10m
numbers: [{ id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }]
traffic: [{ name: otp, from: [tf1], arrival: { kind: poisson, rate: 2/s } }]
expect: ["delivered_ratio >= 0.5"]
`;

/** A folder with the scenario s.yaml, sweep shard files and a private TMPDIR. */
function fixture(): { dir: string; s: string; tmp: string } {
  const dir = mkdtempSync(join(root, 'case-'));
  const s = join(dir, 's.yaml');
  writeFileSync(s, TINY);
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp);
  return { dir, s, tmp };
}

/** Runs the CLI held at its first turn, sends `signal` once it is held; exit code and stderr. */
async function stopped(args: string[], signal: NodeJS.Signals, tmp: string): Promise<{ code: number | null; err: string }> {
  const held = join(tmp, '..', 'held');
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, A2PSIM_TEST_HOLD: '1', A2PSIM_TEST_HOLD_FILE: held };
  delete env.GITHUB_STEP_SUMMARY;
  const child = spawn(process.execPath, ['--import', SLOW_MACHINE, 'bin/a2psim.js', ...args], { stdio: 'pipe', env });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), SPAWN_TIMEOUT - 5_000);
  const deadline = performance.now() + SPAWN_TIMEOUT / 2;
  while (!existsSync(held) && performance.now() < deadline) await sleep(25);
  expect(existsSync(held), err).toBe(true);
  rmSync(held);
  child.kill(signal);
  const code = await exited;
  clearTimeout(timer);
  return { code, err };
}

describe.concurrent('a stop signal on every command (N15)', () => {
  const cases: [string, NodeJS.Signals, number, (f: ReturnType<typeof fixture>) => string[], string[]][] = [
    ['sweep', 'SIGTERM', 143, (f) => ['sweep', f.s, '--vary', 'account.mps.sms=5,10', '--workers', '1', '--out', join(f.dir, 'o.csv'), '--report', join(f.dir, 'r.html')], ['o.csv', 'r.html']],
    ['solve', 'SIGINT', 130, (f) => ['solve', f.s, '--vary', 'account.mps.sms', '--min', '1', '--max', '50', '--workers', '1'], []],
    ['check', 'SIGHUP', 129, (f) => ['check', f.s, '--json', join(f.dir, 'j.json'), '--junit', join(f.dir, 'j.xml')], ['j.xml', 'j.json']],
  ];
  it.each(cases)('%s: %s → one line, exit %i, no output and no .partial anywhere', async (_name, signal, exitCode, args, outs) => {
    const f = fixture();
    const r = await stopped(args(f), signal, f.tmp);
    expect(r.code, r.err).toBe(exitCode);
    const by = signal === 'SIGINT' ? '' : ` by ${signal}`;
    const files = outs.length === 0 ? '' : `; ${outs.map((o) => join(f.dir, o)).join(', ')} not written`;
    expect(r.err).toBe(`a2psim: interrupted${by}${files}\n`);
    expect(readdirSync(f.dir).sort()).toEqual(['s.yaml', 'tmp']);
    expect(readdirSync(f.tmp)).toEqual([]);
  }, SPAWN_TIMEOUT);

  it('merge: SIGTERM while its outputs are written → one line, exit 143, no .partial left', async () => {
    const f = fixture();
    // Its inputs, two sweep shards, are made in process: only the stop needs one.
    for (const i of [1, 2]) {
      const shard = await cli('sweep', f.s, '--vary', 'account.mps.sms=5,10', '--workers', '1', '--shard', `${i}/2`, '--out', join(f.dir, `s${i}.json`));
      expect(shard, shard.err).toMatchObject({ code: 0 });
    }
    // merge writes its partial files, then is held at the stop point before their commit.
    const r = await stopped(['merge', join(f.dir, 's1.json'), join(f.dir, 's2.json'), '--out', join(f.dir, 'm.csv'), '--report', join(f.dir, 'm.html')], 'SIGTERM', f.tmp);
    expect(r.code, r.err).toBe(143);
    expect(r.err).toBe(`a2psim: interrupted by SIGTERM; ${join(f.dir, 'm.csv')}, ${join(f.dir, 'm.html')} not written\n`);
    expect(readdirSync(f.dir).sort()).toEqual(['s.yaml', 's1.json', 's2.json', 'tmp']);
    expect(readdirSync(f.tmp)).toEqual([]);
  }, SPAWN_TIMEOUT);
});

class SignalAtEnd extends SeriesCollector {
  override onTick(atMs: number, snap: TickSnapshot): void {
    super.onTick(atMs, snap);
    // The run's last moment: next come the writer thread's drain and the commit.
    if (snap.final) process.emit('SIGINT');
  }
}

describe('a stop signal at the end of a run whose CSV is on the writer thread (N16)', () => {
  it('stops it: interrupted, no file committed, no .partial', async () => {
    const sc = scenarioOf(`
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: otp, from: [tf1], arrival: { kind: poisson, rate: 5/s } }
duration: 10m
`);
    const dir = mkdtempSync(join(root, 'drain-'));
    const opts = { format: 'table', set: [], messages: join(dir, 'm.csv'), csvThread: { always: true, slots: 2, slotBytes: 512, chunkBytes: 1000 } } as const;
    const { result, signal } = await executeInteractive(sc, opts, { stderr: () => {} }, new SignalAtEnd(60_000));
    expect(signal).toBe('SIGINT');
    expect(result.interrupted).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});

describe.concurrent('pipes (N13)', () => {
  it('a FIFO with no reader: one line, exit 2, within seconds; nothing left', async () => {
    const f = fixture();
    const fifo = join(f.dir, 'fifo');
    execFileSync('mkfifo', [fifo], { timeout: 10_000 });
    const r = await run(process.execPath, ['bin/a2psim.js', 'run', f.s, '--messages', fifo, '-q'], { timeout: 30_000, env: { ...process.env, TMPDIR: f.tmp } });
    expect(r.code, r.err).toBe(2);
    expect(r.err).toBe(`a2psim: ${fifo}: cannot write (ENXIO: no process reads the pipe after 1 s)\n`);
    expect(r.out).toBe('');
    expect(readdirSync(f.dir).sort()).toEqual(['fifo', 's.yaml', 'tmp']);
    expect(readdirSync(f.tmp)).toEqual([]);
  }, 60_000);

  it('a pipe with a reader still gets every row: --messages >(gzip > m.csv.gz)', async () => {
    const f = fixture();
    const gz = join(f.dir, 'm.csv.gz');
    const script = `node bin/a2psim.js run '${f.s}' --messages >(gzip > '${gz}') --format json -q > '${f.dir}/summary.json'; code=$?; wait; exit $code`;
    const r = await run('bash', ['-c', script], { timeout: SPAWN_TIMEOUT - 5_000 });
    expect(r.code, r.err).toBe(0);
    // The gzip process may finish just after bash: wait for the file to be whole.
    let rows = 0;
    for (let i = 0; i < 100 && rows === 0; i++) {
      try {
        rows = gunzipSync(readFileSync(gz)).toString('utf8').trimEnd().split('\r\n').length - 1;
      } catch {
        await sleep(100);
      }
    }
    expect(rows).toBe(JSON.parse(readFileSync(join(f.dir, 'summary.json'), 'utf8')).totals.submitted);
  }, SPAWN_TIMEOUT);
});

describe('stdout (N11)', () => {
  it.skipIf(!existsSync('/dev/full'))('a write error on stdout itself: one line, exit 2, no stack trace', async () => {
    const f = fixture();
    const full = openSync('/dev/full', 'w');
    try {
      const r = await run(process.execPath, ['bin/a2psim.js', 'run', f.s], { stdio: ['ignore', full, 'pipe'], timeout: SPAWN_TIMEOUT - 5_000 });
      expect(r.err).toBe('a2psim: stdout: cannot write (ENOSPC: no space left on device)\n');
      expect(r.code).toBe(2);
    } finally {
      closeSync(full);
    }
  }, SPAWN_TIMEOUT);
});
