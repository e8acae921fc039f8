#!/usr/bin/env node
// Replay benchmarks (issues 11 and 16), run by `npm run bench` after the main table, or alone:
//
//   node test/bench/replay.js [--small] [--no-10m]
//
// Measured in one run, side by side, each in its own child process (wall time, CPU time =
// user + system, peak RSS, from test/bench/usage-probe.js):
// - the US day at 1M messages generated, against the replay of its own message CSV, of the
//   same rows in the Plivo MDR layout (in time order and newest first), and of the own CSV
//   shuffled (targets: replay <= 4x generated; shuffled <= 2x sorted);
// - 10M rows replayed from a ~2 GB file written into a temporary folder (deleted after),
//   against the same 10M messages generated (target: peak RSS <= 200 MB).
// Small mode (--small or BENCH_SCALE=small): 10k and 20k rows. Timings are printed, never
// asserted. Needs a build (`npm run build`).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statfsSync, writeFileSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', '..', 'bin', 'a2psim.js');
const probe = pathToFileURL(join(here, 'usage-probe.js')).href;

/** One measured child run: `a2psim run SCENARIO --format json --quiet ...args`. */
function measure(dir, name, scenario, args = []) {
  const usageFile = join(dir, `${name}.usage.json`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', probe, bin, 'run', scenario, '--format', 'json', '--quiet', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, A2PSIM_BENCH_USAGE_FILE: usageFile },
  });
  const wallSeconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${name}: a2psim exited ${r.status ?? r.signal}\n${r.stderr}`);
  const u = JSON.parse(readFileSync(usageFile, 'utf8'));
  const totals = JSON.parse(r.stdout).totals;
  return {
    name,
    messages: totals.submitted,
    wallSeconds: round(wallSeconds, 3),
    cpuSeconds: round((u.userMs + u.systemMs) / 1000, 3),
    peakRssMb: round(u.maxRssKb / 1024, 1),
  };
}

const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;

/** us-day.yaml with every source (and the T-Mobile cap) scaled by `f`. */
function usDay(f) {
  const doc = parse(readFileSync(join(here, 'us-day.yaml'), 'utf8'));
  doc.rules = { ...doc.rules, tpd: Math.max(1, Math.round(200_000 * f)) };
  for (const t of doc.traffic) {
    if (t.arrival.kind === 'burst') t.arrival.count = Math.round(t.arrival.count * f);
    else t.arrival.rate = `${Number(/^(\d+)\/day$/.exec(t.arrival.rate)[1]) * f}/day`;
  }
  return doc;
}

/** The scenario `doc` with its traffic replaced by one replay of `file`. */
const replayOf = (doc, file) => ({ ...doc, traffic: [{ name: 'replay', arrival: { kind: 'replay', file } }] });

/** Streams the lines of a file (CRLF) in 8 MiB blocks to `each`, header first. */
function eachLine(path, each) {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(8 << 20);
  let rest = '';
  for (let pos = 0, n; (n = readSync(fd, buf, 0, buf.length, pos)) > 0; pos += n) {
    const lines = (rest + buf.toString('utf8', 0, n)).split('\r\n');
    rest = lines.pop();
    lines.forEach(each);
  }
  if (rest !== '') each(rest);
  closeSync(fd);
}

/** Buffered line writer. */
function lineWriter(path) {
  const fd = openSync(path, 'w');
  let chunk = [];
  let size = 0;
  const flush = () => {
    writeSync(fd, chunk.join(''));
    chunk = [];
    size = 0;
  };
  return {
    line(s) {
      chunk.push(s, '\r\n');
      size += s.length;
      if (size > 4 << 20) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}

/**
 * The own message CSV as a Plivo MDR download (numbers without "+", "YYYY-MM-DD hh:mm:ss.mmm+00:00"
 * times, status and charge columns), in file order or newest first.
 */
function toMdr(own, out, newestFirst) {
  const rows = [];
  const w = lineWriter(out);
  w.line('Message UUID,From,To,To Country ISO2,Direction,Message Time,Status,Error Code,Error Reason,Units,Rate Per Unit (USD),Carrier Surcharge Per Unit (USD),Total Charge Per Unit (USD),Total Charge (USD)');
  let header = true;
  eachLine(own, (l) => {
    if (header) return void (header = false);
    const c = l.split(',');
    if (c.length !== 17) throw new Error(`bench: expected 17 unquoted cells in ${own}, got ${l}`);
    const num = (s) => s.replace(/^'?\+?/, '');
    const time = `${c[8].slice(0, 10)} ${c[8].slice(11, 23)}+00:00`;
    const row = `${c[0]},${num(c[2])},${num(c[3])},${c[4]},${c[5]},${time},delivered,,,${c[14]},0.0055,0.003,0.0085,0.0085`;
    if (newestFirst) rows.push(row);
    else w.line(row);
  });
  for (let i = rows.length - 1; i >= 0; i--) w.line(rows[i]);
  w.close();
}

/** The own CSV with its data rows in a seeded random order. */
function shuffle(own, out) {
  const lines = readFileSync(own, 'utf8').split('\r\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = lines.length - 1; i > 1; i--) {
    const j = 1 + Math.floor(rnd() * i);
    [lines[i], lines[j]] = [lines[j], lines[i]];
  }
  writeFileSync(out, lines.join('\r\n') + '\r\n');
}

/** Ten short codes at 100/s behind a 1000/s account, `rows` messages spread over a day. */
function rssScenario(rows) {
  return {
    name: 'replay-rss',
    seed: 1,
    start: '2026-03-10T00:00:00Z',
    duration: '24h',
    account: { mps: { sms: 1000 } },
    numbers: Array.from({ length: 10 }, (_, i) => ({ id: `sc${i}`, number: `5550${i}`, type: 'short_code', country: 'US' })),
    traffic: [{ name: 'load', from: Array.from({ length: 10 }, (_, i) => `sc${i}`), arrival: { kind: 'constant', rate: `${rows}/day` }, text: 'Your code is 123456, valid for 10 minutes.' }],
  };
}

/** Writes `rows` rows of the own message CSV layout for rssScenario, in time order. */
function writeOwnRows(path, rows) {
  const w = lineWriter(path);
  w.line('message_uuid,traffic,from,to,to_country_iso2,direction,message_type,carrier,message_time,dispatched_at,wait_seconds,status,error_code,error_reason,units,text,t_seconds');
  const start = Date.parse('2026-03-10T00:00:00Z');
  const carriers = ['att', 'tmobile', 'verizon', 'other'];
  for (let i = 0; i < rows; i++) {
    const atMs = Math.floor((i * 86_400_000) / rows);
    const t = new Date(start + atMs).toISOString();
    const uuid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    w.line(`${uuid},load,5550${i % 10},+1202${String(5_000_000 + (i % 4_000_000)).padStart(7, '0')},US,outbound,sms,${carriers[i % 4]},${t},${t},0,delivered,,,1,"Your code is 123456, valid for 10 minutes.",${atMs / 1000}`);
  }
  w.close();
}

/** Runs every replay benchmark; prints its table to `log` and returns the rows and ratios. */
export function replayBench({ small = false, big = true, log = console.log } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-replay-bench-'));
  const f = small ? 0.001 : 0.1;
  const bigRows = small ? 20_000 : 10_000_000;
  const results = [];
  const yaml = (name, doc) => {
    const p = join(dir, name);
    writeFileSync(p, stringify(doc));
    return p;
  };
  try {
    const doc = usDay(f);
    const gen = yaml('gen.yaml', doc);
    const own = join(dir, 'own.csv');
    process.stderr.write('replay bench: writing the own CSV...\n');
    measure(dir, 'write', gen, ['--messages', own]);
    toMdr(own, join(dir, 'mdr.csv'), false);
    toMdr(own, join(dir, 'mdr-newest.csv'), true);
    shuffle(own, join(dir, 'shuffled.csv'));
    const cases = [
      ['generated', gen],
      ['replay own CSV', yaml('own.yaml', replayOf(doc, 'own.csv'))],
      ['replay own CSV shuffled', yaml('shuffled.yaml', replayOf(doc, 'shuffled.csv'))],
      ['replay MDR', yaml('mdr.yaml', replayOf(doc, 'mdr.csv'))],
      ['replay MDR newest first', yaml('mdr-newest.yaml', replayOf(doc, 'mdr-newest.csv'))],
    ];
    for (const [name, scenario] of cases) {
      process.stderr.write(`replay bench: ${name}...\n`);
      results.push(measure(dir, name, scenario));
    }
    if (big) {
      const free = statfsSync(dir).bavail * statfsSync(dir).bsize;
      const need = bigRows * 250 * 1.5;
      if (free < need) log(`replay bench: skipping ${bigRows} rows: ${(free / 1e9).toFixed(1)} GB free in ${dir}, need ${(need / 1e9).toFixed(1)} GB`);
      else {
        const rss = rssScenario(bigRows);
        process.stderr.write(`replay bench: writing ${bigRows} rows...\n`);
        writeOwnRows(join(dir, 'big.csv'), bigRows);
        results.push(measure(dir, 'generated big', yaml('big-gen.yaml', rss)));
        results.push(measure(dir, 'replay own CSV big', yaml('big.yaml', replayOf(rss, 'big.csv'))));
        rmSync(join(dir, 'big.csv'));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const by = (n) => results.find((r) => r.name === n);
  const ratio = (name, a, b, target, unit = 'x') => {
    const x = by(a);
    const y = by(b);
    if (!x || !y) return null;
    const wall = x.wallSeconds / y.wallSeconds;
    const cpu = x.cpuSeconds / y.cpuSeconds;
    return { name, wall: round(wall, 2), cpu: round(cpu, 2), target: `<= ${target}${unit}`, wallPass: wall <= target, cpuPass: cpu <= target };
  };
  const ratios = [
    ratio('replay own CSV / generated', 'replay own CSV', 'generated', 4),
    ratio('replay MDR / generated', 'replay MDR', 'generated', 4),
    ratio('replay MDR newest first / generated', 'replay MDR newest first', 'generated', 4),
    ratio('own CSV shuffled / sorted', 'replay own CSV shuffled', 'replay own CSV', 2),
    ratio('MDR newest first / time order', 'replay MDR newest first', 'replay MDR', 2),
  ].filter((r) => r !== null);
  const bigRun = by('replay own CSV big');
  const rss = bigRun ? { name: `peak RSS replaying ${bigRun.messages.toLocaleString('en-US')} rows (MB)`, value: bigRun.peakRssMb, target: small ? 'n/a at small size' : '<= 200', pass: bigRun.peakRssMb <= 200 } : null;

  log(`\nreplay (${small ? 'small' : 'full'}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')})\n`);
  const head = ['case', 'messages', 'wall s', 'CPU s', 'peak RSS MB'];
  const cells = results.map((r) => [r.name, r.messages.toLocaleString('en-US'), r.wallSeconds.toFixed(2), r.cpuSeconds.toFixed(2), r.peakRssMb.toFixed(0)]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((s, i) => (i === 0 ? s.padEnd(widths[i]) : s.padStart(widths[i]))).join('  ');
  log([line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n'));
  log('');
  // On a shared machine wall time follows the load of the moment; CPU time is the steadier measure.
  const verdict = (ok) => (ok ? 'ok' : 'over');
  for (const r of ratios) log(`${r.name}: wall ${r.wall}x, CPU ${r.cpu}x (target ${r.target}): wall ${verdict(r.wallPass)}, CPU ${verdict(r.cpuPass)}`);
  if (rss) log(`${rss.name}: ${rss.value} (target ${rss.target}) ${small || rss.pass ? 'ok' : 'over target'}`);
  return { results, ratios, rss };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  replayBench({ small: argv.includes('--small') || process.env.BENCH_SCALE === 'small', big: !argv.includes('--no-10m') });
}
