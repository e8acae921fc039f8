/**
 * Why a run is slow: per constraint (the account MPS, a family of per-number limits, a
 * carrier's TPM, the T-Mobile daily cap), how much of the total waiting happened there,
 * how many messages expired there, and how many a daily cap rejected — and the binding
 * constraint named in plain words ("account SMS MPS: 92% of waiting"). Pure.
 */
import type { SimulationResult } from '../engine/result.js';
import type { StageDef } from '../engine/network.js';
import type { Carrier, NumberDef } from '../scenario/model.js';

/** What a run achieved, for comparing a trial with the run itself. */
export interface WhatIfOutcome {
  /** Messages delivered (chains of attempts when clients retry). */
  delivered: number;
  /** Messages lost (failed with no retry left). */
  failed: number;
  /** Messages still queued when the run ended. */
  queued: number;
  /** Seconds from start to the last dispatch; null when nothing was delivered. */
  drain_time: number | null;
  /** Mean wait of delivered attempts, seconds; null when nothing was delivered. */
  mean_wait: number | null;
}

/** One relaxation tried. */
export interface WhatIfTrial extends WhatIfOutcome {
  /** The constraint, named as the waiting table names it ("account SMS MPS", "T-Mobile outage"). */
  constraint: string;
  /** The change tried, in plain words ("×10 (5/s → 50/s)", "removed"). */
  change: string;
  /** Whether the constraint is an incident (an outage or a degraded carrier) rather than a limit. */
  incident: boolean;
  /** True when the change delivered more, drained earlier or waited less than the run. */
  helps: boolean;
}

/** The what-if of a run: the run's own outcome and each trial, most helpful first. */
export interface WhatIf {
  base: WhatIfOutcome;
  trials: WhatIfTrial[];
}

/** One constraint: a stage, or a family of alike per-number stages, or a daily cap. */
export interface ConstraintLoad {
  /** Plain name, e.g. "account SMS MPS", "toll-free per-number SMS limit", "T-Mobile TPM". */
  constraint: string;
  /** Stages grouped under it (e.g. one per number); 0 for a daily cap. */
  stages: number;
  /** Message-seconds of waiting in its queues. */
  wait_seconds: number;
  /** Its share of all waiting, 0..1 (0 when nothing waited). */
  share: number;
  /** Messages that expired (420) when leaving its queues. */
  expired: number;
  /** Messages it rejected: a daily cap over its count, a full queue (queue_full). */
  rejected: number;
}

export interface Bottlenecks {
  /** Message-seconds of waiting over every stage. */
  total_wait_seconds: number;
  /** Constraints that made anything wait, expire or fail, most waiting first. */
  constraints: ConstraintLoad[];
  /**
   * The binding constraint(s) in plain words; "none: no message waited" when none. By
   * what-if when `method` is `what-if` (the what-if wins over the waiting share).
   */
  binding: string;
  /** How `binding` was found: re-runs with each limit relaxed (`what-if`), or by the share of waiting. */
  method?: 'what-if' | 'waiting share';
  /** Why the what-if was not run, when `method` is `waiting share` (`--no-what-if`, a run too large). */
  note?: string;
  /** The binding constraint by the share of waiting, kept beside a what-if's answer. */
  by_waiting?: string;
  /** Each relaxation tried and its outcome, most helpful first (present when `method` is `what-if`). */
  what_if?: WhatIf;
}

const CARRIER_NAMES: Readonly<Record<Carrier, string>> = { att: 'AT&T', tmobile: 'T-Mobile', verizon: 'Verizon', other: 'other carriers' };
const TYPE_NAMES: Readonly<Record<NumberDef['type'], string>> = { long_code: 'long-code', toll_free: 'toll-free', short_code: 'short-code' };

/** The plain name of the constraint a stage enforces. */
export function constraintOf(st: StageDef, numbers: ReadonlyMap<string, NumberDef>): string {
  if (st.kind === 'account') return `account ${st.name.endsWith(':mms') ? 'MMS' : 'SMS'} MPS`;
  if (st.kind === 'gate') return `${CARRIER_NAMES[st.carrier ?? 'other']} outage`;
  if (st.kind === 'carrier') {
    const carrier = CARRIER_NAMES[st.carrier ?? 'other'];
    const scope = st.name.slice('carrier:'.length, st.name.length - (st.carrier ?? '').length - 1);
    return scope === 'brand' ? `${carrier} TPM` : `${carrier} TPM of campaign ${scope}`;
  }
  // sender:<id>:<type>, or sender:<id>:mms:<carrier> for 10DLC MMS.
  const m = /^sender:(.*):(sms|mms)(?::(att|tmobile|verizon|other))?$/.exec(st.name);
  const n = m === null ? undefined : numbers.get(m[1]);
  const type = m?.[2].toUpperCase() ?? 'SMS';
  const who = n === undefined ? '' : `${n.country === 'CA' ? 'CA ' : ''}${TYPE_NAMES[n.type]} `;
  return m?.[3] !== undefined ? `${who}per-number ${type} limit per carrier` : `${who}per-number ${type} limit`;
}

const sec = (ms: number): number => Math.round(ms) / 1000;
const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** Where the run waited and what bound it. */
export function bottlenecks(r: SimulationResult): Bottlenecks {
  const numbers = new Map(r.scenario.numbers.map((n) => [n.id, n]));
  const groups = new Map<string, { stages: number; waitMs: number; expired: number; rejected: number }>();
  let totalMs = 0;
  for (const st of r.network.stages) {
    const waitMs = r.stageWaitMs[st.id] ?? 0;
    const expired = r.stageExpired[st.id] ?? 0;
    const rejected = r.stageRejected[st.id] ?? 0;
    totalMs += waitMs;
    if (waitMs === 0 && expired === 0 && rejected === 0) continue;
    const key = constraintOf(st, numbers);
    const g = groups.get(key) ?? { stages: 0, waitMs: 0, expired: 0, rejected: 0 };
    g.stages++;
    g.waitMs += waitMs;
    g.expired += expired;
    g.rejected += rejected;
    groups.set(key, g);
  }
  const constraints: ConstraintLoad[] = [...groups]
    .map(([constraint, g]) => ({
      constraint,
      stages: g.stages,
      wait_seconds: sec(g.waitMs),
      share: totalMs === 0 ? 0 : Math.round((g.waitMs / totalMs) * 10_000) / 10_000,
      expired: g.expired,
      rejected: g.rejected,
    }))
    .sort((a, b) => b.wait_seconds - a.wait_seconds || b.expired - a.expired || a.constraint.localeCompare(b.constraint));
  r.dailyCaps.forEach((cap, i) => {
    const rejected = cap.days.reduce((acc, d) => acc + d.rejected, 0);
    const def = r.network.dailyCaps[i];
    if (rejected > 0) constraints.push({ constraint: `${CARRIER_NAMES[def.carrier]} daily cap`, stages: 0, wait_seconds: 0, share: 0, expired: 0, rejected });
  });
  return { total_wait_seconds: sec(totalMs), constraints, binding: bindingText(constraints) };
}

/**
 * "account SMS MPS: 92% of waiting (695 expired there)"; "T-Mobile daily cap: 6,186
 * rejected"; a full queue's rejections are named with its constraint ("... 559 turned away:
 * queue full").
 */
function bindingText(cs: readonly ConstraintLoad[]): string {
  const int = (n: number): string => n.toLocaleString('en-US');
  const extras = (c: ConstraintLoad): string[] => [
    ...(c.expired > 0 ? [`${int(c.expired)} expired there`] : []),
    ...(c.rejected > 0 && c.stages > 0 ? [`${int(c.rejected)} turned away: queue full`] : []),
  ];
  const parts: string[] = [];
  const top = cs.find((c) => c.wait_seconds > 0);
  if (top !== undefined) {
    const x = extras(top);
    parts.push(`${top.constraint}: ${pct(top.share)} of waiting${x.length > 0 ? ` (${x.join(', ')})` : ''}`);
  }
  for (const c of cs) {
    if (c === top || c.rejected === 0) continue;
    parts.push(`${c.constraint}: ${int(c.rejected)} ${c.stages > 0 ? 'turned away (queue full)' : 'rejected'}`);
  }
  return parts.length === 0 ? 'none: no message waited' : parts.join('; ');
}
