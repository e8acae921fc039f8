/**
 * The size of a run, estimated from the scenario before anything runs, so that a run that
 * cannot fit is refused at load with one line instead of dying mid-run (`count: 1e12`
 * used to pass validation and crash after minutes with a RangeError at 9.8 GB).
 *
 * Two figures: the messages the traffic submits in all (the run's length), and the most
 * messages in flight at once (its memory). A message is in flight from submission until
 * it and every message submitted before it have ended; every message ends within its
 * expiry (plus a rate window) of submission, so at most the arrivals of one such span are
 * in flight — all of a burst at once. Replay files are counted when they are read.
 */
import type { Scenario, TrafficSource } from './model.js';
import { profileDailySum } from './time/time-of-day.js';

/** A run's estimated size. */
export interface RunEstimate {
  /** Messages submitted in all (generated traffic; replay rows excluded). */
  readonly messages: number;
  /** Most messages in flight at once. */
  readonly peakInFlight: number;
}

/** Slack after a message's expiry before it has surely ended: one rate window (1 min). */
const END_SLACK_MS = 60_000;

/** Poisson arrivals exceed their mean: 10% plus a constant, far beyond any real deviation. */
const POISSON_MARGIN = 1.1;
const POISSON_EXTRA = 1000;

/** Fastest rate of a source, messages per second (before recipients); 0 for a burst or a replay. */
function peakPerSecond(t: TrafficSource): number {
  const a = t.arrival;
  switch (a.kind) {
    case 'constant':
      return a.perSecond;
    case 'poisson':
      return a.perSecond * POISSON_MARGIN;
    case 'ramp':
      return Math.max(a.fromPerSecond, a.toPerSecond);
    case 'profile':
      return (Math.max(...a.profile.perHour) / 3600) * (a.spacing === 'poisson' ? POISSON_MARGIN : 1);
    case 'burst': // all at once: sized by its count (arrivalSize), not by a rate
    case 'replay': // sized by its file, which is read later
      return 0;
    default:
      return unknownArrival(a);
  }
}

/** The end of an exhaustive switch over arrival kinds: a new kind fails to compile here. */
function unknownArrival(a: never): never {
  throw new Error(`unknown arrival ${JSON.stringify(a)}`);
}

/**
 * Messages a source submits in all, and at most within `spanMs`. A sending window holds
 * requests and releases them together, so a windowed source may have all of them in flight.
 */
function sourceSize(t: TrafficSource, spanMs: number): { total: number; inSpan: number } {
  const size = arrivalSize(t, spanMs);
  // Client retries resubmit a message at most `max` times; a deferral at least once more.
  const attempts = (t.retry === null ? 1 : t.retry.max + 1) * (t.onDailyCap === 'defer' ? 2 : 1);
  const total = size.total * attempts;
  return { total, inSpan: t.sendWindow === null ? size.inSpan * attempts : total };
}

/** Messages of a source's arrivals (before retries): every arrival kind has its case, so a new one must be added here. */
function arrivalSize(t: TrafficSource, spanMs: number): { total: number; inSpan: number } {
  const a = t.arrival;
  const windowS = Math.max(0, t.endMs - t.startMs) / 1000;
  switch (a.kind) {
    case 'burst':
      return { total: a.count * t.recipients, inSpan: a.count * t.recipients };
    case 'replay':
      return { total: 0, inSpan: 0 };
    case 'profile': {
      // Whole local days, plus one for a partial day and one for a 25-hour day's extra hour.
      const extra = a.spacing === 'poisson' ? POISSON_EXTRA : 1;
      const total = (profileDailySum(a.profile) * (Math.ceil(windowS / 86_400) + 1) + extra) * t.recipients;
      return { total, inSpan: Math.min(total, (peakPerSecond(t) * (spanMs / 1000) + extra) * t.recipients) };
    }
    case 'ramp': {
      const total = ((a.fromPerSecond + a.toPerSecond) / 2) * windowS * t.recipients;
      return { total, inSpan: Math.min(total, peakPerSecond(t) * (spanMs / 1000) * t.recipients) };
    }
    case 'constant':
    case 'poisson': {
      const total = a.perSecond * windowS * t.recipients;
      const extra = a.kind === 'poisson' ? POISSON_EXTRA : 1;
      return { total, inSpan: Math.min(total + extra, (peakPerSecond(t) * (spanMs / 1000) + extra) * t.recipients) };
    }
    default:
      return unknownArrival(a);
  }
}

/** Estimates a run's size (see the module comment). Pure; never throws. */
export function estimateRun(scenario: Scenario): RunEstimate {
  let messages = 0;
  let peakInFlight = 0;
  for (const t of scenario.traffic) {
    const { total, inSpan } = sourceSize(t, t.expirySeconds * 1000 + END_SLACK_MS);
    messages += total;
    peakInFlight += inSpan;
  }
  return { messages: Math.ceil(messages), peakInFlight: Math.ceil(peakInFlight) };
}
