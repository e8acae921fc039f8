// The package as its users get it (issue 20), run by .ci/run after `npm test`:
//   node scripts/smoke.mjs [NODE_MAJOR ...]
// packs the project (dist/ as built), installs the tarball into an empty folder with
// `npm install --omit=dev` (production dependencies only), and runs the smoke set there on
// each NODE_MAJOR fetched from the npm registry (this Node when none is given) (the `node` package, through
// `npx -y -p node@N`): run, run --format json against the README's "Use from code" program
// (same summary JSON), sweep --workers 2, check --replications 2 on a glob, playground --out
// and rules. test/slow/package.test.ts runs the same functions and type-checks the program.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
/** Generous: the registry and a loaded 2-core machine. */
const TIMEOUT = 180_000;

/**
 * The README's "Use from code" blocks, in order: fenced `js` blocks whose first line is a
 * `// NAME.mjs` comment, as { name, code }.
 */
export function readmePrograms(readme = readFileSync(join(ROOT, 'README.md'), 'utf8')) {
  const start = readme.indexOf('\n## Use from code');
  if (start < 0) throw new Error('README.md has no "## Use from code" section');
  const end = readme.indexOf('\n## ', start + 4);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```js\n(\/\/ ([\w-]+\.mjs)[^\n]*\n[\s\S]*?)```/g)].map((m) => ({ name: m[2], code: m[1] }));
}

/**
 * Packs the project into a new temporary folder and installs the tarball there with
 * production dependencies only, with the README's programs beside it.
 * @returns the folder (remove it when done) and the tarball's path
 */
export function packAndInstall() {
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-package-'));
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUT });
  const tarball = join(dir, JSON.parse(out)[0].filename);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'a2psim-smoke', private: true, type: 'module' }) + '\n');
  execFileSync('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir, stdio: 'pipe', timeout: TIMEOUT });
  for (const p of readmePrograms()) writeFileSync(join(dir, p.name), p.code);
  return { dir, tarball };
}

/** The `node` binary of major version `major` from the npm registry (cached by npx). */
export function registryNode(major) {
  return execFileSync('npx', ['-y', '-p', `node@${major}`, 'node', '-p', 'process.execPath'], { encoding: 'utf8', timeout: TIMEOUT }).trim();
}

/** Runs `node args` in `dir`; throws with its output unless it exits with `code`. */
function exec(node, dir, args, code = 0) {
  const r = spawnSync(node, args, { cwd: dir, encoding: 'utf8', timeout: TIMEOUT, env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== code) throw new Error(`${node} ${args.join(' ')}: exit ${r.status ?? r.signal}, expected ${code}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Throws `what` unless `ok`. */
function expect(ok, what) {
  if (!ok) throw new Error(what);
}

/**
 * The smoke set on the installed package in `dir`, run by the `node` binary given.
 * @returns one line per command that passed
 */
export function smoke(node, dir) {
  const bin = join(dir, 'node_modules/a2psim/bin/a2psim.js');
  const scenario = 'node_modules/a2psim/scenarios/default.yaml';
  const done = [];
  const version = exec(node, dir, ['--version']).trim();
  const table = exec(node, dir, [bin, 'run', scenario]);
  expect(table.includes('a2psim — default-morning'), `run printed no report:\n${table}`);
  done.push('run');
  const json = exec(node, dir, [bin, 'run', scenario, '--format', 'json']);
  const fromCode = exec(node, dir, ['summary.mjs', scenario]);
  expect(fromCode === json, `the library's summary differs from run --format json:\n${fromCode}\n---\n${json}`);
  done.push('library summary = run --format json');
  exec(node, dir, ['check-and-sweep.mjs', scenario]);
  done.push('library check and sweep');
  const csv = exec(node, dir, [bin, 'sweep', scenario, '--vary', 'account.mps.sms=5,10', '--workers', '2']);
  expect(csv.startsWith('point,account.mps.sms,metric,'), `sweep printed no CSV:\n${csv}`);
  done.push('sweep --workers 2');
  const check = exec(node, dir, [bin, 'check', 'node_modules/a2psim/scenarios/otp*.yaml', '--replications', '2', '--workers', '2']);
  expect(/check passed: .*\(2 scenarios\)/.test(check), `check did not pass two scenarios:\n${check}`);
  done.push('check --replications 2');
  exec(node, dir, [bin, 'playground', '--out', 'playground.html']);
  expect(readFileSync(join(dir, 'playground.html'), 'utf8').includes('<html'), 'playground --out wrote no page');
  done.push('playground --out');
  expect(exec(node, dir, [bin, 'rules']).length > 1000, 'rules printed nothing');
  done.push('rules');
  return done.map((d) => `${version} ${d}`);
}

if (process.argv[1] === import.meta.filename) {
  const started = Date.now();
  const { dir, tarball } = packAndInstall();
  try {
    const packed = readFileSync(tarball).length;
    console.log(`smoke: ${tarball} (${packed} bytes) installed with --omit=dev in ${dir}`);
    const majors = process.argv.slice(2);
    for (const node of majors.length === 0 ? [process.execPath] : majors.map(registryNode)) {
      for (const line of smoke(node, dir)) console.log(`smoke: ok ${line}`);
    }
    console.log(`smoke: passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
}
