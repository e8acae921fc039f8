import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli } from '../helpers/cli.js';

// These tests read whole lines of content; the fitting to 80 columns is test/cli/width.test.ts's.
beforeAll(() => vi.stubEnv('COLUMNS', '250'));
afterAll(() => vi.unstubAllEnvs());

const OTP = ['solve', 'scenarios/otp-burst-tollfree.yaml', '--vary', 'account.mps.sms', '--expect', 'failed[420] == 0'];

describe('a2psim solve', () => {
  it('finds 17/s for the OTP burst, with the failing value below and the bottleneck (JSON)', async () => {
    const r = await cli(...OTP, '--min', '1', '--max', '100', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      parameter: 'account.mps.sms',
      value: 17,
      below: { value: 16, failed: [{ threshold: 'failed[420] == 0', observed: 24, half_width: null }] },
      runs: 10,
      // By what-if (issue 24): the answer's run again with each limit relaxed.
      bottleneck: 'account SMS MPS: raising it ×10 (17/s → 170/s): drains in 19s instead of 58s',
    });
  });

  it('exit 0 and says so when the first value already passes', async () => {
    const r = await cli(...OTP, '--values', '20,30', '--format', 'json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ value: 20, below: null, runs: 1 });
    const t = await cli(...OTP, '--values', '20,30');
    expect(t.out).toContain('answer: account.mps.sms = 20 (the smallest value tried already passes; widen the range to search further)');
  });

  it('exit 1 when even the last value fails, naming what failed there', async () => {
    const r = await cli(...OTP, '--min', '1', '--max', '10');
    expect(r.code).toBe(1);
    expect(r.out).toContain('no answer: even account.mps.sms = 10 fails\n  ✗ failed[420] == 0 (observed 390)\n');
  });

  it('--maximize with replications judges the 95% bound and names the neighbour above', async () => {
    const r = await cli('solve', 'test/fixtures/solve/poisson-queue.yaml', '--vary', 'traffic[0].arrival.rate', '--min', '1', '--max', '30', '--maximize', '--replications', '5', '--set', 'account.mps.sms=10', '--format', 'json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.value).toBe(9);
    expect(j.above.value).toBe(10);
    expect(j.above.failed[0].half_width).toBeGreaterThan(0);
    expect(j.runs % 5).toBe(0);
  });

  it.each([
    [['--vary', 'account.mps.zz', '--min', '1', '--max', '3'], 'a2psim: --set account.mps.zz: expected one of the keys sms, mms, got unknown key "zz"\n'],
    [['--vary', 'traffic[0].expiry', '--min', '1', '--max', '10'], 'a2psim: --set traffic[0].expiry: expected an integer from 5 to 10799, got 1\n'],
    [['--vary', 'account..sms', '--min', '1', '--max', '3'], 'a2psim: --vary: expected a field path such as account.mps.sms or numbers[0].count, got "account..sms"\n'],
    [['--vary', 'account.mps.sms', '--min', '1'], 'a2psim: --min/--max: expected both (or --values a,b,...), got no --max\n'],
    [['--vary', 'account.mps.sms', '--min', 'x', '--max', '3'], 'a2psim: --min: expected a number, got "x"\n'],
  ])('exit 2 for bad input %j', async (args, message) => {
    const r = await cli('solve', 'scenarios/otp-burst-tollfree.yaml', ...args, '--expect', 'failed[420] == 0');
    expect([r.code, r.err, r.out]).toEqual([2, message, '']);
  });

  it('exit 2 for a bad --expect, named as such', async () => {
    const r = await cli('solve', 'scenarios/otp-burst-tollfree.yaml', '--vary', 'account.mps.sms', '--min', '1', '--max', '3', '--expect', 'failed[420] = 1');
    expect([r.code, r.err]).toEqual([2, 'a2psim: --expect: expected METRIC OP VALUE such as "wait_p95 <= 30s", got "failed[420] = 1"\n']);
  });

  it('exit 2 for a scenario without thresholds', async () => {
    const r = await cli('solve', 'scenarios/otp-burst-tollfree.yaml', '--vary', 'account.mps.sms', '--min', '1', '--max', '3', '--set', 'expect=[]');
    expect(r.code).toBe(2);
    expect(r.err).toBe('a2psim: scenarios/otp-burst-tollfree.yaml: expected expect: thresholds to search for (in the scenario or with --expect), got none\n');
  });
});
