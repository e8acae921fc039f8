/**
 * Rules the carriers set, the same whatever provider sends: the 10DLC SMS throughput per
 * minute by use case and vetting score, and T-Mobile's daily cap per brand. Each provider
 * profile takes them with the cite of the page it publishes them on.
 */
import type { Cite, DailyCapProfile, TpdRow, TpmRow } from './provider.js';
import type { UseCase } from './vocabulary.js';

const STANDARD: readonly UseCase[] = ['dedicated', 'mixed', 'marketing'];

/**
 * The 10DLC TPM table. Low-Volume comes first: 75 at any score, 0 included (the FAQ lists
 * it for 1–100 and 240 for brands that skip vetting; other providers give Low-Volume 75 at
 * any score). `lowVolume` is its cite, `skipped` the cite of the score-0 row.
 */
export function tpmTable(cite: Cite, lowVolume: Cite, skipped: Cite): readonly TpmRow[] {
  return [
    { useCases: ['low_volume'], minScore: 0, maxScore: 100, tpm: 75, cite: lowVolume },
    { useCases: STANDARD, minScore: 0, maxScore: 0, tpm: 240, cite: skipped },
    { useCases: STANDARD, minScore: 75, maxScore: 100, tpm: 4500, cite },
    { useCases: STANDARD, minScore: 50, maxScore: 74, tpm: 2400, cite },
    { useCases: STANDARD, minScore: 1, maxScore: 49, tpm: 240, cite },
  ];
}

/** T-Mobile's daily cap per brand, SMS + MMS; score 0 (`zero`) is not in any table. */
export function tpdTable(cite: Cite, zero: Cite): readonly TpdRow[] {
  return [
    { minScore: 75, maxScore: 100, tpd: 200_000, cite },
    { minScore: 50, maxScore: 74, tpd: 40_000, cite },
    { minScore: 25, maxScore: 49, tpd: 10_000, cite },
    { minScore: 1, maxScore: 24, tpd: 2_000, cite },
    { minScore: 0, maxScore: 0, tpd: 2_000, cite: zero },
  ];
}

/** The day T-Mobile's cap is counted in ("T-Mobile operates on Pacific Time"). */
export const TMOBILE_ZONE = 'America/Los_Angeles';

/** Where T-Mobile's daily caps come from for a provider that publishes none of its own: they are the carrier's, the same for every provider. */
export const TMOBILE_CAPS_CITE: Cite = { text: 'Plivo FAQ "T-Mobile TPD restrictions" (T-Mobile\'s caps, the same for every provider)', url: null, read: null, assumption: null };

/**
 * T-Mobile's daily cap per brand as a provider publishes it: its TPD table (`tpd`), the
 * Pacific day, failing `tmobile_daily_cap`; `cite` is where the provider states it.
 */
export function tmobileCap(tpd: readonly TpdRow[], cite: Cite): DailyCapProfile {
  return { name: 'tmobile', carrier: 'tmobile', zone: TMOBILE_ZONE, code: 'tmobile_daily_cap', tpd, cite };
}
