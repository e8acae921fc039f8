// `a2psim validate` rejects what `run` rejects before simulating — replay files included —
// with the same one-line error and exit 2.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'a2psim', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

const replayScenario = (csv: string) => `
name: replayed
start: 2026-03-09T15:00:00Z
numbers:
  - { id: tf1, number: "+18445550100", type: toll_free, country: US, verified: true }
traffic:
  - { name: mdr, arrival: { kind: replay, file: ${JSON.stringify(csv)} } }
`;

function scenarioWith(csv: string | null, csvName = 'r.csv'): string {
  const dir = mkdtempSync(join(tmpdir(), 'a2psim-validate-'));
  if (csv !== null) writeFileSync(join(dir, csvName), csv);
  writeFileSync(join(dir, 's.yaml'), replayScenario(csvName));
  return join(dir, 's.yaml');
}

describe('a2psim validate: replay files', () => {
  it('a missing replay file: exit 2 and the same line as run', async () => {
    const file = scenarioWith(null);
    const v = await cli('validate', file);
    const r = await cli('run', file);
    expect(v).toMatchObject({ code: 2, stdout: '' });
    expect(v.stderr).toMatch(/r\.csv.*cannot read the replay file of traffic "mdr" \(ENOENT\)\n$/);
    expect(v.stderr.split('\n')).toHaveLength(2);
    expect(r.code).toBe(2);
    expect(v.stderr).toBe(r.stderr);
  });

  it('a bad row: exit 2 naming the file and line, as run does', async () => {
    const file = scenarioWith('From,To,Message Time\n+18445550100,+12025550123,2026-03-09T15:00:00Z\n+18445550100,+12025550123,yesterday\n');
    const v = await cli('validate', file);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/^a2psim: .*r\.csv:3 Message Time: expected a time.*got "yesterday"\n$/);
    expect(v.stderr).toBe((await cli('run', file)).stderr);
  });

  it('a file without a header: exit 2', async () => {
    const v = await cli('validate', scenarioWith(''));
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/r\.csv:1: expected a header row/);
  });

  it('a good replay file (the MDR fixture) is ok', async () => {
    const v = await cli('validate', 'test/fixtures/mdr-replay.yaml');
    expect(v).toEqual({ code: 0, stdout: 'ok test/fixtures/mdr-replay.yaml\n', stderr: '' });
  });
});

describe('a2psim validate: overrides, as run takes them', () => {
  it('--set and --seed are applied and checked', async () => {
    expect((await cli('validate', 'scenarios/default.yaml', '--set', 'account.mps.sms=50/s', '--seed', '3')).code).toBe(0);
    const bad = await cli('validate', 'scenarios/default.yaml', '--set', 'traffic[0].expiry=3');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe((await cli('run', 'scenarios/default.yaml', '--set', 'traffic[0].expiry=3')).stderr);
    expect((await cli('validate', 'scenarios/default.yaml', '--seed', 'x')).stderr).toBe('a2psim: --seed: expected an integer from 0 to 9007199254740991 (2^53 - 1), got "x"\n');
  });
});
