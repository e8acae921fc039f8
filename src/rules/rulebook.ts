/**
 * Rules that are not a provider's numbers: the FAQ's data-logging settings and retention.
 * The provider profiles (limits, caps, codes, expiry, longest message) live in src/rules/<provider>/.
 */
import type { LogSetting } from './vocabulary.js';

/**
 * The FAQ's data logging preference (`log` of the Send Message API): what each setting
 * redacts in the message log — the destination number, the text, or both.
 */
export const DATA_LOGGING: Readonly<Record<LogSetting, { readonly redactNumber: boolean; readonly redactText: boolean }>> = {
  true: { redactNumber: false, redactText: false },
  false: { redactNumber: true, redactText: true },
  number_only: { redactNumber: false, redactText: true },
  content_only: { redactNumber: true, redactText: false },
};

/** Retention of the FAQ's data-logging policy: text 7 days, numbers 90 days. */
export const RETENTION = { textDays: 7, numberDays: 90 } as const;
