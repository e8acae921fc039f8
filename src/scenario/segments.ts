/**
 * Units (segments) of an SMS text, SPEC §1: GSM-7 (3GPP TS 23.038 basic table plus the
 * extension table, whose characters take 2 septets) or else UCS-2. Pure. The longest text
 * is the provider's ({@link MaxLength}, from its profile).
 */
import type { MaxLength } from '../rules/provider.js';


/** GSM 03.38 basic character set (1 septet each), in table order. */
export const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** GSM 03.38 extension characters (escape + char = 2 septets), form feed included. */
export const GSM7_EXTENSION = '^{}\\[~]|€\f';

const BASIC = new Set(GSM7_BASIC.replace('\u001b', ''));
const EXTENSION = new Set(GSM7_EXTENSION);

export const GSM_SINGLE_SEPTETS = 160;
export const GSM_PART_SEPTETS = 153;
export const UCS2_SINGLE_UNITS = 70;
export const UCS2_PART_UNITS = 67;

export type Encoding = 'GSM-7' | 'UCS-2';

export interface TextUnits {
  readonly encoding: Encoding;
  /** Units (segments) the text is sent as; at least 1. */
  readonly units: number;
  /** Characters: GSM-7 characters (an extension character counts 1), or UTF-16 code units. */
  readonly length: number;
  /** Septets for GSM-7 (extension characters count 2); equal to `length` for UCS-2. */
  readonly septets: number;
}

/**
 * Encoding and units of a text: GSM-7 when every character is in the basic or extension
 * table — 1 unit up to 160 septets, else ceil(septets / 153); otherwise UCS-2 — 1 unit up
 * to 70 UTF-16 code units, else ceil(length / 67) (an emoji counts 2). Empty text is 1 unit.
 */
export function unitsOf(text: string): TextUnits {
  let septets = 0;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENSION.has(ch)) septets += 2;
    else return ucs2(text);
  }
  const units = septets <= GSM_SINGLE_SEPTETS ? 1 : Math.ceil(septets / GSM_PART_SEPTETS);
  return { encoding: 'GSM-7', units, length: text.length, septets };
}

function ucs2(text: string): TextUnits {
  const length = text.length;
  const units = length <= UCS2_SINGLE_UNITS ? 1 : Math.ceil(length / UCS2_PART_UNITS);
  return { encoding: 'UCS-2', units, length, septets: length };
}

/** The longest text `max` allows in `encoding`: GSM-7 characters, or UCS-2 code units. */
export function maxCharsOf(encoding: Encoding, max: MaxLength): number {
  return encoding === 'GSM-7' ? max.gsm7Chars : max.ucs2Chars;
}

/** True when `text` is over the longest text `max` allows in its encoding. */
export function isTooLong(text: string, max: MaxLength): boolean {
  const u = unitsOf(text);
  return u.length > maxCharsOf(u.encoding, max);
}
