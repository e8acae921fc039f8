import { describe, expect, it } from 'vitest';
import { DayClock } from '../../src/engine/calendar.js';

const PT = 'America/Los_Angeles';
const H = 3_600_000;

describe('DayClock (Pacific day of the T-Mobile cap)', () => {
  it.each([
    // start (any offset)              t (h)  day           length (h)
    ['2026-03-08T00:00:00-08:00', 0, '2026-03-08', 23], // DST starts: 23-hour day
    ['2026-03-08T08:00:00Z', 0, '2026-03-08', 23], // same instant given in UTC
    ['2026-03-08T00:00:00-08:00', 23, '2026-03-09', 24], // next midnight is 23 h later
    ['2026-11-01T00:00:00-07:00', 0, '2026-11-01', 25], // DST ends: 25-hour day
    ['2026-11-01T00:00:00-07:00', 24.5, '2026-11-01', 25], // still Nov 1 after 24 h
    ['2026-11-01T00:00:00-07:00', 25, '2026-11-02', 24],
    ['2026-06-15T12:00:00+09:00', 0, '2026-06-14', 24], // Tokyo noon = 20:00 PDT the day before
    ['2026-01-01T00:00:00Z', 0, '2025-12-31', 24],
  ])('start %s, t=%sh → %s (%s h long)', (start, hours, label, length) => {
    const clock = new DayClock(Date.parse(start), PT);
    const day = clock.dayAt(hours * H);
    expect(day.label).toBe(label);
    expect((day.endMs - day.startMs) / H).toBe(length);
    expect(day.startMs).toBeLessThanOrEqual(hours * H);
    expect(day.endMs).toBeGreaterThan(hours * H);
  });

  it('resets exactly at local midnight', () => {
    const clock = new DayClock(Date.parse('2026-03-08T00:00:00-08:00'), PT);
    expect(clock.dayAt(23 * H - 1).label).toBe('2026-03-08');
    expect(clock.dayAt(23 * H).label).toBe('2026-03-09');
  });
});
