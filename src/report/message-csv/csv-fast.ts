/**
 * The fast path of the message CSV: rows of generated messages printed straight into the
 * output buffer. Every cell that depends only on the traffic source, the sender, the
 * message type, carrier, outcome or units is prepared once (quoted and neutralised by the
 * same rules as the generic path) and copied; only the UUID, destination digits, times
 * and seconds are printed per row.
 */
import { callingCode } from '../../engine/random.js';
import { STATUS_NAMES } from '../../engine/record.js';
import type { MessageView } from '../../engine/types.js';
import { FAILURE_CODES } from '../../rules/codes.js';
import { DATA_LOGGING } from '../../rules/rulebook.js';
import { CARRIERS, MESSAGE_TYPES, type Scenario } from '../../scenario/model.js';
import { IsoClock, put2, put5, putSegment, putSeconds, putUint, putUuid, segment, Segment, utf8 } from './csv-bytes.js';
import { numberCell, REDACTED_TEXT, safeText } from '../records.js';

/**
 * Delimiters that may occur in the cells printed unquoted (hex, digits, "-", ":", ".",
 * "+", "*", "T", "Z"): with one of them every row takes the generic path.
 */
const DIGIT_CELL_CHARS = /[0-9A-Za-z.:+\-*]/;

const DELIVERED = STATUS_NAMES.indexOf('delivered');
/** Units below this share a prepared tail per source and outcome. */
const TAIL_UNITS = 16;

/** What {@link GeneratedRows.put} reads of a message: a view of the engine's pool, or a record passed between threads. */
export type FastRowView = Pick<MessageView, 'source' | 'sender' | 'submitMs' | 'endMs' | 'status' | 'code' | 'carrier' | 'type' | 'units' | 'uuidWords' | 'destination'>;

/** Prints rows of generated messages of one scenario; see {@link GeneratedRows.create}. */
export class GeneratedRows {
  private readonly words = new Uint32Array(4);
  private readonly submitClock = new IsoClock();
  private readonly endClock = new IsoClock();
  /** Per source, per sender (made on first use): `traffic,from,+1`, up to the destination's digits. */
  private readonly lead: (Segment | undefined)[][];
  /** Per source, per type × carrier: `US,outbound,sms,att,`. */
  private readonly mid: Segment[][];
  /** Per source, per outcome × units (made on first use): `failed,420,message expired,1,text,`. */
  private readonly tail: (Segment | undefined)[][];
  /** Per source: the text cell and delimiter, for units outside the prepared tails. */
  private readonly text: Segment[];
  /** Per outcome (status, then 4 + failure code): `delivered,,,` / `failed,420,message expired,`. */
  private readonly outcome: Segment[];
  private readonly redactTo: boolean[];
  /** Per source: bytes a row takes at most. */
  readonly rowBound: number[];

  private constructor(
    private readonly scenario: Scenario,
    private readonly delimiter: string,
    private readonly quote: (s: string) => string,
  ) {
    const d = delimiter;
    const q = quote;
    this.outcome = [
      ...STATUS_NAMES.map((s) => segment(q(s) + d + d + d)),
      ...FAILURE_CODES.map((f) => segment(q('failed') + d + q(f.code) + d + q(safeText(f.reason)) + d)),
    ];
    const longest = (xs: readonly { length: number }[]): number => xs.reduce((m, x) => Math.max(m, x.length), 0);
    const from = longest(scenario.numbers.map((n) => q(numberCell(n.number))));
    this.lead = scenario.traffic.map(() => new Array<Segment | undefined>(scenario.numbers.length).fill(undefined));
    this.tail = scenario.traffic.map(() => new Array<Segment | undefined>(this.outcome.length * TAIL_UNITS).fill(undefined));
    this.mid = [];
    this.text = [];
    this.redactTo = [];
    this.rowBound = [];
    for (const def of scenario.traffic) {
      const red = DATA_LOGGING[def.log];
      const text = def.text === null ? '' : red.redactText ? REDACTED_TEXT : def.text;
      const head = q(def.toCountry) + d + q('outbound') + d;
      this.mid.push(MESSAGE_TYPES.flatMap((t) => CARRIERS.map((c) => segment(head + q(t) + d + q(c) + d))));
      this.text.push(segment(q(safeText(text)) + d));
      this.redactTo.push(red.redactNumber);
      const lead = segment(q(safeText(def.name))).length + from;
      this.rowBound.push(256 + 3 * lead + longest(this.mid.at(-1)!) + longest(this.outcome) + this.text.at(-1)!.length);
    }
  }

  /**
   * The fast path for `scenario` under `delimiter`, or null when the delimiter could occur
   * in an unquoted digit cell (or is not one ASCII byte).
   */
  static create(scenario: Scenario, delimiter: string, quote: (s: string) => string): GeneratedRows | null {
    if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 127 || DIGIT_CELL_CHARS.test(delimiter)) return null;
    return new GeneratedRows(scenario, delimiter, quote);
  }

  /**
   * Prints the row of generated message `v` at `p` (the caller made `rowBound` room).
   * `submitEpochMs` and `endEpochMs` (NaN when none) are whole epoch milliseconds, and the
   * message's times are whole milliseconds (the caller checks).
   * @returns the position after the row.
   */
  put(buf: Uint8Array, view: DataView, p: number, v: FastRowView, submitEpochMs: number, endEpochMs: number): number {
    const src = v.source;
    const d = this.delimiter.charCodeAt(0);
    v.uuidWords(this.words);
    p = putUuid(buf, view, p, this.words);
    buf[p++] = d;
    p = putSegment(buf, view, p, this.lead[src][v.sender] ?? this.makeLead(src, v.sender));
    const to = this.words;
    v.destination(to);
    p = put5(buf, p, to[0]);
    if (this.redactTo[src]) {
      // all but the last three digits
      put2(buf, p, Math.floor(to[1] / 1000));
      buf[p + 2] = 42; // "*"
      buf[p + 3] = 42;
      buf[p + 4] = 42;
      p += 5;
    } else {
      p = put5(buf, p, to[1]);
    }
    buf[p++] = d;
    p = putSegment(buf, view, p, this.mid[src][v.type * CARRIERS.length + v.carrier]);
    p = this.submitClock.put(buf, view, p, submitEpochMs);
    buf[p++] = d;
    const ended = endEpochMs === endEpochMs; // not NaN
    if (ended && v.status === DELIVERED) p = this.endClock.put(buf, view, p, endEpochMs); // dispatched_at
    buf[p++] = d;
    if (ended) p = putSeconds(buf, p, v.endMs - v.submitMs);
    buf[p++] = d;
    const outcome = v.code >= 0 ? STATUS_NAMES.length + v.code : v.status;
    const units = v.units;
    if (units < TAIL_UNITS) {
      const k = outcome * TAIL_UNITS + units;
      p = putSegment(buf, view, p, this.tail[src][k] ?? this.makeTail(src, outcome, units));
    } else {
      p = putSegment(buf, view, p, this.outcome[outcome]);
      p = putUint(buf, p, units);
      buf[p++] = d;
      p = putSegment(buf, view, p, this.text[src]);
    }
    p = putSeconds(buf, p, v.submitMs);
    buf[p] = 13;
    buf[p + 1] = 10;
    return p + 2;
  }

  private makeLead(src: number, sender: number): Segment {
    const def = this.scenario.traffic[src];
    const from = numberCell(this.scenario.numbers[sender].number);
    const d = this.delimiter;
    return (this.lead[src][sender] = segment(this.quote(safeText(def.name)) + d + this.quote(from) + d + `+${callingCode(def.toCountry)}`));
  }

  private makeTail(src: number, outcome: number, units: number): Segment {
    const parts = [this.outcome[outcome].bytes, utf8(`${units}${this.delimiter}`), this.text[src].bytes];
    const bytes = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
    parts.reduce((at, b) => (bytes.set(b, at), at + b.length), 0);
    return (this.tail[src][outcome * TAIL_UNITS + units] = new Segment(bytes));
  }
}
