// The fast formatters of the message CSV must print exactly what the slow, obvious code does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberText } from '../../src/report/message-csv/message-csv.js';
import { isoTimestamp } from '../../src/report/records.js';
import { messageUuid, syntheticNumber } from '../../src/engine/random.js';

describe('numberText = String(value)', () => {
  it('for whole milliseconds written as seconds, and for any other double', () => {
    const ms = fc.integer({ min: -1e6, max: 2 ** 53 - 1 });
    fc.assert(fc.property(ms, (m) => {
      expect(numberText(m / 1000)).toBe(String(m / 1000));
    }), { numRuns: 2000, seed: 5 });
    fc.assert(fc.property(fc.double(), (v) => {
      expect(numberText(v)).toBe(String(v));
    }), { numRuns: 2000, seed: 6 });
    for (const v of [0, -0, 0.001, 0.1 + 0.2, 1e21, 999_999_999_999.999, 1e15 / 1000]) expect(numberText(v)).toBe(String(v));
  });
});

describe('isoTimestamp = Date#toISOString', () => {
  it('in any order of times, across second, day and year boundaries', () => {
    const start = fc.integer({ min: -62_000_000_000_000, max: 253_000_000_000_000 });
    const offset = fc.oneof(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 10 ** 11 }), fc.double({ min: 0, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(start, fc.array(offset, { minLength: 1, maxLength: 20 }), (s, offsets) => {
        for (const o of offsets) expect(isoTimestamp(s, o)).toBe(new Date(s + o).toISOString());
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe('message identifiers', () => {
  it('UUIDs are RFC 4122 version-4 shaped and deterministic', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 2 ** 32 - 1 }), fc.nat(), (seed, src, i) => {
        const u = messageUuid(seed, src, i);
        expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(messageUuid(seed, src, i)).toBe(u);
      }),
      { numRuns: 200, seed: 8 },
    );
  });

  it('synthetic numbers are E.164 with the country calling code', () => {
    expect(syntheticNumber(1, 2, 3, 'US')).toMatch(/^\+1[2-9]\d{2}[2-9]\d{6}$/);
    expect(syntheticNumber(1, 2, 3, 'GB')).toMatch(/^\+44\d{10}$/);
    expect(syntheticNumber(1, 2, 3, 'ZZ')).toMatch(/^\+999\d{10}$/);
  });
});
