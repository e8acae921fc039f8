#!/usr/bin/env node
// Regenerates the measured figures in docs/performance.md
// from a results file of `npm run bench` (default test/bench/results.json), between the
// markers <!-- bench:NAME:start --> and <!-- bench:NAME:end -->. So every figure there is
// one a bench run printed, with its machine, date and load. A results file of the worker-pool
// bench alone (`node test/bench/sweep-pool.js --out FILE`) regenerates the pool section only.
//
//   node test/bench/to-docs.js [results.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const report = JSON.parse(readFileSync(process.argv[2] ?? join(here, 'results.json'), 'utf8'));
if (report.scale !== 'full') throw new Error(`${process.argv[2] ?? 'results.json'}: a full-size run is needed, got "${report.scale}"`);

const int = (n) => n.toLocaleString('en-US');
const f2 = (n) => n.toFixed(2);
const f3 = (n) => n.toFixed(3);
const m = report.machine;

/** Where and when: so a reader can tell a measured figure from a claim. */
const provenance = `Measured by \`npm run bench\` on ${report.date.slice(0, 16).replace('T', ' ')} UTC: ${m.nproc} cores (${m.cpu}), ` +
  `Node ${m.node}, ${m.platform}; load average ${report.load.before.join(' / ')} (1 / 5 / 15 min) before the run and ` +
  `${report.load.after.join(' / ')} after: the machine was shared, so wall times are noisy and CPU times are the steadier figure.`;

function benchTable() {
  const rows = report.results.map((r) => `| ${r.name} | ${int(r.messages)} | ${f2(r.wallSeconds)} | ${int(r.messagesPerSecond)} | ${r.peakRssMb.toFixed(0)} |`);
  return ['| benchmark | messages | wall s | messages/s | peak RSS MB |', '|---|---:|---:|---:|---:|', ...rows].join('\n');
}

function ratioTable() {
  const verdict = (x, t) => (x !== null && x <= t ? 'within' : '**over**');
  const rows = report.ratios.map((r) => {
    const cpu = r.cpuRatio === null ? 'n/a | | ' : `${f3(r.a.cpuSeconds)} → ${f3(r.b.cpuSeconds)} | ${r.cpuRatio}× | ${f2(r.a.sysSeconds)} → ${f2(r.b.sysSeconds)}`;
    return `| ${r.name} | ${f3(r.a.wallSeconds)} → ${f3(r.b.wallSeconds)} | ${r.wallRatio}× | ${cpu} | ≤ ${r.target}× (wall ${verdict(r.wallRatio, r.target)}, CPU ${verdict(r.cpuRatio, r.target)}) |`;
  });
  return [
    '| pair (B against A) | wall s, A → B (median) | ratio | CPU s, A → B (mean) | ratio | of which system s | target |',
    '|---|---|---:|---|---:|---|---|',
    ...rows,
  ].join('\n');
}

function checks() {
  return report.checks.map((c) => `- \`${c.name}: ${c.value}\` (expected ${c.expected}) ${c.pass ? 'ok' : 'FAIL'}`).join('\n');
}

/** The worker-pool sweeps (issue 13): medians and every run, speed-up, load, outputs identical. */
function poolTable() {
  const p = report.sweepPool;
  const runs = (r, k) => r.runs.map((x) => f2(x[k])).join(' / ');
  const rows = p.sweeps.flatMap((s) => [s.one, s.many].map((r, i) => {
    const speed = i === 0 ? '| ' : `${f2(s.speedUp)}× | ${f2(s.jobsSpeedUp)}×`;
    return `| ${s.name} | ${int(s.messages)} | ${r.workers} | ${f2(r.wallSeconds)} (${runs(r, 'wallSeconds')}) | ${f2(r.cpuSeconds)} | ${f2(r.jobsSeconds)} (${runs(r, 'jobsSeconds')}) | ${speed} |`;
  }));
  const loads = p.sweeps.map((s) => `${s.name} ${s.loadAverage.before.join(' / ')} before, ${s.loadAverage.after.join(' / ')} after`).join('; ');
  return [
    `Measured by \`${report.sweepPool.command ?? 'npm run bench'}\` on ${report.date.slice(0, 16).replace('T', ' ')} UTC, ${m.nproc} cores (${m.cpu}), Node ${m.node}; medians of ${p.reps} interleaved runs (every run in brackets). Load average (1 / 5 / 15 min): ${loads}. Outputs byte-identical on 1 and ${p.workers} workers: ${p.sweeps.every((s) => s.identical) ? 'yes' : '**no**'}.`,
    '',
    '| sweep of 40 points | messages | workers | process wall s | CPU s | sweep in-process s | speed-up: wall | in-process |',
    '|---|---:|---:|---|---:|---|---:|---:|',
    ...rows,
    '',
    ...p.sweeps.map((s) => `- ${s.name}: ${s.about}.`),
    ...p.sweeps.filter((s) => s.copies).map((s) => `\nThe machine's own bound, measured alongside: ${s.copies.processes} one-worker ${s.name} sweeps started at once as separate processes (nothing shared) end in ${f2(s.copies.wallSeconds)} s (${s.copies.runs.map(f2).join(' / ')}), ${f2(s.copies.speedUp)}× the work of one in its time.`),
  ].join('\n');
}

/** Every section this results file has figures for (a pool-only file has the pool section only). */
const sections = {
  ...(report.results && {
    provenance,
    'bench-table': benchTable(),
    'ratio-table': ratioTable(),
    checks: checks(),
    reps: `Repetitions: ${report.ratios.map((r) => `${r.name.split(':')[0]} ${r.reps}`).join(', ')} (interleaved A, B, A, B, … after one unmeasured warm-up of each).`,
  }),
  ...(report.sweepPool && { 'pool-table': poolTable() }),
};
const KNOWN = ['provenance', 'bench-table', 'ratio-table', 'checks', 'reps', 'pool-table'];

for (const file of ['docs/performance.md']) {
  const path = join(root, file);
  let text = readFileSync(path, 'utf8');
  let replaced = 0;
  text = text.replace(/<!-- bench:([\w-]+):start -->\n[\s\S]*?<!-- bench:\1:end -->/g, (all, name) => {
    if (!KNOWN.includes(name)) throw new Error(`${file}: unknown bench section "${name}"`);
    if (!(name in sections)) return all;
    replaced++;
    return `<!-- bench:${name}:start -->\n${sections[name]}\n<!-- bench:${name}:end -->`;
  });
  writeFileSync(path, text);
  console.log(`${file}: ${replaced} section(s) regenerated`);
}
