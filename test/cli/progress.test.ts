import { describe, expect, it } from 'vitest';
import { clockText, etaText, inCi, ProgressBar, progressWanted, rateText } from '../../src/cli/run/progress.js';

describe('progressWanted: only on an interactive stderr, never quiet or in CI', () => {
  it.each([
    [false, true, {}, true],
    [undefined, true, { CI: '' }, true],
    [undefined, true, { CI: 'false' }, true],
    [true, true, {}, false],
    [false, false, {}, false],
    [false, undefined, {}, false],
    [false, true, { CI: 'true' }, false],
    [false, true, { CI: '1' }, false],
  ])('quiet=%s tty=%s env=%j → %s', (quiet, tty, env, want) => {
    expect(progressWanted(quiet, tty, env)).toBe(want);
  });
});

describe('inCi: CI set to anything but "", "0" or "false"', () => {
  it.each([
    [{}, false], [{ CI: '' }, false], [{ CI: '0' }, false], [{ CI: 'false' }, false], [{ CI: 'FALSE' }, false],
    [{ CI: 'true' }, true], [{ CI: '1' }, true], [{ CI: 'woodpecker' }, true],
  ])('%j → %s', (env, want) => {
    expect(inCi(env)).toBe(want);
  });
});

describe('progress text', () => {
  it.each([
    [0, '00:00:00'], [61_500, '00:01:01'], [86_400_000, '24:00:00'], [90_061_000, '25:01:01'],
  ])('clockText(%i) = %s', (ms, text) => expect(clockText(ms)).toBe(text));
  it.each([[500, '1s'], [42_000, '42s'], [185_000, '3m05s'], [3_720_000, '1h02m']])('etaText(%i) = %s', (ms, t) =>
    expect(etaText(ms)).toBe(t));
  it.each([[950, '950'], [12_345, '12.3k'], [2_310_000, '2.31M']])('rateText(%i) = %s', (r, t) => expect(rateText(r)).toBe(t));
});

/** A bar on a fake clock and a captured stream. */
function fakeBar(totalMs: number) {
  let wall = 1000;
  const out: string[] = [];
  const bar = new ProgressBar((s) => out.push(s), () => wall, totalMs, { width: 10 });
  return { bar, out, advance: (ms: number) => (wall += ms) };
}

describe('ProgressBar', () => {
  it('draws virtual time, messages/s and an ETA in place', () => {
    const { bar, out, advance } = fakeBar(86_400_000);
    advance(2000);
    bar.update(21_600_000, 1_000_000);
    expect(out).toEqual([`\r[###-------]   25%  06:00:00 / 24:00:00  1,000,000 msgs  500.0k msg/s  ETA 6s\x1b[K`]);
  });

  it('redraws at most 10 times per second of wall time', () => {
    const { bar, out, advance } = fakeBar(1000);
    for (let i = 0; i < 100; i++) {
      bar.update(i, i);
      advance(20);
    }
    // 2 s of wall time at one update per 20 ms: 20 draws, not 100.
    expect(out.length).toBe(20);
  });

  it('says when it is draining queues past the traffic window', () => {
    const { bar } = fakeBar(60_000);
    expect(bar.line(90_000, 10, 1000)).toMatch(/\[#{10}\]  100%  00:01:30 \/ 00:01:00 .* draining queues$/);
  });

  it('clears its line at the end, and writes nothing if it never drew', () => {
    const a = fakeBar(1000);
    a.bar.clear();
    expect(a.out).toEqual([]);
    a.bar.update(500, 5);
    a.bar.clear();
    expect(a.out.at(-1)).toBe('\r\x1b[K');
  });
});
