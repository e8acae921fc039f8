import { describe, expect, it } from 'vitest';
import { parseDateTime } from '../../src/scenario/time/datetime.js';

describe('parseDateTime', () => {
  it.each([
    // text, requireOffset, epoch ms (or undefined)
    ['2026-03-09T15:00:00.123Z', true, Date.UTC(2026, 2, 9, 15, 0, 0, 123)],
    ['2026-03-09T08:00:00-07:00', true, Date.UTC(2026, 2, 9, 15)],
    ['2026-03-09 08:00:00+05:30', true, Date.UTC(2026, 2, 9, 2, 30)],
    ['2026-03-09 08:00:00 +0530', true, Date.UTC(2026, 2, 9, 2, 30)],
    ['2026-03-09T08:00:00,5Z', true, Date.UTC(2026, 2, 9, 8, 0, 0, 500)],
    ['2026-03-09T08:00', false, Date.UTC(2026, 2, 9, 8)],
    ['2026-03-09T08:00', true, undefined],
    ['2026-02-30T00:00:00.000Z', false, undefined],
    ['2026-02-30T00:00:00Z', false, undefined],
    ['2026-13-01T00:00:00.000Z', false, undefined],
    ['2026-03-09T08:00:00+19:00', true, undefined],
    ['2026-03-09', false, undefined],
    ['09/03/2026 08:00', false, undefined],
  ])('%s (offset required: %s) → %s', (text, requireOffset, expected) => {
    expect(parseDateTime(text, requireOffset)).toBe(expected);
  });
});
