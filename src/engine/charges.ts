/**
 * Charged units, kept apart by what prices them: sender number, message type, destination
 * country and carrier. Generated traffic (a source has one type and one destination) is
 * counted in a typed array indexed by (sender, source, carrier); replayed rows, whose type
 * and country vary per row, in a small map. No allocation per generated message.
 */
import { CARRIERS, type MessageType, type Scenario } from '../scenario/model.js';
import type { MessagePool } from './in-flight.js';
import type { ReplayRow } from './types.js';

/** Units charged for one (sender, type, country, carrier). */
export interface ChargeEntry {
  /** Index into scenario.numbers. */
  readonly sender: number;
  readonly type: MessageType;
  readonly country: string;
  readonly carrier: number;
  readonly units: number;
}

export class ChargeLedger {
  private readonly generated: Float64Array;
  private readonly replayed = new Map<string, number>();
  private readonly sources: number;

  constructor(private readonly scenario: Scenario) {
    this.sources = scenario.traffic.length;
    this.generated = new Float64Array(Math.max(1, scenario.numbers.length * this.sources * CARRIERS.length));
  }

  /** Counts `units` charged for the message in `slot`. */
  add(p: MessagePool, slot: number, units: number): void {
    const sender = p.sender[slot];
    if (sender < 0) return; // an unknown replayed sender is never charged (it fails at submission)
    const row = p.extra[slot] as ReplayRow | undefined;
    if (row === undefined) {
      this.generated[(sender * this.sources + p.source[slot]) * CARRIERS.length + p.carrier[slot]] += units;
      return;
    }
    const key = `${sender}\t${row.type}\t${row.toCountry}\t${p.carrier[slot]}`;
    this.replayed.set(key, (this.replayed.get(key) ?? 0) + units);
  }

  /** Every non-zero entry, generated ones first, in a fixed order. */
  entries(): ChargeEntry[] {
    const out: ChargeEntry[] = [];
    const k = CARRIERS.length;
    for (let i = 0; i < this.generated.length; i++) {
      const units = this.generated[i];
      if (units === 0) continue;
      const carrier = i % k;
      const source = Math.floor(i / k) % this.sources;
      const sender = Math.floor(i / k / this.sources);
      const t = this.scenario.traffic[source];
      out.push({ sender, type: t.type, country: t.toCountry, carrier, units });
    }
    for (const key of [...this.replayed.keys()].sort()) {
      const [sender, type, country, carrier] = key.split('\t');
      out.push({ sender: Number(sender), type: type as MessageType, country, carrier: Number(carrier), units: this.replayed.get(key)! });
    }
    return out;
  }
}
