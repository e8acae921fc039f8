/**
 * A binary min-heap of events on parallel typed arrays (after mourner/flatqueue), ordered
 * by (time, sequence). The sequence is assigned on push and strictly increases, so events
 * at the same time pop in the order they were pushed (FIFO ties) — the property that makes
 * a run fully determined by its inputs. Nothing is allocated on push or pop except when the
 * arrays grow.
 */
export class EventQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private payloads: Int32Array;
  private size = 0;
  private nextSeq = 0;
  /** Sequences of {@link pushFirst}: below every sequence {@link push} gives. */
  private firstSeq = -Number.MAX_SAFE_INTEGER;

  /** @param capacity initial number of slots; grows by doubling. */
  constructor(capacity = 64) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.payloads = new Int32Array(capacity);
  }

  /** Number of pending events. */
  get length(): number {
    return this.size;
  }

  /** Schedules `payload` at `timeMs`. */
  push(timeMs: number, payload: number): void {
    this.pushSeq(timeMs, payload, this.nextSeq++);
  }

  /**
   * Schedules `payload` at `timeMs` before every event pushed with {@link push} at the same
   * time, whenever those were pushed (an observer's tick: the interval [t − tick, t) ends
   * before anything happens at t). Among themselves, such events keep FIFO order.
   */
  pushFirst(timeMs: number, payload: number): void {
    this.pushSeq(timeMs, payload, this.firstSeq++);
  }

  private pushSeq(timeMs: number, payload: number, seq: number): void {
    if (this.size === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const payloads = this.payloads;
    let pos = this.size++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = times[parent];
      if (pt < timeMs || (pt === timeMs && seqs[parent] < seq)) break;
      times[pos] = pt;
      seqs[pos] = seqs[parent];
      payloads[pos] = payloads[parent];
      pos = parent;
    }
    times[pos] = timeMs;
    seqs[pos] = seq;
    payloads[pos] = payload;
  }

  /** Time of the earliest event; `Infinity` when empty. */
  peekTime(): number {
    return this.size === 0 ? Infinity : this.times[0];
  }

  /** Removes the earliest event and returns its payload; call only when non-empty. */
  pop(): number {
    const times = this.times;
    const seqs = this.seqs;
    const payloads = this.payloads;
    const top = payloads[0];
    const last = --this.size;
    if (last > 0) {
      const t = times[last];
      const s = seqs[last];
      const p = payloads[last];
      const half = last >> 1;
      let pos = 0;
      while (pos < half) {
        let child = 2 * pos + 1;
        const right = child + 1;
        if (
          right < last &&
          (times[right] < times[child] || (times[right] === times[child] && seqs[right] < seqs[child]))
        ) {
          child = right;
        }
        const ct = times[child];
        if (ct > t || (ct === t && seqs[child] > s)) break;
        times[pos] = ct;
        seqs[pos] = seqs[child];
        payloads[pos] = payloads[child];
        pos = child;
      }
      times[pos] = t;
      seqs[pos] = s;
      payloads[pos] = p;
    }
    return top;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    const seqs = new Float64Array(cap);
    const payloads = new Int32Array(cap);
    times.set(this.times);
    seqs.set(this.seqs);
    payloads.set(this.payloads);
    this.times = times;
    this.seqs = seqs;
    this.payloads = payloads;
  }
}
