import { isMap, isPair, isScalar, isSeq, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

/** The key of a pair as the author wrote it (raw text for plain scalars, so `y:` stays "y"). */
export function keyName(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  const s = key as Scalar;
  if (s.type === 'PLAIN' && typeof s.source === 'string') return s.source;
  return s.value === null || s.value === undefined ? undefined : String(s.value);
}

export function nodeRange(node: unknown): [number, number] | undefined {
  if (node && typeof node === 'object' && 'range' in node) {
    const r = (node as { range?: [number, number, number] | null }).range;
    if (r) return [r[0], r[1]];
  }
  return undefined;
}

export function pairs(map: YAMLMap): Pair[] {
  return map.items.filter((p): p is Pair => isPair(p));
}

/** `a-b` → `a_b`; the string itself when it has no `-` (the common case allocates nothing). */
const underscored = (s: string): string => (s.includes('-') ? s.replace(/-/g, '_') : s);

/** Find a pair by key, optionally treating `-` and `_` as equal (CoreOS). */
export function findPair(map: YAMLMap | undefined, name: string, normalise = false): Pair | undefined {
  if (!map) return undefined;
  const want = normalise ? underscored(name) : name;
  // Runs for every key of every unit and file entry: no intermediate array of pairs.
  for (const p of map.items) {
    if (!isPair(p)) continue;
    const k = keyName(p.key);
    if (k === undefined) continue;
    if ((normalise ? underscored(k) : k) === want) return p as Pair;
  }
  return undefined;
}

export function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? (node as YAMLMap) : undefined;
}

export function asSeq(node: unknown): YAMLSeq | undefined {
  return isSeq(node) ? (node as YAMLSeq) : undefined;
}

export function asScalar(node: unknown): Scalar | undefined {
  return isScalar(node) ? (node as Scalar) : undefined;
}

/** String value of a scalar as the machine reads it into a string field (raw text for plain scalars). */
export function scalarText(node: unknown): string | undefined {
  const s = asScalar(node);
  if (!s) return undefined;
  if (s.type === 'PLAIN' && typeof s.source === 'string') return s.source;
  if (s.value === null || s.value === undefined) return undefined;
  return typeof s.value === 'string' ? s.value : String(s.value);
}
