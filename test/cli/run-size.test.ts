// Limits instead of crashes (issue 11): a run too large to fit is refused at load, with
// one line naming the estimate and the limit; --max-messages moves the message limit.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { estimateRun } from '../../src/scenario/limits.js';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { scenarioOf } from '../helpers/scenario.js';

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'a2psim', ...args], { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) });
  return { code, stdout, stderr };
}

const D = 'scenarios/default.yaml';

describe('run size limits', () => {
  it('count: 1e12 is refused at once: messages in flight, with estimate and limit', async () => {
    const r = await cli('run', D, '--set', 'traffic[1].arrival.count=1e12', '-q');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'a2psim: scenarios/default.yaml: expected at most 67,108,864 messages in flight at once (4.3 GB), ' +
        'got an estimated 1,000,000,002,195 (64,000 GB); spread bursts out or shorten expiry\n',
    );
  });

  it('a month at 10,000/s is over the default message limit; --max-messages raises or lowers it', async () => {
    const big = ['--set', 'traffic[0].arrival.rate=10000/s', '--set', 'duration=30d', '-q'];
    const r = await cli('run', D, ...big);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('a2psim: scenarios/default.yaml: expected a run of at most 1,000,000,000 messages (--max-messages), got an estimated 25,922,592,600\n');
    expect((await cli('run', D, '--max-messages', '1000', '-q')).stderr).toBe(
      'a2psim: scenarios/default.yaml: expected a run of at most 1,000 messages (--max-messages), got an estimated 3,000\n',
    );
    expect((await cli('check', D, '--max-messages', '1000')).code).toBe(2);
    expect((await cli('validate', D, '--set', 'traffic[1].arrival.count=1e12')).stderr).toContain('messages in flight at once');
    expect((await cli('run', D, '--max-messages', '1e4', '-q')).code).toBe(0);
    expect((await cli('run', D, '--max-messages', 'lots', '-q')).stderr).toBe('a2psim: --max-messages: expected a whole number from 1 to 9007199254740991 (2^53 - 1), got "lots"\n');
  });
});

describe('estimateRun', () => {
  const N = 'numbers:\n  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }\n';
  it.each([
    ['a burst: all in flight at once', 'arrival: { kind: burst, count: 500 }, recipients: 2', { messages: 1000, peakInFlight: 1000 }],
    ['constant 10/s for 1h, expiry 60 s: 2 minutes in flight', 'arrival: { kind: constant, rate: 10/s }, expiry: 60', { messages: 36_000, peakInFlight: 1201 }],
    ['a ramp 0→20/s for 1h', 'arrival: { kind: ramp, from: 0, to: 20/s }, expiry: 60', { messages: 36_000, peakInFlight: 2400 }],
  ])('%s', (_name, fields, expected) => {
    const sc = scenarioOf(`${N}traffic:\n  - { name: t, from: tf1, ${fields} }\nduration: 1h\n`);
    expect(estimateRun(sc)).toEqual(expected);
  });

  it('lets the bench day (10M messages) run: its peak in flight is under the engine limit', () => {
    const e = estimateRun(loadScenarioFile('test/bench/us-day.yaml'));
    expect(e.messages).toBe(10_000_000);
    expect(e.peakInFlight).toBeLessThan(67_108_864);
  });
});
