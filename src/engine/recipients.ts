/**
 * Recipient pools (`recipients_pool: N`): a source sends to N distinct destinations, each
 * with a carrier drawn once from the source's mix and, under `sender: sticky`, one number
 * of `from` that always sends to it. Which recipient a message goes to is a stateless hash
 * of (seed, source, message index), uniform over the pool, so records rebuild it for free.
 */
import { mix32, sourceRng } from './random.js';

/** Largest pool: recipient numbers are 7 distinct digits after an area code. */
export const MAX_RECIPIENTS_POOL = 10_000_000;
const LINE_STEP = 3_000_017; // coprime with 10^7: j -> j * step mod 10^7 is a bijection

/** The recipient (0..n-1) of message `seq` of a source. */
export function recipientOf(seed: number, sourceHash: number, seq: number, n: number): number {
  return mix32(seed ^ 0x2545f491, sourceHash, seq) % n;
}

/**
 * Each recipient's carrier index, drawn in recipient order from cumulative weights `cum`
 * (CARRIERS order) with the source's own recipient stream, independent of its arrivals.
 */
export function recipientCarriers(seed: number, sourceName: string, n: number, cum: Float64Array): Uint8Array {
  const rng = sourceRng(seed, `${sourceName}/recipients`);
  const out = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const u = rng();
    let c = 0;
    while (c < cum.length - 1 && u >= cum[c]) c++;
    out[j] = c;
  }
  return out;
}

const CALLING_CODES: Readonly<Record<string, string>> = {
  US: '1', CA: '1', GB: '44', IN: '91', AU: '61', DE: '49', FR: '33', BR: '55', MX: '52', ES: '34', IT: '39', NL: '31',
};

/** The phone number of recipient `j` of a source: distinct for distinct j < {@link MAX_RECIPIENTS_POOL}. */
export function recipientNumber(seed: number, sourceHash: number, j: number, country: string): string {
  const h = mix32(seed ^ 0x68e31da4, sourceHash, 0);
  const area = 200 + (h % 800);
  const line = (j * LINE_STEP + (h >>> 10)) % MAX_RECIPIENTS_POOL;
  return `+${CALLING_CODES[country] ?? '999'}${area}${String(line).padStart(7, '0')}`;
}
