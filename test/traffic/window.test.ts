import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { arrivalProcess } from '../../src/traffic/arrivals.js';
import { sourceRng } from '../../src/engine/random.js';
import type { Scenario } from '../../src/scenario/model.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

function times(sc: Scenario, i = 0): number[] {
  const def = sc.traffic[i];
  const p = arrivalProcess(def, sourceRng(sc.seed, def.name), sc.startEpochMs);
  const out: number[] = [];
  for (let t = p.next(); t !== Infinity; t = p.next()) out.push(t);
  return out;
}

const iso = (sc: Scenario, t: number) => new Date(sc.startEpochMs + t).toISOString();
const local = (sc: Scenario, t: number, zone: string) =>
  DateTime.fromMillis(sc.startEpochMs + t, { zone }).toFormat('yyyy-MM-dd HH:mm');

const numbers = `numbers: [{ id: sc1, number: "55501", type: short_code, country: US }]`;

describe('sending window, one zone', () => {
  it('a request due at night is submitted when the window opens, across a DST change (exact)', () => {
    // Saturday 2026-0307 20:00 EST = 01:00Z on the 8th; the clocks spring forward at 02:00 local
    // on Sunday the 8th, so the 08:00 opening is 12:00Z (EDT, -04:00), not 13:00Z.
    const sc = scenarioOf(`
start: 2026-03-07T20:00:00-05:00
duration: 2h
${numbers}
traffic:
  - name: promo
    from: sc1
    arrival: { kind: constant, rate: 1/h }
    send_window: { from: "08:00", to: "21:00", time_zone: America/New_York }
`);
    const ts = times(sc);
    // 20:00 is inside the window; 21:00 is not (the window is [08:00, 21:00)).
    expect(ts.map((t) => iso(sc, t))).toEqual(['2026-03-08T01:00:00.000Z', '2026-03-08T12:00:00.000Z']);
    expect(local(sc, ts[1], 'America/New_York')).toBe('2026-03-08 08:00');
  });

  it('fall back: the window opens at 08:00 EST (13:00Z) the day after 2026-11-01 01:00 repeats', () => {
    const sc = scenarioOf(`
start: 2026-10-31T22:00:00-04:00
duration: 1h
${numbers}
traffic:
  - { name: p, from: sc1, arrival: { kind: burst, count: 3 }, send_window: { from: "08:00", to: "21:00", time_zone: America/New_York } }
`);
    expect(times(sc).map((t) => iso(sc, t))).toEqual(Array(3).fill('2026-11-01T13:00:00.000Z'));
  });

  it('a window spanning midnight (22:00-06:00) holds daytime requests until 22:00', () => {
    const sc = scenarioOf(`
start: 2026-06-10T05:00:00Z
duration: 4h
${numbers}
traffic:
  - { name: n, from: sc1, arrival: { kind: constant, rate: 1/h }, send_window: { from: "22:00", to: "06:00", time_zone: UTC } }
`);
    expect(times(sc).map((t) => t / 3_600_000)).toEqual([0, 17, 17, 17]);
  });

  it('expiry counts from submission: a held message is not expired by the night it waited', () => {
    const sc = scenarioOf(`
start: 2026-06-10T23:00:00Z
duration: 1m
${numbers}
traffic:
  - { name: otp, from: sc1, arrival: { kind: burst, count: 4 }, expiry: 5, send_window: { from: "08:00", to: "21:00", time_zone: UTC } }
`);
    const { records, result } = runRecords(sc);
    expect(records.map((r) => [r.submitMs, r.status])).toEqual(Array(4).fill([9 * 3_600_000, 'delivered']));
    expect(result.total.submitted).toBe(4);
  });
});

describe('sending window, a mix of recipient zones', () => {
  const mixed = (seed: number) =>
    scenarioOf(`
seed: ${seed}
start: 2026-06-10T00:00:00Z
duration: 1d
${numbers}
traffic:
  - name: retail
    from: sc1
    arrival: { kind: constant, rate: 100/h }
    send_window: { from: "09:00", to: "21:00", time_zones: { America/New_York: 0.5, America/Los_Angeles: 0.5 } }
`);

  it('keeps every request, in time order, each submitted inside the window of New York or Los Angeles', () => {
    const sc = mixed(5);
    const ts = times(sc);
    expect(ts.length).toBe(2400);
    for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeGreaterThanOrEqual(ts[i - 1]);
    const inWindow = (t: number, zone: string) => {
      const h = DateTime.fromMillis(sc.startEpochMs + t, { zone }).hour;
      return h >= 9 && h < 21;
    };
    for (const t of ts) expect(inWindow(t, 'America/New_York') || inWindow(t, 'America/Los_Angeles')).toBe(true);
    // Releases at the two openings: 09:00 New York (13:00Z) and 09:00 Los Angeles (16:00Z).
    const at13 = ts.filter((t) => t === 13 * 3_600_000).length;
    const at16 = ts.filter((t) => t === 16 * 3_600_000).length;
    // Due 01:00Z-13:00Z (1200 requests, held for New York about half) and 04:00Z-16:00Z for Los Angeles.
    expect(at13).toBeGreaterThan(500);
    expect(at16).toBeGreaterThan(500);
  });

  it('is deterministic per seed', () => {
    expect(times(mixed(9))).toEqual(times(mixed(9)));
  });

  it('rejects bad windows with one clear line', () => {
    const bad = (w: string) => () =>
      scenarioOf(`
${numbers}
traffic:
  - { name: p, from: sc1, arrival: { kind: constant, rate: 1/s }, send_window: ${w} }
`);
    expect(bad('{ from: "8am", to: "21:00", time_zone: UTC }')).toThrow(/traffic\[0\]\.send_window\.from: expected a local time of day "HH:MM" from 00:00 to 24:00, got "8am"/);
    expect(bad('{ from: "08:00", to: "08:00", time_zone: UTC }')).toThrow(/send_window\.to: expected a closing time other than the opening time \(08:00\)/);
    expect(bad('{ from: "08:00", to: "21:00" }')).toThrow(/send_window: expected exactly one of time_zone or time_zones, got neither/);
    expect(bad('{ from: "08:00", to: "21:00", time_zones: { UTC: 0.5, Europe/Paris: 0.4 } }')).toThrow(/send_window\.time_zones: expected weights summing to 1, got a sum of 0\.9/);
    expect(bad('{ from: "08:00", to: "21:00", time_zone: America/Nowhere }')).toThrow(/send_window\.time_zone: expected an IANA time zone/);
  });
});
