/**
 * The cost of a run under the scenario's `pricing:`: charged units (delivered messages, and
 * failures the rulebook marks as charged) at their price by sender number type, destination
 * country and message type, plus the carrier surcharge per unit to US destinations; then a
 * month: the run `runs_per_month` times, a fee per number, and the MPS upgrade. Pure.
 */
import type { SimulationResult } from '../engine/result.js';
import { CARRIERS } from '../scenario/model.js';
import { unitPrice } from '../scenario/unit-price.js';
import type { Pricing } from '../scenario/model.js';

export interface CostSummary {
  currency: string;
  /** Units charged in this run, and those without a price (replayed rows no row prices). */
  units: { charged: number; unpriced: number };
  /** This run: the units at their prices, the carrier surcharges, and both. */
  run: { messages: number; carrier_surcharges: number; total: number };
  /** A month: the run × runs_per_month, the number fees, the MPS upgrade, and all together. */
  monthly: { runs: number; messages: number; numbers: number; mps_upgrade: number; total: number };
}

/** Rounds an amount to 1/10000 of the currency unit (prices are often fractions of a cent). */
const money = (x: number): number => Math.round(x * 10_000) / 10_000;

/** The cost of a run; null when the scenario has no pricing. */
export function costOf(r: SimulationResult): CostSummary | null {
  const p: Pricing | null = r.scenario.pricing;
  if (p === null || r.charges === null) return null;
  let charged = 0;
  let unpriced = 0;
  let messages = 0;
  let surcharges = 0;
  for (const e of r.charges.entries()) {
    const number = r.scenario.numbers[e.sender];
    const price = unitPrice(p, number.type, e.country, e.type);
    charged += e.units;
    if (price === null) {
      unpriced += e.units;
      continue;
    }
    messages += e.units * price;
    if (e.country === 'US') surcharges += e.units * p.carrierSurcharge[CARRIERS[e.carrier]];
  }
  const numbers = r.scenario.numbers.reduce((acc, n) => acc + p.numberMonthly[n.type], 0);
  const sms = r.scenario.account.sms;
  const smsMps = (sms.count * 1000) / sms.windowMs;
  const mpsUpgrade = Math.max(0, smsMps - p.includedSmsMps) * p.mpsPerSmsMonthly;
  const runTotal = messages + surcharges;
  return {
    currency: p.currency,
    units: { charged, unpriced },
    run: { messages: money(messages), carrier_surcharges: money(surcharges), total: money(runTotal) },
    monthly: {
      runs: p.runsPerMonth,
      messages: money(runTotal * p.runsPerMonth),
      numbers: money(numbers),
      mps_upgrade: money(mpsUpgrade),
      total: money(runTotal * p.runsPerMonth + numbers + mpsUpgrade),
    },
  };
}
