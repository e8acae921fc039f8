// `-` as a file argument (issue 25): standard input for a scenario, standard output for an
// output; never a file named `-`. Pipes need a real process (the pipelines are independent and
// go side by side: issue 23); refusals run in process.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { run } from '../helpers/spawn.js';

/** A spawned run takes well under a second idle; this is for a loaded machine. */
const SPAWN_TIMEOUT = 60_000;
const BIN = resolve('bin/a2psim.js');
const SCENARIO = resolve('scenarios/default.yaml');
const dir = mkdtempSync(join(tmpdir(), 'a2psim-stdio-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a shell pipeline in the temp folder, with `a2psim` the built CLI. */
function sh(script: string) {
  return run('sh', ['-c', script], {
    cwd: dir,
    env: { ...process.env, A2PSIM: `"${process.execPath}" "${BIN}"`, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '' },
    timeout: SPAWN_TIMEOUT - 5_000,
  });
}

describe.concurrent('- as standard input and output', () => {
  it('cat s.yaml | a2psim run - --messages - | head -3 prints the CSV header and two rows, and exits quietly', async () => {
    const r = await sh(`cat "${SCENARIO}" | eval "$A2PSIM run - -q --messages -" | head -3`);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^message_uuid,traffic,from,to,/);
    expect(lines.slice(1, 3).every((l) => /^[0-9a-f-]{36},/.test(l))).toBe(true);
    expect(r.err).not.toMatch(/Error|at .*\.js:\d+/);
    expect(readdirSync(dir)).not.toContain('-');
  }, SPAWN_TIMEOUT);

  it('a2psim run - exits 0 when head closes the pipe (EPIPE), with nothing on stderr but the table', async () => {
    // The exit status of a2psim itself, not of head: written to a file by the pipeline's first stage.
    const r = await sh(`(eval "$A2PSIM run - -q --messages -" < "${SCENARIO}"; echo $? > code) | head -1 > /dev/null; cat code`);
    expect(r.out.trim()).toBe('0');
    expect(r.err).not.toMatch(/EPIPE|Error|at .*\.js:\d+/);
  }, SPAWN_TIMEOUT);

  it('with a file on stdout, the table goes to stderr; the pipe gets the CSV alone', async () => {
    const r = await sh(`eval "$A2PSIM run - --timeseries -" < "${SCENARIO}"`);
    expect(r.err).toContain('Totals');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^interval_start/);
    expect(r.out).not.toContain('Totals');
    expect(r.err).toContain('Totals');
    expect(readdirSync(dir)).not.toContain('-');
  }, SPAWN_TIMEOUT);

  it('an error in a scenario from stdin names <stdin> as the file, one line, exit 2', async () => {
    const r = await sh(`printf 'duration: 1h\\ntraffic: 3\\n' | eval "$A2PSIM run -"`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^a2psim: <stdin>:2:\d+ traffic: expected a list, got 3\n$/);
  }, SPAWN_TIMEOUT);

  it('validate - and check - read the scenario from stdin', async () => {
    const [v, r] = await Promise.all([sh(`eval "$A2PSIM validate -" < "${SCENARIO}"`), sh(`eval "$A2PSIM check - --junit -" < "${resolve('test/fixtures/check/faq-pass.yaml')}"`)]);
    expect(v).toMatchObject({ code: 0, out: 'ok <stdin>\n' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^<\?xml/);
    expect(r.err).toContain('check passed');
  }, SPAWN_TIMEOUT);

  it('refuses an output to the scenario file read from stdin (< s.yaml)', async () => {
    const copy = join(dir, 'copy.yaml');
    writeFileSync(copy, 'duration: 1m\n');
    const r = await sh(`eval "$A2PSIM run - --messages copy.yaml" < copy.yaml`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^a2psim: --messages: expected a file that is not an input, got copy\.yaml/);
  }, SPAWN_TIMEOUT);
});

describe('two outputs on standard output are refused before any work', () => {
  it.each([
    [['run', SCENARIO, '--messages', '-', '--timeseries', '-'], /^a2psim: --timeseries: expected one output on standard output \(-\), got --messages - too\n$/],
    [['run', SCENARIO, '--messages', '-', '--format', 'json'], /^a2psim: --messages: expected standard output \(-\) free for the file, got --format json/],
    [['check', SCENARIO, '--junit', '-', '--json', '-'], /^a2psim: --json: expected one output on standard output \(-\), got --junit - too\n$/],
    [['check', SCENARIO, '--report', '-'], /^a2psim: --report: expected a folder, got -/],
    [['sweep', SCENARIO, '--vary', 'account.mps.sms=10,20', '--report', '-'], /^a2psim: --report: expected standard output \(-\) free for the report, got the CSV printed there too/],
  ])('%j', async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(existsSync('-')).toBe(false);
  });
});
