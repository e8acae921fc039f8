// Properties of real-day traffic over random scenarios (issue 14): with daily profiles,
// sending windows (one zone or a mix), sender choice, recipient pools and carrier mixes,
// every message ends delivered, failed or queued; every submission falls inside its
// window; no delivered message waited longer than its expiry; sticky recipients keep one
// number and pool recipients one carrier; the same seed gives the same records.
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { expectConserved, runRecords, scenarioOf } from '../helpers/scenario.js';
import { expectSameList } from '../helpers/same-list.js';

const ZONES = ['America/New_York', 'America/Chicago', 'America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe'];

const arb = fc.record({
  seed: fc.integer({ min: 0, max: 10_000 }),
  start: fc.constantFrom('2026-03-07T12:00:00Z', '2026-10-31T20:00:00Z', '2026-06-10T00:00:00Z', '2026-04-04T10:00:00Z'),
  perHour: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 24, maxLength: 24 }).filter((v) => v.some((x) => x > 0)),
  spacing: fc.constantFrom('even', 'poisson'),
  profileZone: fc.constantFrom(...ZONES),
  window: fc.option(
    fc.record({ from: fc.integer({ min: 0, max: 23 }), to: fc.integer({ min: 0, max: 23 }), zones: fc.subarray(ZONES, { minLength: 1, maxLength: 3 }) })
      .filter((w) => w.from !== w.to),
    { nil: undefined },
  ),
  sender: fc.constantFrom('round_robin', 'random', 'sticky'),
  pool: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
  expiry: fc.integer({ min: 5, max: 900 }),
  recipients: fc.integer({ min: 1, max: 3 }),
  sms: fc.integer({ min: 1, max: 5 }),
});

type A = typeof arb extends fc.Arbitrary<infer T> ? T : never;

const hh = (h: number) => `"${String(h).padStart(2, '0')}:00"`;

function yamlOf(a: A): string {
  const sender = a.sender === 'sticky' && a.pool === undefined ? 'round_robin' : a.sender;
  const window =
    a.window === undefined
      ? ''
      : a.window.zones.length === 1
        ? `    send_window: { from: ${hh(a.window.from)}, to: ${hh(a.window.to)}, time_zone: ${a.window.zones[0]} }\n`
        : `    send_window: { from: ${hh(a.window.from)}, to: ${hh(a.window.to)}, time_zones: { ${a.window.zones
            .map((z, i, all) => `${z}: ${i === 0 ? 1 - (all.length - 1) * 0.25 : 0.25}`)
            .join(', ')} } }\n`;
  return `
seed: ${a.seed}
start: ${a.start}
duration: 2d
account: { mps: { sms: ${a.sms} } }
numbers:
  - { id: a, number: "+18885550001", type: toll_free, country: US, verified: true }
  - { id: b, number: "+18885550002", type: toll_free, country: US, verified: true }
  - { id: c, number: "55503", type: short_code, country: US }
traffic:
  - name: t
    from: [a, b, c]
    sender: ${sender}
${a.pool === undefined ? '' : `    recipients_pool: ${a.pool}\n`}    recipients: ${a.recipients}
    expiry: ${a.expiry}
    carriers: { att: 0.2, tmobile: 0.5, verizon: 0.3 }
    arrival: { kind: profile, time_zone: ${a.profileZone}, spacing: ${a.spacing}, per_hour: [${a.perHour.join(', ')}] }
${window}`;
}

describe('real-day properties', () => {
  it('conservation, windows, expiry, sticky and pool invariants, determinism', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const sc = scenarioOf(yamlOf(a));
        const run = runRecords(sc);
        const { records } = run;
        expectConserved(run);
        // Each check collects the records that break it and expects none (one expect per record
        // cost more than the runs).
        const w = sc.traffic[0].sendWindow;
        expect(records.filter((r) => r.status === 'delivered' && r.endMs! - r.submitMs > sc.traffic[0].expirySeconds * 1000)).toEqual([]);
        if (w !== null) {
          // The local time of day in a zone, by luxon, once a minute of submission (offsets are whole minutes).
          const minuteOfDay = new Map<string, number>();
          const todAt = (timeZone: string, ms: number): number => {
            const key = `${timeZone} ${Math.floor(ms / 60_000)}`;
            let tod = minuteOfDay.get(key);
            if (tod === undefined) {
              const local = DateTime.fromMillis(Math.floor(ms / 60_000) * 60_000, { zone: timeZone });
              tod = (local.hour * 60 + local.minute) * 60_000;
              minuteOfDay.set(key, tod);
            }
            return tod;
          };
          const closed = records.filter((r) => !w.zones.some(({ timeZone }) => {
            const tod = todAt(timeZone, sc.startEpochMs + r.submitMs);
            return w.fromMsOfDay < w.toMsOfDay ? tod >= w.fromMsOfDay && tod < w.toMsOfDay : tod >= w.fromMsOfDay || tod < w.toMsOfDay;
          }));
          expect(closed, 'submitted outside the send window').toEqual([]);
        }
        if (sc.traffic[0].recipientsPool !== null) {
          const from = new Map<string, string>();
          const carrier = new Map<string, string>();
          const moved: typeof records = [];
          for (const r of records) {
            if ((sc.traffic[0].sender === 'sticky' && (from.get(r.to) ?? r.from) !== r.from) || (carrier.get(r.to) ?? r.carrier) !== r.carrier) moved.push(r);
            from.set(r.to, r.from);
            carrier.set(r.to, r.carrier);
          }
          expect(moved, 'a recipient sent from another number (sticky) or on another carrier').toEqual([]);
          expect(carrier.size).toBeLessThanOrEqual(sc.traffic[0].recipientsPool!);
        }
        expectSameList(runRecords(sc).records, records, 'records of a second run');
      }),
      { numRuns: 25, seed: 14 },
    );
  }, 60_000);
});
