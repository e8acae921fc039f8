/**
 * Default destination carrier mix per destination country: which carrier a generated
 * message is addressed to when neither the traffic source nor the scenario says. The FAQ
 * publishes no market shares, so every row is an assumption (stated as such by
 * `a2psim rules`); a traffic `carriers:` map or the scenario's `carriers:` replaces it.
 * US 10DLC limits (TPM per carrier, the T-Mobile daily cap) only see US carriers, so a
 * country whose carriers the rulebook does not name routes everything to `other`: Canadian
 * traffic is not reported as AT&T, T-Mobile or Verizon.
 */
import type { Carrier } from './vocabulary.js';

/** One row: destination country (ISO alpha-2, or `*` for every other) → weights summing to 1. */
export interface CarrierMixRow {
  readonly country: string;
  readonly mix: Readonly<Record<Carrier, number>>;
  readonly assumption: true;
  readonly source: string;
}

export const CARRIER_MIX: readonly CarrierMixRow[] = [
  {
    country: 'US',
    mix: { att: 0.35, tmobile: 0.3, verizon: 0.3, other: 0.05 },
    assumption: true,
    source: 'rough US subscriber shares; the FAQ: smaller carriers are <5% of US messaging volume',
  },
  {
    country: '*',
    mix: { att: 0, tmobile: 0, verizon: 0, other: 1 },
    assumption: true,
    source: 'the US carriers of the rulebook do not serve other countries (CA: Rogers, Bell, Telus...)',
  },
];

/** The default mix for destination `country`. */
export function defaultCarrierMix(country: string): Readonly<Record<Carrier, number>> {
  return (CARRIER_MIX.find((r) => r.country === country) ?? CARRIER_MIX[CARRIER_MIX.length - 1]).mix;
}
