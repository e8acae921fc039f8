// The --set overrides that scale test/bench/us-day.yaml by one factor: used by run.js (the
// us-day sizes) and sweep-pool.js (the realistic sweep).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));

/** --set overrides that scale every traffic source of us-day.yaml (rates, bursts, T-Mobile cap) by `f`. */
export function usDaySets(f) {
  const doc = parse(readFileSync(join(here, 'us-day.yaml'), 'utf8'));
  const sets = [`rules.tpd=${Math.max(1, Math.round(200_000 * f))}`];
  doc.traffic.forEach((t, i) => {
    if (t.arrival.kind === 'burst') sets.push(`traffic[${i}].arrival.count=${Math.round(t.arrival.count * f)}`);
    else {
      const m = /^(\d+)\/day$/.exec(String(t.arrival.rate));
      if (!m) throw new Error(`us-day.yaml traffic[${i}]: write the rate as N/day to scale it`);
      sets.push(`traffic[${i}].arrival.rate=${Number(m[1]) * f}/day`);
    }
  });
  return sets.flatMap((s) => ['--set', s]);
}
