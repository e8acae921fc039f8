/**
 * The JSON Schema of a scenario file, generated from the zod schema the loader parses with
 * (`schema.ts`), plus what the loader checks after it and a JSON Schema can say: the
 * patterns and ranges stated with `.meta()` there, and each provider's message expiry range
 * (from the provider profiles the loader reads it from), chosen by `provider:`. Shipped as
 * `schema/scenario.schema.json` (a test checks the file is this output) for editors
 * (`yaml-language-server`) and CI validators; `a2psim schema` prints it.
 */
import { z } from './yaml/zod.js';
import { DEFAULT_PROVIDER, PROVIDER_IDS, PROVIDERS } from '../rules/providers.js';
import { scenarioSchema } from './schema.js';

/** Where the published schema is found (the npm package's file, served by unpkg). */
export const SCENARIO_SCHEMA_ID = 'https://unpkg.com/a2psim/schema/scenario.schema.json';

/** The `if` of a provider: `provider:` names it (the default provider: or is left out). */
function whenProvider(id: string): Record<string, unknown> {
  const named = { required: ['provider'], properties: { provider: { const: id } } };
  return id === DEFAULT_PROVIDER ? { anyOf: [named, { not: { required: ['provider'] } }] } : named;
}

/** Each provider's expiry range on every traffic source (`resolve.ts` expiry()). */
function expiryRules(): Record<string, unknown>[] {
  return PROVIDER_IDS.map((id) => {
    const { minSeconds, maxSeconds } = PROVIDERS[id].expiry;
    const expiry = { type: 'integer', minimum: minSeconds, maximum: maxSeconds };
    return { if: whenProvider(id), then: { properties: { traffic: { items: { properties: { expiry } } } } } };
  });
}

/** The scenario JSON Schema (draft-07) as an object. */
export function scenarioJsonSchemaObject(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, { target: 'draft-07' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: SCENARIO_SCHEMA_ID, title: 'a2psim scenario', ...rest, allOf: expiryRules() };
}

/** The scenario JSON Schema as pretty-printed JSON, ending in a newline. */
export function scenarioJsonSchema(): string {
  return JSON.stringify(scenarioJsonSchemaObject(), null, 2) + '\n';
}
