// The options several commands take are each defined once (src/cli/options/shared-options.ts)
// and parsed when commander reads them: every command refuses a bad value with the same
// one-line message and exit 2, before it reads any file, including where a command used to
// ignore the option (`run --workers` without `--replications`, `--format` beside
// `run --provider a,b` or `solve --objective cost`).
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const S = 'scenarios/default.yaml';
const MISSING = 'test/fixtures/no-such-scenario.yaml';

/** Each command that takes the option, with the arguments it needs besides it. */
const RUNNERS: Record<string, string[]> = {
  run: ['run', MISSING],
  validate: ['validate', MISSING],
  check: ['check', MISSING],
  solve: ['solve', MISSING, '--vary', 'account.mps.sms', '--min', '1', '--max', '2'],
  sweep: ['sweep', MISSING, '--vary', 'account.mps.sms=1,2'],
};

const BAD: Array<[string[], string, string[]]> = [
  [['--seed', 'x'], '--seed: expected an integer from 0 to 9007199254740991 (2^53 - 1), got "x"', ['run', 'validate', 'check', 'solve', 'sweep']],
  [['--max-messages', '0'], '--max-messages: expected a whole number from 1 to 9007199254740991 (2^53 - 1), got "0"', ['run', 'validate', 'check', 'solve', 'sweep']],
  [['--provider', 'sinch'], '--provider: expected one of plivo, telnyx, twilio, bandwidth, aws, got "sinch"', ['run', 'validate', 'check', 'solve', 'sweep']],
  [['--replications', '0'], '--replications: expected an integer from 1 to 10000, got "0"', ['run', 'check', 'solve', 'sweep']],
  [['--workers', '257'], '--workers: expected an integer from 1 to 256, got "257"', ['run', 'check', 'solve', 'sweep']],
];

describe('shared options: one definition, one message in every command', () => {
  for (const [flag, message, commands] of BAD) {
    it.each(commands)(`${flag.join(' ')} in %s`, async (command) => {
      const r = await cli(...RUNNERS[command], ...flag);
      expect([r.code, r.err, r.out]).toEqual([2, `a2psim: ${message}\n`, '']);
    });
  }

  it.each([
    [['run', MISSING, '--format', 'xml'], 'expected one of table, json, csv, got "xml"'],
    [['solve', MISSING, '--vary', 'account.mps.sms', '--format', 'csv'], 'expected table or json, got "csv"'],
    [['sweep', MISSING, '--vary', 'account.mps.sms=1,2', '--format', 'table'], 'expected csv or json, got "table"'],
    [['merge', MISSING, '--format', 'xml'], 'expected csv or json, got "xml"'],
    [['rules', '--format', 'yaml'], 'expected table or json, got "yaml"'],
  ])('--format of %j', async (args, message) => {
    const r = await cli(...args);
    expect([r.code, r.err]).toEqual([2, `a2psim: --format: ${message}\n`]);
  });

  it('refuses a bad value where the command used to ignore the option', async () => {
    const cases: Array<[string[], string]> = [
      [['run', S, '--workers', 'x'], '--workers: expected an integer from 1 to 256, got "x"'],
      [['run', S, '--provider', 'plivo,twilio', '--format', 'xml'], '--format: expected one of table, json, csv, got "xml"'],
      [['solve', S, '--objective', 'cost', '--vary', 'account.mps.sms=1,2', '--format', 'xml'], '--format: expected table or json, got "xml"'],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect([r.code, r.err, r.out], args.join(' ')).toEqual([2, `a2psim: ${message}\n`, '']);
    }
  });

  it('reads a good value as the command needs it: a provider in any case, run comparing a list', async () => {
    expect((await cli('rules', '--provider', 'Twilio', '--format', 'json')).out).toContain('"id": "twilio"');
    const r = await cli('run', S, '--provider', 'plivo, Twilio', '--format', 'json', '-q');
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.out))).toEqual(['plivo', 'twilio']);
  });
});
