// The library (src/api/index.ts, issue 20) gives what the CLI prints: the same summary, sweep
// and solve answers, and typed errors with the position of a bad value.
import { describe, expect, it } from 'vitest';
import { check, loadScenario, ScenarioError, simulate, solve, summarize, sweep, UsageError, version } from '../../src/api/index.js';
import { cli } from '../helpers/cli.js';

describe('the library', () => {
  it('summarize(simulate(loadScenario)) is what run --format json prints', async () => {
    const r = await cli('run', 'scenarios/default.yaml', '--format', 'json');
    expect(JSON.stringify(summarize(simulate(loadScenario('scenarios/default.yaml'))), null, 2) + '\n').toBe(r.out);
  });

  it('sweep is what sweep --format json prints; solve what solve --format json prints', async () => {
    const grid = await sweep('scenarios/otp-burst-tollfree.yaml', { vary: ['account.mps.sms=5,20'], replications: 2 });
    const r = await cli('sweep', 'scenarios/otp-burst-tollfree.yaml', '--vary', 'account.mps.sms=5,20', '--replications', '2', '--format', 'json');
    expect(JSON.parse(r.out)).toEqual({ ...grid, a2psim_version: version });
    const solved = await solve('scenarios/otp-burst-tollfree.yaml', { path: 'account.mps.sms', min: 1, max: 40, expect: ['failed[420] == 0'] });
    const s = await cli('solve', 'scenarios/otp-burst-tollfree.yaml', '--vary', 'account.mps.sms', '--min', '1', '--max', '40', '--expect', 'failed[420] == 0', '--format', 'json');
    expect(JSON.parse(s.out)).toEqual(solved.report);
  });

  it('check judges the thresholds over the replications', () => {
    const run = check(loadScenario('scenarios/otp-burst-tollfree.yaml'), { replications: 3 });
    expect([run.pass, run.seeds.length, run.summaries.length]).toEqual([true, 3, 3]);
    expect(() => check(run.result.scenario ?? loadScenario('scenarios/default.yaml'), { replications: 0 })).toThrow(UsageError);
  });

  it('a bad value throws a ScenarioError with its file, line, column and path', () => {
    let error: unknown;
    try {
      loadScenario('scenarios/default.yaml', { set: ['account.mps.sms=-1'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error).toMatchObject({ file: '--set', path: 'account.mps.sms', expected: 'a rate greater than 0' });
  });
});
