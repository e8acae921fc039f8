import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { simulate } from '../../src/engine/simulate.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenario } from '../../src/scenario/load.js';
import { summarize } from '../../src/report/summary.js';

const FILE = 'test/fixtures/solve/priced-otp.yaml';
const priced = (set: string[] = []) => summarize(simulate(parseScenario(readFileSync(FILE, 'utf8'), FILE, { set })));

describe('cost', () => {
  it('prices charged units by number type, country and type, adds US carrier surcharges, then a month', () => {
    const s = priced();
    const by = s.by_carrier;
    expect(s.totals.delivered).toBe(1000);
    const surcharges = by.att.delivered * 0.0025 + by.tmobile.delivered * 0.003 + by.verizon.delivered * 0.003;
    const run = 1000 * 0.0083 + surcharges;
    expect(s.cost).toEqual({
      currency: 'USD',
      units: { charged: 1000, unpriced: 0 },
      run: { messages: 8.3, carrier_surcharges: Number(surcharges.toFixed(4)), total: Number(run.toFixed(4)) },
      // 30 runs a month; 2 toll-free numbers at 1.5; (20 − 5 included) MPS at 10.
      monthly: { runs: 30, messages: Number((run * 30).toFixed(4)), numbers: 3, mps_upgrade: 150, total: Number((run * 30 + 3 + 150).toFixed(4)) },
    });
  });

  it('charges only what the rulebook charges: expired messages (420) cost nothing', () => {
    const s = priced(['account.mps.sms=10']);
    expect(s.failures['420'].count).toBe(390);
    expect(s.cost!.units.charged).toBe(610);
    expect(s.cost!.run.messages).toBe(Number((610 * 0.0083).toFixed(4)));
    expect(s.cost!.monthly.mps_upgrade).toBe(50);
  });

  it('a failure the rules mark as charged is priced too (rules.charged)', () => {
    const s = priced(['account.mps.sms=10', 'rules.charged={"420": true}']);
    expect(s.cost!.units.charged).toBe(1000);
    expect(s.units.charged).toBe(1000);
    expect(s.cost!.run.messages).toBe(8.3);
  });

  it('replayed rows are priced by their own country; without a price they count as unpriced', async () => {
    const run = async (prices: string) => {
      const r = await cli('run', 'test/fixtures/mdr-replay.yaml', '--format', 'json', '-q', '--set', `pricing={per_unit: [${prices}], carrier_surcharge: {att: 0.003, tmobile: 0.003, verizon: 0.003, other: 0.003}}`);
      return JSON.parse(r.out);
    };
    // 4 delivered rows from tf1 to US: 1 + 2 + 1 + 1 units (the row from an unknown sender fails, uncharged).
    const us = await run('{type: toll_free, country: US, sms: 0.0055}');
    expect(us.cost.units).toEqual({ charged: 5, unpriced: 0 });
    expect(us.cost.run).toEqual({ messages: 0.0275, carrier_surcharges: 0.015, total: 0.0425 });
    const ca = await run('{type: toll_free, country: CA, sms: 0.0055}');
    expect(ca.cost.units).toEqual({ charged: 5, unpriced: 5 });
    expect(ca.cost.run.total).toBe(0);
  });

  it('a scenario without pricing has no cost; a generated source without a price is a load error', () => {
    expect(summarize(simulate(parseScenario(readFileSync('scenarios/otp-burst-tollfree.yaml', 'utf8'), 'x.yaml'))).cost).toBeUndefined();
    let error: unknown;
    try {
      parseScenario(readFileSync(FILE, 'utf8'), FILE, { set: ['pricing.per_unit=[{type: long_code, country: US, sms: 0.01}]'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as Error).message).toBe('--set pricing.per_unit: expected a sms price for toll_free to US (traffic[0] "otp" sends them from tf-1), got none');
  });

  it('solve --objective cost finds the cheapest passing point of the grid, as a sweep lists it', async () => {
    const vary = ['--vary', 'account.mps.sms=10,15,17,20,25', '--vary', 'numbers[0].count=1..3'];
    const r = await cli('solve', FILE, '--objective', 'cost', ...vary, '--format', 'json');
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.out);
    const sweep = JSON.parse((await cli('sweep', FILE, ...vary, '--metric', 'cost', '--metric', 'cost_per_run', '--format', 'json')).out);
    const passing = sweep.points.filter((p: { pass: boolean }) => p.pass);
    const cheapest = Math.min(...passing.map((p: { metrics: { cost: { mean: number } } }) => p.metrics.cost.mean));
    expect(answer).toMatchObject({ objective: 'cost', values: { 'account.mps.sms': 17, 'numbers[0].count': 1 }, cost: { currency: 'USD', monthly: cheapest }, points: 15, passing: passing.length, runs: 15 });
    expect(sweep.points[sweep.cheapest].values).toEqual(answer.values);
  }, 60_000);

  it('exit 1 when no point passes, 2 for cost metrics without pricing or range flags with the cost objective', async () => {
    expect((await cli('solve', FILE, '--objective', 'cost', '--vary', 'account.mps.sms=5,10')).code).toBe(1);
    const noPricing = await cli('sweep', 'scenarios/otp-burst-tollfree.yaml', '--vary', 'account.mps.sms=5', '--metric', 'cost');
    expect([noPricing.code, noPricing.err]).toEqual([2, 'a2psim: --metric cost: expected a scenario with pricing:, got one without\n']);
    const stray = await cli('solve', FILE, '--objective', 'cost', '--vary', 'account.mps.sms=5,10', '--min', '1');
    expect([stray.code, stray.err]).toEqual([2, 'a2psim: --min: expected no --min with --objective cost (give each --vary PATH=values), got one\n']);
  }, 60_000);
});
