import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { decodeFragment, encodeFragment } from '../../src/playground/fragment.js';
import { knobsOf, providerOf, setKnob, setProvider } from '../../src/playground/knobs.js';
import { parseScenario } from '../../src/scenario/load.js';

const DEFAULT = readFileSync('scenarios/default.yaml', 'utf8');

describe('playground knobs', () => {
  it('finds account MPS, vetting score, rates, burst count and expiry in the default scenario', () => {
    const ks = knobsOf(parseDocument(DEFAULT));
    expect(ks.map((k) => [k.id, k.value, k.unit])).toEqual([
      ['account.mps.sms', 5, 'per s'],
      ['brand.vetting_score', 62, ''],
      ['traffic.0.arrival.rate', 3, 'per s'],
      ['traffic.0.expiry', 120, 's'],
      ['traffic.1.arrival.count', 600, 'messages'],
      ['traffic.1.expiry', 120, 's'],
      ['traffic.2.arrival.rate', 1, 'per s'],
    ]);
  });

  it('writes values back in the form they were written, changing nothing else', () => {
    const ks = knobsOf(parseDocument(DEFAULT));
    const once = setKnob(DEFAULT, parseDocument(DEFAULT), ks[0], 8);
    const text = setKnob(once, parseDocument(once), ks[2], 4.5);
    expect(text).toBe(DEFAULT.replace('mps: { sms: 5,', 'mps: { sms: 8,').replace('rate: 3/s', 'rate: 4.5/s'));
    const sc = parseScenario(text, 'default.yaml');
    expect(sc.account.sms.count / (sc.account.sms.windowMs / 1000)).toBe(8);
  });

  it('keeps quotes, and adds a value that was not written', () => {
    const text = 'account: { mps: { sms: "5/s" } }\n';
    const [k] = knobsOf(parseDocument(text));
    expect(setKnob(text, parseDocument(text), k, 7)).toBe('account: { mps: { sms: "7/s" } }\n');
    const bare = 'brand: { vetting_score: 40 }\n';
    const v = knobsOf(parseDocument(bare)).find((k) => k.id === 'brand.vetting_score')!;
    expect(setKnob('brand: {}\n', parseDocument('brand: {}\n'), v, 75)).toBe('brand: { vetting_score: 75 }\n');
  });

  it('sets the provider, and the expiry control follows its range', () => {
    const twilio = setProvider(DEFAULT, parseDocument(DEFAULT), 'twilio');
    expect(twilio).toBe(`${DEFAULT}provider: twilio\n`);
    const doc = parseDocument(twilio);
    expect(providerOf(doc)).toBe('twilio');
    expect(knobsOf(doc).find((k) => k.id === 'traffic.0.expiry')).toMatchObject({ min: 1, max: 36_000 });
    expect(knobsOf(parseDocument(DEFAULT)).find((k) => k.id === 'traffic.0.expiry')).toMatchObject({ min: 5, max: 10_799 });
    expect(setProvider(twilio, doc, 'telnyx')).toBe(`${DEFAULT}provider: telnyx\n`);
    expect(parseScenario(twilio, 'default.yaml').rules.provider).toBe('twilio');
  });

  it('reads a rate map and a pool count', () => {
    const doc = parseDocument('account: { mps: { sms: { rate: 10/s, pacing: smooth } } }\nnumbers:\n  - { id: p, count: 3 }\n');
    expect(knobsOf(doc).map((k) => [k.id, k.value, k.suffix])).toEqual([
      ['account.mps.sms.rate', 10, '/s'],
      ['brand.vetting_score', 0, ''], // not written: shown at its default (issue 24)
      ['numbers.0.count', 3, ''],
    ]);
  });
});

describe('playground fragment', () => {
  it('round-trips the scenario', () => {
    expect(decodeFragment(encodeFragment(DEFAULT))).toEqual({ kind: 'yaml', yaml: DEFAULT });
    expect(decodeFragment('')).toEqual({ kind: 'none' });
  });

  it('says why a truncated, edited or foreign fragment cannot be read', () => {
    const full = encodeFragment(DEFAULT);
    for (const cut of [full.slice(0, 40), full.slice(0, full.length - 5)]) {
      expect(decodeFragment(cut)).toEqual({ kind: 'bad', reason: 'the compressed scenario is incomplete (the link may have been cut off)' });
    }
    expect(decodeFragment('#s=abc def').kind).toBe('bad');
    expect(decodeFragment('#section-2')).toEqual({ kind: 'bad', reason: 'expected a fragment starting "#s=", got "#section-2"' });
  });

  it('always shows account MPS and vetting, at their defaults when the YAML lacks account: and brand: (issue 24)', () => {
    const otp = readFileSync('scenarios/otp-burst-tollfree.yaml', 'utf8');
    const ks = knobsOf(parseDocument(otp));
    expect(ks.slice(0, 2).map((k) => [k.id, k.value, k.isDefault])).toEqual([
      ['account.mps.sms', 5, true],
      ['brand.vetting_score', 0, true],
    ]);
    const text = setKnob(otp, parseDocument(otp), ks[0], 60);
    expect(text).toBe(`${otp}account:\n  mps: { sms: 60 }\n`);
    expect(parseScenario(text, 'otp.yaml').account.sms.count).toBe(60);
    const vetted = setKnob(otp, parseDocument(otp), ks[1], 75);
    expect(vetted).toBe(`${otp}brand:\n  vetting_score: 75\n`);
    expect(parseScenario(vetted, 'otp.yaml').brand.vettingScore).toBe(75);
    const telnyx = knobsOf(parseDocument(`${otp}provider: telnyx\n`))[0];
    expect(telnyx.isDefault).toBe(true);
  });
});
