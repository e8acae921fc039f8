// The real-day benchmark (issue 14): test/bench/us-day-real.yaml (daily profiles, a
// sending window across US zones, a carrier outage and a degraded carrier) against test/bench/us-day.yaml (flat rates) at the same
// scale, each in its own child process, best of `repeats` runs by CPU time. Prints CPU and
// wall time of both and their ratios; the bound is a ratio within 1.5. Printed,
// never asserted (a loaded machine moves wall time; CPU time is the steadier measure).
//
//   node test/bench/real-day.js [--small]     (also run by npm run bench)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const bin = join(root, 'bin', 'a2psim.js');
const cpuProbe = pathToFileURL(join(here, 'cpu-probe.js')).href;
const rssProbe = pathToFileURL(join(here, 'rss-probe.js')).href;

/** --set overrides scaling every source of a us-day file (rates, per-hour profiles, bursts, the T-Mobile cap) by `f`. */
export function scaleSets(file, f) {
  if (f === 1) return [];
  const doc = parse(readFileSync(join(here, file), 'utf8'));
  const sets = [`rules.tpd=${Math.max(1, Math.round(200_000 * f))}`];
  doc.traffic.forEach((t, i) => {
    const a = t.arrival;
    if (a.kind === 'burst') sets.push(`traffic[${i}].arrival.count=${Math.round(a.count * f)}`);
    else if (a.kind === 'profile') sets.push(`traffic[${i}].arrival.per_hour=[${a.per_hour.map((v) => v * f).join(',')}]`);
    else {
      const m = /^(\d+)\/day$/.exec(String(a.rate));
      if (!m) throw new Error(`${file} traffic[${i}]: write the rate as N/day to scale it`);
      sets.push(`traffic[${i}].arrival.rate=${Number(m[1]) * f}/day`);
    }
  });
  return sets.flatMap((s) => ['--set', s]);
}

function runOnce(file, f, dir) {
  const cpuFile = join(dir, 'cpu');
  const rssFile = join(dir, 'rss');
  const args = ['--import', cpuProbe, '--import', rssProbe, bin, 'run', join(here, file), '--format', 'json', '--quiet', ...scaleSets(file, f)];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, A2PSIM_BENCH_CPU_FILE: cpuFile, A2PSIM_BENCH_RSS_FILE: rssFile } });
  const wallSeconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${file}: a2psim exited ${r.status ?? r.signal}\n${r.stderr}`);
  const cpuSeconds = Number(readFileSync(cpuFile, 'utf8'));
  const peakRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024;
  return { file, messages: JSON.parse(r.stdout).totals.submitted, wallSeconds, cpuSeconds, peakRssMb };
}

/**
 * Runs both scenarios `repeats` times at scale `f` (1 = 10M messages) and reports the best
 * (lowest CPU) run of each and the ratios real/flat.
 */
export function realDayBench({ small = false, repeats = small ? 1 : 2, log = console.log } = {}) {
  const f = small ? 0.01 : 1;
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-realday-'));
  const load = loadavg()[0];
  try {
    const best = (file) => {
      const runs = Array.from({ length: repeats }, () => runOnce(file, f, dir));
      return runs.reduce((a, b) => (b.cpuSeconds < a.cpuSeconds ? b : a));
    };
    const flat = best('us-day.yaml');
    const real = best('us-day-real.yaml');
    const ratio = { cpu: real.cpuSeconds / flat.cpuSeconds, wall: real.wallSeconds / flat.wallSeconds };
    const row = (r) =>
      `  ${r.file.padEnd(17)} ${r.messages.toLocaleString('en-US').padStart(11)} msgs  cpu ${r.cpuSeconds.toFixed(2)} s  wall ${r.wallSeconds.toFixed(2)} s  peak RSS ${r.peakRssMb.toFixed(0)} MB`;
    log(`\nreal day (profiles, sending window, incidents) vs flat us-day, best of ${repeats}, load average ${load.toFixed(2)} at start:`);
    log(row(flat));
    log(row(real));
    log(`  ratio real/flat: cpu ${ratio.cpu.toFixed(2)}, wall ${ratio.wall.toFixed(2)} (bound: 1.5)`);
    return { scale: f, flat, real, ratio, loadAverage: load };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) realDayBench({ small: process.argv.includes('--small') });
