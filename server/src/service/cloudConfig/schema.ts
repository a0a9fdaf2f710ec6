import type { Dialect } from '../types';
import type { KeySpec, KeyTable, ValueType } from '../data/keySpec';
import { coreosTopLevel } from '../data/coreosKeys';
import { cloudInitTopLevel } from '../data/cloudInitKeys';

export function topLevelTable(dialect: Dialect): KeyTable {
  return dialect === 'coreos' ? coreosTopLevel : cloudInitTopLevel;
}

/** Canonical form of a key for a dialect: CoreOS treats `-` and `_` alike. */
export function canonicalKey(key: string, dialect: Dialect): string {
  return dialect === 'coreos' ? key.replace(/-/g, '_') : key;
}

export function lookupKey(table: KeyTable, key: string, dialect: Dialect): KeySpec | undefined {
  if (Object.prototype.hasOwnProperty.call(table, key)) return table[key];
  const canon = canonicalKey(key, dialect);
  return Object.prototype.hasOwnProperty.call(table, canon) ? table[canon] : undefined;
}

/** Keys of the mapping a type describes (looking through oneOf and list items). */
export function mapKeysOf(type: ValueType): KeyTable | undefined {
  switch (type.kind) {
    case 'map':
      return type.keys;
    case 'list':
      return mapKeysOf(type.items);
    case 'oneOf': {
      for (const o of type.options) {
        const k = o.kind === 'map' ? o.keys : undefined;
        if (k) return k;
      }
      for (const o of type.options) {
        const k = mapKeysOf(o);
        if (k) return k;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Resolve a path of keys (list levels are skipped by the caller) to the key table of that level.
 * `path` holds mapping keys only; list items are transparent.
 */
export function tableAt(dialect: Dialect, path: readonly string[]): KeyTable | undefined {
  let table: KeyTable | undefined = topLevelTable(dialect);
  for (const key of path) {
    if (!table) return undefined;
    const spec = lookupKey(table, key, dialect);
    if (!spec) return undefined;
    table = mapKeysOf(spec.type);
  }
  return table;
}

export function specAt(dialect: Dialect, path: readonly string[]): KeySpec | undefined {
  if (path.length === 0) return undefined;
  const table = tableAt(dialect, path.slice(0, -1));
  return table ? lookupKey(table, path[path.length - 1] as string, dialect) : undefined;
}

/** String values a type allows (enums, booleans), for completion and fixes. */
export function allowedValues(type: ValueType): string[] {
  switch (type.kind) {
    case 'string':
      return [...(type.values ?? [])];
    case 'bool':
      return ['true', 'false'];
    case 'oneOf':
      return [...new Set(type.options.flatMap(allowedValues))];
    default:
      return [];
  }
}
