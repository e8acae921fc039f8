import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arrivalProcess } from '../../src/traffic/arrivals.js';
import { sourceRng } from '../../src/engine/random.js';
import type { Scenario } from '../../src/scenario/model.js';
import { parseScenario } from '../../src/scenario/load.js';
import { scenarioOf } from '../helpers/scenario.js';

/** Every request time (virtual ms) of traffic[0], drawn as the engine draws them. */
function times(sc: Scenario): number[] {
  const def = sc.traffic[0];
  const p = arrivalProcess(def, sourceRng(sc.seed, def.name), sc.startEpochMs);
  const out: number[] = [];
  for (let t = p.next(); t !== Infinity; t = p.next()) out.push(t);
  return out;
}

/** Requests per whole hour since the start. */
function perHour(ts: number[], hours: number): number[] {
  const c = new Array<number>(hours).fill(0);
  for (const t of ts) c[Math.floor(t / 3_600_000)]++;
  return c;
}

const HOURLY = [5, 2, 7, 1, 0, 0, 3, 20, 60, 90, 80, 70, 75, 70, 65, 60, 70, 90, 100, 80, 50, 30, 20, 10];
const SUM = HOURLY.reduce((a, b) => a + b, 0); // 1068

const profileScenario = (start: string, duration: string, spacing: string, seed = 1) => `
seed: ${seed}
start: ${start}
duration: ${duration}
numbers: [{ id: sc1, number: "55501", type: short_code, country: US }]
traffic:
  - name: day
    from: sc1
    arrival: { kind: profile, time_zone: America/New_York, spacing: ${spacing}, per_hour: [${HOURLY.join(', ')}] }
`;

describe('daily profile, evenly spaced', () => {
  it('a whole local day holds exactly the profile sum, each hour exactly its value', () => {
    const ts = times(scenarioOf(profileScenario('2026-06-10T00:00:00-04:00', '1d', 'even')));
    expect(ts.length).toBe(SUM);
    expect(perHour(ts, 24)).toEqual(HOURLY);
    // Even spacing inside an hour: 08:00 local has 60 requests, one a minute from 08:00:00.
    expect(ts.filter((t) => t >= 8 * 3_600_000 && t < 9 * 3_600_000).slice(0, 3)).toEqual([28_800_000, 28_860_000, 28_920_000]);
  });

  it('repeats daily: three days hold three sums', () => {
    const ts = times(scenarioOf(profileScenario('2026-06-10T00:00:00-04:00', '3d', 'even')));
    expect(ts.length).toBe(3 * SUM);
    expect(perHour(ts, 72).slice(48)).toEqual(HOURLY);
  });

  it('follows local time, not the scenario start: a start at 06:00 UTC is 02:00 in New York', () => {
    const ts = times(scenarioOf(profileScenario('2026-06-10T06:00:00Z', '1d', 'even')));
    expect(ts.length).toBe(SUM);
    expect(perHour(ts, 24)).toEqual([...HOURLY.slice(2), ...HOURLY.slice(0, 2)]);
  });

  it('spring forward (23-hour day, 2026-03-08): local 02:00 does not exist, so its 7 requests do not happen', () => {
    const ts = times(scenarioOf(profileScenario('2026-03-08T00:00:00-05:00', '23h', 'even')));
    expect(ts.length).toBe(SUM - HOURLY[2]);
    expect(perHour(ts, 23)).toEqual([HOURLY[0], HOURLY[1], ...HOURLY.slice(3)]);
  });

  it('fall back (25-hour day, 2026-11-01): local 01:00 happens twice, so its 2 requests happen twice', () => {
    const ts = times(scenarioOf(profileScenario('2026-11-01T00:00:00-04:00', '25h', 'even')));
    expect(ts.length).toBe(SUM + HOURLY[1]);
    expect(perHour(ts, 25)).toEqual([HOURLY[0], HOURLY[1], HOURLY[1], ...HOURLY.slice(2)]);
  });

  it('a CSV of local time → requests per hour, rates held until the next row and wrapping midnight', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2psim-profile-'));
    writeFileSync(join(dir, 'day.csv'), 'time,per_hour\n07:30,120\n12:00,60\n21:15,8\n');
    const yaml = `
start: 2026-06-10T00:00:00-07:00
duration: 1d
numbers: [{ id: sc1, number: "55501", type: short_code, country: US }]
traffic:
  - { name: day, from: sc1, arrival: { kind: profile, time_zone: America/Los_Angeles, spacing: even, file: day.csv } }
`;
    const sc = parseScenario(yaml, join(dir, 's.yaml'));
    const ts = times(sc);
    // 07:30-12:00 at 120/h = 540; 12:00-21:15 at 60/h = 555; 21:15-07:30 at 8/h = 82.
    expect(ts.length).toBe(540 + 555 + 82);
    expect(ts.filter((t) => t >= 7.5 * 3_600_000 && t < 12 * 3_600_000).length).toBe(540);
  });
});

describe('daily profile, Poisson', () => {
  it('each seed\'s day is within the 99.9% interval of the sum; the mean over 30 seeds within its own', () => {
    const counts = Array.from({ length: 30 }, (_, seed) =>
      times(scenarioOf(profileScenario('2026-06-10T00:00:00-04:00', '1d', 'poisson', seed))).length,
    );
    const z = 3.29;
    for (const n of counts) expect(Math.abs(n - SUM)).toBeLessThanOrEqual(z * Math.sqrt(SUM));
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(Math.abs(mean - SUM)).toBeLessThanOrEqual(z * Math.sqrt(SUM / counts.length));
    expect(new Set(counts).size).toBeGreaterThan(1); // really random across seeds
  });

  it('hours with rate 0 get no requests; busy hours get more than quiet ones', () => {
    const ts = times(scenarioOf(profileScenario('2026-06-10T00:00:00-04:00', '1d', 'poisson', 3)));
    const h = perHour(ts, 24);
    expect(h[4]).toBe(0);
    expect(h[5]).toBe(0);
    expect(h[18]).toBeGreaterThan(h[1]);
  });
});

describe('profile validation', () => {
  const bad = (arrival: string) => () =>
    scenarioOf(`
numbers: [{ id: sc1, number: "55501", type: short_code, country: US }]
traffic:
  - { name: day, from: sc1, arrival: ${arrival} }
`);
  it('names the field, the expected value and what arrived', () => {
    expect(bad('{ kind: profile, time_zone: Mars/Olympus, per_hour: [1] }')).toThrow(
      /traffic\[0\]\.arrival\.time_zone: expected an IANA time zone such as America\/New_York, got "Mars\/Olympus"/,
    );
    expect(bad('{ kind: profile, time_zone: UTC, per_hour: [1, 2] }')).toThrow(
      /traffic\[0\]\.arrival\.per_hour: expected a list of 24 numbers \(requests in each local hour\), got 2 values/,
    );
    expect(bad(`{ kind: profile, time_zone: UTC, per_hour: [${new Array(24).fill(0).join(',')}] }`)).toThrow(
      /expected a profile that sends something/,
    );
    expect(bad(`{ kind: profile, time_zone: UTC, per_hour: [-1${',1'.repeat(23)}] }`)).toThrow(
      /traffic\[0\]\.arrival\.per_hour\[0\]: expected a number of requests per hour >= 0, got -1/,
    );
    expect(bad('{ kind: profile, time_zone: UTC }')).toThrow(/expected exactly one of per_hour \(24 values\) or file \(a CSV\), got neither/);
  });

  it('a bad CSV row is reported as file:line:column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'a2psim-profile-'));
    writeFileSync(join(dir, 'day.csv'), 'time,per_hour\n07:30,120\n06:00,5\n');
    const yaml = `
numbers: [{ id: sc1, number: "55501", type: short_code, country: US }]
traffic:
  - { name: day, from: sc1, arrival: { kind: profile, time_zone: UTC, file: day.csv } }
`;
    expect(() => parseScenario(yaml, join(dir, 's.yaml'))).toThrow(/day\.csv:3:1 time: expected a time after the previous row, got "06:00"/);
    expect(() => parseScenario(yaml.replace('day.csv', 'gone.csv'), join(dir, 's.yaml'))).toThrow(
      /s\.yaml:4:\d+ traffic\[0\]\.arrival\.file: expected a readable profile CSV, got "gone\.csv" \(ENOENT\)/,
    );
    writeFileSync(join(dir, 'day.csv'), 'time,per_hour\n07:30,lots\n');
    expect(() => parseScenario(yaml, join(dir, 's.yaml'))).toThrow(/day\.csv:2:7 per_hour: expected a number of requests per hour >= 0, got "lots"/);
  });
});

describe('run size estimate of a profile (refusing runs too large to fit)', () => {
  it('bounds the day from above; a sending window may hold every request in flight at once', async () => {
    const { estimateRun } = await import('../../src/scenario/limits.js');
    const sc = scenarioOf(profileScenario('2026-06-10T00:00:00-04:00', '1d', 'even'));
    const e = estimateRun(sc);
    expect(e.messages).toBeGreaterThanOrEqual(SUM);
    expect(e.messages).toBeLessThanOrEqual(2 * SUM + 1);
    expect(e.peakInFlight).toBeLessThan(e.messages);
    const windowed = scenarioOf(
      profileScenario('2026-06-10T00:00:00-04:00', '1d', 'even') + '    send_window: { from: "09:00", to: "17:00", time_zone: UTC }\n',
    );
    expect(estimateRun(windowed).peakInFlight).toBe(estimateRun(windowed).messages);
  });
});
