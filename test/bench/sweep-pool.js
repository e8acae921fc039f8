#!/usr/bin/env node
// The worker-pool benchmark (issue 13): one sweep of 40 points × ~100k messages (the M/D/1
// model at 80..99.5/s for 1,111 s), run with --workers 1 and with --workers N (N = the
// cores available), each in its own process. Prints, for each, the whole process's wall time
// and CPU time (all threads), and the in-process time of the sweep's jobs alone (from the job
// runner's start, pool start-up included, to the last result; process start-up and output
// excluded), and the speed-up on both wall and in-process time, with the machine's load average before and after — other work on the
// machine shows in these numbers, so read them with the load. Both runs must print the
// same bytes. Registered in run.js; also runs alone: `node test/bench/sweep-pool.js [--small]`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const probe = pathToFileURL(join(here, 'cpu-probe.js')).href;

function sweepOnce(workers, small, dir) {
  const cpuFile = join(dir, `cpu-${workers}`);
  const jobsFile = join(dir, `jobs-${workers}`);
  // 40 points: arrival rates 80, 80.5, ..., 99.5 per second.
  const duration = small ? '111.111s' : '1111.111s';
  const args = ['--import', probe, join(root, 'bin', 'a2psim.js'), 'sweep', join(here, 'md1.yaml'), '--set', `duration=${duration}`,
    '--vary', 'traffic[0].arrival.rate=80..99.5:0.5', '--metric', 'submitted', '--metric', 'wait_mean', '--format', 'json', '--workers', String(workers)];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, A2PSIM_BENCH_CPU_FILE: cpuFile, A2PSIM_BENCH_JOBS_FILE: jobsFile } });
  const wallSeconds = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`sweep --workers ${workers} exited ${r.status ?? r.signal}\n${r.stderr}`);
  const doc = JSON.parse(r.stdout);
  const messages = doc.points.reduce((a, p) => a + p.metrics.submitted.mean, 0);
  const jobsText = readFileSync(jobsFile, 'utf8');
  if (jobsText === '') throw new Error(`sweep --workers ${workers}: no jobs timing (a2psim:jobs-start/done marks) was recorded`);
  return { workers, points: doc.points.length, messages, wallSeconds: round(wallSeconds), cpuSeconds: round(Number(readFileSync(cpuFile, 'utf8'))), jobsSeconds: round(Number(jobsText)), stdout: r.stdout };
}

const round = (x) => Math.round(x * 1000) / 1000;

/** Runs the benchmark; returns its figures (and prints them). */
export function sweepPoolBench({ small = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-pool-bench-'));
  const n = Math.max(2, availableParallelism());
  const loadBefore = loadavg().map((x) => round(x));
  try {
    const one = sweepOnce(1, small, dir);
    const many = sweepOnce(n, small, dir);
    const loadAfter = loadavg().map((x) => round(x));
    const result = {
      name: 'sweep 40 points, worker pool',
      points: one.points,
      messages: one.messages,
      identical: one.stdout === many.stdout,
      one: { workers: 1, wallSeconds: one.wallSeconds, cpuSeconds: one.cpuSeconds, jobsSeconds: one.jobsSeconds },
      many: { workers: n, wallSeconds: many.wallSeconds, cpuSeconds: many.cpuSeconds, jobsSeconds: many.jobsSeconds },
      speedUp: round(one.wallSeconds / many.wallSeconds),
      jobsSpeedUp: round(one.jobsSeconds / many.jobsSeconds),
      nproc: availableParallelism(),
      loadAverage: { before: loadBefore, after: loadAfter },
    };
    console.log(`\nworker pool: sweep of ${result.points} points, ${result.messages.toLocaleString('en-US')} messages in all`);
    for (const r of [one, many]) {
      console.log(`  --workers ${r.workers}: process wall ${r.wallSeconds.toFixed(2)} s, CPU ${r.cpuSeconds.toFixed(2)} s; sweep jobs in-process ${r.jobsSeconds.toFixed(2)} s`);
    }
    console.log(`  speed-up: process wall ${result.speedUp.toFixed(2)}×, sweep jobs in-process ${result.jobsSpeedUp.toFixed(2)}× (nproc ${result.nproc}; load average before ${loadBefore.join(' ')}, after ${loadAfter.join(' ')}); outputs identical: ${result.identical}`);
    if (!result.identical) process.exitCode = 1;
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  sweepPoolBench({ small: process.argv.includes('--small') || process.env.BENCH_SCALE === 'small' });
}
