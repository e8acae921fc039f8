/**
 * Defaults a2psim chose for every provider, where no source states them, each with the
 * scenario setting that changes it. A profile adds its own (src/rules/<provider>/);
 * `a2psim rules` lists both.
 */
import type { Assumption } from './provider.js';

export const COMMON_ASSUMPTIONS: readonly Assumption[] = [
  {
    id: 'carrier_mix',
    text: 'US destinations are 35% AT&T, 30% T-Mobile, 30% Verizon, 5% other carriers; destinations in any other country are "other" (the carrier mix table).',
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
];
