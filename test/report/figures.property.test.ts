/**
 * Issue 24: every figure a user reads agrees with the messages. Over random small
 * scenarios, `run --timeseries --messages --report` is recomputed from the message CSV
 * alone: the time series (intervals [start, end), as the CSV's times say), each carrier's
 * dispatch rate in the report (departures in the trailing minute [end − 1 min, end), the
 * window the TPM limiter counts) and the wait histogram (the delivered waits in bars of the
 * chart's width) must equal what the run wrote, and no dispatch-rate point may lie above
 * its limit.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import type { ReportData } from '../../src/report/html/data.js';

const dir = mkdtempSync(join(tmpdir(), 'a2psim-figures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const arbTraffic = fc.record({
  kind: fc.constantFrom('burst', 'constant', 'poisson'),
  count: fc.integer({ min: 1, max: 400 }),
  rate: fc.integer({ min: 1, max: 15 }),
  at: fc.integer({ min: 0, max: 20 }),
  expiry: fc.integer({ min: 5, max: 120 }),
  from: fc.subarray(['lc1', 'lc2', 'tf1'], { minLength: 1 }),
});

const arbScenario = fc.record({
  seed: fc.integer({ min: 0, max: 1000 }),
  sms: fc.integer({ min: 2, max: 40 }),
  tpm: fc.array(fc.integer({ min: 20, max: 600 }), { minLength: 3, maxLength: 3 }),
  tpd: fc.integer({ min: 20, max: 2000 }),
  duration: fc.integer({ min: 5, max: 60 }),
  interval: fc.constantFrom('1s', '2s', '3s', '5s', '10s', '15s', '20s', '30s'),
  traffic: fc.array(arbTraffic, { minLength: 1, maxLength: 2 }),
});
type Arb = typeof arbScenario extends fc.Arbitrary<infer T> ? T : never;

function yamlOf(a: Arb): string {
  const traffic = a.traffic.map((t, i) => {
    const arrival = t.kind === 'burst' ? `{ kind: burst, at: ${t.at}s, count: ${t.count} }` : `{ kind: ${t.kind}, rate: ${t.rate}/s }`;
    return `  - { name: t${i}, from: [${t.from.join(', ')}], arrival: ${arrival}, expiry: ${t.expiry} }`;
  });
  return `name: figures
seed: ${a.seed}
start: 2026-04-14T20:59:30Z
duration: ${a.duration}s
account: { mps: { sms: ${a.sms} } }
brand: { vetting_score: 50, campaigns: [{ id: c1, use_case: marketing }] }
numbers:
  - { id: lc1, number: "+13105550201", type: long_code, country: US, campaign: c1 }
  - { id: lc2, number: "+13105550202", type: long_code, country: US, campaign: c1 }
  - { id: tf1, number: "+18885550100", type: toll_free, country: US, verified: true }
rules: { tpd: ${a.tpd}, tpm: { att: ${a.tpm[0]}, tmobile: ${a.tpm[1]}, verizon: ${a.tpm[2]} } }
traffic:
${traffic.join('\n')}
`;
}

type Row = Record<string, string>;
const ms = (iso: string): number => Date.parse(iso);
const csv = (file: string): Row[] => parse(readFileSync(file, 'utf8'), { columns: true }) as Row[];

/** When a message ended (dispatch or failure), epoch ms; NaN while queued. */
const endOf = (m: Row): number => (m.wait_seconds === '' ? NaN : ms(m.message_time) + Math.round(Number(m.wait_seconds) * 1000));

let run = 0;
async function figures(a: Arb) {
  const base = join(dir, String(run++));
  writeFileSync(`${base}.yaml`, yamlOf(a));
  const r = await cli('run', `${base}.yaml`, '-q', '--no-what-if', '--interval', a.interval,
    '--timeseries', `${base}.ts.csv`, '--messages', `${base}.m.csv`, '--report', `${base}.html`, '--format', 'json');
  expect(r.code, r.err).toBe(0);
  const html = readFileSync(`${base}.html`, 'utf8');
  const json = /<script id="a2psim-data" type="application\/json">([\s\S]*?)<\/script>/.exec(html)![1];
  return { ts: csv(`${base}.ts.csv`), messages: csv(`${base}.m.csv`), data: JSON.parse(json) as ReportData };
}

describe('figures recomputed from the message CSV', () => {
  it('time series, dispatch rate per carrier and wait histogram equal what the run wrote; no rate above its limit', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(arbScenario, async (a) => {
        const { ts, messages, data } = await figures(a);
        // Time series: each count in the interval [start, end) its time falls in. (The times
        // of every message read once, not once per row.)
        const times = messages.map((m) => ({ m, at: ms(m.message_time), dispatched: m.status === 'delivered' ? ms(m.dispatched_at) : NaN, end: endOf(m) }));
        for (const row of ts) {
          const [s, e] = [ms(row.interval_start), ms(row.interval_end)];
          const inside = (t: number): boolean => t >= s && t < e;
          expect(Number(row.submitted)).toBe(times.filter((x) => inside(x.at)).length);
          const delivered = times.filter((x) => inside(x.dispatched)).map((x) => x.m);
          expect(Number(row.delivered)).toBe(delivered.length);
          for (const c of ['att', 'tmobile', 'verizon', 'other']) expect(Number(row[`delivered_${c}`])).toBe(delivered.filter((m) => m.carrier === c).length);
          for (const code of ['420', 'tmobile_daily_cap']) {
            expect(Number(row[`failed_${code}`])).toBe(times.filter((x) => x.m.status === 'failed' && x.m.error_code === code && inside(x.end)).length);
          }
        }
        // Dispatch rate: what left each carrier's TPM stage (10DLC SMS: delivered, or failed at the daily cap behind it).
        const startMs = data.startEpochMs;
        for (const st of data.stages.filter((x) => x.outPerMinute !== null)) {
          const out = messages
            .filter((m) => m.carrier === st.carrier && m.from.startsWith('+1310') && (m.status === 'delivered' || m.error_code === 'tmobile_daily_cap'))
            .map((m) => endOf(m) - startMs);
          data.t.forEach((endS, i) => {
            const e = Math.round(endS * 1000);
            const k = Math.floor(60_000 / data.intervalMs);
            const from = e - k * data.intervalMs;
            expect(st.outPerMinute![i]).toBe(out.filter((t) => t >= from && t < e).length);
            expect(st.outPerMinute![i]).toBeLessThanOrEqual(st.limitPerMinute);
          });
        }
        // Wait histogram: the delivered waits in bars of the chart's width.
        const waits = messages.filter((m) => m.status === 'delivered').map((m) => Math.round(Number(m.wait_seconds) * 1000));
        const bars = new Array<number>(waits.length === 0 ? 0 : Math.floor(Math.max(...waits) / data.waits.binMs) + 1).fill(0);
        for (const w of waits) bars[Math.floor(w / data.waits.binMs)]++;
        expect(data.waits.counts).toEqual(bars);
        expect(data.waits.precisionText).toBe('each bar counts exactly the waits in it');
      }),
      { seed: 24, numRuns: 25 },
    );
  });
});
