// Replay files that are not what they seem (issues 11 and 12): a FIFO, bytes that are not
// UTF-8, a file that changes after it was checked (sorted or not, before or during the
// run), a `To` that is not a phone number, and the FAQ's bulk `To` joined by "<".
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { prepareReplay, validateReplay } from '../../src/traffic/replay.js';
import { executeInteractive } from '../../src/cli/run/interactive.js';
import { main } from '../../src/cli/main.js';
import { SeriesCollector } from '../../src/report/timeseries.js';
import type { TickSnapshot } from '../../src/engine/types.js';
import type { Scenario } from '../../src/scenario/model.js';
import { runRecords } from '../helpers/scenario.js';

const dir = () => mkdtempSync(join(tmpdir(), 'a2psim-replay-faults-'));

/** A scenario in `d` replaying `file` (relative to it). */
function scenarioFor(d: string, file = 'replay.csv'): Scenario {
  writeFileSync(
    join(d, 's.yaml'),
    `start: 2026-03-09T15:00:00Z
account: { mps: { sms: 1000 } }
numbers:
  - { id: sc, number: "55555", type: short_code, country: US }
traffic:
  - { name: r, arrival: { kind: replay, file: ${file} } }
`,
  );
  return loadScenarioFile(join(d, 's.yaml'));
}

const HEAD = 'Message UUID,From,To,Message Time';
/** `n` rows, one every 10 ms from the start, in time order. */
const rows = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `u${i},55555,+1202555${String(i).padStart(4, '0')},${new Date(Date.UTC(2026, 2, 9, 15) + i * 10).toISOString()}`);

function drain(feed: { next(): unknown }, max = Infinity): number {
  let n = 0;
  while (n < max && feed.next() !== null) n++;
  return n;
}

describe('replay paths that are not regular files', () => {
  const hasMkfifo = (() => {
    try {
      execFileSync('mkfifo', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasMkfifo)('a FIFO is refused at once with one line (it used to block the run forever)', () => {
    const d = dir();
    const fifo = join(d, 'replay.csv');
    execFileSync('mkfifo', [fifo]);
    // Should the reader open the FIFO, this writer lets it go on (to a wrong answer) instead of hanging.
    const writer = spawn('timeout', ['10', 'sh', '-c', `printf 'From,To,Message Time\\n' > '${fifo}'`], { stdio: 'ignore' });
    try {
      expect(() => prepareReplay(scenarioFor(d))).toThrow(`${fifo}: the replay file of traffic "r" is a FIFO (named pipe), not a regular file`);
    } finally {
      writer.kill();
    }
  }, 30_000);

  it('a directory is refused the same way', () => {
    const d = dir();
    expect(() => prepareReplay(scenarioFor(d, '.'))).toThrow('the replay file of traffic "r" is a directory, not a regular file');
  });
});

describe('replay files must be UTF-8', () => {
  it('an invalid byte is an error with its line and column, not a silent U+FFFD', () => {
    const d = dir();
    const good = rows(3);
    const bad = Buffer.concat([Buffer.from(`${HEAD}\n${good[0]}\n${good[1]},x\n`), Buffer.from('u9,55555,+12025559999,2026-03-09T15:00:01Z,caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    writeFileSync(join(d, 'replay.csv'), bad);
    expect(() => prepareReplay(scenarioFor(d))).toThrow(`${join(d, 'replay.csv')}:4:47: expected UTF-8 text, got the byte 0xE9, which is not UTF-8 there`);
  });

  it('lines ending in CR alone (old Mac files) are named as such', () => {
    const d = dir();
    writeFileSync(join(d, 'replay.csv'), `${HEAD}\r${rows(3).join('\r')}\r`);
    expect(() => prepareReplay(scenarioFor(d))).toThrow(`${join(d, 'replay.csv')}:1: expected lines that end in LF or CRLF, got lines that end in CR alone`);
  });

  it('a byte-order mark and multi-byte text cut by a chunk boundary are fine', () => {
    const d = dir();
    const text = 'Grüße, ваш код 123 — ok';
    const body = rows(400).map((r) => `${r},"${text}"`);
    writeFileSync(join(d, 'replay.csv'), `\ufeff${HEAD},text\n${body.join('\n')}\n`);
    const sc = scenarioFor(d);
    const { replay, plans } = prepareReplay(sc, { chunkBytes: 1000 });
    expect(plans[0]).toMatchObject({ rows: 400, sorted: true });
    const { records } = runRecords(sc, { replay });
    expect(records.every((r) => r.text === text)).toBe(true);
  });
});

describe('a replay file that changes after it was checked stops the run', () => {
  const changedError = (d: string) => `${join(d, 'replay.csv')}: the replay file changed after it was checked`;

  it('sorted: truncated during the run, the feed stops with one line instead of ending early', () => {
    const d = dir();
    const csv = `${HEAD}\n${rows(3000).join('\n')}\n`;
    writeFileSync(join(d, 'replay.csv'), csv);
    const sc = scenarioFor(d);
    const { replay } = prepareReplay(sc, { chunkBytes: 4096 });
    const feed = replay!(sc.traffic[0], 0);
    expect(drain(feed, 100)).toBe(100);
    truncateSync(join(d, 'replay.csv'), csv.length / 2);
    expect(() => drain(feed)).toThrow(changedError(d));
    expect(() => drain(feed)).not.toThrow(TypeError);
  });

  it('unsorted: rewritten during the run, a ScenarioError (not a stack trace)', () => {
    const d = dir();
    const shuffled = rows(3000).reverse();
    writeFileSync(join(d, 'replay.csv'), `${HEAD}\n${shuffled.join('\n')}\n`);
    const sc = scenarioFor(d);
    const { replay, plans } = prepareReplay(sc);
    expect(plans[0].sorted).toBe(false);
    const feed = replay!(sc.traffic[0], 0);
    expect(drain(feed, 10)).toBe(10);
    writeFileSync(join(d, 'replay.csv'), `${HEAD}\n${shuffled.slice(0, 100).join('\n')}\n`);
    let error: unknown;
    try {
      drain(feed);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).toContain(changedError(d));
  });

  it('changed between the check and the run (same size, rows swapped): detected', () => {
    const d = dir();
    const r = rows(50);
    writeFileSync(join(d, 'replay.csv'), `${HEAD}\n${r.join('\n')}\n`);
    const sc = scenarioFor(d);
    const { replay } = prepareReplay(sc);
    [r[10], r[40]] = [r[40], r[10]];
    writeFileSync(join(d, 'replay.csv'), `${HEAD}\n${r.join('\n')}\n`);
    expect(() => drain(replay!(sc.traffic[0], 0))).toThrow(changedError(d));
  });

  it('through `run`: the run fails with the one-line error and writes no output file', async () => {
    const d = dir();
    const csv = `${HEAD}\n${rows(3000).join('\n')}\n`;
    writeFileSync(join(d, 'replay.csv'), csv);
    const sc = scenarioFor(d);
    /** Truncates the replay file 5 s into the run (virtual time). */
    class Truncating extends SeriesCollector {
      override onTick(atMs: number, snapshot: TickSnapshot): void {
        if (atMs === 5000) truncateSync(join(d, 'replay.csv'), 1000);
        super.onTick(atMs, snapshot);
      }
    }
    const out = join(d, 'out.csv');
    await expect(executeInteractive(sc, { messages: out }, { stderr: () => undefined }, new Truncating(1000))).rejects.toThrow(changedError(d));
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(d).filter((f) => f.includes('partial'))).toEqual([]);
    expect(readFileSync(join(d, 'replay.csv'), 'utf8')).toHaveLength(1000);
  });
});

describe('replay To (issue 12)', () => {
  const MDR = 'Message UUID,From,To,Direction,Message Time';

  it('the FAQ bulk form 14156667777<14157778888<14158889999 is one message per destination, in order', () => {
    const d = dir();
    writeFileSync(join(d, 'replay.csv'), `${MDR}\nb,55555,14156667777<14157778888<14158889999,outbound,2026-03-09 15:00:00\nc,55555,+14150000000,outbound,2026-03-09 15:00:00\n`);
    const sc = scenarioFor(d);
    const { replay, plans } = prepareReplay(sc);
    expect(plans[0]).toMatchObject({ rows: 2 });
    const { records } = runRecords(sc, { replay });
    expect(records.map((r) => [r.uuid, r.to, r.submitMs])).toEqual([
      ['b-1', '+14156667777', 0],
      ['b-2', '+14157778888', 0],
      ['b-3', '+14158889999', 0],
      ['c', '+14150000000', 0],
    ]);
  });

  it.each([
    ['a name', 'Alice', '"Alice"'],
    ['an empty part of a bulk list', '14156667777<<14157778888', '"14156667777<<14157778888"'],
    ['letters in a number', '+1415ABC7777', '"+1415ABC7777"'],
    ['too many digits', '+1234567890123456', '"+1234567890123456"'],
  ])('a To that is not a phone number (%s) is a row error with file:line', (_name, to, got) => {
    const d = dir();
    writeFileSync(join(d, 'replay.csv'), `${MDR}\nok,55555,+14150000000,outbound,2026-03-09 15:00:00\nx,55555,${to},outbound,2026-03-09 15:00:01\n`);
    const sc = scenarioFor(d);
    expect(() => runRecords(sc, { replay: prepareReplay(sc).replay })).toThrow(
      `${join(d, 'replay.csv')}:3 To: expected a phone number such as +12025550123 or 12025550123 (several joined by "<"), got ${got}`,
    );
  });

  it('short codes and redacted numbers (+12025550***) are phone numbers', () => {
    const d = dir();
    writeFileSync(join(d, 'replay.csv'), `${MDR}\na,55555,12345,inbound,2026-03-09 15:00:00\nb,55555,+12025550***,outbound,2026-03-09 15:00:00\n`);
    const { records } = runRecords(scenarioFor(d), { replay: prepareReplay(scenarioFor(d)).replay });
    expect(records.map((r) => r.to)).toEqual(['12345', '+12025550***']);
  });
});

describe('a bad cell found during the run', () => {
  it('exit 2, one line with file:line, and no output file (the run had written rows before it)', async () => {
    const d = dir();
    const r = rows(2000);
    r[1500] = r[1500].replace(',55555,+1202555', ',55555,call me ');
    writeFileSync(join(d, 'replay.csv'), `${HEAD}\n${r.join('\n')}\n`);
    scenarioFor(d);
    let stderr = '';
    const out = { stdout: () => undefined, stderr: (s: string) => (stderr += s) };
    const code = await main(['node', 'a2psim', 'run', join(d, 's.yaml'), '--messages', join(d, 'm.csv'), '--report', join(d, 'r.html')], out);
    expect(code).toBe(2);
    expect(stderr).toBe(`a2psim: ${join(d, 'replay.csv')}:1502 To: expected a phone number such as +12025550123 or 12025550123 (several joined by "<"), got "call me 1500"\n`);
    expect(readdirSync(d).sort()).toEqual(['replay.csv', 's.yaml']);
  }, 60_000);
});

describe('validateReplay (a2psim validate)', () => {
  it('checks every cell of every row without running, in file order', () => {
    const d = dir();
    const r = rows(50);
    r[20] = r[20].replace(',+1202', ',Alice ');
    r[30] = r[30].replace(',55555,', ',,');
    writeFileSync(join(d, 'replay.csv'), `${HEAD}\n${r.join('\n')}\n`);
    const sc = scenarioFor(d);
    expect(() => prepareReplay(sc)).not.toThrow();
    expect(() => validateReplay(sc)).toThrow(`${join(d, 'replay.csv')}:22 To: expected a phone number`);
  });
});
