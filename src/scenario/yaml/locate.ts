/**
 * Maps field paths of a parsed scenario back to YAML positions, and builds positioned
 * ScenarioErrors. The only module that knows both the YAML document and the JS data.
 */
import { isMap, isNode, isPair, isScalar, type Document, type LineCounter, type Node } from 'yaml';
import { describeValue, ScenarioError } from '../errors.js';

/** A field path: map keys and list indices, e.g. `['traffic', 0, 'expiry']`. */
export type FieldPath = readonly (string | number)[];

/** Formats a field path: `traffic[0].arrival.rate`, `account.mps.sms`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

/** Reads the value at `path` in plain data; undefined when any step is missing. */
export function valueAt(data: unknown, path: FieldPath): unknown {
  let cur: unknown = data;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, key)) return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((k, i) => path[i] === k);
}

/** What the loader knows about one scenario text, to point errors at their source. */
export class Source {
  /** Paths replaced by `--set`, with the setting as typed; an error under one reports file `--set`. */
  private readonly setPaths: FieldPath[] = [];
  private readonly setTexts: string[] = [];
  /** Plain data the errors describe (`got ...`); set once the document is converted. */
  data: unknown = undefined;

  constructor(
    readonly file: string,
    readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
  ) {}

  /** Records a path replaced by a `--set` override (`text`: the setting, `path=value`). */
  markSet(path: FieldPath, text = formatPath(path)): void {
    this.setPaths.push(path);
    this.setTexts.push(text);
  }

  /**
   * Describes the value at `path` for `got ...`: a number as written in the source
   * (`9007199254740993`, `1e308`), anything else by {@link describeValue}.
   */
  describeAt(path: FieldPath): string {
    const value = valueAt(this.data, path);
    const node = this.nodeAt(path);
    if (typeof value === 'number' && isScalar(node) && typeof node.source === 'string' && node.source !== '') return node.source;
    return describeValue(value);
  }

  /** Line and column (1-based) of a source offset. */
  linePos(offset: number): { line: number; column: number } {
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, column: col };
  }

  /** The node at `path` (its value), or undefined. */
  nodeAt(path: FieldPath): Node | undefined {
    const node = path.length === 0 ? this.doc.contents : this.doc.getIn(path, true);
    return isNode(node) ? node : undefined;
  }

  /** The key node of the last step of `path` in its map, or undefined. */
  keyNodeAt(path: FieldPath): Node | undefined {
    if (path.length === 0) return undefined;
    const parent = this.nodeAt(path.slice(0, -1));
    if (!isMap(parent)) return undefined;
    const name = String(path[path.length - 1]);
    for (const item of parent.items) {
      if (!isPair(item)) continue;
      const key = isScalar(item.key) ? item.key.value : item.key;
      if (String(key) === name && isNode(item.key)) return item.key;
    }
    return undefined;
  }

  /**
   * Position of `path`: its value node, else its key, else the nearest ancestor that
   * exists (a missing field is reported at the map that lacks it); 0:0 when none.
   */
  positionOf(path: FieldPath, atKey = false): { line: number; column: number } {
    for (let n = path.length; n >= 0; n--) {
      const sub = path.slice(0, n);
      const node = atKey && n === path.length ? this.keyNodeAt(sub) : (this.nodeAt(sub) ?? this.keyNodeAt(sub));
      if (node?.range) return this.linePos(node.range[0]);
    }
    return { line: 0, column: 0 };
  }

  /**
   * A ScenarioError at `path`. `actual` defaults to a description of the data there.
   * Errors under a `--set` path report file `--set` and no position. A constraint broken
   * by a `--set` elsewhere (inside this value, or at one of the `related` paths the
   * constraint compares it with) blames that setting:
   * `--set duration=1m: traffic[0].start (a.yaml:12:5): expected ..., got ...`.
   */
  error(path: FieldPath, expected: string, actual?: string, atKey = false, related: readonly FieldPath[] = []): ScenarioError {
    const shown = actual ?? this.describeAt(path);
    const path_ = formatPath(path);
    // Under a --set value, or at a map that --set created (it has no place in the file).
    const fromSet = this.setPaths.some(
      (p) => startsWith(path, p) || (startsWith(p, path) && this.nodeAt(path)?.range == null),
    );
    if (fromSet) {
      return new ScenarioError({ file: '--set', path: path_, expected, actual: shown });
    }
    const { line, column } = this.positionOf(path, atKey);
    const blamed = this.setPaths.findIndex(
      (p) => startsWith(p, path) || related.some((r) => startsWith(p, r) || startsWith(r, p)),
    );
    if (blamed >= 0) {
      const at = line > 0 ? ` (${this.file}:${line}:${column})` : ` (${this.file})`;
      return new ScenarioError({
        file: `--set ${this.setTexts[blamed]}`,
        expected,
        actual: shown,
        reason: `${path_}${at}: expected ${expected}, got ${shown}`,
      });
    }
    return new ScenarioError({ file: this.file, line, column, path: path_, expected, actual: shown });
  }
}
