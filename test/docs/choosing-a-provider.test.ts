// docs/providers.md's "Choosing a provider" example is real: its scenario is the file, and its
// table is what `run --provider plivo,telnyx,twilio` prints for it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/simulate.js';
import { renderProviderComparison } from '../../src/report/provider-table.js';
import { summarize } from '../../src/report/summary.js';
import { loadScenarioFile } from '../../src/scenario/load.js';

const FILE = 'scenarios/choosing-a-provider.yaml';
const section = readFileSync('docs/providers.md', 'utf8');

describe('docs/providers.md: Choosing a provider', () => {
  const summaries = (['plivo', 'telnyx', 'twilio'] as const).map((provider) => summarize(simulate(loadScenarioFile(FILE, { provider }))));

  it('shows the scenario file as it is', () => {
    const body = readFileSync(FILE, 'utf8').split('\n').filter((l) => !l.startsWith('#')).join('\n').trim();
    expect(section).toContain(body);
  });

  it('shows the table the command prints', () => {
    expect(section).toContain(renderProviderComparison(summaries));
  });

  it('shows the five-provider table the command prints (Bandwidth and AWS too)', () => {
    const all = (['plivo', 'telnyx', 'twilio', 'bandwidth', 'aws'] as const).map((provider) => summarize(simulate(loadScenarioFile(FILE, { provider }))));
    expect(section).toContain(renderProviderComparison(all));
    const [, , , bandwidth, aws] = all;
    // Bandwidth: a 15-minute queue at 1 segment/s holds 450 two-segment messages; the rest are rejected.
    expect(bandwidth.by_traffic.promo.delivered).toBe(450);
    expect(bandwidth.by_traffic.promo.failures.queue_full).toBe(5550);
    // AWS: two 10DLC numbers at 1 part/s each send one 2-part message a second for the hour of expiry.
    expect(aws.by_traffic.promo.delivered).toBe(3600);
    expect(aws.by_traffic.otp.delivered).toBe(aws.by_traffic.otp.submitted);
  });

  it('tells the story the text explains: Plivo expires every code, Telnyx and Twilio none', () => {
    const [plivo, telnyx, twilio] = summaries;
    expect(plivo.by_traffic.otp.failures['420']).toBe(plivo.by_traffic.otp.submitted);
    expect([telnyx.totals.failed, twilio.totals.failed]).toEqual([0, 0]);
    expect(telnyx.by_traffic.otp.wait.max).toBeGreaterThan(100);
    expect(twilio.by_traffic.promo.drain_time).toBe(61);
    expect(twilio.warnings.join('\n')).toMatch(/campaign "promo": 2400 TPM .* is assumed \(third-party copies only/);
  });
});
