/**
 * Randomness, injected: one seeded generator per traffic source, derived from the run
 * seed and the source's name, so adding a source never reshuffles the others. Identifiers
 * that need no stream (message UUIDs, synthetic destination numbers) come from a stateless
 * hash of (seed, source, index) instead, so they cost nothing unless written out.
 */
import seedrandom from 'seedrandom';
import type { Rng } from '../traffic/types.js';

/** A generator of uniform numbers in [0, 1). */
export type { Rng };

/** The generator of traffic source `name` under run seed `seed`. */
export function sourceRng(seed: number, name: string): Rng {
  return seedrandom.alea(`a2psim/${seed}/${name}`);
}

/** 32-bit FNV-1a hash of a string. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit mix of three integers (murmur3 finaliser over a running combination). */
export function mix32(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35) ^ (c * 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Two lowercase hex digits for every byte value. */
const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Eight lowercase hex digits of a 32-bit value (table lookups: this runs per CSV row). */
const hex8 = (n: number): string => HEX2[(n >>> 24) & 255] + HEX2[(n >>> 16) & 255] + HEX2[(n >>> 8) & 255] + HEX2[n & 255];
/** Four lowercase hex digits of the low 16 bits. */
const hex4 = (n: number): string => HEX2[(n >>> 8) & 255] + HEX2[n & 255];

/**
 * A deterministic RFC 4122 version-4-shaped UUID (8-4-4-4-12 lowercase hex, version
 * nibble 4, variant 8..b) for message `index` of a source.
 */
export function messageUuid(seed: number, sourceHash: number, index: number): string {
  const w0 = mix32(seed, sourceHash, index);
  const w1 = mix32(w0, index, 1);
  const w2 = ((mix32(w1, index, 2) & 0x3fffffff) | 0x80000000) >>> 0;
  const w3 = mix32(w2, index, 3);
  return `${hex8(w0)}-${hex4(w1 >>> 16)}-4${hex4(w1).slice(1)}-${hex4(w2 >>> 16)}-${hex4(w2)}${hex8(w3)}`;
}

/** Calling codes for synthetic destinations; countries not listed get a +999 test prefix. */
const CALLING_CODES: Readonly<Record<string, string>> = {
  US: '1', CA: '1', GB: '44', IN: '91', AU: '61', DE: '49', FR: '33', BR: '55', MX: '52', ES: '34', IT: '39', NL: '31',
};

/** "0000" .. "9999". */
const PAD4: readonly string[] = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'));
/** `n` (0..99999) as five digits. */
const pad5 = (n: number): string => String(Math.floor(n / 10_000)) + PAD4[n % 10_000];

/** A synthetic, deterministic destination number in `country` for message `index` of a source. */
export function syntheticNumber(seed: number, sourceHash: number, index: number, country: string): string {
  const h = mix32(seed ^ 0x5bd1e995, sourceHash, index);
  const h2 = mix32(h, index, 7);
  const cc = CALLING_CODES[country];
  if (cc === '1') {
    // NANP: area and exchange codes start with 2-9; 555-01xx style lines stay fictional-looking.
    const area = 200 + (h % 800);
    const exchange = 200 + ((h >>> 10) % 800);
    return `+1${area}${exchange}${PAD4[h2 % 10_000]}`;
  }
  return `+${cc ?? '999'}${pad5(h % 100_000)}${pad5(h2 % 100_000)}`;
}
