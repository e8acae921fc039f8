/**
 * Turns a scenario into the stage network: the list of rate-limited FIFO stages, the
 * T-Mobile daily caps, and for every (sender, type, destination, carrier) the route a
 * message takes — or the code it fails with at submission. All numbers come from the
 * scenario (already merged with the rulebook); this file holds the wiring, not the values.
 */
import { FAILURE_INDEX } from '../rules/codes.js';
import {
  is10dlc, mustBeVerified, NUMBER_POOL_THRESHOLD, TOLL_FREE_BLOCK, TPD_CARRIER, TPD_TIME_ZONE, TPM_WINDOW_MS, tpdRule, tpmRule,
} from '../rules/rulebook.js';
import {
  CARRIERS,
  type Carrier,
  type Limit,
  type MessageType,
  type NumberDef,
  type Scenario,
  type UseCase,
} from '../scenario/model.js';

export type StageKind = 'account' | 'sender' | 'carrier';

/** A rate-limited FIFO stage. */
export interface StageDef {
  readonly id: number;
  readonly kind: StageKind;
  /** Stable display name, e.g. `account:sms`, `sender:tf1:sms`, `carrier:brand:tmobile`. */
  readonly name: string;
  readonly limit: Limit;
  /** Carrier the stage serves, for per-carrier stages. */
  readonly carrier: Carrier | null;
}

/** A calendar-day cap (T-Mobile TPD): passes or fails at once, never queues. */
export interface DailyCapDef {
  readonly id: number;
  readonly name: string;
  readonly carrier: Carrier;
  readonly cap: number;
  readonly countUnits: boolean;
  readonly zone: string;
}

/** Where a message goes: stage ids in order, then an optional daily cap. */
export interface Route {
  readonly stages: Int32Array;
  /** Daily cap id, or -1. */
  readonly dailyCap: number;
  /** Failure code index if the message fails at submission, else -1. */
  readonly fail: number;
  /**
   * Time (ms since start) from which `fail` applies; before it the message takes `stages`
   * (an unverified toll-free number sends normally before the block date). -Infinity = always.
   */
  readonly failFromMs: number;
}

/** Destination class for routing: the rules differ for US, CA and the rest of the world. */
export function destinationClass(toCountry: string): 0 | 1 | 2 {
  return toCountry === 'US' ? 0 : toCountry === 'CA' ? 1 : 2;
}

export class Network {
  readonly stages: StageDef[] = [];
  readonly dailyCaps: DailyCapDef[] = [];
  readonly warnings: string[] = [];
  private readonly routes = new Map<number, Route>();
  private readonly accountStage: Record<MessageType, number>;
  private readonly senderStage = new Map<string, number>();
  private readonly carrierStages = new Map<string, number[]>();
  private readonly tmobileCap: number;
  private readonly numbers: readonly NumberDef[];

  constructor(private readonly scenario: Scenario) {
    this.numbers = scenario.numbers;
    this.accountStage = {
      sms: this.addStage('account', 'account:sms', scenario.account.sms, null),
      mms: this.addStage('account', 'account:mms', scenario.account.mms, null),
    };
    this.buildCarrierStages();
    this.tmobileCap = this.buildDailyCap();
    this.collectWarnings();
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
    if (!mustBeVerified(n.country, n.type) || n.verified) return route;
    // Unverified toll-free: blocked from the FAQ's date, sent normally before it.
    const failFromMs = TOLL_FREE_BLOCK.fromEpochMs - this.scenario.startEpochMs;
    if (route.fail >= 0 && failFromMs > 0) return route;
    return { ...route, fail: FAILURE_INDEX.toll_free_unverified, failFromMs };
  }

  private buildSendingRoute(n: NumberDef, type: MessageType, dest: 0 | 1 | 2, carrier: Carrier): Route {
    const fail = (code: keyof typeof FAILURE_INDEX): Route => ({
      stages: new Int32Array(0),
      dailyCap: -1,
      fail: FAILURE_INDEX[code],
      failFromMs: -Infinity,
    });
    if (type === 'mms' && (dest === 2 || n.mmsLimit === null)) return fail('mms_not_supported');
    const tenDlc = is10dlc(n.country, n.type);
    if (tenDlc && n.campaign === null) return fail('unregistered_10dlc');

    const stages = [this.accountStage[type]];
    let dailyCap = -1;
    if (tenDlc) {
      if (type === 'mms') {
        stages.push(this.sender(`sender:${n.id}:mms:${carrier}`, n.mmsLimit as Limit, carrier));
      } else {
        // No per-number SMS limit in the FAQ, but a scenario may set one (`limits.sms`).
        if (n.smsLimit !== null) stages.push(this.sender(`sender:${n.id}:sms`, n.smsLimit, null));
        if (dest === 0) stages.push(...(this.carrierStages.get(`${n.campaign}:${carrier}`) ?? []));
      }
      if (dest === 0 && carrier === TPD_CARRIER) dailyCap = this.tmobileCap;
    } else {
      const limit = type === 'sms' ? n.smsLimit : n.mmsLimit;
      if (limit !== null) stages.push(this.sender(`sender:${n.id}:${type}`, limit, null));
    }
    return { stages: Int32Array.from(stages), dailyCap, fail: -1, failFromMs: -Infinity };
  }

  private sender(name: string, limit: Limit, carrier: Carrier | null): number {
    let id = this.senderStage.get(name);
    if (id === undefined) {
      id = this.addStage('sender', name, limit, carrier);
      this.senderStage.set(name, id);
    }
    return id;
  }

  private addStage(kind: StageKind, name: string, limit: Limit, carrier: Carrier | null): number {
    const id = this.stages.length;
    this.stages.push({ id, kind, name, limit, carrier });
    return id;
  }

  /** TPM of a campaign's use case for a carrier, after overrides. */
  private tpm(useCase: UseCase, carrier: Carrier): number {
    const override = this.scenario.rules.tpm[carrier];
    if (override !== undefined) return override;
    return tpmRule(useCase, this.scenario.brand.vettingScore).value;
  }

  /**
   * Carrier TPM stages for 10DLC SMS. Campaign scope: one stage per (campaign, carrier).
   * Brand scope (default): one stage per (brand, carrier) at the highest TPM of the brand's
   * campaigns, shared by all; a campaign whose use case allows less (e.g. low_volume 75)
   * is first held to its own TPM by a stage of its own.
   */
  private buildCarrierStages(): void {
    const { brand, rules } = this.scenario;
    const mk = (name: string, tpm: number, carrier: Carrier): number => {
      return this.addStage(
        'carrier',
        name,
        { count: tpm, windowMs: TPM_WINDOW_MS, pacing: rules.carrierPacing, countBy: rules.count.carrier },
        carrier,
      );
    };
    for (const carrier of CARRIERS) {
      if (rules.tpmScope[carrier] === 'campaign') {
        for (const c of brand.campaigns) {
          this.carrierStages.set(`${c.id}:${carrier}`, [mk(`carrier:${c.id}:${carrier}`, this.tpm(c.useCase, carrier), carrier)]);
        }
        continue;
      }
      if (brand.campaigns.length === 0) continue;
      const tpms = brand.campaigns.map((c) => this.tpm(c.useCase, carrier));
      const brandTpm = Math.max(...tpms);
      const brandStage = mk(`carrier:brand:${carrier}`, brandTpm, carrier);
      brand.campaigns.forEach((c, i) => {
        const own = tpms[i] < brandTpm ? [mk(`carrier:${c.id}:${carrier}`, tpms[i], carrier)] : [];
        this.carrierStages.set(`${c.id}:${carrier}`, [...own, brandStage]);
      });
    }
  }

  private buildDailyCap(): number {
    const { rules, brand } = this.scenario;
    const cap = rules.tpd ?? tpdRule(brand.vettingScore).value;
    this.dailyCaps.push({
      id: 0,
      name: `${TPD_CARRIER}_daily_cap`,
      carrier: TPD_CARRIER,
      cap,
      countUnits: rules.count.dailyCap === 'units',
      zone: TPD_TIME_ZONE,
    });
    return 0;
  }

  private collectWarnings(): void {
    const { numbers, brand, rules } = this.scenario;
    for (const c of brand.campaigns) {
      const linked = numbers.filter((n) => n.campaign === c.id).length;
      if (linked > NUMBER_POOL_THRESHOLD) {
        this.warnings.push(
          `campaign "${c.id}" has ${linked} numbers: more than ${NUMBER_POOL_THRESHOLD} needs a T-Mobile Number Pool Request (NPR)`,
        );
      }
      const tpm = tpmRule(c.useCase, brand.vettingScore);
      if (tpm.assumption) {
        this.warnings.push(
          `campaign "${c.id}": use case ${c.useCase} with vetting score ${brand.vettingScore} is not in the TPM table; ${tpm.value} TPM assumed`,
        );
      }
    }
    const has10dlc = numbers.some((n) => is10dlc(n.country, n.type));
    const tpd = tpdRule(brand.vettingScore);
    if (has10dlc && tpd.assumption && rules.tpd === null) {
      this.warnings.push(
        `vetting score ${brand.vettingScore} is not in the FAQ T-Mobile TPD table; ${tpd.value}/day is assumed`,
      );
    }
    for (const n of numbers) {
      if (mustBeVerified(n.country, n.type) && !n.verified) {
        const blocked = TOLL_FREE_BLOCK.label;
        this.warnings.push(
          this.scenario.startEpochMs >= TOLL_FREE_BLOCK.fromEpochMs
            ? `number "${n.id}" is toll-free without verified: true; its messages fail (toll_free_unverified, blocked from ${blocked})`
            : `number "${n.id}" is toll-free without verified: true; it sends under the normal limits until ${blocked}, then its messages fail (toll_free_unverified)`,
        );
      }
      if (is10dlc(n.country, n.type) && n.campaign === null) {
        this.warnings.push(`number "${n.id}" is a US long code linked to no campaign; its messages fail (unregistered_10dlc)`);
      }
    }
  }
}
