/**
 * The provider half of loading a scenario: its profile's numbers as limits, each
 * campaign's TPM toward each carrier, the daily caps, and the warnings about assumptions
 * that decide this scenario's answer. The scenario's own `rules:` are already merged in.
 */
import { capPerDay, DEFAULT_PROVIDER, is10dlc, mustBeVerified, tpmRule } from '../../rules/providers.js';
import { CARRIER_TITLES } from '../../rules/vocabulary.js';
import { WINDOW_MS, type Cite, type Provider, type RateRow } from '../../rules/provider.js';
import type { Campaign, Carrier, CountBy, DailyCapRule, Limit, NumberDef, RulesConfig, TrafficSource } from '../model.js';
import { CARRIERS, type UseCase } from '../model.js';

/** A profile's rate as a sliding-window limit; a rate below 1 per window (0.25/s) becomes 1 per longer window. */
export function rowLimit(row: RateRow, countBy: CountBy): Limit {
  const windowMs = WINDOW_MS[row.per];
  if (row.count >= 1 && Number.isInteger(row.count)) return { count: row.count, windowMs, pacing: 'sliding', countBy };
  return { count: 1, windowMs: Math.round(windowMs / row.count), pacing: 'sliding', countBy };
}

/** The carrier limits of a campaign: its TPM (or the `rules.tpm` override) per minute. */
export function carrierLimits(p: Provider, useCase: UseCase, vettingScore: number, rules: RulesConfig): Record<Carrier, Limit> {
  const out = {} as Record<Carrier, Limit>;
  for (const c of CARRIERS) {
    const cap = p.tpmCap[c]?.tpm ?? Infinity;
    const tpm = rules.tpm[c] ?? Math.min(tpmRule(p, useCase, vettingScore).value, cap);
    out[c] = { count: tpm, windowMs: WINDOW_MS.minute, pacing: rules.carrierPacing, countBy: rules.count.carrier };
  }
  return out;
}

/**
 * The daily caps of the profile, each with its own name, zone and failure code, its limit
 * at `vettingScore` (or the scenario's `rules.tpd`, which sets every cap's limit).
 */
export function dailyCaps(p: Provider, vettingScore: number, tpd: number | null, countBy: CountBy): DailyCapRule[] {
  return p.caps.map((c) => ({ name: c.name, carrier: c.carrier, cap: tpd ?? capPerDay(c, vettingScore).value, countBy, zone: c.zone, code: c.code }));
}

/** " (assumed: why)" for a cite that is an assumption. */
const why = (c: Cite): string => (c.assumption === null ? '' : ` — assumed: ${c.assumption}`);

/**
 * Warnings about the rules as applied: a campaign over the Number Pool threshold,
 * unverified toll-free, unregistered 10DLC, and every assumed value the scenario uses.
 * A warning about the profile names its provider, unless it is the default provider.
 */
export function ruleWarnings(
  p: Provider,
  sc: { startEpochMs: number; vettingScore: number; campaigns: readonly Campaign[]; numbers: readonly NumberDef[]; traffic: readonly TrafficSource[]; rules: RulesConfig },
  defaultExpiryUsed: boolean,
): string[] {
  const out: string[] = [];
  const { numbers, campaigns, vettingScore, rules } = sc;
  const prefix = p.id === DEFAULT_PROVIDER ? '' : `${p.name}: `;
  for (const c of campaigns) {
    const linked = numbers.filter((n) => n.campaign === c.id).length;
    if (linked > rules.numberPoolThreshold) {
      out.push(`campaign "${c.id}" has ${linked} numbers: more than ${rules.numberPoolThreshold} needs a T-Mobile Number Pool Request (NPR)`);
    }
    if (linked === 0 || CARRIERS.every((k) => rules.tpm[k] !== undefined)) continue;
    const tpm = tpmRule(p, c.useCase, vettingScore);
    if (tpm.assumption !== null) {
      out.push(`${prefix}campaign "${c.id}": ${tpm.value} TPM for use case ${c.useCase} at vetting score ${vettingScore} is assumed (${tpm.assumption}); set rules.tpm to change it`);
    }
    for (const k of CARRIERS) {
      if (rules.tpm[k] !== undefined) continue;
      const cap = p.tpmCap[k];
      if (cap !== undefined && cap.tpm < tpm.value && cap.cite.assumption !== null) {
        out.push(`${prefix}campaign "${c.id}": ${k} TPM capped at ${cap.tpm}${why(cap.cite)}; set rules.tpm.${k} to change it`);
      }
      const basis = p.tpmBasis[k];
      if (tpm.assumption === null && basis !== undefined && basis.assumption !== null) {
        out.push(`${prefix}campaign "${c.id}": ${k} TPM ${Math.min(tpm.value, cap?.tpm ?? Infinity)}${why(basis)}; set rules.tpm.${k} to change it`);
      }
    }
  }
  const has10dlc = numbers.some((n) => n.tenDlc);
  for (const cap of p.caps) {
    const tpd = capPerDay(cap, vettingScore);
    if (has10dlc && tpd.assumption !== null && rules.tpd === null) {
      out.push(`${prefix}${CARRIER_TITLES[cap.carrier]} daily cap ${tpd.value}/day at vetting score ${vettingScore} is assumed (${tpd.assumption}); set rules.tpd to change it`);
    }
  }
  for (const n of numbers) {
    if (n.mustVerify && !n.verified) {
      const blockMs = n.verification === 'restricted' ? rules.tollFreeRestrictedBlockEpochMs : rules.tollFreeBlockEpochMs;
      const label = new Date(blockMs).toISOString().slice(0, 10) + (p.tollFreeBlockRestricted === undefined ? '' : ` when ${n.verification}`);
      out.push(
        sc.startEpochMs >= blockMs
          ? `number "${n.id}" is toll-free without verified: true; its messages fail (toll_free_unverified, blocked from ${label})`
          : `number "${n.id}" is toll-free without verified: true; it sends under the normal limits until ${label}, then its messages fail (toll_free_unverified)`,
      );
    }
    if (n.tenDlc && n.campaign === null) {
      out.push(`number "${n.id}" is a US long code linked to no campaign; its messages fail (unregistered_10dlc)`);
    }
  }
  const used = new Set(numbers.filter((n) => !n.tenDlc).map((n) => `${n.country} ${n.type}`));
  for (const r of p.numbers) {
    if (r.cite.assumption !== null && used.has(`${r.country} ${r.type}`)) out.push(`${prefix}${r.country} ${r.type} limits${why(r.cite)}`);
  }
  if (defaultExpiryUsed && p.expiry.cite.assumption !== null) {
    out.push(`${prefix}default expiry ${p.expiry.defaultSeconds} s${why(p.expiry.cite)}; set traffic[].expiry to change it`);
  }
  return out;
}

/** Per-number fields that depend on the provider. */
export function numberKind(p: Provider, n: { country: NumberDef['country']; type: NumberDef['type'] }): { tenDlc: boolean; mustVerify: boolean } {
  return { tenDlc: is10dlc(p, n.country, n.type), mustVerify: mustBeVerified(p, n.country, n.type) };
}
