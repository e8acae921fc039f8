/**
 * The bottleneck by what-if: for every limit that held messages (the account MPS per type,
 * each class of per-number limit, each carrier TPM, a daily cap that rejected) and every
 * incident, the run is simulated again on a relaxed copy of the resolved scenario (that
 * limit ×10, or the incident removed), and the one whose relaxation helps most is named,
 * with its gain ("raising toll-free per-number SMS limit ×10 (25/s → 250/s): drains in
 * 17s instead of 19s; raising account SMS MPS ×10: no change"). The engine is not told:
 * each trial is an ordinary run of an ordinary scenario, so a trial reads exactly like
 * `run --set ...` of the same change.
 *
 * "Helps most" compares, in order: more messages delivered (fewer failed or left queued),
 * then an earlier drain (last dispatch), then a lower mean wait of delivered messages.
 */
import { simulate, type SimulateOptions, type SimulationResult } from '../engine/simulate.js';
import type { Carrier, Incident, Limit, NumberDef, Scenario } from '../scenario/model.js';
import { constraintOf, type Bottlenecks, type WhatIf, type WhatIfOutcome, type WhatIfTrial } from './bottleneck.js';

export type { WhatIf, WhatIfOutcome, WhatIfTrial } from './bottleneck.js';
import { fmtDuration } from './duration.js';

/** Runs above this many submitted messages (attempts) skip the what-if: its re-runs would cost too much. */
export const WHAT_IF_MAX_MESSAGES = 1_000_000;

/** How much each rate limit (and a daily cap) is raised in its trial. */
export const RELAX_FACTOR = 10;

interface Relaxation {
  readonly constraint: string;
  readonly change: string;
  readonly incident: boolean;
  readonly scenario: Scenario;
}

const CARRIER_NAMES: Readonly<Record<Carrier, string>> = { att: 'AT&T', tmobile: 'T-Mobile', verizon: 'Verizon', other: 'other carriers' };

const raise = (l: Limit): Limit => ({ ...l, count: l.count * RELAX_FACTOR });
const rate = (l: Limit): string => {
  if (l.windowMs === 60_000) return `${l.count.toLocaleString('en-US')}/min`;
  // Other windows as a rate per second, as a scenario writes it (1 per 4 s: 0.25/s).
  return `${(Math.round((l.count * 1e6) / l.windowMs) / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 })}/s`;
};
const change = (l: Limit, each = ''): string => `×${RELAX_FACTOR} (${rate(l)} → ${rate(raise(l))}${each})`;

/** The name of an incident's constraint: "T-Mobile outage", "provider outage", "AT&T degraded". */
function incidentName(x: Incident): string {
  if (x.kind === 'provider_outage') return 'provider outage';
  const who = CARRIER_NAMES[x.carrier ?? 'other'];
  return x.kind === 'carrier_outage' ? `${who} outage` : `${who} degraded`;
}

/** The relaxed scenario of one stage's constraint; null for a stage that has none (an outage gate). */
function relaxStage(sc: Scenario, r: SimulationResult, stageId: number, group: readonly number[]): Omit<Relaxation, 'constraint' | 'incident'> | null {
  const st = r.network.stages[stageId];
  if (st.kind === 'gate') return null;
  if (st.kind === 'account') {
    const type = st.name.endsWith(':mms') ? 'mms' : 'sms';
    return { change: change(sc.account[type]), scenario: { ...sc, account: { ...sc.account, [type]: raise(sc.account[type]) } } };
  }
  if (st.kind === 'carrier') {
    const carrier = st.carrier ?? 'other';
    const scope = st.name.slice('carrier:'.length, st.name.length - carrier.length - 1);
    const campaigns = sc.brand.campaigns.map((c) =>
      scope === 'brand' || c.id === scope ? { ...c, carrierLimits: { ...c.carrierLimits, [carrier]: raise(c.carrierLimits[carrier]) } } : c,
    );
    return { change: change(st.limit), scenario: { ...sc, brand: { ...sc.brand, campaigns } } };
  }
  // Every number of the group (per-number stages of one type and class) gets the raised limit.
  const ids = new Set<string>();
  let mms = false;
  for (const id of group) {
    const m = /^sender:(.*):(sms|mms)(?::[a-z]+)?$/.exec(r.network.stages[id].name);
    if (m === null) continue;
    ids.add(m[1]);
    mms = m[2] === 'mms';
  }
  const numbers = sc.numbers.map((n): NumberDef => {
    if (!ids.has(n.id)) return n;
    return mms ? { ...n, mmsLimit: n.mmsLimit === null ? null : raise(n.mmsLimit) } : { ...n, smsLimit: n.smsLimit === null ? null : raise(n.smsLimit) };
  });
  return { change: change(st.limit, ' per number'), scenario: { ...sc, numbers } };
}

/** Every relaxation worth trying for a run: the limits that held messages, then the incidents. */
export function relaxations(r: SimulationResult): Relaxation[] {
  const sc = r.scenario;
  const numbers = new Map(sc.numbers.map((n) => [n.id, n]));
  const groups = new Map<string, number[]>();
  for (const st of r.network.stages) {
    if ((r.stageWaitMs[st.id] ?? 0) === 0 && (r.stageExpired[st.id] ?? 0) === 0 && (r.stageRejected[st.id] ?? 0) === 0) continue;
    const key = constraintOf(st, numbers);
    groups.set(key, [...(groups.get(key) ?? []), st.id]);
  }
  const out: Relaxation[] = [];
  for (const [constraint, ids] of groups) {
    const relaxed = relaxStage(sc, r, ids[0], ids);
    if (relaxed !== null) out.push({ constraint, incident: false, ...relaxed });
  }
  r.dailyCaps.forEach((cap, i) => {
    if (cap.days.every((d) => d.rejected === 0)) return;
    const rule = sc.rules.dailyCaps[i];
    const dailyCaps = sc.rules.dailyCaps.map((c, j) => (j === i ? { ...c, cap: c.cap * RELAX_FACTOR } : c));
    const per = `${rule.cap.toLocaleString('en-US')}/day → ${(rule.cap * RELAX_FACTOR).toLocaleString('en-US')}/day`;
    out.push({ constraint: `${CARRIER_NAMES[rule.carrier]} daily cap`, change: `×${RELAX_FACTOR} (${per})`, incident: false, scenario: { ...sc, rules: { ...sc.rules, dailyCaps } } });
  });
  const byName = new Map<string, Incident[]>();
  for (const x of sc.incidents) byName.set(incidentName(x), [...(byName.get(incidentName(x)) ?? []), x]);
  for (const [name, xs] of byName) {
    out.push({ constraint: name, change: 'removed', incident: true, scenario: { ...sc, incidents: sc.incidents.filter((x) => !xs.includes(x)) } });
  }
  return out;
}

/** What a run achieved. */
export function outcomeOf(r: SimulationResult): WhatIfOutcome {
  const retries = r.scenario.traffic.some((t) => t.retry !== null || t.onDailyCap === 'defer');
  const m = retries ? r.messages : r.total;
  return {
    delivered: m.delivered,
    failed: m.failed,
    queued: m.queued,
    drain_time: r.total.lastDispatchMs < 0 ? null : Math.round(r.total.lastDispatchMs) / 1000,
    mean_wait: r.total.waits.count === 0 ? null : Math.round(r.total.waits.mean()) / 1000,
  };
}

/** Positive when `a` is better than `b`: more delivered, then earlier drain, then lower mean wait. */
export function compareOutcomes(a: WhatIfOutcome, b: WhatIfOutcome): number {
  if (a.delivered !== b.delivered) return a.delivered - b.delivered;
  const drain = (b.drain_time ?? 0) - (a.drain_time ?? 0);
  if (Math.abs(drain) >= 0.001) return drain;
  return (b.mean_wait ?? 0) - (a.mean_wait ?? 0) >= 0.001 ? 1 : (a.mean_wait ?? 0) - (b.mean_wait ?? 0) >= 0.001 ? -1 : 0;
}

/**
 * Runs every relaxation of `base` (see {@link relaxations}) and returns them, most helpful
 * first (ties in the order tried). `options.replay` must reopen the run's replay files.
 */
export function whatIf(base: SimulationResult, options: Pick<SimulateOptions, 'replay'> = {}): WhatIf {
  const own = outcomeOf(base);
  const trials = relaxations(base).map((x): WhatIfTrial => {
    const o = outcomeOf(simulate(x.scenario, { replay: options.replay }));
    return { constraint: x.constraint, change: x.change, incident: x.incident, ...o, helps: compareOutcomes(o, own) > 0 };
  });
  const order = trials.map((t, i) => ({ t, i })).sort((a, b) => compareOutcomes(b.t, a.t) || a.i - b.i);
  return { base: own, trials: order.map((x) => x.t) };
}

/** A trial's gain against the run, in plain words: "drains in 17s instead of 19s", "no change". */
export function gainText(t: WhatIfTrial, base: WhatIfOutcome): string {
  const int = (n: number): string => n.toLocaleString('en-US');
  const parts: string[] = [];
  if (t.failed !== base.failed) parts.push(`${int(t.failed)} failed instead of ${int(base.failed)}`);
  else if (t.delivered !== base.delivered) parts.push(`${int(t.delivered)} delivered instead of ${int(base.delivered)}`);
  if (t.drain_time !== base.drain_time && fmtDuration(t.drain_time) !== fmtDuration(base.drain_time)) {
    parts.push(`drains in ${fmtDuration(t.drain_time)} instead of ${fmtDuration(base.drain_time)}`);
  }
  if (parts.length === 0 && t.helps) parts.push(`mean wait ${fmtDuration(t.mean_wait)} instead of ${fmtDuration(base.mean_wait)}`);
  return parts.length === 0 ? 'no change' : parts.join(', ');
}

/**
 * The binding constraint by what-if, in plain words: the first trial that helps with its
 * gain, then up to three others ("T-Mobile outage (incident): without it, 10,802 delivered
 * instead of 9,414; raising account SMS MPS ×10 (50/s → 500/s): no change").
 */
export function whatIfText(w: WhatIf): string {
  const other = (t: WhatIfTrial): string => `${t.incident ? `without the ${t.constraint}` : `raising ${t.constraint} ${t.change}`}: ${gainText(t, w.base)}`;
  const top = w.trials[0];
  if (top === undefined) return 'none: no limit held any message';
  if (!top.helps) return `none: no single relaxation helps (${w.trials.map(other).join('; ')})`;
  const head = top.incident ? `${top.constraint} (incident): without it, ${gainText(top, w.base)}` : `${top.constraint}: raising it ${top.change}: ${gainText(top, w.base)}`;
  const rest = w.trials.slice(1, 4).map(other);
  const more = w.trials.length > 4 ? [`${w.trials.length - 4} more tried (--format json)`] : [];
  return [head, ...rest, ...more].join('; ');
}

/** Whether to run the what-if: asked for (default yes), and a run small enough. */
export interface WhatIfChoice {
  /** False for `--no-what-if`. Default true. */
  readonly enabled?: boolean;
  /** Opens the run's replay files again for the trials. */
  readonly replay?: SimulateOptions['replay'];
}

/**
 * The summary's bottleneck with the what-if's answer: `binding` by what-if (the waiting
 * share's answer kept as `by_waiting`), or by waiting share with the reason in `note` when
 * the what-if is off or the run is larger than {@link WHAT_IF_MAX_MESSAGES}. Pure apart from
 * the trial runs; `s` is changed in place and returned.
 */
export function withWhatIf<S extends { bottlenecks: Bottlenecks }>(s: S, r: SimulationResult, choice: WhatIfChoice = {}): S {
  const b = s.bottlenecks;
  if (r.interrupted) return s;
  if (choice.enabled === false) {
    Object.assign(b, { method: 'waiting share', note: 'by share of waiting: --no-what-if' });
    return s;
  }
  if (r.total.submitted > WHAT_IF_MAX_MESSAGES) {
    const note = `by share of waiting: the what-if re-runs only runs of up to ${WHAT_IF_MAX_MESSAGES.toLocaleString('en-US')} messages`;
    Object.assign(b, { method: 'waiting share', note });
    return s;
  }
  const w = whatIf(r, { replay: choice.replay });
  s.bottlenecks = { ...b, method: 'what-if', binding: w.trials.length === 0 ? b.binding : whatIfText(w), by_waiting: b.binding, what_if: w };
  return s;
}
