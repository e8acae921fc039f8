/**
 * The playground's URL fragment: `#s=` and the scenario's YAML compressed with lz-string
 * (URI-safe alphabet), so a link carries exactly what its sender saw. Pure; runs in Node
 * and in the page.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

/** The fragment's key: `#s=<compressed YAML>`. */
const KEY = 's=';

/** What a fragment held: the YAML, nothing (no fragment), or why it could not be read. */
export type FragmentContent = { readonly kind: 'yaml'; readonly yaml: string } | { readonly kind: 'none' } | { readonly kind: 'bad'; readonly reason: string };

/** The fragment (with its `#`) that holds `yaml`. */
export function encodeFragment(yaml: string): string {
  return `#${KEY}${compressToEncodedURIComponent(yaml)}`;
}

/**
 * Reads a fragment written by {@link encodeFragment}. An empty fragment is `none`; one
 * that is not ours, is truncated or does not decompress to text is `bad`, with a reason
 * a person can act on. Never throws.
 */
export function decodeFragment(hash: string): FragmentContent {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (body === '') return { kind: 'none' };
  if (!body.startsWith(KEY)) return { kind: 'bad', reason: `expected a fragment starting "#${KEY}", got "#${body.slice(0, 12)}"` };
  const packed = body.slice(KEY.length);
  if (!/^[A-Za-z0-9+\-$]*$/.test(packed)) return { kind: 'bad', reason: 'the compressed scenario has characters lz-string never writes (was the link changed?)' };
  let yaml: string | null;
  try {
    yaml = decompressFromEncodedURIComponent(packed);
  } catch {
    yaml = null;
  }
  // A truncated stream decompresses to null, "" or text with a lone surrogate or NUL.
  if (yaml === null || yaml === '' || /[\u0000]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(yaml)) {
    return { kind: 'bad', reason: 'the compressed scenario is incomplete (the link may have been cut off)' };
  }
  return { kind: 'yaml', yaml };
}
