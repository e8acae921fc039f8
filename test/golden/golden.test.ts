// Golden files (issue 4): the message CSV and the time series of a fixed-seed scenario,
// byte for byte. Regenerate on purpose with UPDATE_GOLDEN=1 npx vitest run test/golden.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = 'test/golden';

async function runGolden(): Promise<{ messages: string; series: string }> {
  const d = mkdtempSync(join(tmpdir(), 'a2psim-golden-'));
  const messages = join(d, 'messages.csv');
  const series = join(d, 'timeseries.csv');
  const io = { stdout: () => {}, stderr: () => {} };
  const code = await main(['node', 'a2psim', 'run', `${GOLDEN}/golden.yaml`, '--messages', messages, '--timeseries', series, '--interval', '5s'], io);
  expect(code).toBe(0);
  return { messages: readFileSync(messages, 'utf8'), series: readFileSync(series, 'utf8') };
}

function compare(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) throw new Error(`${path} is missing: run UPDATE_GOLDEN=1 npx vitest run test/golden`);
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('golden scenario', () => {
  it('message CSV and time series match test/golden', async () => {
    const out = await runGolden();
    compare('golden.messages.csv', out.messages);
    compare('golden.timeseries.csv', out.series);
  });

  it('the same seed gives byte-identical files', async () => {
    const [a, b] = [await runGolden(), await runGolden()];
    expect(a).toEqual(b);
  });
});
