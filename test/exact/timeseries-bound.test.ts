/**
 * Issue 27 C6: `run --timeseries F --interval 1ms` over a day (86,400,000 intervals, minutes
 * of writing) is refused before the run with one line, by the same check `--report` and
 * `--chart` use for their million kept rows; a series within the bound still streams.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { MAX_STREAMED_ROWS } from '../../src/cli/run/series-plan.js';

const dir = mkdtempSync(join(tmpdir(), 'a2psim-series-bound-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const S = 'scenarios/default.yaml';

describe('a streamed time series has a bound too', () => {
  it.each([
    ['1ms over a day', ['--interval', '1ms', '--set', 'duration=1d'], '1ms', '86,400,000'],
    ['1ms just past the bound', ['--interval', '1ms', '--set', `duration=${MAX_STREAMED_ROWS + 1}ms`], '1ms', '10,000,001'],
    ['1s over a year', ['--interval', '1s', '--set', 'duration=365d'], '1s', '31,536,000'],
  ])('%s: refused up front, one line, no file', async (_, args, interval, rows) => {
    const f = join(dir, 'ts.csv');
    const r = await cli('run', S, '--timeseries', f, ...args, '-q');
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toBe(`a2psim: --interval ${interval}: expected at most 10,000,000 intervals in a time series, got at least ${rows} (use a longer --interval)\n`);
    expect(existsSync(f)).toBe(false);
  });

  it('within the bound it streams every interval', async () => {
    const f = join(dir, 'ok.csv');
    // A scenario that ends a minute after its start (default.yaml's series runs 4 minutes: 24,000 rows).
    const r = await cli('run', 'scenarios/otp-burst-tollfree.yaml', '--timeseries', f, '--interval', '10ms', '--set', 'duration=1m', '-q', '--format', 'json', '--no-what-if');
    expect(r.code).toBe(0);
    // A header and one row per 10 ms of the minute (the run may drain after it).
    expect(readFileSync(f, 'utf8').trimEnd().split('\n').length - 1).toBeGreaterThanOrEqual(6000);
  }, 60_000);
});
