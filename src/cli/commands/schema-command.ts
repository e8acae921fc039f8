/**
 * `a2psim schema`: the JSON Schema (draft-07) of the scenario file, generated from the
 * same zod schema the loader validates with, for editors (`yaml-language-server`).
 */
import { z } from 'zod';
import { scenarioSchema } from '../../scenario/schema.js';

/** The scenario JSON Schema as pretty-printed JSON, ending in a newline. */
export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-07' }) as Record<string, unknown>;
  return JSON.stringify({ ...schema, title: 'a2psim scenario' }, null, 2) + '\n';
}
