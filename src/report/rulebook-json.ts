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
export const RULES_JSON_FORMAT = 'a2psim-rules/2';
// Format 2 (issue 22): the profile's list of daily caps (`caps`, each with its carrier, zone,
// failure code, TPD table and cite) replaced format 1's single TPD table and daily-cap entry, `count`
// names what the caps count as `dailyCaps`, and the longest message (`maxLength`) is listed.

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

/** The rules of `p` as JSON text (two-space indented, newline-terminated). */
export function renderRulebookJson(p: Provider): string {
  const { assumptions, ...profile } = p;
  const doc = {
    format: RULES_JSON_FORMAT,
    ...(normalize(profile) as object),
    carrierMix: CARRIER_MIX.map((r) => ({ country: r.country, mix: r.mix, cite: citeJson({ text: 'a2psim', url: null, read: null, assumption: r.source }) })),
    assumptions: [...COMMON_ASSUMPTIONS, ...assumptions],
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
