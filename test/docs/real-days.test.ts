// docs/real-days.md (the README's "Real days" before): every number and printed table of its
// "Real days" part is what a run gives.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, parseScenario } from '../../src/scenario/load.js';
import { summarize } from '../../src/report/summary.js';
import { withWhatIf } from '../../src/report/what-if.js';
import { renderTable } from '../../src/report/table.js';
import { runRecords } from '../helpers/scenario.js';

const page = readFileSync('docs/real-days.md', 'utf8');
const section = page.slice(page.indexOf('# Real days'), page.indexOf('## Replaying real traffic'));

/** The run's printed table from its header down to line `lines` (as the page shows it). */
function printed(file: string, lines: number, set: string[] = []) {
  const sc = loadScenarioFile(file, { set });
  const { result, records } = runRecords(sc);
  // Every scenario of the section starts at an offset of -04:00 (the CLI shows clock times in it).
  const text = renderTable(withWhatIf(summarize(result), result), { utcOffsetMinutes: -240 }).split('\n').slice(0, lines).join('\n');
  return { text, result, records };
}

describe('docs/real-days.md: Real days', () => {
  it('the settings example is a valid traffic source', () => {
    const start = section.indexOf('```yaml\n') + '```yaml\n'.length;
    const yaml = section.slice(start, section.indexOf('```', start));
    const sc = parseScenario(
      `brand: { vetting_score: 80, campaigns: [{ id: r, use_case: marketing }] }
numbers:
  - { id: lc01, number: "+12125550101", type: long_code, country: US, campaign: r }
  - { id: lc02, number: "+12125550102", type: long_code, country: US, campaign: r }
  - { id: lc03, number: "+12125550103", type: long_code, country: US, campaign: r }
${yaml}`,
      'README.md',
    );
    expect(sc.traffic[0]).toMatchObject({ sender: 'sticky', recipientsPool: 5000 });
    expect(sc.traffic[0].sendWindow?.zones).toHaveLength(3);
  });

  it('retail day: the printed tables, and the held requests released at each opening', () => {
    const { text, records } = printed('scenarios/retail-day.yaml', 14);
    expect(section).toContain(text);
    const at = (iso: string) => records.filter((r) => r.submitMs === Date.parse(iso) - Date.parse('2026-06-09T04:00:00Z')).length;
    expect([at('2026-06-09T13:00:00Z'), at('2026-06-09T14:00:00Z'), at('2026-06-09T15:00:00Z'), at('2026-06-09T16:00:00Z')]).toEqual([601, 538, 199, 630]);
    expect([at('2026-06-10T13:00:00Z'), at('2026-06-10T14:00:00Z')]).toEqual([485, 149]);
    expect(section).toContain('601 at 09:00\nEastern, 538 at 09:00 Central, 199 at 09:00 Mountain and 630 at 09:00 Pacific');
    expect(section).toContain('485 and 149 more');
    // Nothing is submitted before 09:00 in New York.
    expect(Math.min(...records.map((r) => r.submitMs))).toBe(Date.parse('2026-06-09T13:00:00Z') - Date.parse('2026-06-09T04:00:00Z'));
  });

  it('overnight queue: 2,701 delivered by 01:00, 2,299 expired (420)', () => {
    const { text, result } = printed('scenarios/overnight-queue.yaml', 9);
    expect(section).toContain(text);
    expect([result.total.delivered, result.total.failed, result.endMs]).toEqual([2701, 2299, 10_804_000]);
  });

  it('cap retries: 437 messages lost after 4 attempts each; deferred, all 8,000 delivered after Pacific midnight', () => {
    const text = (set: string[] = []) => {
      const { result } = runRecords(loadScenarioFile('scenarios/cap-retries.yaml', { set }));
      return { result, text: renderTable(withWhatIf(summarize(result), result), { utcOffsetMinutes: -420 }).split('\n').slice(0, 11).join('\n') };
    };
    const retried = text();
    expect(section).toContain(retried.text);
    expect(retried.result.messages).toMatchObject({ total: 8000, delivered: 7563, failed: 437 });
    expect(retried.result.total.failed).toBe(437 * 4);
    const deferred = text(['traffic[0].retry.on=[420]', 'traffic[0].on_daily_cap=defer']);
    expect(deferred.result.messages).toMatchObject({ total: 8000, delivered: 8000, failed: 0 });
    expect(deferred.text).toContain('last message out at 10h 1m 3s (2026-04-15 00:01:03)');
    expect(section).toContain('the last at 00:01:03');
  });

  it('the incidents example is valid', () => {
    const from = section.indexOf('## An OTP service');
    const start = section.indexOf('```yaml\n', from) + '```yaml\n'.length;
    const sc = parseScenario(section.slice(start, section.indexOf('```', start)), 'README.md');
    expect(sc.incidents.map((x) => [x.kind, x.carrier, x.startMs, x.endMs])).toEqual([
      ['carrier_outage', 'tmobile', 900_000, 2_700_000],
      ['degraded_carrier', 'att', 7_200_000, 10_800_000],
      ['provider_outage', null, 18_000_000, 18_600_000],
    ]);
  });

  it('OTP outage: 1,388 T-Mobile codes expire at 12:45, 272 go out late, other carriers untouched', () => {
    const { result, records } = runRecords(loadScenarioFile('scenarios/otp-outage.yaml'));
    const lines = renderTable(withWhatIf(summarize(result), result), { utcOffsetMinutes: -240 }).split('\n');
    expect(section).toContain(lines.slice(0, 9).join('\n'));
    expect(section).toContain(lines.slice(14, 27).join('\n'));
    const expired = records.filter((r) => r.code === '420');
    expect(expired.length).toBe(1388);
    expect(expired.every((r) => r.carrier === 'tmobile' && r.endMs === 45 * 60_000 && r.submitMs < 40 * 60_000)).toBe(true);
    expect([result.total.delayed, result.total.waits.max]).toEqual([272, 298_620]);
    expect(section).toContain('1,388\nhere), and the codes of the last 5 minutes (272, the `delayed`) go out at once, the oldest\nafter 4m 58.6s');
  });

  it('sticky pool: 611 s sticky (busiest number 161), 557 s round-robin', () => {
    const sticky = printed('scenarios/sticky-pool.yaml', 4);
    expect(section).toContain(sticky.text);
    const perNumber = [...sticky.result.bySender.values()].map((c) => c.submitted).filter((n) => n > 0);
    expect([Math.min(...perNumber), Math.max(...perNumber)]).toEqual([137, 161]);
    const rr = printed('scenarios/sticky-pool.yaml', 4, ['traffic[0].sender=round_robin']);
    expect(rr.text).toContain('last message out at 9m 17s');
    expect(rr.result.total.lastDispatchMs).toBe(557_000);
    expect(sticky.result.total.lastDispatchMs).toBe(611_000);
    expect(section).toContain('the last goes out at 9m 17s');
    expect(new Set(sticky.records.map((r) => r.carrier))).toEqual(new Set(['other']));
  });
});
