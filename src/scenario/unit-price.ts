/**
 * The unit price of a message under a resolved `pricing:`: a pure lookup, apart from the
 * `pricing:` schema (src/scenario/pricing.ts) so that the engine-only pool worker, which
 * prices runs through src/report/cost.ts, does not load zod.
 */
import type { NumberType, Pricing } from './model.js';

/** The unit price of a message type from a number type to a country; null when none is given. */
export function unitPrice(p: Pricing, type: NumberType, country: string, messageType: 'sms' | 'mms'): number | null {
  const row = p.perUnit.find((r) => r.type === type && r.country === country);
  return row === undefined ? null : row[messageType];
}
