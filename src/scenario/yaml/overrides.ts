/**
 * `--set path=value` overrides, applied to the YAML document before validation so that
 * they are checked exactly like the file. Errors name file `--set`.
 */
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { describeValue, ScenarioError } from '../errors.js';
import { type FieldPath, formatPath, Source } from './locate.js';
import { decimalExpected, readDecimal } from '../numbers.js';
import { findCollectionKey, findForbiddenTag, shortTag } from './yamlsafety.js';

const SET_FILE = '--set';
const PATH_RE = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*$/;
const STEP_RE = /\.?([A-Za-z_][\w-]*)|\[(\d+)\]/g;

function setError(path: string, expected: string, actual: string): ScenarioError {
  return new ScenarioError({ file: SET_FILE, path, expected, actual });
}

/**
 * Splits `traffic[0].expiry=30` into a field path and a value parsed as a YAML scalar or
 * flow collection (`30`, `50/s`, `[lc1, tf1]`, `{ rate: 5/s }`).
 * @throws ScenarioError (file `--set`) for a missing `=`, a malformed path, a value that
 *   is not valid YAML or that carries a tag.
 */
export function parseSetting(setting: string): { path: FieldPath; value: unknown; text: string } {
  const eq = setting.indexOf('=');
  if (eq <= 0) throw setError('', 'path=value, such as traffic[0].expiry=30', describeValue(setting));
  const pathText = setting.slice(0, eq).trim();
  if (!PATH_RE.test(pathText)) {
    throw setError('', 'a field path such as traffic[0].expiry or account.mps.sms', describeValue(pathText));
  }
  const path: (string | number)[] = [];
  for (const m of pathText.matchAll(STEP_RE)) path.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  const valueText = setting.slice(eq + 1);
  const doc = parseDocument(valueText, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw setError(pathText, 'a YAML value', `an error: ${doc.errors[0].message}`);
  }
  const tagged = findForbiddenTag(doc.contents);
  if (tagged) throw setError(pathText, 'a value without a YAML tag', `tag ${shortTag(tagged.tag)}`);
  const keyed = findCollectionKey(doc.contents);
  if (keyed) throw setError(pathText, 'field names as keys', `${isMap(keyed.node) ? 'a map' : 'a list'} as a key`);
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  // A number is taken only as typed: one a double would round is refused, not changed
  // (its range is the field's, checked by the schema).
  if (typeof value === 'number') {
    const r = readDecimal(valueText);
    if ('problem' in r && r.problem === 'precision') throw setError(pathText, decimalExpected('precision'), valueText.trim());
  }
  return { path, value, text: `${pathText}=${valueText.trim()}` };
}

/**
 * Applies one parsed setting to the document. Every list index must name an existing
 * element; a missing map on the way is created.
 * @throws ScenarioError (file `--set`) for an index into a missing list or past its
 *   end, or a step into a value that is not a map or list.
 */
export function applySetting(src: Source, path: FieldPath, value: unknown, text?: string): void {
  for (let i = 0; i < path.length; i++) {
    const prefix = path.slice(0, i);
    const key = path[i];
    const parent = src.nodeAt(prefix);
    const at = formatPath(path.slice(0, i + 1));
    if (parent === undefined || (i > 0 && isNull(parent))) {
      if (typeof key === 'number') throw setError(at, `an existing list at ${formatPath(prefix)}`, 'nothing');
      // An empty `key:` becomes a map; setIn creates any missing maps from here on.
      if (parent !== undefined) src.doc.setIn(prefix, src.doc.createNode({}));
      break;
    }
    if (isSeq(parent)) {
      if (typeof key !== 'number') throw setError(at, `a list index at ${formatPath(prefix)}`, describeValue(key));
      if (key >= parent.items.length) {
        const range = parent.items.length === 0 ? 'none, the list is empty' : `0 to ${parent.items.length - 1}`;
        throw setError(at, `an index of an existing element (${range})`, String(key));
      }
    } else if (isMap(parent)) {
      if (typeof key === 'number') throw setError(at, `a field name (${formatPath(prefix)} is a map)`, `[${key}]`);
    } else {
      throw setError(at, `a map or list at ${formatPath(prefix) || 'the top level'}`, 'a plain value');
    }
  }
  const node = src.doc.createNode(value);
  // Keep a number as typed (`9007199254740993`, `1e308`) for error messages.
  if (isScalar(node) && typeof value === 'number' && text !== undefined) node.source = text.slice(text.indexOf('=') + 1);
  src.doc.setIn(path, node);
  src.markSet(path, text);
}

function isNull(node: unknown): boolean {
  return typeof node === 'object' && node !== null && 'value' in node && (node as { value: unknown }).value === null;
}
