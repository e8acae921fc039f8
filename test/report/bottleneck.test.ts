import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/load.js';
import { simulate } from '../../src/engine/simulate.js';
import { summarize } from '../../src/report/summary.js';
import { renderTable } from '../../src/report/table.js';
import { bottleneckSection } from '../../src/report/html/bottleneck-section.js';
import { runRecords, scenarioOf } from '../helpers/scenario.js';

const bundled = (name: string) => parseScenario(readFileSync(`scenarios/${name}.yaml`, 'utf8'), `scenarios/${name}.yaml`);

describe('bottlenecks', () => {
  it('otp-burst-tollfree: all waiting is in the account SMS MPS, by hand 5·(0+1+…+60) + 695·61 message-seconds', () => {
    const s = summarize(simulate(bundled('otp-burst-tollfree')));
    expect(s.bottlenecks).toEqual({
      total_wait_seconds: 5 * 1830 + 695 * 61,
      constraints: [{ constraint: 'account SMS MPS', stages: 1, wait_seconds: 51_545, share: 1, expired: 695, rejected: 0 }],
      binding: 'account SMS MPS: 100% of waiting (695 expired there)',
    });
    expect(renderTable(s).split('\n')[3]).toBe('bottleneck: account SMS MPS: 100% of waiting (695 expired there)');
  });

  it('tmobile-cap-blast: the T-Mobile daily cap rejects, nothing waits', () => {
    const s = summarize(simulate(bundled('tmobile-cap-blast')));
    expect(s.bottlenecks.binding).toBe(`T-Mobile daily cap: ${s.failures.tmobile_daily_cap.count.toLocaleString('en-US')} rejected`);
    expect(s.bottlenecks.total_wait_seconds).toBe(0);
  });

  it('names per-number families and carrier TPMs in plain words, shares summing to 1', () => {
    const ca = summarize(simulate(bundled('canada-alerts'))).bottlenecks;
    expect(ca.constraints.map((c) => [c.constraint, c.stages])).toEqual([
      ['account SMS MPS', 1],
      ['CA long-code per-number SMS limit', 10],
    ]);
    expect(ca.constraints.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 3);
    const tpm = summarize(simulate(bundled('two-campaigns-shared-tpm'))).bottlenecks;
    expect(tpm.binding).toMatch(/^AT&T TPM: \d+% of waiting$/);
  });

  it('a run where nothing waits says so', () => {
    const sc = scenarioOf(`
numbers: [{ id: tf, number: "+18885550100", type: toll_free, country: US, verified: true }]
traffic: [{ name: t, from: tf, arrival: { kind: constant, rate: 1/s } }]
duration: 10s
`);
    expect(summarize(simulate(sc)).bottlenecks).toEqual({ total_wait_seconds: 0, constraints: [], binding: 'none: no message waited' });
  });

  // The waiting per stage is the area under its queue-depth curve; summed over stages it
  // must equal the time every message spent in the system (messages pass stages instantly).
  it.each([
    ['default', bundled('default'), []],
    ['canada-alerts with until', bundled('canada-alerts'), ['until=90s']],
    ['mms-default-mps', bundled('mms-default-mps'), []],
  ] as const)('%s: waits over stages = time messages spent waiting', (_, sc0, set) => {
    const sc = set.length === 0 ? sc0 : parseScenario(readFileSync(sc0.file!, 'utf8'), sc0.file!, { set: [...set] });
    const { result, records } = runRecords(sc);
    const perMessage = records.reduce((a, r) => a + ((r.endMs ?? result.endMs) - r.submitMs), 0);
    const perStage = result.stageWaitMs.reduce((a, w) => a + w, 0);
    expect(perStage).toBe(perMessage);
    expect(perMessage).toBeGreaterThan(0);
  });

  it('the HTML report section names the binding constraint and lists each constraint, escaped', () => {
    const b = summarize(simulate(bundled('two-campaigns-shared-tpm'))).bottlenecks;
    const html = bottleneckSection(b);
    expect(html).toContain(`<h2>Bottleneck</h2>\n<p class="bottleneck"><b>${b.binding.replace('&', '&amp;')}</b></p>`);
    expect(html).toContain('<td>AT&amp;T TPM</td>');
    expect(html.match(/<tr><td>/g)).toHaveLength(b.constraints.length);
    expect(bottleneckSection(undefined)).toBe('');
  });

  it('a provider with a longest queue (Telnyx, 4 h): the messages its full queue turned away', () => {
    const sc = scenarioOf(`
provider: telnyx
account: { mps: { sms: 0.1 } }
numbers: [{ id: tf, number: "+18885550100", type: toll_free, country: US, verified: true }]
traffic: [{ name: t, from: tf, arrival: { kind: burst, count: 2000 }, expiry: 10799 }]
duration: 1m
`);
    const s = summarize(simulate(sc));
    // 4 h at 1 per 10 s holds 1,440; one leaves at once; the other 559 are turned away.
    expect(s.failures.queue_full.count).toBe(559);
    expect(s.bottlenecks.constraints[0]).toMatchObject({ constraint: 'account SMS MPS', rejected: 559, expired: s.failures['420'].count });
    expect(s.bottlenecks.binding).toBe(`account SMS MPS: 100% of waiting (${s.failures['420'].count} expired there, 559 turned away: queue full)`);
  });
});
