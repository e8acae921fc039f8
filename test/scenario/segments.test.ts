import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../src/rules/providers.js';
import { GSM7_BASIC, isTooLong, unitsOf } from '../../src/scenario/segments.js';

const PLIVO_MAX = PROVIDERS.plivo.maxLength;
const { gsm7Chars: MAX_GSM_CHARS, ucs2Chars: MAX_UCS2_CHARS } = PLIVO_MAX;

const g = (n: number) => 'a'.repeat(n);
const u = (n: number) => 'é'.repeat(0) + 'ж'.repeat(n);

describe('unitsOf', () => {
  it.each([
    ['empty', '', 'GSM-7', 1, 0],
    ['160 GSM', g(160), 'GSM-7', 1, 160],
    ['161 GSM', g(161), 'GSM-7', 2, 161],
    ['306 GSM', g(306), 'GSM-7', 2, 306],
    ['307 GSM', g(307), 'GSM-7', 3, 307],
    ['159 + €', `${g(159)}€`, 'GSM-7', 2, 160],
    ['158 + €', `${g(158)}€`, 'GSM-7', 1, 159],
    ['70 UCS-2', u(70), 'UCS-2', 1, 70],
    ['71 UCS-2', u(71), 'UCS-2', 2, 71],
    ['134 UCS-2', u(134), 'UCS-2', 2, 134],
    ['135 UCS-2', u(135), 'UCS-2', 3, 135],
    ['emoji is 2 code units', '😀', 'UCS-2', 1, 2],
    ['35 emoji', '😀'.repeat(35), 'UCS-2', 1, 70],
    ['36 emoji', '😀'.repeat(36), 'UCS-2', 2, 72],
    ['GSM text with one non-GSM char', `${g(100)}ç`, 'UCS-2', 2, 101],
    ['basic table accents', 'àèéìòùÄÖÑÜäöñüÅåÆæßÉØøÇ', 'GSM-7', 1, 23],
  ])('%s', (_label, text, encoding, units, length) => {
    expect(unitsOf(text)).toMatchObject({ encoding, units, length });
  });

  it('counts every extension character as 2 septets', () => {
    for (const ch of '^{}\\[~]|€\f') expect(unitsOf(ch).septets).toBe(2);
  });

  it('counts every basic character as 1 septet', () => {
    const basic = GSM7_BASIC.replace('\u001b', '');
    expect(unitsOf(basic)).toMatchObject({ encoding: 'GSM-7', septets: basic.length });
  });
});

describe('isTooLong', () => {
  it.each([
    [g(MAX_GSM_CHARS), false],
    [g(MAX_GSM_CHARS + 1), true],
    [u(MAX_UCS2_CHARS), false],
    [u(MAX_UCS2_CHARS + 1), true],
    ['', false],
  ])('length %# → %s', (text, tooLong) => {
    expect(isTooLong(text, PLIVO_MAX)).toBe(tooLong);
  });
  it('1600 GSM is 11 units, 737 UCS-2 is 11 units', () => {
    expect(unitsOf(g(1600)).units).toBe(11);
    expect(unitsOf(u(737)).units).toBe(11);
  });
});
