// Start-up of the CLI (issues 16 and 20): `a2psim --version` and a tiny run (`run
// scenarios/default.yaml`, 3,019 messages) as ratios over `node -e 0` of the same Node, on
// one or more Node versions side by side, the CLI started as shipped (bin/a2psim.js: Node's
// compile cache in the cache folder, Node 22.1 and later; Node 20 has none and compiles the
// bundle at every start):
//
//   node test/bench/run.js --only startup [--reps N] [--node 20 --node 22 ...]
//                          [--build LABEL=DIR ...] [--out FILE]
//
// --node takes a major version (this Node when it matches, else `npx -y -p node@N`, as
// scripts/smoke.mjs does) or a path to a node binary; default: this Node and Node 22.
// --build (checkouts with dist/ built, to compare two commits: each later one over the
// first) defaults to this checkout. Every variant (node -e 0, then each build's commands)
// runs twice to fill its cache (a folder of its own, as XDG_CACHE_HOME), then N times,
// interleaved: one run of every variant per round, in an order that rotates each round, so
// that all see the same machine and load. Wall and CPU (user + system of the process and
// its threads: bash's `times`, to the millisecond) are medians. Timings are printed, never
// asserted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { registryNode } from '../../scripts/smoke.mjs';

/** Times one command in bash: exit code, start and end (EPOCHREALTIME), then `times` (children CPU). */
const TIMER = 's=$EPOCHREALTIME; "$@" >/dev/null; rc=$?; e=$EPOCHREALTIME; echo "$rc $s $e"; times';

const seconds = (t) => {
  const m = /^(\d+)m([\d.,]+)s$/.exec(t);
  return m === null ? NaN : Number(m[1]) * 60 + Number(m[2].replace(',', '.'));
};

/** Runs `node args` in `cwd` once; returns { wall, cpu } in seconds. Throws when it fails. */
function timeOnce(node, args, cwd, env) {
  const r = spawnSync('bash', ['-c', TIMER, 'timer', node, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  const lines = (r.stdout ?? '').trim().split('\n');
  const [rc, s, e] = (lines[0] ?? '').split(' ');
  if (r.status !== 0 || rc !== '0') throw new Error(`${node} ${args.join(' ')}: exited ${rc ?? r.status ?? r.signal}\n${r.stderr}`);
  const [user, sys] = (lines[2] ?? '').split(' ').map(seconds);
  return { wall: Number(e.replace(',', '.')) - Number(s.replace(',', '.')), cpu: user + sys };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;

/** The node binary for `spec`: a path, or a major version (this Node when it matches, else from the npm registry). */
export function nodeBinary(spec) {
  if (!/^\d+$/.test(spec)) return resolve(spec);
  return process.versions.node.split('.')[0] === spec ? process.execPath : registryNode(spec);
}

/** The commands measured for each build: label and arguments after bin/a2psim.js. */
export const COMMANDS = [
  { label: 'a2psim --version', args: ['--version'] },
  { label: 'a2psim run default.yaml', args: ['run', 'scenarios/default.yaml'] },
];

/**
 * Measures start-up.
 * @param o.builds [{ label, root }]: checkouts with dist/ built (each started as shipped, bin/a2psim.js)
 * @param o.nodes [node binary paths]
 * @param o.reps measured runs of each variant (after two to fill its cache)
 * @param o.log progress lines (to stderr)
 * @returns { reps, load, nodes: [{ node, version, rows: [{ build, command, wallSeconds, cpuSeconds, wallRatio, cpuRatio }] }] }
 */
export function startupBench({ builds, nodes, reps = 15, log = () => {} }) {
  const scratch = mkdtempSync(join(tmpdir(), 'a2psim-startup-bench-'));
  const loadBefore = loadavg();
  try {
    const variants = [];
    nodes.forEach((node, n) => {
      const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
      variants.push({ n, node, version, build: null, command: 'node -e 0', cwd: scratch, args: ['-e', '0'], env: process.env, runs: [] });
      builds.forEach((b, i) => {
        // Each build and Node its own cache folder: warm, and never another variant's.
        const env = { ...process.env, XDG_CACHE_HOME: join(scratch, `cache-${n}-${i}`), GITHUB_STEP_SUMMARY: '', NO_COLOR: '1' };
        const label = builds.length > 1 ? b.label : null;
        for (const c of COMMANDS) {
          variants.push({ n, node, version, build: label, command: c.label, cwd: b.root, args: [join(b.root, 'bin', 'a2psim.js'), ...c.args], env, runs: [] });
        }
      });
    });
    log(`start-up: ${variants.length} variants, 2 warm-up and ${reps} measured runs each`);
    for (const v of variants) for (let i = 0; i < 2; i++) timeOnce(v.node, v.args, v.cwd, v.env);
    for (let r = 0; r < reps; r++) {
      for (let k = 0; k < variants.length; k++) {
        const v = variants[(k + r) % variants.length];
        v.runs.push(timeOnce(v.node, v.args, v.cwd, v.env));
      }
    }
    return {
      reps,
      load: { before: loadBefore.map((x) => round(x, 2)), after: loadavg().map((x) => round(x, 2)) },
      nodes: nodes.map((node, n) => {
        const mine = variants.filter((v) => v.n === n);
        const stats = mine.map((v) => ({ build: v.build, command: v.command, wallSeconds: median(v.runs.map((x) => x.wall)), cpuSeconds: median(v.runs.map((x) => x.cpu)) }));
        const base = stats[0];
        return {
          node,
          version: mine[0].version,
          rows: stats.map((s) => ({
            ...s,
            wallSeconds: round(s.wallSeconds, 4),
            cpuSeconds: round(s.cpuSeconds, 3),
            wallRatio: round(s.wallSeconds / base.wallSeconds, 2),
            cpuRatio: base.cpuSeconds > 0 ? round(s.cpuSeconds / base.cpuSeconds, 2) : null,
          })),
        };
      }),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The result as text: one row per command (per build and command when there are several
 * builds), one column pair (wall, CPU) per Node, each a median in seconds and its ratio over
 * `node -e 0`; then, with several builds, each later build over the first, per command.
 */
export function startupTable(result) {
  const cell = (s, ratio) => `${s.toFixed(3)} (${ratio === null ? '-' : ratio.toFixed(2)}×)`.padStart(15);
  const rowName = (r) => (r.build === null ? r.command : `${r.build}: ${r.command}`);
  const names = result.nodes[0].rows.map(rowName);
  const builds = [...new Set(result.nodes[0].rows.map((r) => r.build).filter((b) => b !== null))];
  const versus = builds.slice(1).flatMap((later) => COMMANDS.map((c) => ({ first: builds[0], later, command: c.label, name: `${later} / ${builds[0]}: ${c.label}` })));
  const width = Math.max(...names.map((n) => n.length), ...versus.map((v) => v.name.length));
  const lines = [
    `start-up: medians of ${result.reps} runs each, interleaved; (×) = over node -e 0 on the same Node; load average ${result.load.before.join(' ')} before, ${result.load.after.join(' ')} after`,
    `${''.padEnd(width)}${result.nodes.map((n) => `  ${`Node ${n.version}`.padEnd(32)}`).join('')}`,
    `${''.padEnd(width)}${result.nodes.map(() => `  ${'wall s'.padStart(15)}  ${'CPU s'.padStart(15)}`).join('')}`,
  ];
  names.forEach((name, i) => {
    lines.push(`${name.padEnd(width)}${result.nodes.map((n) => `  ${cell(n.rows[i].wallSeconds, n.rows[i].wallRatio)}  ${cell(n.rows[i].cpuSeconds, n.rows[i].cpuRatio)}`).join('')}`);
  });
  for (const v of versus) {
    const pick = (n, b) => n.rows.find((r) => r.build === b && r.command === v.command);
    const ratio = (n, key) => `${(pick(n, v.later)[key] / pick(n, v.first)[key]).toFixed(2)}×`.padStart(15);
    lines.push(`${v.name.padEnd(width)}${result.nodes.map((n) => `  ${ratio(n, 'wallSeconds')}  ${ratio(n, 'cpuSeconds')}`).join('')}`);
  }
  return lines.join('\n');
}
