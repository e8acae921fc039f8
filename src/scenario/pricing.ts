/**
 * Optional `pricing:` of a scenario: what sending costs, so a run can report `cost` and a
 * sweep or `solve --objective cost` can find the cheapest settings that pass. Prices are
 * the user's (the FAQ publishes none): per charged unit by sender number type and
 * destination country, a carrier surcharge per unit to US destinations, a monthly fee per
 * number, and a monthly fee for the account's MPS. Which failures are charged comes from
 * the rulebook, not from here.
 */
import { z } from 'zod';
import type { Source } from './yaml/locate.js';
import { CARRIERS, NUMBER_TYPES, type Carrier, type NumberDef, type NumberType, type Pricing, type TrafficSource } from './model.js';
import { unitPrice } from './unit-price.js';

const PRICE = 'a price >= 0 (a number, in the scenario currency)';
const price = z.number({ error: PRICE }).min(0, { error: PRICE });

/** The raw `pricing:` map as written. */
export const pricingSchema = z
  .strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/, { error: 'a three-letter currency code such as USD' }).optional().describe('Label of every amount; default USD.'),
    per_unit: z
      .array(
        z.strictObject({
          type: z.enum(NUMBER_TYPES).describe('Sender number type.'),
          country: z.string().regex(/^[A-Z]{2}$/, { error: 'a two-letter country code such as US' }).describe('Destination country.'),
          sms: price.optional().describe('Per SMS unit (segment).'),
          mms: price.optional().describe('Per MMS.'),
        }),
      )
      .describe('Price per charged unit, by sender number type and destination country.'),
    carrier_surcharge: z
      .strictObject(Object.fromEntries(CARRIERS.map((c) => [c, price.optional()])) as Record<Carrier, z.ZodOptional<typeof price>>)
      .optional()
      .describe('Carrier fee per charged unit to a US destination, by carrier.'),
    number_monthly: z
      .strictObject(Object.fromEntries(NUMBER_TYPES.map((t) => [t, price.optional()])) as Record<NumberType, z.ZodOptional<typeof price>>)
      .optional()
      .describe('Monthly fee per number, by type.'),
    mps_monthly: z
      .strictObject({ per_sms_mps: price.optional(), included_sms_mps: z.number().min(0).optional() })
      .optional()
      .describe('MPS upgrade: a monthly fee per SMS MPS above the included (default 5).'),
    runs_per_month: z.number().positive({ error: 'a number > 0' }).optional().describe('How often this scenario happens in a month; default 1.'),
  })
  .describe('What sending costs (your prices): per unit, carrier surcharges, monthly fees.');

export type RawPricing = z.infer<typeof pricingSchema>;


/** Default SMS MPS included with an account (FAQ: 5 MPS at sign-up). */
export const INCLUDED_SMS_MPS = 5;

/** Fills the defaults of a schema-checked `pricing:`. */
export function resolvePricing(raw: RawPricing): Pricing {
  return {
    currency: raw.currency ?? 'USD',
    perUnit: raw.per_unit.map((r) => ({ type: r.type, country: r.country, sms: r.sms ?? null, mms: r.mms ?? null })),
    carrierSurcharge: Object.fromEntries(CARRIERS.map((c) => [c, raw.carrier_surcharge?.[c] ?? 0])) as Record<Carrier, number>,
    numberMonthly: Object.fromEntries(NUMBER_TYPES.map((t) => [t, raw.number_monthly?.[t] ?? 0])) as Record<NumberType, number>,
    mpsPerSmsMonthly: raw.mps_monthly?.per_sms_mps ?? 0,
    includedSmsMps: raw.mps_monthly?.included_sms_mps ?? INCLUDED_SMS_MPS,
    runsPerMonth: raw.runs_per_month ?? 1,
  };
}

/**
 * Every generated traffic source must have a price for each of its senders' number types,
 * its destination and its message type (replayed rows are priced when they run; a row
 * without a price counts as unpriced units).
 * @throws ScenarioError at pricing.per_unit naming the missing price and who needs it.
 */
export function checkPricing(src: Source, p: Pricing, numbers: readonly NumberDef[], traffic: readonly TrafficSource[]): Pricing {
  traffic.forEach((t, i) => {
    if (t.arrival.kind === 'replay') return;
    for (const id of new Set(t.from)) {
      const n = numbers.find((x) => x.id === id);
      if (n === undefined || unitPrice(p, n.type, t.toCountry, t.type) !== null) continue;
      throw src.error(['pricing', 'per_unit'], `a ${t.type} price for ${n.type} to ${t.toCountry} (traffic[${i}] "${t.name}" sends them from ${id})`, 'none');
    }
  });
  return p;
}
