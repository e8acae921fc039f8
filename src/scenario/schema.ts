/**
 * The zod schema of the raw scenario YAML (SPEC §3), snake_case as written. It is plain
 * and declarative so that a JSON Schema can be generated from it (`z.toJSONSchema`);
 * parsing of durations and rates, defaults and every cross-field check live in
 * `load.ts`. Custom `error` texts are the `expected ...` part of a ScenarioError.
 */
import { z } from './yaml/zod.js';
import { FAILURE_CODE_NAMES } from '../rules/codes.js';
import { VERIFICATION_STATES } from '../rules/provider.js';
import { DEFAULT_PROVIDER, PROVIDER_IDS, PROVIDERS } from '../rules/providers.js';
import { REPLAY_FORMATS, TIME_FORMATS } from './model.js';
import { CARRIERS, COUNT_BY, INCIDENT_KINDS, LOG_SETTINGS, MESSAGE_TYPES, NUMBER_COUNTRIES, NUMBER_TYPES, PACINGS, SENDER_CHOICES, SPACINGS, TPM_SCOPES, USE_CASES } from './model.js';
import { DURATION_EXPECTED, DURATION_FORM, RATE_EXPECTED, RATE_FORM } from './units.js';
import { DATE_TIME_WITH_OFFSET_PATTERN } from './time/datetime.js';
import { TIME_OF_DAY_PATTERN } from './time/time-of-day.js';

/**
 * Constraints the loader checks after the schema (`resolve.ts`), stated for the JSON Schema
 * only: zod copies `.meta()` keys into `z.toJSONSchema`'s output and never parses with
 * them, so the loader's messages stay its own (see `json-schema.ts`).
 */
const jsonOnly = (keywords: Record<string, unknown>): Record<string, unknown> => keywords;
import { pricingSchema } from './pricing.js';

const DURATION_TEXT = 'Duration: "90s", "5m", "2h", "1d", "4500ms", "1.5h", or a number of seconds.';
const RATE_TEXT = 'Rate: "N/s", "N/min", "N/h", "N/day", or a number per second.';

/** A duration as written; parsed by `parseDurationMs`. */
export const durationSchema = z
  .union([z.string(), z.number()], { error: DURATION_EXPECTED })
  .meta({ description: DURATION_TEXT, ...jsonOnly({ pattern: `^\\s*${DURATION_FORM}\\s*$`, minimum: 0 }) });

/** A rate as text, as `parseRate` reads it (for the JSON Schema). */
const RATE_PATTERN = `^\\s*${RATE_FORM}\\s*$`;

/** A rate as written; parsed by `parseRate`. */
export const rateSchema = z.union([z.string(), z.number()], { error: RATE_EXPECTED }).meta({ description: RATE_TEXT, ...jsonOnly({ pattern: RATE_PATTERN }) });

export const countBySchema = z.enum(COUNT_BY).describe('What a limit counts: whole messages (the FAQ) or units (segments).');

/** A limit: a rate, or a map with pacing and counting. */
export const limitSchema = z
  .union(
    [
      z.string().meta(jsonOnly({ pattern: RATE_PATTERN })),
      z.number(),
      z.strictObject({
        rate: rateSchema,
        pacing: z.enum(PACINGS).optional().describe('sliding (default): at most N in any window; smooth: evenly spaced.'),
        count: countBySchema.optional().describe('Default: the rules.count setting of this limiter family.'),
      }),
    ],
    { error: `${RATE_EXPECTED}, or a map {rate, pacing, count}` },
  )
  .describe('A limit: a rate, or { rate, pacing: sliding|smooth, count: messages|units }.');

const idSchema = z.string().min(1);

/** An integer in [min, max] (or >= min), whose every failure reads as one `expected` text. */
/** Most units any provider takes in one message; the scenario's provider's own is checked at load. */
const MOST_UNITS = Math.max(...PROVIDER_IDS.map((id) => PROVIDERS[id].maxLength.units));

function intIn(min: number, max?: number) {
  const error = max === undefined ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  const s = z.int({ error }).min(min, { error });
  return max === undefined ? s : s.max(max, { error });
}

export const campaignSchema = z.strictObject({
  id: idSchema.describe('Campaign id, unique.'),
  use_case: z.enum(USE_CASES).describe('10DLC use case; selects the TPM row (table 2b).'),
});

export const numberSchema = z.strictObject({
  id: idSchema.describe('Number id used by traffic `from`, unique.'),
  number: z
    .string({ error: 'an E.164 number in quotes, such as "+14155550100"' })
    .optional()
    .describe('E.164: "+" and 8 to 15 digits; quote it in YAML. For a pool (count), a pattern such as "+1202555xxxx"; default 555-01xx.'),
  count: intIn(1, 10_000)
    .optional()
    .describe('A pool of this many numbers, ids <id>-1..<id>-N; `from: [<id>]` uses them all.'),
  type: z.enum(NUMBER_TYPES),
  country: z.enum(NUMBER_COUNTRIES),
  campaign: idSchema.optional().describe('Campaign id; US long codes (10DLC) only.'),
  verified: z.boolean().optional().describe('Toll-free verification; default false.'),
  verification: z
    .enum(VERIFICATION_STATES)
    .optional()
    .describe('Toll-free verification state: verified, pending (submitted, in review) or restricted (never submitted); default verified when verified: true, else pending.'),
  limits: z
    .strictObject({ sms: limitSchema.optional(), mms: limitSchema.optional() })
    .optional()
    .describe('Overrides of the per-number limits of table 2a.'),
});

const arrivalRate = { rate: rateSchema };
export const arrivalSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('burst'),
      at: durationSchema.optional().describe('When the burst is submitted; default 0.'),
      count: intIn(0).describe('Messages in the burst.'),
    }),
    z.strictObject({ kind: z.literal('constant'), ...arrivalRate }),
    z.strictObject({ kind: z.literal('poisson'), ...arrivalRate }),
    z.strictObject({ kind: z.literal('ramp'), from: rateSchema, to: rateSchema }),
    z.strictObject({
      kind: z.literal('replay'),
      file: z.string().min(1).describe('CSV file (or a Twilio BulkExport day file), relative to the scenario.'),
      format: z
        .enum(REPLAY_FORMATS)
        .optional()
        .describe('auto (default: a gzip file is a Twilio BulkExport, anything else CSV), csv or twilio_bulk_export.'),
      columns: z
        .strictObject({
          time: z.string().min(1).describe('Header of the time column.'),
          from: z.string().min(1).describe('Header of the sender column.'),
          to: z.string().min(1).describe('Header of the destination column.'),
          text: z.string().min(1).optional().describe('Header of the message text column.'),
          units: z.string().min(1).optional().describe('Header of the unit (segment) count column.'),
          type: z.string().min(1).optional().describe('Header of the message type column (sms or mms).'),
          time_format: z
            .enum(TIME_FORMATS)
            .optional()
            .describe('iso (default), epoch_s, epoch_ms, "YYYY-MM-DD HH:mm:ss", "MM/DD/YYYY HH:mm:ss" or "DD/MM/YYYY HH:mm:ss" (seconds optional).'),
          zone: z.string().min(1).optional().describe('IANA time zone of times written without an offset; default UTC.'),
        })
        .optional()
        .describe('Which column of any CSV is the time, sender, destination, text, units and type.'),
    }),
    z.strictObject({
      kind: z.literal('profile'),
      per_hour: z
        .array(z.number({ error: 'a number of requests per hour >= 0' }).meta(jsonOnly({ minimum: 0 })), { error: 'a list of 24 numbers (requests per hour)' })
        .meta(jsonOnly({ minItems: 24, maxItems: 24 }))
        .optional()
        .describe('24 values: requests in each local hour 00..23. Either per_hour or file.'),
      file: z
        .string()
        .min(1)
        .optional()
        .describe('CSV with columns time,per_hour ("08:30",1200): the rate from that local time to the next row.'),
      time_zone: z.string({ error: 'an IANA time zone such as America/New_York' }).describe('IANA zone of the profile.'),
      spacing: z.enum(SPACINGS).optional().describe('poisson (default) or even.'),
    }),
  ])
  .describe('How messages arrive.');

const WEIGHT = 'a number from 0 to 1';
const carrierWeights = Object.fromEntries(
  CARRIERS.map((c) => [c, z.number({ error: WEIGHT }).min(0, { error: WEIGHT }).max(1, { error: WEIGHT }).optional()]),
) as Record<(typeof CARRIERS)[number], z.ZodOptional<z.ZodNumber>>;

/** A destination carrier mix: weights per carrier, summing to 1. */
const carrierMixSchema = z.strictObject(carrierWeights);

const TOD = 'a local time of day "HH:MM"';
/** A client-side sending window in the recipient's local time. */
export const sendWindowSchema = z
  .strictObject({
    from: z.string({ error: TOD }).meta({ description: 'Opening local time, "HH:MM".', ...jsonOnly({ pattern: TIME_OF_DAY_PATTERN }) }),
    to: z.string({ error: TOD }).meta({ description: 'Closing local time, "HH:MM" (before from: the window spans midnight).', ...jsonOnly({ pattern: TIME_OF_DAY_PATTERN }) }),
    time_zone: z.string().optional().describe('IANA zone of every recipient. Either time_zone or time_zones.'),
    time_zones: z
      .record(z.string(), z.number({ error: 'a weight from 0 to 1' }))
      .optional()
      .describe('Recipient zones with weights summing to 1, e.g. { America/New_York: 0.5, America/Los_Angeles: 0.5 }.'),
  })
  .describe('Requests due outside the window are held by the client until it opens.');

export const trafficSchema = z.strictObject({
  name: idSchema.describe('Traffic source name, unique.'),
  from: z
    .union([z.string(), z.array(z.string())], { error: 'a number id or a list of number ids' })
    .optional()
    .describe('Number ids used round-robin; required unless arrival.kind is replay.'),
  type: z.enum(MESSAGE_TYPES).optional().describe('Default sms.'),
  to_country: z
    .string()
    .regex(/^[A-Z]{2}$/, { error: 'a two-letter country code such as US' })
    .optional()
    .describe('ISO 3166-1 alpha-2; default US.'),
  arrival: arrivalSchema,
  text: z.string().optional().describe('Message text; units are computed from it.'),
  units: intIn(1, MOST_UNITS).optional().describe(`Units per message when no text is given (1..${MOST_UNITS}).`),
  expiry: z
    .union([z.number(), z.string()], { error: 'an integer number of seconds' })
    .optional()
    .describe("Seconds in the provider's range (Plivo 5..10799, default 10800; Twilio 1..36000)."),
  log: z
    .union([z.boolean(), z.enum(LOG_SETTINGS)], { error: 'one of true, false, number_only, content_only' })
    .optional()
    .describe('Data logging: true | false | number_only | content_only; default true.'),
  start: durationSchema.optional().describe('Offset of the first message; default 0.'),
  end: durationSchema.optional().describe('Offset where generation stops; default the scenario duration.'),
  recipients: intIn(1).optional().describe('Destinations per request; default 1.'),
  send_window: sendWindowSchema.optional(),
  carriers: carrierMixSchema
    .optional()
    .describe('Destination carrier mix of this source; default the scenario carriers, else the rulebook mix of to_country.'),
  sender: z.enum(SENDER_CHOICES).optional().describe('round_robin (default) | random | sticky (needs recipients_pool).'),
  retry: z
    .strictObject({
      on: z
        .array(z.union([z.string(), z.number()], { error: 'a failure code such as 420 or tmobile_daily_cap' }), {
          error: 'a list of failure codes such as [420, tmobile_daily_cap]',
        }).describe('Failure codes that trigger a retry.'),
      after: durationSchema.describe('Wait before the first retry.'),
      max: intIn(1, 20).optional().describe('Most retries per message; default 1.'),
      backoff: z.number({ error: 'a number >= 1' }).min(1, { error: 'a number >= 1' }).optional().describe('Wait multiplier per retry; default 1.'),
    })
    .optional()
    .describe('Client retries: a failed attempt is resubmitted as a new message.'),
  on_daily_cap: z
    .enum(['fail', 'defer'])
    .optional()
    .describe('Client policy for capped attempts: fail (default; the FAQ fails them) or defer to the next cap day.'),
  recipients_pool: intIn(1, 10_000_000)
    .optional()
    .describe('Distinct destinations (each with a fixed carrier) the messages go to; default a new one per message.'),
});


const tpmValue = z
  .union([intIn(1), z.string()], { error: 'an integer per minute or a rate such as "1000/min"' })
  .describe('Messages per minute, or a rate.');
const tpmOverrides = Object.fromEntries(CARRIERS.map((c) => [c, tpmValue.optional()])) as Record<
  (typeof CARRIERS)[number],
  z.ZodOptional<typeof tpmValue>
>;

export const countRulesSchema = z
  .union(
    [
      countBySchema,
      z.strictObject({
        account: countBySchema.optional(),
        sender: countBySchema.optional(),
        carrier: countBySchema.optional(),
        daily_cap: countBySchema.optional(),
      }),
    ],
    { error: 'messages, units, or a map {account, sender, carrier, daily_cap}' },
  )
  .describe('What limits count; default messages everywhere.');

const tpmScope = z.enum(TPM_SCOPES);
const tpmScopeSchema = z
  .union([z.string().pipe(tpmScope), z.strictObject(Object.fromEntries(CARRIERS.map((c) => [c, tpmScope.optional()])) as Record<(typeof CARRIERS)[number], z.ZodOptional<typeof tpmScope>>)], {
    error: 'brand, campaign, or a map per carrier such as { att: campaign, tmobile: brand }',
  })
  .describe('10DLC TPM per brand (default, as the FAQ says) or per campaign; one value or a map per carrier.');

const chargedSchema = z
  .strictObject(Object.fromEntries(FAILURE_CODE_NAMES.map((c) => [c, z.boolean().optional()])) as Record<string, z.ZodOptional<z.ZodBoolean>>)
  .describe('Whether a message failing with each code is charged; defaults as `a2psim rules` shows.');

export const rulesSchema = z.strictObject({
  tpm_scope: tpmScopeSchema.optional(),
  charged: chargedSchema.optional(),
  tpm: z.strictObject(tpmOverrides).optional().describe('Per-carrier TPM overrides.'),
  tpd: intIn(1).optional().describe('T-Mobile daily cap override.'),
  mms_10dlc: limitSchema.optional().describe('10DLC MMS limit per number per carrier; default 50/min.'),
  count: countRulesSchema.optional(),
  carrier_pacing: z.enum(PACINGS).optional(),
  log_incoming_messages: z.boolean().optional(),
});

/** The whole scenario file. */
export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe('Default: the file name without extension.'),
    provider: z.enum(PROVIDER_IDS).optional().describe(`Whose rules apply: ${PROVIDER_IDS.join(', ')}; default ${DEFAULT_PROVIDER}.`),
    seed: intIn(0, Number.MAX_SAFE_INTEGER).optional().describe('Random seed, 0 to 2^53 - 1; default 1.'),
    start: z
      .string({ error: 'an ISO-8601 date-time with offset, such as 2026-03-09T08:00:00-07:00' })
      .meta({ description: 'ISO-8601 with offset or Z; default 2026-01-01T00:00:00Z.', ...jsonOnly({ pattern: DATE_TIME_WITH_OFFSET_PATTERN }) })
      .optional(),
    duration: durationSchema.optional().describe('Traffic window; default 1h.'),
    until: durationSchema.optional().describe('Hard stop of the run.'),
    account: z
      .strictObject({
        mps: z.strictObject({ sms: limitSchema.optional(), mms: limitSchema.optional() }).optional(),
      })
      .optional(),
    brand: z
      .strictObject({
        vetting_score: intIn(0, 100).optional().describe('0..100; default 0.'),
        campaigns: z.array(campaignSchema).optional(),
      })
      .optional(),
    numbers: z.array(numberSchema).optional(),
    carriers: carrierMixSchema.optional().describe('Destination mix of every source, summing to 1; default the rulebook mix of each to_country.'),
    traffic: z.array(trafficSchema).optional(),
    rules: rulesSchema.optional(),
    incidents: z
      .array(
        z.strictObject({
          kind: z.enum(INCIDENT_KINDS).describe('carrier_outage | degraded_carrier | provider_outage.'),
          carrier: z.enum(CARRIERS).optional().describe('The carrier (not for provider_outage).'),
          factor: z
            .number({ error: 'a number between 0 and 1' })
            .meta({ description: 'degraded_carrier: share of its rate left, 0 < factor < 1.', ...jsonOnly({ exclusiveMinimum: 0, exclusiveMaximum: 1 }) })
            .optional(),
          start: durationSchema.describe('Offset from the scenario start.'),
          end: durationSchema.describe('Offset where it ends (after start).'),
        }),
      )
      .optional()
      .describe('Outages and degraded carriers, each from start to end.'),
    expect: z.array(z.string()).optional().describe('CI thresholds, e.g. "delivered_ratio >= 0.99".'),
    pricing: pricingSchema.optional(),
  })
  .describe('An a2psim scenario.');

export type RawScenario = z.infer<typeof scenarioSchema>;
export type RawTraffic = z.infer<typeof trafficSchema>;
export type RawNumber = z.infer<typeof numberSchema>;
export type RawLimit = z.infer<typeof limitSchema>;
export type RawArrival = z.infer<typeof arrivalSchema>;
