// The time series streams its intervals to disk instead of keeping them all (issue 11:
// `--interval 1ms` over a day ran out of memory); the streamed file is byte-identical.
import { mkdtempSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { setOutputWrite } from '../../src/cli/io/output.js';
import type { RunOptions } from '../../src/cli/commands/run-command.js';
import { executeInteractive } from '../../src/cli/run/interactive.js';
import { seriesFor } from '../../src/cli/run/series-plan.js';
import { loadScenarioFile } from '../../src/scenario/load.js';

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'a2psim', ...args], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'a2psim-series-'));
const D = 'scenarios/default.yaml';
afterEach(() => setOutputWrite(null));

describe('--timeseries streams', () => {
  it('keeps no row in memory when only the CSV needs them', async () => {
    const dir = tmp();
    const opts: RunOptions = { format: 'table', set: [], timeseries: join(dir, 'ts.csv'), interval: '1s' };
    const scenario = loadScenarioFile(D);
    const series = seriesFor(scenario, opts)!;
    await executeInteractive(scenario, opts, { stderr: () => undefined }, series);
    expect(series.rows).toHaveLength(0);
    expect(series.rowCount).toBeGreaterThan(200);
    expect(readFileSync(join(dir, 'ts.csv'), 'utf8').split('\r\n')).toHaveLength(series.rowCount + 2);
    expect(readdirSync(dir)).toEqual(['ts.csv']);
  });

  it('writes the same bytes as when the rows are kept for --chart', async () => {
    const dir = tmp();
    expect((await cli('run', D, '--timeseries', join(dir, 'a.csv'), '--interval', '1s', '-q')).code).toBe(0);
    expect((await cli('run', D, '--timeseries', join(dir, 'b.csv'), '--interval', '1s', '--chart', '-q')).code).toBe(0);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe(readFileSync(join(dir, 'b.csv'), 'utf8')); // text: toEqual on Buffers compares byte by byte
  }, 60_000);

  it('removes the spilled rows too when a write fails', async () => {
    const dir = tmp();
    let written = 0;
    setOutputWrite((fd, buf, off, len) => {
      if (written + len > 20_000) return 0;
      written += len;
      return writeSync(fd, buf, off, len);
    });
    const r = await cli('run', D, '--timeseries', join(dir, 'ts.csv'), '--interval', '10ms', '-q');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^a2psim: .*ts\.csv: cannot write \(ENOSPC: short write[^\n]*\)\n$/);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('refuses more than a million kept intervals (--report or --chart) with one line', async () => {
    const r = await cli('run', D, '--timeseries', join(tmp(), 'ts.csv'), '--interval', '1ms', '--set', 'duration=1d', '--chart', '-q');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'a2psim: --interval 1ms: expected at most 1,000,000 intervals with --report or --chart, got at least 86,400,000 ' +
        '(use a longer --interval; --timeseries alone streams up to 10,000,000)\n',
    );
  });
});
