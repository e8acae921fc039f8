/** "Did you mean" for unknown keys. Pure. */

/** Levenshtein edit distance between two strings (insert, delete, substitute = 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The allowed key closest to `key`: the one at the smallest edit distance, if that is
 * at most 2, else one that `key` is a prefix of (or that is a prefix of `key`), compared
 * case-insensitively; undefined when none is close. Ties keep the order of `allowed`.
 */
export function suggestKey(key: string, allowed: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const d = editDistance(k, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best !== undefined) return best;
  if (k.length < 2) return undefined;
  return allowed.find((c) => c.toLowerCase().startsWith(k) || k.startsWith(c.toLowerCase()));
}
