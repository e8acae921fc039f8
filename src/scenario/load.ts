/**
 * Scenario loading: YAML text → safety checks → `--set` overrides → schema → resolved,
 * deeply frozen {@link Scenario}. `loadScenarioFile` is the only function touching fs.
 * Every bad input throws a {@link ScenarioError}; anything else thrown is a bug.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { isMap, LineCounter, parseDocument } from 'yaml';
import { describeValue, oneLine, ScenarioError } from './errors.js';
import { deepFreeze } from './freeze.js';
import { issuesToError, expectedText } from './issues.js';
import { formatPath, Source } from './locate.js';
import type { Scenario } from './model.js';
import { applySetting, parseSetting } from './overrides.js';
import { DEFAULT_SEED, resolveScenario } from './resolve.js';
import { scenarioSchema } from './schema.js';
import { findAliasBomb, findForbiddenTag, shortTag } from './yamlsafety.js';

/** Command-line overrides of a scenario. */
export interface ScenarioOverrides {
  /** Replaces `seed` (`--seed N`): an integer >= 0. */
  readonly seed?: number;
  /** `--set path=value` settings, applied in order before validation. */
  readonly set?: readonly string[];
  /** Replaces `provider` (`--provider NAME`), before the `--set` settings. */
  readonly provider?: string;
}

/** Most aliases a document may expand (guards against "billion laughs"). */
const MAX_ALIAS_COUNT = 100;

/** The scenario name when the file gives none: its base name without extension. */
export function defaultName(file: string): string {
  const base = basename(file, extname(file));
  return base === '' ? 'scenario' : base;
}

/**
 * Parses and validates scenario text. `file` is used in error messages, for the default
 * `name`, and stored as `Scenario.file`.
 * @returns the resolved scenario, deeply frozen.
 * @throws ScenarioError for malformed YAML, a forbidden tag, a top level that is not a
 *   map, a bad override, a schema violation or a cross-field error.
 */
export function parseScenario(text: string, file: string, overrides: ScenarioOverrides = {}): Scenario {
  const lineCounter = new LineCounter();
  // YAML merge keys (`<<: *defaults`) are accepted, as in YAML 1.1.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const src = new Source(file, doc, lineCounter);
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const { line, column } = src.linePos(err.pos[0]);
    throw new ScenarioError({ file, line, column, expected: 'valid YAML', actual: `an error: ${oneLine(err.message)}` });
  }
  const tagged = findForbiddenTag(doc.contents);
  if (tagged) {
    const at = tagged.node.range ? src.linePos(tagged.node.range[0]) : { line: 0, column: 0 };
    throw new ScenarioError({
      file,
      ...at,
      path: formatPath(tagged.path),
      expected: 'a plain value (YAML tags such as !!js/function are not allowed)',
      actual: `tag ${shortTag(tagged.tag)}`,
    });
  }
  if (!isMap(doc.contents)) {
    const contents = doc.contents;
    const at = contents?.range ? src.linePos(contents.range[0]) : { line: 0, column: 0 };
    const actual = contents === null ? 'an empty file' : describeValue(toData(src));
    throw new ScenarioError({ file, ...at, expected: 'a map of scenario fields (name, traffic, ...)', actual });
  }
  const provider = overrides.provider === undefined ? [] : [`provider=${JSON.stringify(overrides.provider)}`];
  for (const setting of [...provider, ...(overrides.set ?? [])]) {
    const { path, value, text } = parseSetting(setting);
    applySetting(src, path, value, text);
  }
  const data = toData(src) as Record<string, unknown>;
  src.data = data;
  const parsed = scenarioSchema.safeParse(data, { error: expectedText });
  if (!parsed.success) throw issuesToError(parsed.error.issues, scenarioSchema, src);
  const seed = overrides.seed === undefined ? (parsed.data.seed ?? DEFAULT_SEED) : checkSeed(overrides.seed);
  const scenario = resolveScenario(src, parsed.data, parsed.data.name ?? defaultName(file), seed, file);
  return deepFreeze(scenario);
}

/**
 * Reads and parses a scenario file (UTF-8).
 * @throws ScenarioError `FILE: cannot read scenario file (ENOENT: no such file or directory)`
 *   when it cannot be read, and every error of {@link parseScenario}.
 */
export function loadScenarioFile(path: string, overrides: ScenarioOverrides = {}): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const m = /^(\w+): ([^,]+)/.exec(err.message ?? '');
    const why = m ? `${m[1]}: ${m[2]}` : (err.code ?? String(e));
    throw new ScenarioError({
      file: path,
      expected: 'a readable scenario file',
      actual: why,
      reason: `cannot read scenario file (${why})`,
    });
  }
  return parseScenario(text, path, overrides);
}

function toData(src: Source): unknown {
  try {
    return src.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (!(e instanceof ReferenceError)) throw e;
    // yaml throws a ReferenceError when aliases expand past maxAliasCount.
    const alias = findAliasBomb(src.doc, MAX_ALIAS_COUNT);
    const at = alias?.node.range ? src.linePos(alias.node.range[0]) : { line: 0, column: 0 };
    throw new ScenarioError({
      file: src.file,
      ...at,
      path: alias === undefined ? '' : formatPath(alias.path),
      expected: `at most ${MAX_ALIAS_COUNT} alias expansions in all`,
      actual: alias === undefined ? 'more' : `*${alias.node.source}, which brings the document to ${alias.total.toLocaleString('en-US')}`,
    });
  }
}

function checkSeed(seed: number): number {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new ScenarioError({ file: '--seed', expected: 'an integer >= 0', actual: describeValue(seed) });
  }
  return seed;
}
