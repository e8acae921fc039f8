/**
 * `a2psim schema`: the JSON Schema (draft-07) of the scenario file, generated from the
 * same zod schema the loader validates with (see `scenario/json-schema.ts`); the package
 * ships it as `schema/scenario.schema.json`.
 */
export { scenarioJsonSchema } from '../scenario/json-schema.js';
