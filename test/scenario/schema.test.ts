import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { scenarioSchema } from '../../src/scenario/schema.js';
import { parseDurationMs, parseRate } from '../../src/scenario/units.js';

describe('scenarioSchema', () => {
  it('converts to a draft-07 JSON Schema that rejects unknown keys', () => {
    const json = z.toJSONSchema(scenarioSchema, { target: 'draft-07' }) as Record<string, unknown>;
    expect(json.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(json.additionalProperties).toBe(false);
    expect(Object.keys(json.properties as object)).toContain('traffic');
  });
});

describe('unit parsers (properties)', () => {
  it('a rate keeps its value: count / windowMs = perSecond / 1000', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 3 }), (n, decimals) => {
        const value = n / 10 ** decimals;
        const r = parseRate(value);
        expect(Number.isInteger(r.count) && r.count >= 1).toBe(true);
        expect(Number.isInteger(r.windowMs) && r.windowMs >= 1000).toBe(true);
        expect((r.count * 1000) / r.windowMs).toBeCloseTo(value, 9);
        expect(r.perSecond).toBeCloseTo(value, 9);
      }),
      { numRuns: 500, seed: 9 },
    );
  });

  it('a whole number of ms in any unit parses back to itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (ms) => {
        expect(parseDurationMs(`${ms}ms`)).toBe(ms);
        expect(parseDurationMs(ms / 1000)).toBe(ms);
        expect(parseDurationMs(`${ms / 1000}s`)).toBe(ms);
      }),
      { numRuns: 500, seed: 10 },
    );
  });
});
