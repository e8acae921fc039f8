/**
 * Turns a scenario into the stage network: the list of rate-limited FIFO stages, the named
 * daily caps, and for every (sender, type, destination, carrier) the route a message takes
 * — or the code it fails with at submission. Every number comes from the scenario, whose
 * rules were merged with its provider's profile at load: this file holds the wiring (route
 * cache, stage allocation, caps), never a provider's values.
 */
import { FAILURE_INDEX } from '../rules/codes.js';
import type { StageIncidents } from '../stages/incident.js';
import { CARRIERS, type Carrier, type Destination, type Limit, type MessageType, type NumberDef, type Scenario } from '../scenario/model.js';

/** `gate`: a stage with no limit of its own that incidents close (one per carrier with an outage). */
export type StageKind = 'account' | 'sender' | 'carrier' | 'gate';

/** A rate-limited FIFO stage. */
export interface StageDef {
  readonly id: number;
  readonly kind: StageKind;
  /** Stable display name, e.g. `account:sms`, `sender:tf1:sms`, `carrier:brand:tmobile`. */
  readonly name: string;
  readonly limit: Limit;
  /** Carrier the stage serves, for per-carrier stages. */
  readonly carrier: Carrier | null;
  /** When incidents close or slow the stage; null = never. */
  readonly incidents: StageIncidents | null;
  /** Most messages the queue may hold (the provider's longest wait at this stage's rate); 0 = unbounded. */
  readonly maxQueue: number;
  /** `maxQueue` counts units (segments), not messages (Telnyx measures its queues in segments). */
  readonly queueUnits: boolean;
}

/** A route through no daily cap. */
const NO_CAPS = new Int32Array(0);

/** A calendar-day cap (T-Mobile TPD): passes or fails at once, never queues. */
export interface DailyCapDef {
  readonly id: number;
  /** Display name, e.g. `tmobile_daily_cap`. */
  readonly name: string;
  /** The cap's key in the summary's `daily_cap` (e.g. `tmobile`). */
  readonly key: string;
  readonly carrier: Carrier;
  readonly cap: number;
  readonly countUnits: boolean;
  readonly zone: string;
  /** Failure code index of a message over the cap. */
  readonly fail: number;
}

/** Where a message goes: stage ids in order, then the daily caps it counts against. */
export interface Route {
  readonly stages: Int32Array;
  /** Ids of the daily caps (network.dailyCaps) it must pass, in order; empty: none. */
  readonly caps: Int32Array;
  /** Failure code index if the message fails at submission, else -1. */
  readonly fail: number;
  /**
   * Time (ms since start) from which `fail` applies; before it the message takes `stages`
   * (an unverified toll-free number sends normally before the block date). -Infinity = always.
   */
  readonly failFromMs: number;
}

/** The name of each destination class, as rules key limits on it. */
const DESTINATION_NAMES: readonly Destination[] = ['US', 'CA', 'other'];

/** Destination class for routing: the rules differ for US, CA and the rest of the world. */
export function destinationClass(toCountry: string): 0 | 1 | 2 {
  return toCountry === 'US' ? 0 : toCountry === 'CA' ? 1 : 2;
}

/** The (display-only) limit of an outage gate: it holds nothing back while open. */
const OPEN_LIMIT: Limit = { count: Number.MAX_SAFE_INTEGER, windowMs: 1000, pacing: 'sliding', countBy: 'messages' };

export class Network {
  /** Outage gate stage per carrier, when an incident closes it. */
  private readonly gateStage = new Map<Carrier, number>();
  readonly stages: StageDef[] = [];
  readonly dailyCaps: DailyCapDef[] = [];
  readonly warnings: string[] = [];
  private readonly routes = new Map<number, Route>();
  private readonly accountStage: Record<MessageType, number>;
  /** Account pool stage by `${message}:${number type}` (-1: the account sets no limit). */
  private readonly poolStage = new Map<string, number>();
  private readonly senderStage = new Map<string, number>();
  private readonly carrierStages = new Map<string, number[]>();
  private readonly numbers: readonly NumberDef[];

  constructor(private readonly scenario: Scenario) {
    this.numbers = scenario.numbers;
    this.accountStage = {
      sms: this.addStage('account', 'account:sms', scenario.account.sms, null, this.providerOutages()),
      mms: this.addStage('account', 'account:mms', scenario.account.mms, null, this.providerOutages()),
    };
    for (const pool of scenario.rules.accountPools) {
      const id = pool.limit === null ? -1 : this.addStage('account', `account:${pool.message}:${pool.name}`, pool.limit, null, this.providerOutages());
      for (const t of pool.types) this.poolStage.set(`${pool.message}:${t}`, id);
    }
    this.buildCarrierStages();
    this.buildGates();
    scenario.rules.dailyCaps.forEach((c, id) =>
      this.dailyCaps.push({ id, name: `${c.name}_daily_cap`, key: c.name, carrier: c.carrier, cap: c.cap, countUnits: c.countBy === 'units', zone: c.zone, fail: FAILURE_INDEX[c.code] }),
    );
    this.warnings.push(...scenario.warnings);
  }

  /**
   * The route of a message from number index `numberIdx` (into `scenario.numbers`).
   * Cached per key; the same inputs always return the same object.
   */
  route(numberIdx: number, type: MessageType, toCountry: string, carrierIdx: number): Route {
    const dest = destinationClass(toCountry);
    const key = ((numberIdx * 2 + (type === 'sms' ? 0 : 1)) * 3 + dest) * 4 + carrierIdx;
    let r = this.routes.get(key);
    if (r === undefined) {
      r = this.buildRoute(this.numbers[numberIdx], type, dest, CARRIERS[carrierIdx]);
      this.routes.set(key, r);
    }
    return r;
  }

  private buildRoute(n: NumberDef, type: MessageType, dest: 0 | 1 | 2, carrier: Carrier): Route {
    const route = this.buildSendingRoute(n, type, dest, carrier);
    if (!n.mustVerify || n.verified) return route;
    // Unverified toll-free: blocked from the provider's date for its state, sent normally before it.
    const { rules } = this.scenario;
    const blockMs = n.verification === 'restricted' ? rules.tollFreeRestrictedBlockEpochMs : rules.tollFreeBlockEpochMs;
    const failFromMs = blockMs - this.scenario.startEpochMs;
    if (route.fail >= 0 && failFromMs > 0) return route;
    return { ...route, fail: FAILURE_INDEX.toll_free_unverified, failFromMs };
  }

  private buildSendingRoute(n: NumberDef, type: MessageType, dest: 0 | 1 | 2, carrier: Carrier): Route {
    const fail = (code: keyof typeof FAILURE_INDEX): Route => ({
      stages: new Int32Array(0),
      caps: NO_CAPS,
      fail: FAILURE_INDEX[code],
      failFromMs: -Infinity,
    });
    if (type === 'mms' && (dest === 2 || !n.mmsSupported)) return fail('mms_not_supported');
    const tenDlc = n.tenDlc;
    if (tenDlc && n.campaign === null) return fail('unregistered_10dlc');

    const account = this.poolStage.get(`${type}:${n.type}`) ?? this.accountStage[type];
    const stages = account < 0 ? [] : [account];
    let caps = NO_CAPS;
    const byDest = n.destinationLimits.find((d) => d.to.includes(DESTINATION_NAMES[dest]));
    if (byDest !== undefined) {
      // A limit keyed on the destination country replaces the number's own (and 10DLC's).
      const limit = type === 'sms' ? byDest.sms : byDest.mms;
      if (limit === null) return fail('mms_not_supported');
      stages.push(this.sender(`sender:${n.id}:${type}:${DESTINATION_NAMES[dest]}`, limit, null));
    } else if (tenDlc) {
      if (type === 'mms') {
        const mms = n.mmsLimit;
        if (mms !== null) {
          stages.push(
            this.scenario.rules.mms10dlcPerCarrier
              ? this.sender(`sender:${n.id}:mms:${carrier}`, mms, carrier)
              : this.sender(`sender:${n.id}:mms`, mms, null),
          );
        }
      } else {
        // No per-number SMS limit in the FAQ, but a scenario may set one (`limits.sms`).
        if (n.smsLimit !== null) stages.push(this.sender(`sender:${n.id}:sms`, n.smsLimit, null));
        if (dest === 0) stages.push(...(this.carrierStages.get(`${n.campaign}:${carrier}`) ?? []));
      }
      if (dest === 0) caps = Int32Array.from(this.dailyCaps.filter((c) => c.carrier === carrier), (c) => c.id);
    } else {
      const limit = type === 'sms' ? n.smsLimit : n.mmsLimit;
      if (limit !== null) stages.push(this.sender(`sender:${n.id}:${type}`, limit, null));
    }
    // The carrier's outage gate, if an incident closes it: after the stages every carrier
    // shares (so other carriers' messages never wait behind it), before the carrier's own
    // TPM stages (so the backlog drains at the carrier's rate when it reopens).
    const gate = this.gateStage.get(carrier);
    if (gate !== undefined) {
      const firstCarrierStage = stages.findIndex((id) => this.stages[id].kind === 'carrier');
      stages.splice(firstCarrierStage < 0 ? stages.length : firstCarrierStage, 0, gate);
    }
    return { stages: Int32Array.from(stages), caps, fail: -1, failFromMs: -Infinity };
  }

  private sender(name: string, limit: Limit, carrier: Carrier | null): number {
    let id = this.senderStage.get(name);
    if (id === undefined) {
      id = this.addStage('sender', name, limit, carrier);
      this.senderStage.set(name, id);
    }
    return id;
  }

  private addStage(kind: StageKind, name: string, limit: Limit, carrier: Carrier | null, incidents: StageIncidents | null = null): number {
    const id = this.stages.length;
    const maxWaitMs = this.scenario.rules.queueMaxWaitMs;
    // The queue holds at most `maxWaitMs` of work at the stage's rate (Telnyx: 4 h, Twilio: 10 h).
    const maxQueue = maxWaitMs === null ? 0 : Math.max(1, Math.floor((limit.count * maxWaitMs) / limit.windowMs));
    const queueUnits = this.scenario.rules.queueCountBy === 'units';
    this.stages.push({ id, kind, name, limit, carrier, maxQueue: kind === 'gate' ? 0 : maxQueue, queueUnits, incidents });
    return id;
  }

  /**
   * Per carrier, an outage gate when a carrier outage closes it (provider-wide outages close
   * the account queues instead).
   */
  private buildGates(): void {
    for (const carrier of CARRIERS) {
      const closed = this.scenario.incidents
        .filter((x) => x.kind === 'carrier_outage' && x.carrier === carrier)
        .map((x) => ({ startMs: x.startMs, endMs: x.endMs }))
        .sort((a, b) => a.startMs - b.startMs);
      if (closed.length > 0) {
        this.gateStage.set(carrier, this.addStage('gate', `outage:${carrier}`, OPEN_LIMIT, carrier, { closed, slowed: [] }));
      }
    }
  }

  /**
   * Provider-wide outages close the account queues: nothing leaves them, and the backlog
   * drains at the account's rate when the provider is back. Null when there are none.
   */
  private providerOutages(): StageIncidents | null {
    const closed = this.scenario.incidents
      .filter((x) => x.kind === 'provider_outage')
      .map((x) => ({ startMs: x.startMs, endMs: x.endMs }))
      .sort((a, b) => a.startMs - b.startMs);
    return closed.length === 0 ? null : { closed, slowed: [] };
  }

  /** The degraded spells of `carrier`, for its TPM stages; null when it is never degraded. */
  private slowedFor(carrier: Carrier): StageIncidents | null {
    const slowed = this.scenario.incidents
      .filter((x) => x.kind === 'degraded_carrier' && x.carrier === carrier)
      .map((x) => ({ startMs: x.startMs, endMs: x.endMs, factor: x.factor }))
      .sort((a, b) => a.startMs - b.startMs);
    return slowed.length === 0 ? null : { closed: [], slowed };
  }

  /**
   * Carrier TPM stages for 10DLC SMS. Campaign scope: one stage per (campaign, carrier).
   * Brand scope (default): one stage per (brand, carrier) at the highest TPM of the brand's
   * campaigns, shared by all; a campaign whose use case allows less (e.g. low_volume 75)
   * is first held to its own TPM by a stage of its own.
   */
  private buildCarrierStages(): void {
    const { brand, rules } = this.scenario;
    const mk = (name: string, limit: Limit, carrier: Carrier): number => this.addStage('carrier', name, limit, carrier, this.slowedFor(carrier));
    for (const carrier of CARRIERS) {
      if (rules.tpmScope[carrier] === 'campaign') {
        for (const c of brand.campaigns) {
          this.carrierStages.set(`${c.id}:${carrier}`, [mk(`carrier:${c.id}:${carrier}`, c.carrierLimits[carrier], carrier)]);
        }
        continue;
      }
      if (brand.campaigns.length === 0) continue;
      const limits = brand.campaigns.map((c) => c.carrierLimits[carrier]);
      const widest = limits.reduce((a, l) => (l.count > a.count ? l : a));
      const brandStage = mk(`carrier:brand:${carrier}`, widest, carrier);
      brand.campaigns.forEach((c, i) => {
        const own = limits[i].count < widest.count ? [mk(`carrier:${c.id}:${carrier}`, limits[i], carrier)] : [];
        this.carrierStages.set(`${c.id}:${carrier}`, [...own, brandStage]);
      });
    }
  }
}
