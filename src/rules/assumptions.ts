/**
 * The defaults a2psim had to choose where the FAQ is silent or says something else, each
 * with the scenario setting that changes it. `a2psim rules` lists them all; the tables
 * mark their own assumed rows too (TPD at score 0, Low-Volume at score 0, charged flags).
 */
export interface Assumption {
  /** Stable id, for tests and cross-references. */
  readonly id: string;
  /** What is assumed, in a sentence a user reads. */
  readonly text: string;
  /** The scenario setting that changes it; null when it is built into the model. */
  readonly setting: string | null;
}

export const ASSUMPTIONS: readonly Assumption[] = [
  {
    id: 'carrier_mix',
    text: 'Destinations are 35% AT&T, 30% T-Mobile, 30% Verizon, 5% other carriers.',
    setting: 'carriers: { att: 0.35, tmobile: 0.3, verizon: 0.3, other: 0.05 }',
  },
  {
    id: 'tpm_window',
    text: "A TPM limit is a sliding minute: a whole minute's quota may leave at once.",
    setting: 'rules: { carrier_pacing: smooth } (evenly spaced)',
  },
  {
    id: 'expiry_every_stage',
    text: 'Expiry is checked whenever a message leaves a queue, at every stage (the FAQ says when it is dequeued to the carrier).',
    setting: null,
  },
  {
    id: 'other_carriers',
    text: 'Smaller carriers get the same TPM as the big three (the FAQ: "we expect them to be in similar ranges").',
    setting: 'rules: { tpm: { other: 1000 } }',
  },
  {
    id: 'tpm_scope',
    text: 'TPM is shared by all campaigns of the brand for every carrier, as the FAQ says; other providers apply AT&T per campaign.',
    setting: 'rules: { tpm_scope: { att: campaign } }',
  },
  {
    id: 'toll_free_day',
    text: 'The toll-free block starts 2024-01-31 00:00 UTC (the FAQ gives no time zone).',
    setting: null,
  },
  {
    id: 'count_messages',
    text: 'Limits count messages, as the FAQ writes them; a long SMS is one message.',
    setting: 'rules: { count: units } (k units take k unit slots)',
  },
];
