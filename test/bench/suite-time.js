#!/usr/bin/env node
// `npm run bench:suite`: the time `npm test` takes on this machine, idle and with two busy
// loops beside it (a shared CI machine), wall and CPU (the suite's own and its children's,
// from /proc/self/stat), side by side with another commit's suite when asked. The suite's
// budget (docs/testing.md) is measured here, never asserted by a timed test (issue 23).
//
//   node test/bench/suite-time.js                    this checkout, idle then loaded
//   node test/bench/suite-time.js --against REV      also REV (a temporary clone, npm ci),
//                                                    each condition run for both, interleaved
//   node test/bench/suite-time.js --docs             write the table into docs/testing.md
//
// Linux only (it reads /proc). Needs a build (`npm ci` makes one).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const againstIdx = argv.indexOf('--against');
const against = againstIdx >= 0 ? argv[againstIdx + 1] : null;
const writeDocs = argv.includes('--docs');

/** Clock ticks a second of /proc's CPU times (USER_HZ: 100 on every Linux build in use). */
const TICKS = 100;

/** CPU seconds (user + system) of this process's waited-for children so far. */
function childCpu() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: field 3 is index 0; cutime and cstime are fields 16 and 17.
  return (Number(fields[13]) + Number(fields[14])) / TICKS;
}

/** Runs `npx vitest run` in `dir`; returns its wall and CPU seconds and its summary line. */
function suite(dir) {
  const cpu0 = childCpu();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(dir, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 1_800_000, maxBuffer: 64 << 20,
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = childCpu() - cpu0;
  const plain = r.stdout.replace(/\x1b\[[0-9;]*m/g, '');
  const tests = /^\s*Tests\s+(.*)$/m.exec(plain)?.[1]?.trim() ?? `exit ${r.status}: ${r.stderr.slice(-400)}`;
  return { wall, cpu, tests, ok: r.status === 0 };
}

/** Starts two CPU-bound loops (the machine's load in CI); returns their stop. */
function busyLoops() {
  const loops = [1, 2].map(() => spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' }));
  return () => loops.forEach((p) => p.kill('SIGKILL'));
}

const subjects = [{ name: 'this checkout', dir: root }];
let cloneDir = null;
if (against !== null) {
  cloneDir = mkdtempSync(join(tmpdir(), 'a2psim-suite-'));
  execFileSync('git', ['clone', '-q', root, join(cloneDir, 'p')], { stdio: 'inherit' });
  execFileSync('git', ['checkout', '-q', against], { cwd: join(cloneDir, 'p'), stdio: 'inherit' });
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--silent'], { cwd: join(cloneDir, 'p'), stdio: 'inherit' });
  subjects.push({ name: against, dir: join(cloneDir, 'p') });
}

const rows = [];
const load = { before: loadavg().map((x) => x.toFixed(2)) };
for (const condition of ['idle', 'two busy loops']) {
  for (const s of subjects) {
    const stop = condition === 'idle' ? () => {} : busyLoops();
    const r = suite(s.dir);
    stop();
    rows.push({ subject: s.name, condition, ...r });
    console.log(`${s.name}, ${condition}: wall ${r.wall.toFixed(1)} s, CPU ${r.cpu.toFixed(1)} s — ${r.tests}`);
  }
}
load.after = loadavg().map((x) => x.toFixed(2));
if (cloneDir !== null) rmSync(cloneDir, { recursive: true, force: true });

const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ');
const table = [
  `Measured by \`npm run bench:suite${against === null ? '' : ` -- --against ${against}`}\` on ${stamp} UTC: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}; load average ${load.before.join(' / ')} (1 / 5 / 15 min) before and ${load.after.join(' / ')} after.`,
  '',
  '| suite | condition | wall s | CPU s | tests |',
  '|---|---|---:|---:|---|',
  ...rows.map((r) => `| ${r.subject} | ${r.condition} | ${r.wall.toFixed(1)} | ${r.cpu.toFixed(1)} | ${r.tests.replaceAll('|', '·')} |`),
].join('\n');
console.log(`\n${table}`);

if (writeDocs) {
  const file = join(root, 'docs', 'testing.md');
  const text = readFileSync(file, 'utf8');
  const re = /<!-- suite-time:start -->\n[\s\S]*?\n<!-- suite-time:end -->/;
  writeFileSync(file, text.replace(re, `<!-- suite-time:start -->\n${table}\n<!-- suite-time:end -->`));
  console.log(`wrote ${file}`);
}
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
