// `a2psim rules` speaks to users: 80 columns by default (a URL is never broken), every
// assumption marked with how to change it, every number of a provider with its source
// (URL and date read), no section numbers that exist only in the project's spec.
import { describe, expect, it } from 'vitest';
import { COMMON_ASSUMPTIONS } from '../../src/rules/assumptions.js';
import { FAILURE_CODES } from '../../src/rules/codes.js';
import type { Cite } from '../../src/rules/provider.js';
import { PROVIDER_IDS } from '../../src/rules/providers.js';
import { PROVIDERS } from '../../src/rules/providers.js';
import { citeText, renderRulebook, RULES_WIDTH } from '../../src/report/rulebook-table.js';

const lines = (s: string) => s.trimEnd().split('\n');
const width = (l: string) => [...l].length;
const isUrlLine = (l: string) => /^\s+https:\/\/\S+ \(read \d{4}-\d\d-\d\d\)$/.test(l);

describe.each(PROVIDER_IDS)('a2psim rules --provider %s', (id) => {
  const p = PROVIDERS[id];
  const text = renderRulebook({}, p);
  const wide = renderRulebook({ wide: true }, p);

  it(`fits ${RULES_WIDTH} columns by default (URL lines excepted); --wide names a source on every row`, () => {
    for (const l of lines(text)) if (!isUrlLine(l)) expect(width(l), l).toBeLessThanOrEqual(80);
    expect(Math.max(...lines(wide).map(width))).toBeGreaterThan(80);
  });

  it('uses no spec section numbers (SPEC 1, 2a..2f)', () => {
    for (const out of [text, wide]) expect(out).not.toMatch(/SPEC|\b2[a-f]\.|\(2b\)/);
  });

  it('lists every assumption with the setting that changes it (or says it is built in)', () => {
    for (const a of [...COMMON_ASSUMPTIONS, ...p.assumptions]) {
      expect(text.replace(/\s+/g, ' ')).toContain(a.text);
      expect(text).toContain(a.setting === null ? '(built into the model)' : `change it: ${a.setting}`);
    }
    expect(text).toContain('35% AT&T, 30% T-Mobile, 30% Verizon, 5% other');
    expect(text).toContain("a whole minute's quota may leave at once");
    expect(text).toContain('at every stage');
  });

  it('gives every number its source: a URL with the date read, a FAQ section, or a marked assumption', () => {
    const cites: Cite[] = [
      p.account.sms.cite, p.account.mms.cite, p.overLimit.cite, p.queueMaxWait.cite, p.expiry.cite, p.mms10dlc.cite,
      p.tollFreeBlock.cite, ...p.numbers.map((r) => r.cite), ...p.tpm.map((r) => r.cite), ...p.caps.flatMap((c) => c.tpd.map((r) => r.cite)),
      ...FAILURE_CODES.map((c) => p.codes[c.code].cite),
    ];
    const flat = text.replace(/\s+/g, ' ');
    for (const c of cites) {
      if (c.assumption !== null) expect(flat).toContain(c.assumption.replace(/\s+/g, ' '));
      else if (c.url !== null) expect(text).toContain(`${c.url} (read ${c.read})`);
      else expect(flat).toContain(c.text);
      expect(wide).toContain(citeText(c));
    }
    if (id !== 'plivo') for (const c of cites) expect(c.assumption !== null || (c.url !== null && c.read !== null) || c.text.startsWith('Plivo FAQ')).toBe(true);
  });

  it('shows charged per failure code, assumed ones marked', () => {
    for (const c of FAILURE_CODES) {
      const rule = p.codes[c.code];
      const star = rule.cite.assumption === null ? '' : '\\*';
      expect(text).toMatch(new RegExp(`\\n  ${c.code} +${(rule.own ?? '-').replace('-', '\\-')} +${rule.charged ? 'yes' : 'no'} +\\[\\d+\\]${star}\\n`));
    }
  });
});

describe('a2psim rules, provider facts by name', () => {
  it('Plivo: 420 not charged (FAQ), Low-Volume 75 at score 0 marked as a reading of the FAQ', () => {
    const text = renderRulebook({}, PROVIDERS.plivo);
    expect(text).toMatch(/420 +420 +no +\[\d+\]\n/);
    expect(text).toMatch(/low_volume +0–100 +75 +\[\d+\]\*/);
    expect(text).toContain('the FAQ lists Low-Volume for 1–100 only');
  });

  it('Telnyx: 50 SMS/s, 15 MMS/s, toll-free 20/s, short code 1,000/s, 4 h queue, 40014 not billed', () => {
    const text = renderRulebook({}, PROVIDERS.telnyx);
    expect(text).toMatch(/SMS per second +50\/s/);
    expect(text).toMatch(/MMS per second +15\/s/);
    expect(text).toMatch(/US +toll_free +20\/s/);
    expect(text).toMatch(/US +short_code +1,000\/s/);
    expect(text).toMatch(/longest queue +14,400 s of segments/);
    expect(text).toMatch(/420 +40014 +no/);
  });

  it('Twilio: toll-free 3 segments/s, short code 100/s, 10 h queue (30001), validity 1..36,000 s, 30032 charged', () => {
    const text = renderRulebook({}, PROVIDERS.twilio);
    expect(text).toMatch(/Per-number limits \(counting segments\)/);
    expect(text).toMatch(/US +toll_free +3\/s/);
    expect(text).toMatch(/US +short_code +100\/s/);
    expect(text).toMatch(/longest queue +36,000 s of messages/);
    expect(text).toMatch(/message expiry +36,000 s; settable 1\.\.36,000 s/);
    expect(text).toMatch(/toll_free_unverified +30032 +yes/);
    expect(text).toMatch(/queue_full +30001 +no/);
    expect(text).toContain('third-party copies only');
  });
});
