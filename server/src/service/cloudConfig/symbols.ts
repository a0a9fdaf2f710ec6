import { isMap, isPair, isScalar, isSeq, type Pair } from 'yaml';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { CloudConfigModel } from './parse';
import { keyName, nodeRange, scalarText, findPair } from './yamlNodes';

type ToPos = (o: number) => { line: number; character: number };
/** Outline entries of embedded content under a `content:` pair (units, rules). */
type EmbeddedChildren = (pair: Pair) => DocumentSymbol[];

const itemLabelKeys = ['name', 'path'];
const maxDepth = 6;

function itemName(node: unknown, normalise: boolean): string | undefined {
  if (!isMap(node)) return isScalar(node) ? scalarText(node)?.slice(0, 60) : undefined;
  for (const k of itemLabelKeys) {
    const v = scalarText(findPair(node, k, normalise)?.value);
    if (v) return v;
  }
  return undefined;
}

function kindOf(value: unknown): SymbolKind {
  if (isMap(value)) return SymbolKind.Module;
  if (isSeq(value)) return SymbolKind.Array;
  if (isScalar(value)) {
    const v = value.value;
    if (typeof v === 'boolean') return SymbolKind.Boolean;
    if (typeof v === 'number') return SymbolKind.Number;
  }
  return SymbolKind.Property;
}

function children(value: unknown, toPos: ToPos, depth: number, normalise: boolean, inner: EmbeddedChildren): DocumentSymbol[] {
  if (depth > maxDepth) return [];
  if (isMap(value)) return value.items.flatMap((p) => (isPair(p) ? pairSymbol(p as Pair, toPos, depth, normalise, inner) : []));
  if (isSeq(value)) {
    return value.items.flatMap((item, i) => {
      const r = nodeRange(item);
      if (!r) return [];
      const name = itemName(item, normalise) ?? `[${i}]`;
      return [{
        name,
        kind: isMap(item) ? SymbolKind.Object : SymbolKind.String,
        range: { start: toPos(r[0]), end: toPos(r[1]) },
        selectionRange: { start: toPos(r[0]), end: toPos(r[0]) },
        children: isMap(item) ? children(item, toPos, depth + 1, normalise, inner) : [],
      }];
    });
  }
  return [];
}

function pairSymbol(pair: Pair, toPos: ToPos, depth: number, normalise: boolean, inner: EmbeddedChildren): DocumentSymbol[] {
  const name = keyName(pair.key);
  const k = nodeRange(pair.key);
  if (name === undefined || !k) return [];
  const v = nodeRange(pair.value);
  const end = v ? Math.max(v[1], k[1]) : k[1];
  const detail = isScalar(pair.value) && typeof pair.value.value !== 'string' ? String(pair.value.value) : isScalar(pair.value) && !/\n/.test(String(pair.value.value)) ? String(pair.value.value).slice(0, 60) : undefined;
  const sym: DocumentSymbol = {
    name,
    kind: kindOf(pair.value),
    range: { start: toPos(k[0]), end: toPos(end) },
    selectionRange: { start: toPos(k[0]), end: toPos(k[1]) },
    children: isScalar(pair.value) ? inner(pair) : children(pair.value, toPos, depth + 1, normalise, inner),
  };
  if (detail) sym.detail = detail;
  return [sym];
}

/** Outline: top-level keys, list items named by their `name`/`path`, nested keys, embedded units and rules. */
export function cloudConfigSymbols(model: CloudConfigModel, toPos: ToPos, inner: EmbeddedChildren = () => []): DocumentSymbol[] {
  return model.root ? children(model.root, toPos, 0, model.dialect === 'coreos', inner) : [];
}
