/**
 * Issue 24: times are written one way everywhere, under one rounding rule (durations to
 * about 4 significant digits, to the nearest; clock times to the nearest second), in the
 * run's table, the provider comparison and the --replications tables.
 */
import { describe, expect, it } from 'vitest';
import { clockTime, fmtDuration } from '../../src/report/duration.js';
import { cli } from '../helpers/cli.js';

describe('one time format', () => {
  it('a drain and its clock time round the same way', () => {
    const start = Date.parse('2026-03-09T00:00:00Z');
    const drainS = 57_598.6; // 15h 59m 58.6s
    expect(fmtDuration(drainS)).toBe('15h 59m 59s');
    expect(clockTime(start + drainS * 1000, 0, start)).toBe('15:59:59');
    expect(clockTime(start + 1_499, 0, start)).toBe('00:00:01');
  });

  it('the provider comparison writes durations as the tables do, not raw seconds', async () => {
    const r = await cli('run', 'scenarios/choosing-a-provider.yaml', '--provider', 'plivo,telnyx,twilio', '-q');
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toMatch(/\d s\b/);
    expect(r.out).toMatch(/^wait max +19m 59s +1m 59\.2s +1m 1s$/m);
    expect(r.out).toMatch(/^last message out +19m 59s +9m 59\.5s +9m 59\.5s$/m);
  });

  it('--replications writes times as the tables do', async () => {
    const r = await cli('run', 'scenarios/choosing-a-provider.yaml', '--replications', '2', '--workers', '1', '-q');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^last out +19m 59s ± 0s$/m);
  });
});
