/**
 * Issue 27 N7: a replay CSV whose header names a column twice (`From` twice, or `From` and
 * `from`) is an error naming both columns at FILE:LINE:COLUMN, not "the first wins".
 * The one documented pair — `Message Time` taken over `Time` — stays accepted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'a2psim-replay-header-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCENARIO = join(dir, 's.yaml');
writeFileSync(
  SCENARIO,
  `start: 2026-03-09T15:00:00Z
account: { mps: { sms: 1000 } }
numbers:
  - { id: sc, number: "55555", type: short_code, country: US }
  - { id: sc2, number: "55556", type: short_code, country: US }
traffic:
  - { name: r, arrival: { kind: replay, file: replay.csv } }
`,
);
const CSV = join(dir, 'replay.csv');
const row = (cols: string[]) => cols.join(',');

describe('a replay header naming a column twice', () => {
  it.each([
    ['From twice', ['Message UUID', 'From', 'To', 'From', 'Message Time'], ['u1', '55555', '+12025550100', '55556', '2026-03-09T15:00:00Z'], '"From" (column 2) and "From" (column 4) both naming from', 'Message UUID,From,To,'.length + 1],
    ['From and from', ['From', 'To', 'Message Time', 'from'], ['55555', '+12025550100', '2026-03-09T15:00:00Z', '55556'], '"From" (column 1) and "from" (column 4) both naming from', 'From,To,Message Time,'.length + 1],
    ['To twice', ['From', 'To', 'To', 'Message Time'], ['55555', '+12025550100', '+12025550101', '2026-03-09T15:00:00Z'], '"To" (column 2) and "To" (column 3) both naming to', 'From,To,'.length + 1],
    ['Message UUID and UUID', ['Message UUID', 'UUID', 'From', 'To', 'Message Time'], ['u1', 'u2', '55555', '+12025550100', '2026-03-09T15:00:00Z'], '"Message UUID" (column 1) and "UUID" (column 2) both naming uuid', 'Message UUID,'.length + 1],
    ['Message Time twice', ['From', 'To', 'Message Time', 'Message Time'], ['55555', '+12025550100', '2026-03-09T15:00:00Z', '2026-03-09T16:00:00Z'], '"Message Time" (column 3) and "Message Time" (column 4) both naming time', 'From,To,Message Time,'.length + 1],
  ])('%s is refused at the second column, naming both', async (_, head, data, what, column) => {
    writeFileSync(CSV, `${row(head)}\n${row(data)}\n`);
    const r = await cli('run', SCENARIO);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`a2psim: ${CSV}:1:${column}: expected each column once, got ${what}\n`);
  });

  it('Time and Message Time: Message Time is taken, as documented', async () => {
    writeFileSync(CSV, `${row(['Time', 'From', 'To', 'Message Time'])}\n${row(['2026-03-09T18:00:00Z', '55555', '+12025550100', '2026-03-09T15:00:01Z'])}\n`);
    const r = await cli('run', SCENARIO, '--format', 'json');
    expect(r.err).toBe('');
    expect(JSON.parse(r.out).totals.submitted).toBe(1);
  });
});
