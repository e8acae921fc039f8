/**
 * The worker-thread side of {@link JobRunner}: runs one {@link RunJob} and returns its
 * summary, or the one-line message of a bad-input error (the error's class does not
 * survive the trip between threads; anything else is a bug and is rethrown as is).
 */
import { ScenarioError } from '../scenario/errors.js';
import type { Summary } from '../report/summary.js';
import { runJob, type RunJob } from './jobs.js';

/** What a worker sends back. */
export type JobReply = { readonly summary: Summary } | { readonly badInput: string };

/** Tinypool calls the default export once per task. */
export default function work(job: RunJob): JobReply {
  try {
    return { summary: runJob(job) };
  } catch (e) {
    if (e instanceof ScenarioError) return { badInput: e.message };
    throw e;
  }
}
