// The fast replay-time reader gives exactly what the scenario's parseDateTime gives, or
// leaves the decision to it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateTime } from '../../src/scenario/time/datetime.js';
import { fastTime, replayTime } from '../../src/traffic/replay-time.js';

const two = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((n) => String(n).padStart(2, '0'));

describe('replay times', () => {
  it.each([
    ['2026-03-09T15:00:00.123Z', Date.UTC(2026, 2, 9, 15, 0, 0, 123)],
    ['2026-03-09 17:00:00.250123+02:00', Date.UTC(2026, 2, 9, 15, 0, 0, 250)],
    ['2026-03-09 15:00:00', Date.UTC(2026, 2, 9, 15)],
    ['2026-03-09 15:00:00-0530', Date.UTC(2026, 2, 9, 20, 30)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('%s', (text, ms) => {
    expect(fastTime(text)).toBe(ms);
    expect(parseDateTime(text, false)).toBe(ms);
  });

  it.each(['2026-02-29 10:00:00', '2026-03-09 24:00:00', '2026-03-09 15:00:00+19:00', '09/03/2026 15:00', '2026-03-09 15:00'])(
    'the fast path leaves %s to parseDateTime',
    (text) => {
      expect(fastTime(text)).toBeNull();
      expect(replayTime(text)).toBe(parseDateTime(text, false));
    },
  );

  it('rows within one minute and across minutes (the fast path remembers the last minute)', () => {
    for (const text of ['2026-03-09T15:00:00Z', '2026-03-09T15:00:59.5Z', '2026-03-09T15:01:00Z', '2026-03-09 15:00:01+01:00', '2026-03-09T15:00:61Z', '2026-03-09T15:00:0xZ']) {
      expect(replayTime(text)).toBe(parseDateTime(text, false));
    }
  });

  it('agrees with parseDateTime on random times of every form it reads', () => {
    const time = fc
      .tuple(
        fc.integer({ min: 1000, max: 2999 }).map(String),
        two(0, 13),
        two(0, 32),
        fc.constantFrom('T', ' ', 't'),
        two(0, 24),
        two(0, 60),
        two(0, 60),
        fc.constantFrom('', '.', ',').chain((sep) => (sep === '' ? fc.constant('') : fc.stringMatching(/^[0-9]{0,7}$/).map((f) => sep + f))),
        fc.constantFrom('', 'Z', 'z', '+', '-').chain((s) =>
          s === '+' || s === '-' ? fc.tuple(two(0, 19), fc.constantFrom('', ':'), fc.option(two(0, 61))).map(([h, c, m]) => s + h + (m === null ? '' : c + m)) : fc.constant(s),
        ),
      )
      .map((p) => `${p[0]}-${p[1]}-${p[2]}${p[3]}${p[4]}:${p[5]}:${p[6]}${p[7]}${p[8]}`);
    fc.assert(
      fc.property(time, (text) => {
        const fast = fastTime(text);
        if (fast !== null) expect(fast).toBe(parseDateTime(text, false));
      }),
      { numRuns: 400, seed: 26 },
    );
  }, 60_000);
});
