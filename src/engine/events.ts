/**
 * The kernel's events: what an entry of the event queue stands for. An event is one integer
 * (the queue stores numbers, nothing is allocated per event): its kind in the low two bits,
 * the id of what it concerns (a source, a stage, a pending retry) above them. The kinds fill
 * the two bits, so every payload decodes to a known kind; the loop's switch over
 * {@link EventKind} is checked exhaustive by the compiler.
 */

/** A source's next request is due (id: the source). */
export const SOURCE = 0;
/** A stage's head message may now leave (id: the stage). */
export const STAGE = 1;
/** An observer tick (id: 0). */
export const TICK = 2;
/** A client's resubmission is due (id: the pending retry). */
export const RETRY = 3;

/** The kind of an event. */
export type EventKind = typeof SOURCE | typeof STAGE | typeof TICK | typeof RETRY;

/** The queue payload of an event of `kind` about `id` (a non-negative integer below 2^29). */
export function encodeEvent(kind: EventKind, id: number): number {
  return id * 4 + kind;
}

/** The kind of the event `payload` stands for. */
export function eventKind(payload: number): EventKind {
  return (payload & 3) as EventKind;
}

/** The id of the source, stage or retry that the event `payload` concerns. */
export function eventId(payload: number): number {
  return payload >> 2;
}
