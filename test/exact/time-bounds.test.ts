/**
 * Issue 27 N10: every time-valued scenario field is bounded at validation (10,000 years),
 * the retry schedule's longest wait included, so no date can overflow mid-run: a huge
 * `retry.backoff` is the usual one-line ScenarioError, never `RangeError: Invalid time value`
 * with the bundle's source on stderr.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'a2psim-time-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const CAP = readFileSync('scenarios/cap-retries.yaml', 'utf8');
const RETRY = 'retry: { on: [tmobile_daily_cap], after: 30m, max: 3 }';
const LINE = CAP.split('\n').findIndex((l) => l.includes(RETRY)) + 1;

describe('time-valued fields are bounded', () => {
  it.each([
    ['backoff 1e12 over 3 retries', 'retry: { on: [tmobile_daily_cap], after: 30m, max: 3, backoff: 1e12 }', 'backoff: 1e12', 'traffic[0].retry.backoff: expected a backoff whose longest wait (after × backoff^(max − 1)) is at most 10,000 years, got 1e12'],
    ['backoff 1e308 over 20 retries', 'retry: { on: [tmobile_daily_cap], after: 1ms, max: 20, backoff: 1e308 }', 'backoff: 1e308', 'traffic[0].retry.backoff: expected a backoff whose longest wait (after × backoff^(max − 1)) is at most 10,000 years, got 1e308'],
    ['backoff 10 over 20 retries after a day', 'retry: { on: [tmobile_daily_cap], after: 1d, max: 20, backoff: 10 }', 'backoff: 10', 'traffic[0].retry.backoff: expected a backoff whose longest wait (after × backoff^(max − 1)) is at most 10,000 years, got 10'],
    ['after past 10,000 years', 'retry: { on: [tmobile_daily_cap], after: 4000000d, max: 3 }', 'after: 4000000d', 'traffic[0].retry.after: expected a duration of at most 10,000 years, got "4000000d"'],
  ])('%s: one line, exit 2', async (name, retry, at, message) => {
    const f = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(f, CAP.replace(RETRY, retry));
    const col = CAP.split('\n')[LINE - 1].indexOf('retry') + retry.indexOf(at) + at.indexOf(' ') + 2;
    for (const cmd of [['run', f], ['validate', f], ['check', f]]) {
      const r = await cli(...cmd);
      expect(r.code).toBe(2);
      expect(r.err).toBe(`a2psim: ${f}:${LINE}:${col} ${message}\n`);
    }
  });

  it.each([
    ['duration', 'duration=4000000d', '--set duration: expected a duration of at most 10,000 years, got "4000000d"'],
    ['a source end', 'traffic[0].end=4000000d', '--set traffic[0].end: expected a duration of at most 10,000 years, got "4000000d"'],
  ])('%s through --set', async (_, set, message) => {
    const r = await cli('validate', 'scenarios/cap-retries.yaml', '--set', set);
    if (message === null) expect(r.code).toBe(0);
    else expect([r.code, r.err]).toEqual([2, `a2psim: ${message}\n`]);
  });

  it('a long but bounded backoff still runs', async () => {
    const f = join(dir, 'ok.yaml');
    writeFileSync(f, CAP.replace(RETRY, 'retry: { on: [tmobile_daily_cap], after: 1ms, max: 2, backoff: 1000 }'));
    const r = await cli('run', f, '--format', 'json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});
