/**
 * Turns zod issues into our `expected ..., got ...` errors. `expectedText` is passed to
 * `safeParse` as the error map, so every issue's `message` is the `expected` phrase
 * (schema fields with their own `error` text keep theirs).
 */
import { z } from './zod.js';
import type { core } from 'zod';
import { ScenarioError } from '../errors.js';
import { type FieldPath, Source, valueAt } from './locate.js';
import { suggestKey } from '../suggest.js';

type Issue = core.$ZodIssue;
type RawIssue = core.$ZodRawIssue;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  object: 'a map',
  array: 'a list',
};

function plural(n: number | bigint, word: string): string {
  return `${n} ${word}${Number(n) === 1 ? '' : 's'}`;
}

/** The `expected ...` phrase of a zod issue (used as the per-parse error map). */
export function expectedText(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const what = TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`;
      return issue.input === undefined ? `${what} (required)` : what;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? String(issue.values[0]) : `one of ${issue.values.map(String).join(', ')}`;
    case 'too_small': {
      if (issue.origin === 'array') return `a list of at least ${plural(issue.minimum, 'item')}`;
      if (issue.origin === 'string') {
        return Number(issue.minimum) === 1 ? 'a non-empty string' : `a string of at least ${plural(issue.minimum, 'character')}`;
      }
      return `a number ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    }
    case 'too_big': {
      if (issue.origin === 'array') return `a list of at most ${plural(issue.maximum, 'item')}`;
      if (issue.origin === 'string') return `a string of at most ${plural(issue.maximum, 'character')}`;
      return `a number ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    }
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue ? `a string matching ${String(issue.pattern)}` : `a valid ${issue.format}`;
    default:
      return 'a valid value';
  }
}

/** Unwraps optional/default wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
}

/** The object schema that `data` is checked against at this point (picks union branches). */
function objectOf(schema: z.ZodType, data: unknown): z.ZodObject | undefined {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) return s;
  if (s instanceof z.ZodUnion) {
    const objects = (s.options as z.ZodType[]).map(unwrap).filter((o): o is z.ZodObject => o instanceof z.ZodObject);
    const kind = valueAt(data, ['kind']);
    const byKind = objects.find((o) => {
      const lit = o.shape.kind;
      return lit instanceof z.ZodLiteral && lit.values.has(kind as never);
    });
    return byKind ?? objects[0];
  }
  return undefined;
}

/** Keys allowed by the map schema at `path`, given the data being checked. */
export function allowedKeysAt(root: z.ZodType, path: FieldPath, data: unknown): string[] {
  let schema: z.ZodType | undefined = root;
  let datum = data;
  for (const key of path) {
    if (!schema) return [];
    const s = unwrap(schema);
    if (typeof key === 'number' && s instanceof z.ZodArray) schema = s.element as z.ZodType;
    else schema = objectOf(s, datum)?.shape[key] as z.ZodType | undefined;
    datum = valueAt(datum, [key]);
  }
  const obj = schema && objectOf(schema, datum);
  return obj ? Object.keys(obj.shape) : [];
}

/** True for a union branch that failed only because the value is of another type. */
function wrongTypeOnly(branch: readonly Issue[]): boolean {
  return branch.every((i) => i.code === 'invalid_type' && i.path.length === 0);
}

/**
 * The ScenarioError for the first issue of a failed parse (unknown keys first, since a
 * misspelt key also causes a "missing" issue for the key it was meant to be).
 */
export function issuesToError(issues: readonly Issue[], root: z.ZodType, src: Source): ScenarioError {
  const first = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  return issueToError(first, [], root, src);
}

/** True for a zod issue about a missing required field. */
const isMissing = (i: Issue): boolean => i.code === 'invalid_type' && i.message.endsWith('(required)');

/**
 * Every issue of a failed parse as a ScenarioError, {@link issuesToError}'s first: each
 * unknown key, then the other issues in zod's order, leaving out a key missing from a map
 * that has an unknown key (a misspelling is one error, not two) and repeated messages.
 */
export function issuesToErrors(issues: readonly Issue[], root: z.ZodType, src: Source): ScenarioError[] {
  const unknown = issues.filter((i) => i.code === 'unrecognized_keys');
  const misspelt = new Set(unknown.map((i) => JSON.stringify(i.path)));
  const errors = [
    ...unknown.flatMap((i) => i.keys.map((key) => issueToError({ ...i, keys: [key] }, [], root, src))),
    ...issues.filter((i) => i.code !== 'unrecognized_keys' && !(isMissing(i) && misspelt.has(JSON.stringify(i.path.slice(0, -1))))).map((i) => issueToError(i, [], root, src)),
  ];
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (seen.has(e.message)) return false;
    seen.add(e.message);
    return true;
  });
}

function issueToError(issue: Issue, prefix: FieldPath, root: z.ZodType, src: Source): ScenarioError {
  const path: FieldPath = [...prefix, ...(issue.path as (string | number)[])];
  switch (issue.code) {
    case 'unrecognized_keys':
      return unknownKeyError(path, issue.keys[0], root, src);
    case 'invalid_union': {
      if ('note' in issue && issue.note === 'No matching discriminator' && 'discriminator' in issue) {
        const options = (issue as unknown as { options: unknown[] }).options ?? [];
        // zod already puts the discriminator key at the end of the issue path.
        return src.error(path, `one of ${options.map(String).join(', ')}`);
      }
      const branches = issue.errors.filter((b) => b.length > 0 && !wrongTypeOnly(b));
      if (branches.length === 1) {
        const inner = branches[0].find((i) => i.code === 'unrecognized_keys') ?? branches[0][0];
        return issueToError(inner, path, root, src);
      }
      return src.error(path, issue.message);
    }
    default:
      return src.error(path, issue.message);
  }
}

function unknownKeyError(mapPath: FieldPath, key: string, root: z.ZodType, src: Source): ScenarioError {
  const allowed = allowedKeysAt(root, mapPath, src.data);
  const path = [...mapPath, key];
  // Never suggest for keys that look like prototype tricks; just list what is allowed.
  const hint = key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : suggestKey(key, allowed);
  if (hint !== undefined) {
    return src.error(path, 'a known key', `unknown key ${JSON.stringify(key)} (did you mean ${JSON.stringify(hint)}?)`, true);
  }
  return src.error(path, `one of the keys ${allowed.join(', ')}`, `unknown key ${JSON.stringify(key)}`, true);
}
