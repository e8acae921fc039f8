#!/usr/bin/env node
// Writes every output a user reads for every bundled scenario into one folder, so two
// builds can be compared byte for byte (`diff -r`). Used to show a refactor changes no
// output (issue 22): run it on the old build and on the new one, then diff the folders.
//
//   node scripts/golden.mjs OUT_DIR [scenario.yaml ...]
//
// Per scenario it writes the table, the JSON summary, the message CSV, the time series
// and the HTML report of `a2psim run`, plus `rules --format json` for every provider.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const bin = join(root, 'bin/a2psim.js');
const [outArg, ...only] = process.argv.slice(2);
if (!outArg) {
  process.stderr.write('usage: node scripts/golden.mjs OUT_DIR [scenario.yaml ...]\n');
  process.exit(2);
}
const out = resolve(outArg);
mkdirSync(out, { recursive: true });
const env = { ...process.env, NO_COLOR: '1', COLUMNS: '80', CI: 'true' };
delete env.FORCE_COLOR;

function a2psim(args, file) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 600_000 });
  writeFileSync(join(out, file), `exit ${r.status}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`);
  return r.status;
}

const scenarios = only.length
  ? only.map((s) => resolve(s))
  : readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(root, 'scenarios', f));
for (const s of scenarios) {
  const name = basename(s, '.yaml');
  const dir = join(out, name);
  mkdirSync(dir, { recursive: true });
  a2psim(['run', s, '-q'], `${name}/table.txt`);
  a2psim(['run', s, '-q', '--format', 'json',
    '--messages', join(dir, 'messages.csv'),
    '--timeseries', join(dir, 'timeseries.csv'),
    '--report', join(dir, 'report.html')], `${name}/json.txt`);
  process.stderr.write(`${name}\n`);
}
for (const p of ['plivo', 'telnyx', 'twilio', 'bandwidth', 'aws']) {
  a2psim(['rules', '--provider', p, '--format', 'json'], `rules-${p}.txt`);
}
