// US 10DLC carrier throughput and the T-Mobile daily cap (issue 3), exact cases.
import { describe, expect, it } from 'vitest';
import { dispatchSeconds, runRecords, scenarioOf } from '../helpers/scenario.js';
import { summarize } from '../../src/report/summary.js';

const brand = (score: number, campaigns = '    - { id: c1, use_case: marketing }') => `
brand:
  vetting_score: ${score}
  campaigns:
${campaigns}
`;

/**
 * One brand, one campaign (c1) and one long code (lc1) with a raised account limit, all
 * traffic to one carrier mix: the shape of most cases below. `extra` is more YAML (rules,
 * start, ...); `traffic` the traffic list items.
 */
const oneLongCode = (o: { score: number; carriers: string; traffic: string; extra?: string; mps?: string }) =>
  scenarioOf(`
account: { mps: ${o.mps ?? '{ sms: 10000 }'} }
${brand(o.score)}
numbers:
  - { id: lc1, number: "+14155550100", type: long_code, country: US, campaign: c1 }
carriers: ${o.carriers}
${o.extra ?? ''}
traffic:
${o.traffic}
`);

describe('T-Mobile daily cap', () => {
  it('score 10: 3,000 SMS to T-Mobile at once → 2,000 delivered, 1,000 fail tmobile_daily_cap', () => {
    const sc = oneLongCode({
      score: 10,
      carriers: '{ tmobile: 1 }',
      traffic: `  - { name: blast, from: [lc1], arrival: { kind: burst, count: 3000 } }`,
    });
    const { result, records } = runRecords(sc);
    expect(result.total.delivered).toBe(2000);
    expect(result.total.failed).toBe(1000);
    expect(records.filter((r) => r.code === 'tmobile_daily_cap')).toHaveLength(1000);
    const s = summarize(result);
    // The default start, 2026-01-01T00:00Z, is still 2025-12-31 in Pacific time.
    expect(s.daily_cap.tmobile).toEqual([{ day: '2025-12-31', cap: 2000, used: 2000, rejected: 1000 }]);
    expect(s.failures.tmobile_daily_cap.count).toBe(1000);
    // 240 TPM (score 10) paces the 2,000 that pass: the last leaves in the 9th minute.
    expect(Math.max(...dispatchSeconds(records))).toBe(480);
  });

  it('other carriers are unaffected by the T-Mobile cap', () => {
    const sc = oneLongCode({
      score: 10,
      carriers: '{ att: 1 }',
      extra: `rules: { tpm: { att: 100000 } }`,
      traffic: `  - { name: blast, from: [lc1], arrival: { kind: burst, count: 3000 } }`,
    });
    expect(runRecords(sc).result.total.delivered).toBe(3000);
  });

  // DST starts 2026-03-08 at 02:00 PST: that Pacific day has 23 hours, and the next
  // midnight is 2026-03-09T00:00-07:00 = 07:00Z.
  const twoBursts = (firstAt: string, secondAt: string) =>
    oneLongCode({
      score: 10,
      carriers: '{ tmobile: 1 }',
      extra: `start: 2026-03-08T00:00:00-08:00
duration: 2d
rules: { tpm: { tmobile: 100000 } }`,
      traffic: `  - { name: late, from: [lc1], arrival: { kind: burst, at: ${firstAt}, count: 1500 } }
  - { name: early, from: [lc1], arrival: { kind: burst, at: ${secondAt}, count: 1500 } }`,
    });

  it('bursts straddling Pacific midnight on the night DST starts each get a fresh cap', () => {
    // 23:50 PDT on 03-08 is 22h50m after the PST midnight start (a 23-hour day);
    // 00:10 PDT on 03-09 is 23h10m after it.
    const { result } = runRecords(twoBursts('82200s', '83400s'));
    expect(result.total.delivered).toBe(3000);
    expect(summarize(result).daily_cap.tmobile).toEqual([
      { day: '2026-03-08', cap: 2000, used: 1500, rejected: 0 },
      { day: '2026-03-09', cap: 2000, used: 1500, rejected: 0 },
    ]);
  });

  it('the same bursts within one Pacific day share one cap', () => {
    const { result } = runRecords(twoBursts('78600s', '82200s'));
    expect(result.total.delivered).toBe(2000);
    expect(summarize(result).daily_cap.tmobile).toEqual([{ day: '2026-03-08', cap: 2000, used: 2000, rejected: 1000 }]);
  });

  it('counts units instead of messages with rules.count.daily_cap: units', () => {
    const sc = oneLongCode({
      score: 10,
      carriers: '{ tmobile: 1 }',
      extra: `rules: { tpm: { tmobile: 100000 }, count: { daily_cap: units } }`,
      traffic: `  - { name: long, from: [lc1], units: 3, arrival: { kind: burst, count: 1000 } }`,
    });
    const { result } = runRecords(sc);
    expect(result.total.delivered).toBe(666);
    expect(summarize(result).daily_cap.tmobile[0].used).toBe(1998);
  });
});

describe('10DLC throughput', () => {
  it('120 MMS to one carrier from one long code: 50/min per number per carrier, last at 120 s', () => {
    const sc = oneLongCode({
      score: 80,
      carriers: '{ verizon: 1 }',
      mps: '{ mms: 1000 }',
      traffic: `  - { name: mms, from: [lc1], type: mms, arrival: { kind: burst, count: 120 } }`,
    });
    const secs = dispatchSeconds(runRecords(sc).records);
    expect(secs.filter((t) => t === 0)).toHaveLength(50);
    expect(secs.filter((t) => t === 60)).toHaveLength(50);
    expect(secs.filter((t) => t === 120)).toHaveLength(20);
  });

  const twoCampaigns = (scope: string) =>
    scenarioOf(`
account: { mps: { sms: 10000 } }
${brand(80, '    - { id: otp, use_case: dedicated }\n    - { id: promo, use_case: marketing }')}
numbers:
  - { id: lc1, number: "+14155550100", type: long_code, country: US, campaign: otp }
  - { id: lc2, number: "+14155550101", type: long_code, country: US, campaign: promo }
carriers: { att: 1 }
rules: { tpm_scope: ${scope} }
traffic:
  - { name: a, from: [lc1], arrival: { kind: burst, count: 4500 } }
  - { name: b, from: [lc2], arrival: { kind: burst, count: 4500 } }
`);

  it('9,000 SMS from two campaigns of a score-80 brand share 4,500 TPM: the last leaves at 60 s', () => {
    const secs = dispatchSeconds(runRecords(twoCampaigns('brand')).records);
    expect(secs).toHaveLength(9000);
    expect(Math.max(...secs)).toBe(60);
  });

  it('with tpm_scope: campaign each campaign has its own 4,500 TPM: all leave at 0 s', () => {
    const secs = dispatchSeconds(runRecords(twoCampaigns('campaign')).records);
    expect(Math.max(...secs)).toBe(0);
  });

  it('a per-carrier tpm_scope map: AT&T per campaign (each 4,500), T-Mobile brand-wide (shared 4,500)', () => {
    const sc = twoCampaigns('{ att: campaign, tmobile: brand }');
    expect(sc.rules.tpmScope).toEqual({ att: 'campaign', tmobile: 'brand', verizon: 'brand', other: 'brand' });
    expect(Math.max(...dispatchSeconds(runRecords(sc).records))).toBe(0);
    const tm = scenarioOf(`
account: { mps: { sms: 10000 } }
${brand(80, '    - { id: otp, use_case: dedicated }\n    - { id: promo, use_case: marketing }')}
numbers:
  - { id: lc1, number: "+14155550100", type: long_code, country: US, campaign: otp }
  - { id: lc2, number: "+14155550101", type: long_code, country: US, campaign: promo }
carriers: { tmobile: 1 }
rules: { tpm_scope: { att: campaign, tmobile: brand }, tpd: 100000 }
traffic:
  - { name: a, from: [lc1], arrival: { kind: burst, count: 4500 } }
  - { name: b, from: [lc2], arrival: { kind: burst, count: 4500 } }
`);
    expect(Math.max(...dispatchSeconds(runRecords(tm).records))).toBe(60);
  });

  it('Low-Volume at vetting score 0 gets 75 TPM, not the 240 of brands that skip vetting', () => {
    const sc = scenarioOf(`
account: { mps: { sms: 10000 } }
${brand(0, '    - { id: lv, use_case: low_volume }')}
numbers:
  - { id: lc1, number: "+14155550100", type: long_code, country: US, campaign: lv }
carriers: { att: 1 }
traffic:
  - { name: a, from: [lc1], arrival: { kind: burst, count: 76 } }
`);
    const secs = dispatchSeconds(runRecords(sc).records);
    expect([secs.filter((t) => t === 0).length, secs.filter((t) => t === 60).length]).toEqual([75, 1]);
  });

  it('a dedicated campaign of a score-0 brand (secondary vetting skipped) gets 240 TPM', () => {
    const sc = scenarioOf(`
account: { mps: { sms: 10000 } }
${brand(0, '    - { id: d, use_case: dedicated }')}
numbers:
  - { id: lc1, number: "+14155550100", type: long_code, country: US, campaign: d }
carriers: { att: 1 }
traffic:
  - { name: a, from: [lc1], arrival: { kind: burst, count: 241 } }
`);
    const secs = dispatchSeconds(runRecords(sc).records);
    expect([secs.filter((t) => t === 0).length, secs.filter((t) => t === 60).length]).toEqual([240, 1]);
  });

  it('a low_volume campaign is held to 75 TPM inside a brand whose other campaign has 4,500', () => {
    const sc = scenarioOf(`
account: { mps: { sms: 10000 } }
${brand(80, '    - { id: otp, use_case: dedicated }\n    - { id: lv, use_case: low_volume }')}
numbers:
  - { id: lc1, number: "+14155550100", type: long_code, country: US, campaign: otp }
  - { id: lc2, number: "+14155550101", type: long_code, country: US, campaign: lv }
carriers: { att: 1 }
traffic:
  - { name: a, from: [lc1], arrival: { kind: burst, count: 100 } }
  - { name: b, from: [lc2], arrival: { kind: burst, count: 150 } }
`);
    const { result, records } = runRecords(sc);
    const b = dispatchSeconds(records.filter((r) => r.traffic === 'b'));
    const a = dispatchSeconds(records.filter((r) => r.traffic === 'a'));
    expect(Math.max(...a)).toBe(0);
    expect(b.filter((t) => t === 0)).toHaveLength(75); // 75 TPM: 75 at 0 s, 75 at 60 s
    expect(Math.max(...b)).toBe(60);
    expect(result.total.delivered).toBe(250);
  });

  it('a per-number SMS limit set on a 10DLC number applies on top of the brand TPM', () => {
    const sc = scenarioOf(`
account: { mps: { sms: 1000 } }
${brand(80)}
numbers:
  - { id: lc1, number: "+14155550100", type: long_code, country: US, campaign: c1, limits: { sms: 1/s } }
carriers: { att: 1 }
traffic:
  - { name: a, from: [lc1], arrival: { kind: burst, count: 3 } }
`);
    expect(dispatchSeconds(runRecords(sc).records)).toEqual([0, 1, 2]);
  });

  it('a number of the brand without a campaign fails unregistered_10dlc, with a warning', () => {
    const sc = scenarioOf(`
${brand(80)}
numbers:
  - { id: lc1, number: "+14155550100", type: long_code, country: US }
traffic:
  - { name: a, from: [lc1], arrival: { kind: burst, count: 3 } }
`);
    const { result, records } = runRecords(sc);
    expect(records.map((r) => r.code)).toEqual(['unregistered_10dlc', 'unregistered_10dlc', 'unregistered_10dlc']);
    expect(summarize(result).warnings.some((w) => w.includes('linked to no campaign'))).toBe(true);
  });

  it('warns when a campaign has more than 49 numbers (T-Mobile Number Pool Request)', () => {
    const numbers = Array.from({ length: 50 }, (_, i) =>
      `  - { id: n${i}, number: "+1415555${String(1000 + i)}", type: long_code, country: US, campaign: c1 }`,
    ).join('\n');
    const sc = scenarioOf(`${brand(80)}\nnumbers:\n${numbers}\ntraffic: []\n`);
    const w = summarize(runRecords(sc).result).warnings;
    expect(w).toContain('campaign "c1" has 50 numbers: more than 49 needs a T-Mobile Number Pool Request (NPR)');
  });
});
