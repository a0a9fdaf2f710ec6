import { isMap, isPair, isScalar, isSeq, type Pair } from 'yaml';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { CloudConfigModel } from './parse';
import { keyName, nodeRange, scalarText, findPair } from './yamlNodes';
import { shownValue } from '../secretValue';

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

function children(
  value: unknown,
  toPos: ToPos,
  depth: number,
  normalise: boolean,
  inner: EmbeddedChildren,
  text: string,
): DocumentSymbol[] {
  if (depth > maxDepth) return [];
  if (isMap(value))
    return value.items.flatMap((p) => (isPair(p) ? pairSymbol(p as Pair, toPos, depth, normalise, inner, text) : []));
  if (isSeq(value)) {
    return value.items.flatMap((item, i) => {
      const r = nodeRange(item);
      if (!r) return [];
      const name = itemName(item, normalise) ?? `[${i}]`;
      return [
        {
          name,
          kind: isMap(item) ? SymbolKind.Object : SymbolKind.String,
          range: { start: toPos(r[0]), end: toPos(r[1]) },
          selectionRange: { start: toPos(r[0]), end: toPos(r[0]) },
          children: isMap(item) ? children(item, toPos, depth + 1, normalise, inner, text) : [],
        },
      ];
    });
  }
  return [];
}

/**
 * The value of a scalar pair as the outline shows it: a number, boolean or null as written
 * (`permissions: 0644` is `0644`, not the 420 YAML 1.1 reads), a one-line string up to 60
 * characters, and never a secret (a password, a token, a private key, a password hash).
 */
function scalarDetail(pair: Pair, text: string, name: string): string | undefined {
  const value = pair.value;
  if (!isScalar(value)) return undefined;
  let shown: string;
  if (typeof value.value === 'string') {
    if (/\n/.test(value.value)) return undefined;
    shown = value.value.slice(0, 60);
  } else {
    const r = nodeRange(value);
    shown = r ? text.slice(r[0], r[1]).trim().slice(0, 60) : String(value.value);
  }
  return shown ? shownValue(name, shown) : undefined;
}

function pairSymbol(
  pair: Pair,
  toPos: ToPos,
  depth: number,
  normalise: boolean,
  inner: EmbeddedChildren,
  text: string,
): DocumentSymbol[] {
  const name = keyName(pair.key);
  const k = nodeRange(pair.key);
  if (name === undefined || !k) return [];
  const v = nodeRange(pair.value);
  const end = v ? Math.max(v[1], k[1]) : k[1];
  const detail = scalarDetail(pair, text, name);
  const sym: DocumentSymbol = {
    name,
    kind: kindOf(pair.value),
    range: { start: toPos(k[0]), end: toPos(end) },
    selectionRange: { start: toPos(k[0]), end: toPos(k[1]) },
    children: isScalar(pair.value) ? inner(pair) : children(pair.value, toPos, depth + 1, normalise, inner, text),
  };
  if (detail) sym.detail = detail;
  return [sym];
}

/** Outline: top-level keys, list items named by their `name`/`path`, nested keys, embedded units and rules. */
export function cloudConfigSymbols(
  model: CloudConfigModel,
  toPos: ToPos,
  inner: EmbeddedChildren = () => [],
): DocumentSymbol[] {
  return model.root ? children(model.root, toPos, 0, model.dialect === 'coreos', inner, model.text) : [];
}
