#!/usr/bin/env node
// The worker-pool benchmark (issue 13: 40 points × 100k messages at ≥ 1.8× the one-worker
// time). Two sweeps of 40 points, each run with --workers 1 and with --workers N (N = the
// cores available, at least 2), every run in its own process, interleaved 1, N, 1, N, ...
// (3 runs of each; small: 1):
//   - us-day, the headline: test/bench/us-day.yaml (a US day: toll-free OTP with a spike,
//     short-code alerts, two 10DLC campaigns with a blast and the T-Mobile cap) scaled to
//     ~100,000 messages a point (small: 5,000), over account.mps.sms = 1..40 — "what account
//     MPS do I need", the kind of sweep users run;
//   - md1: the M/D/1 model at 80..99.5/s for 1,111 s (~100,000 messages a point, small
//     10,000). Its points are so cheap (~30 ms) that thread start-up and warm-up bound the
//     speed-up: the line shows that bound.
// For each: the whole process's wall time and CPU time (all threads; test/bench/cpu-probe.js),
// and the sweep's in-process time (see below). For the headline, also the machine's own
// bound: N one-worker sweeps started at once as separate processes (what perfectly
// independent work gains here: shared caches, memory and V8's own background threads).
// The in-process time runs from the job runner's creation (the points' checks and the pool
// start-up included) to the last result: process start-up and output excluded. Medians, with
// every run listed. The machine's load average is printed before and after:
// other work on the machine shows in these numbers. Every run must print the same bytes.
// Registered in run.js; also runs alone: `node test/bench/sweep-pool.js [--small] [--out FILE]`,
// where FILE (JSON: scale, date, machine, load, sweepPool) feeds `node test/bench/to-docs.js FILE`,
// which then regenerates the pool section of docs/performance.md only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { usDaySets } from './us-day-sets.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const probe = pathToFileURL(join(here, 'cpu-probe.js')).href;

/** The two sweeps: name, scenario, the --set and --vary arguments, and what it stands for. */
function sweeps(small) {
  return [
    {
      name: 'us-day',
      file: join(here, 'us-day.yaml'),
      args: [...usDaySets(small ? 0.0005 : 0.01), '--vary', 'account.mps.sms=1..40'],
      about: `us-day scaled to ~${small ? '5,000' : '100,000'} messages a point, account.mps.sms = 1..40`,
      copies: true,
    },
    {
      name: 'md1',
      file: join(here, 'md1.yaml'),
      args: ['--set', `duration=${small ? '111.111s' : '1111.111s'}`, '--vary', 'traffic[0].arrival.rate=80..99.5:0.5', '--metric', 'submitted', '--metric', 'wait_mean'],
      about: 'M/D/1 at 80..99.5/s, ~30 ms a point: thread start-up and warm-up bound the speed-up',
    },
  ];
}

function sweepOnce(sweep, workers, dir) {
  const cpuFile = join(dir, `cpu-${sweep.name}-${workers}`);
  const jobsFile = join(dir, `jobs-${sweep.name}-${workers}`);
  const args = ['--import', probe, join(root, 'bin', 'a2psim.js'), 'sweep', sweep.file, ...sweep.args, '--format', 'json', '--workers', String(workers)];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, A2PSIM_BENCH_CPU_FILE: cpuFile, A2PSIM_BENCH_JOBS_FILE: jobsFile } });
  const wallSeconds = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`sweep ${sweep.name} --workers ${workers} exited ${r.status ?? r.signal}\n${r.stderr}`);
  const jobsText = readFileSync(jobsFile, 'utf8');
  if (jobsText === '') throw new Error(`sweep ${sweep.name} --workers ${workers}: no jobs timing (a2psim:jobs-start/done marks) was recorded`);
  return { wallSeconds: round(wallSeconds), cpuSeconds: round(Number(readFileSync(cpuFile, 'utf8'))), jobsSeconds: round(Number(jobsText)), stdout: r.stdout };
}

const round = (x) => Math.round(x * 1000) / 1000;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Medians of a worker count's runs, and the runs. */
function side(workers, runs) {
  const of = (k) => round(median(runs.map((r) => r[k])));
  return { workers, wallSeconds: of('wallSeconds'), cpuSeconds: of('cpuSeconds'), jobsSeconds: of('jobsSeconds'), runs: runs.map(({ stdout, ...r }) => r) };
}

/**
 * The machine's own bound: `n` copies of the one-worker sweep started at once as separate
 * processes (nothing shared, no pool), timed until the last one ends. n × the one-worker wall
 * time over this is the speed-up that perfectly independent work gets on this machine.
 */
function copiesOnce(sweep, n) {
  const cmd = [process.execPath, join(root, 'bin', 'a2psim.js'), 'sweep', sweep.file, ...sweep.args, '--format', 'json', '--workers', '1'].map(shellQuote).join(' ');
  const script = `${Array.from({ length: n }, () => `${cmd} > /dev/null &`).join(' ')} wait`;
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', script], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${n} copies of sweep ${sweep.name} at once: exit ${r.status ?? r.signal}\n${r.stderr}`);
  return round((performance.now() - t0) / 1000);
}

const shellQuote = (x) => `'${String(x).replaceAll("'", "'\\''")}'`;

/** Runs one sweep `reps` times on 1 and on `n` workers (and, for the headline, n copies at once), interleaved; its figures. */
function measure(sweep, n, reps, dir) {
  const loadBefore = loadavg().map(round);
  const ones = [];
  const manys = [];
  const copies = [];
  for (let i = 0; i < reps; i++) {
    ones.push(sweepOnce(sweep, 1, dir));
    manys.push(sweepOnce(sweep, n, dir));
    if (sweep.copies) copies.push(copiesOnce(sweep, n));
  }
  const doc = JSON.parse(ones[0].stdout);
  const one = side(1, ones);
  const many = side(n, manys);
  return {
    name: sweep.name,
    scenario: relative(root, sweep.file),
    about: sweep.about,
    points: doc.points.length,
    messages: doc.points.reduce((a, p) => a + p.metrics.submitted.mean, 0),
    identical: [...ones, ...manys].every((r) => r.stdout === ones[0].stdout),
    one,
    many,
    speedUp: round(one.wallSeconds / many.wallSeconds),
    jobsSpeedUp: round(one.jobsSeconds / many.jobsSeconds),
    copies: sweep.copies ? { processes: n, wallSeconds: round(median(copies)), runs: copies, speedUp: round((n * one.wallSeconds) / median(copies)) } : null,
    loadAverage: { before: loadBefore, after: loadavg().map(round) },
  };
}

/** The printed lines of one sweep's figures. */
export function sweepText(s) {
  const runs = (r, k) => r.runs.map((x) => x[k].toFixed(2)).join(' ');
  const lines = [`worker pool, ${s.name}: sweep of ${s.points} points, ${s.messages.toLocaleString('en-US')} messages in all (${s.about})`];
  for (const r of [s.one, s.many]) {
    lines.push(`  --workers ${r.workers}: process wall ${r.wallSeconds.toFixed(2)} s [${runs(r, 'wallSeconds')}], CPU ${r.cpuSeconds.toFixed(2)} s [${runs(r, 'cpuSeconds')}]; sweep in-process ${r.jobsSeconds.toFixed(2)} s [${runs(r, 'jobsSeconds')}]`);
  }
  lines.push(`  speed-up: process wall ${s.speedUp.toFixed(2)}×, sweep in-process ${s.jobsSpeedUp.toFixed(2)}× (load average before ${s.loadAverage.before.join(' ')}, after ${s.loadAverage.after.join(' ')}); outputs identical: ${s.identical}`);
  if (s.copies !== null) {
    const c = s.copies;
    lines.push(`  machine bound: ${c.processes} one-worker sweeps at once as separate processes end in ${c.wallSeconds.toFixed(2)} s [${c.runs.map((x) => x.toFixed(2)).join(' ')}]: ${c.speedUp.toFixed(2)}× the work of one in its time`);
  }
  return lines.join('\n');
}

/** Runs the benchmark; returns its figures (and prints them). */
export function sweepPoolBench({ small = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-pool-bench-'));
  const n = Math.max(2, availableParallelism());
  const reps = small ? 1 : 3;
  try {
    const results = sweeps(small).map((s) => measure(s, n, reps, dir));
    const report = { nproc: availableParallelism(), workers: n, reps, sweeps: results };
    console.log(`\nworker pool (medians of ${reps} run${reps > 1 ? 's' : ''} each, interleaved; nproc ${report.nproc}; [every run])`);
    for (const s of results) console.log(sweepText(s));
    if (results.some((s) => !s.identical)) process.exitCode = 1;
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const small = process.argv.includes('--small') || process.env.BENCH_SCALE === 'small';
  const outIdx = process.argv.indexOf('--out');
  const date = new Date().toISOString();
  const before = loadavg().map(round);
  const sweepPool = { command: 'node test/bench/sweep-pool.js', ...sweepPoolBench({ small }) };
  if (outIdx > 0) {
    const machine = { nproc: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}` };
    const report = { scale: small ? 'small' : 'full', date, machine, load: { before, after: loadavg().map(round) }, sweepPool };
    writeFileSync(process.argv[outIdx + 1], JSON.stringify(report, null, 2) + '\n');
  }
}
