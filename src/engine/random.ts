/**
 * Randomness, injected: one seeded generator per traffic source, derived from the run
 * seed and the source's name, so adding a source never reshuffles the others. Identifiers
 * that need no stream (message UUIDs, synthetic destination numbers) come from a stateless
 * hash of (seed, source, index) instead, so they cost nothing unless written out.
 */
import seedrandom from 'seedrandom';
import type { Rng } from '../traffic/feed.js';

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
 * The four 32-bit words of message `index`'s UUID, into `out[0..3]`: the UUID is their
 * lowercase hex with the version and variant nibbles of {@link messageUuid}. Allocates
 * nothing, so a CSV writer can print the hex straight into its buffer.
 */
export function uuidWords(seed: number, sourceHash: number, index: number, out: Uint32Array): void {
  const w0 = mix32(seed, sourceHash, index);
  const w1 = mix32(w0, index, 1);
  const w2 = ((mix32(w1, index, 2) & 0x3fffffff) | 0x80000000) >>> 0;
  out[0] = w0;
  out[1] = w1;
  out[2] = w2;
  out[3] = mix32(w2, index, 3);
}

const WORDS = new Uint32Array(4);

/**
 * A deterministic RFC 4122 version-4-shaped UUID (8-4-4-4-12 lowercase hex, version
 * nibble 4, variant 8..b) for message `index` of a source: the hex of {@link uuidWords},
 * `w0-w1hi-4w1lo(3 digits)-w2hi-w2lo w3`.
 */
export function messageUuid(seed: number, sourceHash: number, index: number): string {
  uuidWords(seed, sourceHash, index, WORDS);
  const [w0, w1, w2, w3] = WORDS;
  return `${hex8(w0)}-${hex4(w1 >>> 16)}-4${hex4(w1).slice(1)}-${hex4(w2 >>> 16)}-${hex4(w2)}${hex8(w3)}`;
}

/** Calling codes for synthetic destinations; countries not listed get a +999 test prefix. */
const CALLING_CODES: Readonly<Record<string, string>> = {
  US: '1', CA: '1', GB: '44', IN: '91', AU: '61', DE: '49', FR: '33', BR: '55', MX: '52', ES: '34', IT: '39', NL: '31',
};

/** The calling code of synthetic destinations in `country` ("1", "44", ...; "999" when not listed). */
export function callingCode(country: string): string {
  return CALLING_CODES[country] ?? '999';
}

/**
 * The ten digits after the calling code of a synthetic destination, as two five-digit
 * halves into `out[0]` and `out[1]` (allocates nothing). NANP numbers (`nanp`, calling
 * code 1) get area and exchange codes starting with 2-9.
 */
export function syntheticHalves(seed: number, sourceHash: number, index: number, nanp: boolean, out: Uint32Array): void {
  const h = mix32(seed ^ 0x5bd1e995, sourceHash, index);
  const h2 = mix32(h, index, 7);
  if (nanp) {
    // area (3 digits), exchange (3), line (4): AAAEE EELLLL
    const exchange = 200 + ((h >>> 10) % 800);
    const tens = Math.floor(exchange / 10);
    out[0] = (200 + (h % 800)) * 100 + tens;
    out[1] = (exchange - tens * 10) * 10_000 + (h2 % 10_000);
  } else {
    out[0] = h % 100_000;
    out[1] = h2 % 100_000;
  }
}

const HALVES = new Uint32Array(2);

/** The ten digits of {@link syntheticHalves} as one integer below 1e10 (written zero-padded). */
export function syntheticSubscriber(seed: number, sourceHash: number, index: number, nanp: boolean): number {
  syntheticHalves(seed, sourceHash, index, nanp, HALVES);
  return HALVES[0] * 100_000 + HALVES[1];
}

/** A synthetic, deterministic destination number in `country` for message `index` of a source. */
export function syntheticNumber(seed: number, sourceHash: number, index: number, country: string): string {
  const cc = callingCode(country);
  return `+${cc}${String(syntheticSubscriber(seed, sourceHash, index, cc === '1')).padStart(10, '0')}`;
}
