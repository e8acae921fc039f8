/**
 * Safety checks on a parsed YAML document before it becomes data: a scenario may use
 * only the YAML core schema's own tags, so that no custom tag (`!!js/function`, `!foo`)
 * can ever be given a meaning.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node } from 'yaml';
import type { FieldPath } from './locate.js';

const CORE = 'tag:yaml.org,2002:';
/** Explicit tags allowed: those of the YAML 1.2 core schema. */
export const ALLOWED_TAGS: ReadonlySet<string> = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => CORE + t),
);

/** A tag as written in YAML: `!!js/function` for `tag:yaml.org,2002:js/function`. */
export function shortTag(tag: string): string {
  return tag.startsWith(CORE) ? `!!${tag.slice(CORE.length)}` : tag;
}

/** The first node carrying a tag outside {@link ALLOWED_TAGS}, with its field path. */
export function findForbiddenTag(node: unknown, path: FieldPath = []): { node: Node; path: FieldPath; tag: string } | undefined {
  if (isAlias(node) || node === null || node === undefined) return undefined;
  if (isScalar(node) || isMap(node) || isSeq(node)) {
    if (node.tag !== undefined && !ALLOWED_TAGS.has(node.tag)) return { node, path, tag: node.tag };
  }
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const name = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const inKey = findForbiddenTag(item.key, [...path, name]);
      if (inKey) return inKey;
      const inValue = findForbiddenTag(item.value, [...path, name]);
      if (inValue) return inValue;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const found = findForbiddenTag(node.items[i], [...path, i]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The first alias (in document order) at which the aliases expanded so far exceed `max`
 * nodes ("billion laughs"), with its field path and the running total. An alias expands
 * to 1 plus what the aliases inside its anchored node expand to.
 */
export function findAliasBomb(doc: Document, max: number): { node: Alias; path: FieldPath; total: number } | undefined {
  const sizes = new Map<Node, number>();
  const inside = (node: unknown, depth: number): number => {
    if (depth > 64) return Infinity;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target === undefined) return 1;
      let size = sizes.get(target);
      if (size === undefined) {
        size = inside(target, depth + 1);
        sizes.set(target, size);
      }
      return 1 + size;
    }
    let n = 0;
    if (isMap(node)) for (const item of node.items) n += inside(item.key, depth) + inside(item.value, depth);
    else if (isSeq(node)) for (const item of node.items) n += inside(item, depth);
    return n;
  };
  let total = 0;
  let found: { node: Alias; path: FieldPath; total: number } | undefined;
  const walk = (node: unknown, path: FieldPath): void => {
    if (found !== undefined) return;
    if (isAlias(node)) {
      total += inside(node, 0);
      if (total > max) found = { node, path, total };
    } else if (isMap(node)) {
      for (const item of node.items) {
        const name = isScalar(item.key) ? String(item.key.value) : String(item.key);
        walk(item.value, [...path, name]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...path, i]));
    }
  };
  walk(doc.contents, []);
  return found;
}

/**
 * The first map key that is a list or a map (`? [a, b]`), with the path of its map: such a
 * key has no field name (the YAML reader would stringify it, with a Node warning).
 */
export function findCollectionKey(node: unknown, path: FieldPath = []): { node: Node; path: FieldPath } | undefined {
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      if (isMap(item.key) || isSeq(item.key)) return { node: item.key, path };
      const name = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const found = findCollectionKey(item.value, [...path, name]);
      if (found) return found;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const found = findCollectionKey(node.items[i], [...path, i]);
      if (found) return found;
    }
  }
  return undefined;
}
