// `a2psim rules` speaks to users: 80 columns by default, every assumption marked with
// how to change it, no section numbers that exist only in the project's spec.
import { describe, expect, it } from 'vitest';
import { ASSUMPTIONS } from '../../src/rules/assumptions.js';
import { FAILURE_CODES } from '../../src/rules/codes.js';
import { renderRulebook, RULES_WIDTH } from '../../src/report/rulebook-table.js';

const lines = (s: string) => s.trimEnd().split('\n');

describe('a2psim rules', () => {
  const text = renderRulebook();
  const wide = renderRulebook({ wide: true });

  it(`fits ${RULES_WIDTH} columns by default; --wide is wider and names a source on every row`, () => {
    const longest = Math.max(...lines(text).map((l) => [...l].length));
    expect(longest).toBeLessThanOrEqual(80);
    expect(Math.max(...lines(wide).map((l) => [...l].length))).toBeGreaterThan(80);
    expect(wide).toContain('50–74          2,400  FAQ "A2P Messaging Throughput in the US"');
  });

  it('uses no spec section numbers (SPEC 1, 2a..2f)', () => {
    for (const out of [text, wide]) expect(out).not.toMatch(/SPEC|\b2[a-f]\.|\(2b\)/);
  });

  it('lists every assumption with the setting that changes it (or says it is built in)', () => {
    for (const a of ASSUMPTIONS) {
      expect(text.replace(/\s+/g, ' ')).toContain(a.text);
      expect(text).toContain(a.setting === null ? '(built into the model)' : `change it: ${a.setting}`);
    }
    expect(text).toContain('35% AT&T, 30% T-Mobile, 30% Verizon, 5% other');
    expect(text).toContain("a whole minute's quota may leave at once");
    expect(text).toContain('at every stage');
  });

  it('marks Low-Volume at score 0 (75 TPM) as a2psim\'s reading of the FAQ', () => {
    expect(text).toMatch(/low_volume\s+0–100 \*\s+75/);
    expect(text).toContain('Low-Volume at score 0');
  });

  it('shows charged per failure code, unstated ones marked as assumed', () => {
    for (const c of FAILURE_CODES) {
      const star = c.chargedSource === null ? ' \\*' : '';
      expect(text).toMatch(new RegExp(`\\n  ${c.code} +${c.charged ? 'yes' : 'no'}${star} +${c.reason.replace(/[()]/g, '\\$&')}\\n`));
    }
    expect(text).toMatch(/420 +no +message expired/);
    expect(text).toMatch(/toll_free_unverified +no \*/);
    expect(text).toMatch(/tmobile_daily_cap +no \*/);
  });
});
