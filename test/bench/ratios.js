// Ratio benchmarks of issue 16, each a pair of commands measured side by side in one run
// (A, B, A, B, ...) so that both see the same machine and load:
//   - message CSV:  us-day at 10M with --messages against the same run without (small: 100k)
//   - start-up:     `a2psim --version` against `node -e 0`
//   - tiny run:     `a2psim run scenarios/default.yaml` against `node -e 0`
// Wall time is the median of the repetitions; CPU time (user + system, of the child
// process, from /proc/self/stat's cutime/cstime, in 10 ms ticks) is the mean. No --import
// probe is loaded, so start-up is measured as a user sees it. Used by run.js.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Targets of issue 16: B may take at most this many times A. */
export const TARGETS = { csv: 2, version: 2, tiny: 3 };

const TICK_S = 0.01; // USER_HZ on Linux

/** CPU seconds (user and system) of all waited-for children so far, or null off Linux. */
function childrenCpu() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": state is f[0]; cutime and cstime are fields 16 and 17 of stat(5).
    return { user: Number(f[13]) * TICK_S, sys: Number(f[14]) * TICK_S };
  } catch {
    return null;
  }
}

/** Runs `args` with node once; returns wall, CPU (user + system) and system seconds. Throws when it fails. */
function timeOnce(cwd, args) {
  const cpu0 = childrenCpu();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wall = (performance.now() - t0) / 1000;
  const cpu1 = childrenCpu();
  if (r.status !== 0) throw new Error(`node ${args.join(' ')}: exited ${r.status ?? r.signal}\n${r.stderr}`);
  if (cpu0 === null || cpu1 === null) return { wall, cpu: null, sys: null };
  return { wall, cpu: cpu1.user + cpu1.sys - cpu0.user - cpu0.sys, sys: cpu1.sys - cpu0.sys };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mean = (xs) => (xs.some((x) => x === null) ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const round = (x, d) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

/** Measures `a` and `b` ({ label, args }: node arguments) `reps` times each, interleaved, after one warm-up of each. */
export function pair(cwd, name, target, a, b, reps, after = () => {}) {
  const runs = { a: [], b: [] };
  timeOnce(cwd, a.args); // warm the file cache for both; not counted
  timeOnce(cwd, b.args);
  after();
  for (let i = 0; i < reps; i++) {
    runs.a.push(timeOnce(cwd, a.args));
    runs.b.push(timeOnce(cwd, b.args));
    after();
  }
  const side = (label, rs) => ({
    label,
    wallSeconds: round(median(rs.map((r) => r.wall)), 4),
    cpuSeconds: round(mean(rs.map((r) => r.cpu)), 4),
    sysSeconds: round(mean(rs.map((r) => r.sys)), 4),
  });
  const A = side(a.label, runs.a);
  const B = side(b.label, runs.b);
  return {
    name,
    target,
    reps,
    a: A,
    b: B,
    wallRatio: round(B.wallSeconds / A.wallSeconds, 2),
    cpuRatio: A.cpuSeconds && B.cpuSeconds !== null ? round(B.cpuSeconds / A.cpuSeconds, 2) : null,
  };
}

/**
 * Runs the three ratio benchmarks.
 * @param o.root repository root; o.bin the CLI; o.dir a scratch folder; o.small quick mode;
 *   o.usDayArgs extra `run` arguments that scale us-day.yaml (empty at full size).
 */
export function runRatios(o) {
  const csvFile = join(o.dir, 'ratio-messages.csv');
  const usDay = ['run', join(o.root, 'test', 'bench', 'us-day.yaml'), '--format', 'json', '--quiet', ...o.usDayArgs];
  const nodeE0 = { label: 'node -e 0', args: ['-e', '0'] };
  let csvBytes = null;
  const results = [
    pair(
      o.root,
      `message CSV (us-day${o.small ? ' 100k' : ' 10M'}): --messages vs without`,
      TARGETS.csv,
      { label: 'without --messages', args: [o.bin, ...usDay] },
      { label: 'with --messages', args: [o.bin, ...usDay, '--messages', csvFile] },
      o.small ? 1 : 3,
      () => {
        csvBytes = statSync(csvFile, { throwIfNoEntry: false })?.size ?? csvBytes;
        rmSync(csvFile, { force: true });
      },
    ),
    pair(o.root, 'start-up: a2psim --version vs node -e 0', TARGETS.version, nodeE0, { label: 'a2psim --version', args: [o.bin, '--version'] }, o.small ? 3 : 15),
    pair(o.root, 'tiny run: a2psim run scenarios/default.yaml vs node -e 0', TARGETS.tiny, nodeE0, { label: 'a2psim run default.yaml', args: [o.bin, 'run', 'scenarios/default.yaml'] }, o.small ? 3 : 10),
  ];
  results[0].csvBytes = csvBytes;
  return results;
}

/** The ratio table as text: one line per pair, CPU beside wall, and the verdict. */
export function ratioTable(results) {
  const lines = ['ratio (B / A)                                               wall s (A → B)     ratio   CPU s (A → B)     ratio   of which system  target'];
  for (const r of results) {
    const cpu = r.cpuRatio === null ? 'n/a' : `${r.a.cpuSeconds.toFixed(3)} → ${r.b.cpuSeconds.toFixed(3)}`;
    const sys = r.cpuRatio === null ? 'n/a' : `${r.a.sysSeconds.toFixed(2)} → ${r.b.sysSeconds.toFixed(2)}`;
    const ok = (x) => (x !== null && x <= r.target ? 'ok' : 'OVER');
    lines.push(
      `${r.name.padEnd(58)}  ${`${r.a.wallSeconds.toFixed(3)} → ${r.b.wallSeconds.toFixed(3)}`.padEnd(17)}  ${`${r.wallRatio}×`.padStart(6)}   ${cpu.padEnd(16)}  ${`${r.cpuRatio ?? '-'}×`.padStart(6)}   ${sys.padEnd(15)}  ≤ ${r.target}× (wall ${ok(r.wallRatio)}, CPU ${ok(r.cpuRatio)})`,
    );
  }
  return lines.join('\n');
}
