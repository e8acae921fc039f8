/**
 * `a2psim rules --provider X --format json`: every number of a provider's profile with its
 * source, as stable JSON for tools that compare providers. Keys keep the profile's order;
 * every source is `{ text, url, read, quote, assumption }` (null where absent), so a tool
 * can tell a number a page states (url, read, quote) from one a2psim assumed (assumption).
 */
import { COMMON_ASSUMPTIONS } from '../rules/assumptions.js';
import { CARRIER_MIX } from '../rules/carrier-mix.js';
import type { Cite, Provider } from '../rules/provider.js';

/** The version of the JSON shape; bumped when a field changes meaning. */
export const RULES_JSON_FORMAT = 'a2psim-rules/1';

const isCite = (v: object): v is Cite => 'assumption' in v && 'text' in v && 'url' in v;

/** A cite with every field present, in one order. */
function citeJson(c: Cite): Record<string, string | null> {
  return { text: c.text, url: c.url, read: c.read, quote: c.quote ?? null, assumption: c.assumption };
}

/** A deep copy of a profile value with every cite in the full shape. */
function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (v === null || typeof v !== 'object') return v;
  if (isCite(v)) return citeJson(v);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalize(x)]));
}

/**
 * The profile's fields in the shape of format 1, which predates the list of caps and has
 * room for one: where the profile lists `caps`, the cap's TPD table and then its carrier,
 * zone and cite (format 1's two keys, written below), and in `count` what the caps count.
 * Every profile has one cap (T-Mobile's); a profile with more needs a new format version.
 * @throws Error for a profile without exactly one cap (a bug in a built-in profile).
 */
function formatOne(p: Omit<Provider, 'assumptions'>): Record<string, unknown> {
  if (p.caps.length !== 1) throw new Error(`${RULES_JSON_FORMAT} has one daily cap; ${p.id} has ${p.caps.length}`);
  const [cap] = p.caps;
  const { dailyCaps, ...count } = p.count;
  return Object.fromEntries(
    Object.entries(p).flatMap(([k, v]): [string, unknown][] => {
      if (k === 'caps') return [['tpd', cap.tpd], ['dailyCap', { carrier: cap.carrier, zone: cap.zone, cite: cap.cite }]];
      if (k === 'count') return [['count', { account: count.account, sender: count.sender, carrier: count.carrier, dailyCap: dailyCaps, cite: count.cite }]];
      return [[k, v]];
    }),
  );
}

/** The rules of `p` as JSON text (two-space indented, newline-terminated). */
export function renderRulebookJson(p: Provider): string {
  const { assumptions, ...profile } = p;
  const doc = {
    format: RULES_JSON_FORMAT,
    ...(normalize(formatOne(profile)) as object),
    carrierMix: CARRIER_MIX.map((r) => ({ country: r.country, mix: r.mix, cite: citeJson({ text: 'a2psim', url: null, read: null, assumption: r.source }) })),
    assumptions: [...COMMON_ASSUMPTIONS, ...assumptions],
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
