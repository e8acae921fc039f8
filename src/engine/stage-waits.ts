/**
 * Where the waiting happened: per stage, the total time messages spent queued there (the
 * area under its queue-depth curve, ms × messages) and the messages that expired (420)
 * when dequeued from it. Updated on every enqueue and dequeue with two array writes; no
 * per-message column, no allocation on the hot path.
 */
export class StageWaits {
  /** Waiting accumulated per stage, in message-milliseconds. */
  waitMs = new Float64Array(0);
  /** Messages that failed 420 when dequeued from each stage. */
  expired = new Int32Array(0);
  /** Messages turned away by each stage's full queue (providers with a longest wait). */
  rejected = new Int32Array(0);
  private lastMs = new Float64Array(0);

  /** Grows the arrays to `n` stages, keeping what was counted. */
  grow(n: number): void {
    if (n <= this.waitMs.length) return;
    const w = new Float64Array(n);
    w.set(this.waitMs);
    this.waitMs = w;
    const e = new Int32Array(n);
    e.set(this.expired);
    this.expired = e;
    const r = new Int32Array(n);
    r.set(this.rejected);
    this.rejected = r;
    const l = new Float64Array(n);
    l.set(this.lastMs);
    this.lastMs = l;
  }

  /** Call just before the queue length of stage `sid` changes at `nowMs`; `len` is the length before. */
  change(sid: number, nowMs: number, len: number): void {
    this.waitMs[sid] += len * (nowMs - this.lastMs[sid]);
    this.lastMs[sid] = nowMs;
  }

  /** Closes every stage's account at the end of the run; `lens` are the final queue lengths. */
  close(endMs: number, lens: ArrayLike<number>): void {
    for (let sid = 0; sid < lens.length; sid++) this.change(sid, Math.max(endMs, this.lastMs[sid]), lens[sid]);
  }
}
