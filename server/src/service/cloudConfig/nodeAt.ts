import { isMap, isPair, isSeq, type Pair } from 'yaml';
import { keyName, nodeRange } from './yamlNodes';
import { canonicalKey } from './schema';
import type { Dialect } from '../types';

export interface PathHit {
  /** Mapping keys from the root to the hit (list levels transparent). */
  readonly path: string[];
  readonly pair: Pair;
  /** Whether the offset is on the key (else on the value). */
  readonly onKey: boolean;
}

function within(node: unknown, offset: number): boolean {
  const r = nodeRange(node);
  return !!r && offset >= r[0] && offset <= r[1];
}

/** The innermost pair whose key or scalar value holds `offset`. */
export function pairAt(root: unknown, offset: number, dialect: Dialect): PathHit | undefined {
  let node: unknown = root;
  const path: string[] = [];
  let hit: PathHit | undefined;
  for (let depth = 0; depth < 200 && node; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (within(p.key, offset) || within(p.value, offset)));
      if (!pair || !isPair(pair)) return hit;
      const key = keyName(pair.key);
      if (key === undefined) return hit;
      path.push(canonicalKey(key, dialect));
      hit = { path: [...path], pair: pair as Pair, onKey: within(pair.key, offset) };
      if (hit.onKey) return hit;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items.find((i) => within(i, offset));
    } else {
      return hit;
    }
  }
  return hit;
}
