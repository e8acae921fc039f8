/**
 * Scenario loading: YAML text → safety checks → `--set` overrides → schema → resolved,
 * deeply frozen {@link Scenario}. `loadScenarioFile` is the only function touching fs.
 * Every bad input throws a {@link ScenarioError}; anything else thrown is a bug.
 */
import { readFileSync } from 'node:fs';
import { decodeScenarioBytes } from './yaml/encoding.js';
import { providerId } from '../rules/providers.js';
import { basename, extname } from 'node:path';
import { isCollection, isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { describeValue, oneLine, ScenarioError } from './errors.js';
import { deepFreeze } from './freeze.js';
import { issuesToErrors, expectedText } from './yaml/issues.js';
import { formatPath, Source, type FieldPath } from './yaml/locate.js';
import type { Scenario } from './model.js';
import { applySetting, parseSetting } from './yaml/overrides.js';
import { DEFAULT_SEED, resolveScenario } from './resolve/resolve.js';
import { scenarioSchema } from './schema.js';
import { findAliasBomb, findCollectionKey, findForbiddenTag, shortTag } from './yaml/yamlsafety.js';

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

/** The argument that names standard input as the scenario file: `-`. */
export const STDIN_ARG = '-';

/** The file name of a scenario read from standard input, in messages: `<stdin>`. */
export const STDIN_FILE = '<stdin>';

/** The file name messages give a scenario argument: `<stdin>` for `-`, else the path. */
export function scenarioFileName(path: string): string {
  return path === STDIN_ARG ? STDIN_FILE : path;
}

/** The scenario name when the file gives none: its base name without extension (`stdin` for standard input). */
export function defaultName(file: string): string {
  if (file === STDIN_ARG || file === STDIN_FILE) return 'stdin';
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
export function parseScenario(text: string, path: string, overrides: ScenarioOverrides = {}): Scenario {
  const file = scenarioFileName(path);
  const { doc, lineCounter } = parsedDocument(text, file);
  const src = new Source(file, doc, lineCounter);
  const undo: (() => void)[] = [];
  try {
    const provider = overrides.provider === undefined ? [] : [`provider=${JSON.stringify(overrides.provider)}`];
    for (const setting of [...provider, ...(overrides.set ?? [])]) {
      const { path, value, text } = parseSetting(setting);
      undo.push(restorer(doc, path));
      applySetting(src, path, value, text);
    }
    const data = toData(src) as Record<string, unknown>;
    // Provider names in any case, as on the command line (one rule: providerId).
    if (typeof data.provider === 'string') data.provider = providerId(data.provider) ?? data.provider;
    src.data = data;
    const parsed = scenarioSchema.safeParse(data, { error: expectedText });
    if (!parsed.success) {
      const [first, ...also] = issuesToErrors(parsed.error.issues, scenarioSchema, src);
      first.also = also;
      throw first;
    }
    const seed = overrides.seed === undefined ? (parsed.data.seed ?? DEFAULT_SEED) : checkSeed(overrides.seed);
    const scenario = resolveScenario(src, parsed.data, parsed.data.name ?? defaultName(file), seed, file);
    return deepFreeze(scenario);
  } finally {
    // The document is kept for the next call on this text: put back what the settings replaced, last first.
    for (let i = undo.length - 1; i >= 0; i--) undo[i]();
  }
}

/**
 * What undoes a `--set` at `path`: the node it replaces put back (the same object, with its
 * position and source), or the key it adds (with any maps made on the way) deleted. A
 * setting replaces the shallowest missing or non-collection node on its path; nodes above
 * it are changed in place only below it.
 */
function restorer(doc: Document.Parsed, path: FieldPath): () => void {
  for (let n = 1; n <= path.length; n++) {
    const at = path.slice(0, n);
    const node = doc.getIn(at, true);
    if (node === undefined) return () => void doc.deleteIn(at);
    if (n === path.length || !isCollection(node)) return () => doc.setIn(at, node);
  }
  return () => undefined;
}

/**
 * The last text that parsed cleanly, and its document: `solve`, `sweep` and replications
 * load one text many times with different `--set` lists, and parse it once. Each call
 * applies its settings to this document and puts back what they replaced before it returns.
 */
let lastParsed: { readonly text: string; readonly doc: Document.Parsed; readonly lineCounter: LineCounter } | null = null;

/**
 * Parses `text` as one YAML document (or takes the last clean parse of the same text) and
 * checks it is a map of plain values.
 * @throws ScenarioError for malformed YAML, a forbidden tag or a top level that is not a map.
 */
function parsedDocument(text: string, file: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  if (lastParsed !== null && lastParsed.text === text) return lastParsed;
  const lineCounter = new LineCounter();
  // YAML merge keys (`<<: *defaults`) are accepted, as in YAML 1.1.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const src = new Source(file, doc, lineCounter);
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const { line, column } = src.linePos(err.pos[0]);
    throw new ScenarioError({ file, line, column, expected: 'valid YAML', actual: `an error: ${oneLine(err.message)}` });
  }
  const { yaml } = doc.directives;
  if (yaml.explicit && yaml.version !== '1.2') {
    // YAML 1.1 reads `2026-03-09T08:00:00-07:00` as a date and `yes` as true: one reading only.
    const at = src.linePos(Math.max(0, text.search(/^%YAML/m)));
    throw new ScenarioError({ file, ...at, expected: 'YAML 1.2 (a2psim reads every scenario as YAML 1.2: remove the directive)', actual: `%YAML ${yaml.version}` });
  }
  const keyed = findCollectionKey(doc.contents);
  if (keyed) {
    const at = keyed.node.range ? src.linePos(keyed.node.range[0]) : { line: 0, column: 0 };
    const what = isMap(keyed.node) ? 'a map' : 'a list';
    throw new ScenarioError({ file, ...at, path: formatPath(keyed.path), expected: 'field names as keys', actual: `${what} as a key` });
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
  lastParsed = { text, doc, lineCounter };
  return lastParsed;
}

/**
 * Reads and parses a scenario file (UTF-8).
 * @throws ScenarioError `FILE: cannot read scenario file (ENOENT: no such file or directory)`
 *   when it cannot be read, and every error of {@link parseScenario}.
 */
export function loadScenarioFile(path: string, overrides: ScenarioOverrides = {}): Scenario {
  return parseScenario(readScenarioFile(path), path, overrides);
}

/** Standard input's bytes, read once (every later load of `-` takes the same text). */
let stdinBytes: Buffer | null = null;

/** Reads all of standard input (a pipe, a file or a terminal until end of file), once. */
function readStdin(): Buffer {
  if (stdinBytes !== null) return stdinBytes;
  try {
    stdinBytes = readFileSync(0);
  } catch (e) {
    // A non-blocking stdin (some parents hand one over) refuses a plain read with EAGAIN.
    if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    stdinBytes = readFileSync('/dev/stdin');
  }
  return stdinBytes;
}

/**
 * The bytes of a scenario argument: the file's, or standard input's for `-` (read once).
 * @throws Error with the errno of a file that cannot be read.
 */
export function scenarioFileBytes(path: string): Buffer {
  return path === STDIN_ARG ? readStdin() : readFileSync(path);
}

/**
 * Reads a scenario file's text: UTF-8 only (see `encoding.ts`); `-` reads standard input
 * (once: every later read of `-` gets the same text), named `<stdin>` in messages.
 * @throws ScenarioError `FILE: cannot read scenario file (ENOENT: no such file or directory)`,
 *   or naming the encoding (or the first byte) of a file that is not UTF-8.
 */
export function readScenarioFile(argument: string): string {
  const path = scenarioFileName(argument);
  let bytes: Buffer;
  try {
    bytes = scenarioFileBytes(argument);
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
  return decodeScenarioBytes(bytes, path);
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
