/**
 * The `traffic:` of a scenario, resolved: each source's arrivals, senders, content (its text
 * checked against the provider's longest message), expiry, window, carriers, sender choice
 * and retries. Errors are positioned through the scenario's {@link Source}.
 */
import type { Provider } from '../../rules/provider.js';
import { defaultCarrierMix } from '../../rules/carrier-mix.js';
import type { FieldPath, Source } from '../yaml/locate.js';
import type { Arrival, Carrier, LogSetting, ReplayColumnMap, TrafficSource } from '../model.js';
import { resolveProfile, resolveRetry, resolveSendWindow, resolveSenderChoice } from '../time/real-day.js';
import type { RawArrival, RawScenario, RawTraffic } from '../schema.js';
import { isTooLong, maxCharsOf, unitsOf } from '../segments.js';
import { isTimeZone } from '../time/time-of-day.js';
import type { ParsedRate } from '../units.js';

/** Shows ms as written by a user: `90s`, `4500ms`. */
function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** What resolving traffic needs of the scenario being resolved. */
export interface TrafficContext {
  readonly src: Source;
  readonly raw: RawScenario;
  /** The scenario file (a profile CSV is found next to it). */
  readonly file: string;
  /** The provider whose profile fills every default. */
  readonly provider: Provider;
  /** Pool id → member ids. */
  readonly pools: ReadonlyMap<string, readonly string[]>;
  duration(path: FieldPath, value: unknown): number;
  rate(path: FieldPath, value: unknown): ParsedRate;
  /** Records `key` as seen at index i; throws when an earlier element had it. */
  unique(seen: Map<string, number>, key: string, path: FieldPath, what: string, where: (j: number) => string): void;
  /** A carrier mix as written, checked to sum to 1 (the scenario's `carriers` when no `raw`). */
  carriers(path?: FieldPath, raw?: RawScenario['carriers']): Record<Carrier, number>;
}

/** Resolves the `traffic:` list of one scenario. */
export class TrafficResolver {
  constructor(private readonly c: TrafficContext) {}

  /** The source's carrier mix: its own, else the scenario's, else the rulebook default of its country. */
  sourceCarriers(t: RawTraffic, base: FieldPath, toCountry: string): Record<Carrier, number> {
    if (t.carriers !== undefined) return this.c.carriers([...base, 'carriers'], t.carriers);
    if (this.c.raw.carriers !== undefined) return this.c.carriers();
    return { ...defaultCarrierMix(toCountry) };
  }

  /** Every source of the scenario's `traffic:`, names unique, senders among `numberIds`. */
  traffic(numberIds: readonly string[], durationMs: number): TrafficSource[] {
    const names = new Map<string, number>();
    return (this.c.raw.traffic ?? []).map((t, i) => {
      const base = ['traffic', i];
      this.c.unique(names, t.name, [...base, 'name'], 'traffic name', (j) => `traffic[${j}]`);
      return this.source(t, base, numberIds, durationMs);
    });
  }

  source(t: RawTraffic, base: FieldPath, numberIds: readonly string[], durationMs: number): TrafficSource {
    const arrival = this.arrival(t, base);
    const from = this.from(t, base, numberIds, arrival.kind === 'replay');
    const type = t.type ?? 'sms';
    const { text, units } = this.content(t, base, type);
    const startMs = t.start === undefined ? 0 : this.c.duration([...base, 'start'], t.start);
    let endMs = durationMs;
    if (t.end !== undefined) {
      endMs = this.c.duration([...base, 'end'], t.end);
      if (endMs <= startMs) throw this.c.src.error([...base, 'end'], `a duration after start (${formatMs(startMs)})`, undefined, false, [[...base, 'start']]);
    } else if (startMs >= durationMs) {
      throw this.c.src.error([...base, 'start'], `a duration before the scenario duration (${formatMs(durationMs)})`, undefined, false, [['duration']]);
    }
    const toCountry = t.to_country ?? 'US';
    const log: LogSetting = t.log === undefined ? 'true' : typeof t.log === 'boolean' ? (String(t.log) as LogSetting) : t.log;
    return {
      name: t.name,
      from,
      type,
      toCountry,
      arrival,
      text,
      units,
      expirySeconds: this.expiry([...base, 'expiry'], t.expiry),
      log,
      startMs,
      endMs,
      recipients: t.recipients ?? 1,
      sendWindow: this.sendWindow(t, base, arrival),
      carriers: this.sourceCarriers(t, base, toCountry),
      ...resolveSenderChoice(this.c.src, base, t, arrival.kind === 'replay'),
      ...resolveRetry(this.c.src, base, t, arrival.kind === 'replay', (path, v) => this.c.duration(path, v)),
    };
  }

  sendWindow(t: RawTraffic, base: FieldPath, arrival: Arrival): TrafficSource['sendWindow'] {
    if (t.send_window === undefined) return null;
    if (arrival.kind === 'replay') {
      throw this.c.src.error([...base, 'send_window'], 'no send_window on a replay source (replay submits each row at its time)', 'a send_window');
    }
    return resolveSendWindow(this.c.src, [...base, 'send_window'], t.send_window);
  }

  /** A message expiry in seconds: the provider's default, or a value in its range. */
  expiry(path: FieldPath, value: unknown): number {
    const { defaultSeconds, minSeconds, maxSeconds } = this.c.provider.expiry;
    if (value === undefined) return defaultSeconds;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < minSeconds || value > maxSeconds) {
      throw this.c.src.error(path, `an integer from ${minSeconds} to ${maxSeconds}`);
    }
    return value;
  }

  arrival(t: RawTraffic, base: FieldPath): Arrival {
    const a = t.arrival;
    const path = [...base, 'arrival'];
    switch (a.kind) {
      case 'burst':
        return { kind: 'burst', atMs: a.at === undefined ? 0 : this.c.duration([...path, 'at'], a.at), count: a.count };
      case 'constant':
      case 'poisson':
        return { kind: a.kind, perSecond: this.c.rate([...path, 'rate'], a.rate).perSecond };
      case 'ramp':
        return {
          kind: 'ramp',
          fromPerSecond: this.rampEnd([...path, 'from'], a.from),
          toPerSecond: this.rampEnd([...path, 'to'], a.to),
        };
      case 'replay':
        return { kind: 'replay', file: a.file, format: a.format ?? 'auto', columns: this.replayColumns(path, a) };
      case 'profile':
        return { kind: 'profile', ...resolveProfile(this.c.src, path, a, this.c.file) };
    }
  }

  /** The `columns:` of a replay, checked: its zone, and no mapping on a Twilio BulkExport. */
  replayColumns(path: FieldPath, a: Extract<RawArrival, { kind: 'replay' }>): ReplayColumnMap | null {
    const c = a.columns;
    if (c === undefined) return null;
    if (a.format === 'twilio_bulk_export') throw this.c.src.error([...path, 'columns'], 'no columns on a twilio_bulk_export replay (its fields are named)', 'columns');
    if (c.zone !== undefined && !isTimeZone(c.zone)) throw this.c.src.error([...path, 'columns', 'zone'], 'an IANA time zone such as America/New_York');
    return {
      time: c.time,
      from: c.from,
      to: c.to,
      text: c.text ?? null,
      units: c.units ?? null,
      type: c.type ?? null,
      timeFormat: c.time_format ?? 'iso',
      zone: c.zone ?? 'UTC',
    };
  }

  /** A ramp end: a rate, or zero (`0`, `"0/s"`, `"0/min"`...) so a ramp can start or end idle. */
  rampEnd(path: FieldPath, v: unknown): number {
    if (v === 0 || (typeof v === 'string' && /^\s*0+(\.0+)?\s*\/\s*[a-z]+\s*$/.test(v))) return 0;
    return this.c.rate(path, v).perSecond;
  }

  from(t: RawTraffic, base: FieldPath, numberIds: readonly string[], replay: boolean): string[] {
    const path = [...base, 'from'];
    const list = t.from === undefined ? [] : typeof t.from === 'string' ? [t.from] : t.from;
    if (list.length === 0 && !replay) {
      throw this.c.src.error(path, 'a number id or a non-empty list of number ids (required unless arrival.kind is replay)');
    }
    const names = [...this.c.pools.keys(), ...numberIds.filter((id) => !this.isPoolMember(id))];
    const known = numberIds.length > 0 ? `one of the number ids ${names.join(', ')}` : 'a number id (no numbers are defined in numbers)';
    return list.flatMap((id, j) => {
      const pool = this.c.pools.get(id);
      if (pool !== undefined) return pool;
      if (!numberIds.includes(id)) throw this.c.src.error(typeof t.from === 'string' ? path : [...path, j], known, undefined, false, [['numbers']]);
      return [id];
    });
  }

  private isPoolMember(id: string): boolean {
    for (const members of this.c.pools.values()) if (members.includes(id)) return true;
    return false;
  }

  content(t: RawTraffic, base: FieldPath, type: 'sms' | 'mms'): { text: string | null; units: number } {
    if (t.text !== undefined && t.units !== undefined) {
      throw this.c.src.error([...base, 'units'], 'either text or units, not both', 'both text and units', false, [[...base, 'text']]);
    }
    if (type === 'mms') {
      if (t.units !== undefined && t.units !== 1) throw this.c.src.error([...base, 'units'], '1 for an MMS (an MMS is 1 unit)', undefined, false, [[...base, 'type']]);
      return { text: t.text ?? null, units: 1 };
    }
    const max = this.c.provider.maxLength;
    if (t.units !== undefined && t.units > max.units) {
      throw this.c.src.error([...base, 'units'], `an integer from 1 to ${max.units} (the most units of one ${this.c.provider.name} message)`);
    }
    if (t.text === undefined) return { text: null, units: t.units ?? 1 };
    if (isTooLong(t.text, max)) {
      const u = unitsOf(t.text);
      const unit = u.encoding === 'GSM-7' ? 'GSM-7 characters' : 'UCS-2 characters (UTF-16 code units)';
      throw this.c.src.error([...base, 'text'], `a text of at most ${maxCharsOf(u.encoding, max)} ${unit}`, `${u.length} ${unit}`);
    }
    return { text: t.text, units: unitsOf(t.text).units };
  }
}
