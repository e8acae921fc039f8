/**
 * The words every layer shares: message types, countries, number types, use cases,
 * carriers, logging settings, pacings and what a limit counts. They belong to the rules
 * (the lowest layer), so that the rulebook never imports the scenario model.
 */

/** Message types the provider carries. */
export const MESSAGE_TYPES = ['sms', 'mms'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/** Countries whose number rules the rulebook knows. */
export const NUMBER_COUNTRIES = ['US', 'CA'] as const;
export type NumberCountry = (typeof NUMBER_COUNTRIES)[number];

/** Where a message goes, for a limit keyed on the destination country (not the number's). */
export const DESTINATIONS = ['US', 'CA', 'other'] as const;
export type Destination = (typeof DESTINATIONS)[number];

export const NUMBER_TYPES = ['long_code', 'toll_free', 'short_code'] as const;
export type NumberType = (typeof NUMBER_TYPES)[number];

export const USE_CASES = ['dedicated', 'mixed', 'marketing', 'low_volume'] as const;
export type UseCase = (typeof USE_CASES)[number];

/** Destination carriers; index order is the order used in every report. */
export const CARRIERS = ['att', 'tmobile', 'verizon', 'other'] as const;
export type Carrier = (typeof CARRIERS)[number];
/** How a carrier is written in text (`T-Mobile daily cap`). */
export const CARRIER_TITLES: Readonly<Record<Carrier, string>> = { att: 'AT&T', tmobile: 'T-Mobile', verizon: 'Verizon', other: 'other carriers' };

/** The FAQ's four data-logging settings (`log` parameter of the Send Message API). */
export const LOG_SETTINGS = ['true', 'false', 'number_only', 'content_only'] as const;
export type LogSetting = (typeof LOG_SETTINGS)[number];

/** How a limiter spaces departures. */
export const PACINGS = ['sliding', 'smooth'] as const;
export type Pacing = (typeof PACINGS)[number];

/** What a limit counts: whole messages (the FAQ) or units/segments. */
export const COUNT_BY = ['messages', 'units'] as const;
export type CountBy = (typeof COUNT_BY)[number];
