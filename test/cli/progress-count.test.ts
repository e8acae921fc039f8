// The progress line of many runs and its fitting to the terminal (issue 25): never wider
// than the terminal less one column, parts dropped in order before the line is cut.
import { describe, expect, it } from 'vitest';
import { CountProgress, countProgress, fitProgressLine, ProgressBar, runRateText } from '../../src/cli/run/progress.js';

describe('fitProgressLine', () => {
  const parts = ['12/80 runs', '3.4 runs/s', 'ETA 20s'];

  it('a full bar when there is room', () => {
    expect(fitProgressLine(0.5, 10, parts, 80)).toBe('[#####-----]  12/80 runs  3.4 runs/s  ETA 20s');
  });

  it('a shorter bar, then the parts in the order given, then no bar, then a cut', () => {
    expect(fitProgressLine(0.5, 24, parts, 50)).toBe('[#######-------]  12/80 runs  3.4 runs/s  ETA 20s');
    expect(fitProgressLine(0.5, 24, parts, 40, [1])).toBe('[########--------]  12/80 runs  ETA 20s');
    expect(fitProgressLine(0.5, 24, parts, 25, [1])).toBe('12/80 runs  ETA 20s');
    expect(fitProgressLine(0.5, 24, parts, 12, [1])).toBe('12/80 runs ');
  });

  it('never reaches the last column, at any width', () => {
    for (let columns = 1; columns <= 100; columns++) {
      expect(fitProgressLine(0.3, 24, parts, columns, [1, 2]).length).toBeLessThanOrEqual(Math.max(1, columns - 1));
    }
  });

  it('no bar without a fraction (an unknown total)', () => {
    expect(fitProgressLine(null, 24, ['7 runs', '2.0 runs/s'], 80)).toBe('7 runs  2.0 runs/s');
  });
});

describe('ProgressBar on a narrow terminal', () => {
  it('drops the message count first and keeps the ETA', () => {
    const bar = new ProgressBar(() => undefined, () => 0, 86_400_000, { columns: 60 });
    const line = bar.line(21_600_000, 1_000_000, 2000);
    expect(line.length).toBeLessThan(60);
    expect(line).not.toContain('msgs');
    expect(line).toMatch(/^\[#+-+\] {3}25% {2}06:00:00 \/ 24:00:00 {2}500\.0k msg\/s {2}ETA 6s$/);
  });
});

/** A count display on a fake clock and a captured stream. */
function fake(total: number | null) {
  let wall = 1000;
  const out: string[] = [];
  const p = new CountProgress((s) => out.push(s), () => wall, total, 'runs', { width: 10 });
  return { p, out, advance: (ms: number) => (wall += ms) };
}

describe('CountProgress', () => {
  it('draws at once, then done/total, runs per second and an ETA, in place', () => {
    const { p, out, advance } = fake(8);
    p.start();
    advance(2000);
    p.tick();
    p.tick(); // throttled: 0 ms since the last draw
    expect(out).toEqual(['\r[----------]  0/8 runs\x1b[K', '\r[#---------]  1/8 runs  0.5 runs/s  ETA 14s\x1b[K']);
  });

  it('always draws the last run, then clears', () => {
    const { p, out } = fake(3);
    p.start();
    p.tick(3);
    expect(out.at(-1)).toBe('\r[##########]  3/3 runs\x1b[K');
    p.clear();
    expect(out.at(-1)).toBe('\r\x1b[K');
  });

  it('without a total: the count and the rate', () => {
    const { p, advance } = fake(null);
    advance(1000);
    expect(p.line(12, 4000)).toBe('12 runs  3.0 runs/s');
  });

  it.each([[0.25, '0.3'], [3.44, '3.4'], [12.6, '13'], [12_345, '12.3k']])('runRateText(%d) = %s', (r, t) => expect(runRateText(r)).toBe(t));

  it('countProgress: only on an interactive stderr, not quiet, not in CI', () => {
    const io = (tty: boolean) => ({ stderr: () => undefined, stderrIsTTY: tty });
    expect(countProgress(io(true), false, 3, {})).toBeInstanceOf(CountProgress);
    expect(countProgress(io(false), false, 3, {})).toBeNull();
    expect(countProgress(io(true), true, 3, {})).toBeNull();
    expect(countProgress(io(true), false, 3, { CI: 'true' })).toBeNull();
    expect(countProgress(io(true), false, 3, { NO_COLOR: '1' })).toBeInstanceOf(CountProgress);
  });
});
