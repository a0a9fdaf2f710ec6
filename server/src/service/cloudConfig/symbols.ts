import { isMap, isPair, isScalar, isSeq, type Pair } from 'yaml';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { CloudConfigModel } from './parse';
import { keyName, nodeRange, scalarText, findPair } from './yamlNodes';
import { hidden, redactSecrets, shownValue } from '../secretValue';

type ToPos = (o: number) => { line: number; character: number };
/** Outline entries of embedded content under a `content:` pair (units, rules). */
type EmbeddedChildren = (pair: Pair) => DocumentSymbol[];

const itemLabelKeys = ['name', 'path'];
/** How much of a value is looked at for secrets before the first 60 characters are shown. */
const shownPrefix = 4096;
const maxDepth = 6;

/** A list item's outline name: a scalar item's text (secrets hidden before it is cut), or its `name`/`path`. */
function itemName(node: unknown, normalise: boolean): string | undefined {
  if (!isMap(node)) {
    const t = isScalar(node) ? scalarText(node) : undefined;
    return t === undefined ? undefined : redactSecrets(t.slice(0, shownPrefix)).slice(0, 60);
  }
  for (const k of itemLabelKeys) {
    const v = scalarText(findPair(node, k, normalise)?.value);
    if (v) return redactSecrets(v.slice(0, shownPrefix));
  }
  return undefined;
}

/** `content:` of a write_files entry with an `encoding:` other than text: opaque, never shown. */
function encodedContent(map: unknown, normalise: boolean): boolean {
  if (!isMap(map)) return false;
  const encoding = scalarText(findPair(map, 'encoding', normalise)?.value);
  return encoding !== undefined && !/^text(\/plain)?$/i.test(encoding.trim());
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
  if (isMap(value)) {
    const opaque = encodedContent(value, normalise);
    return value.items.flatMap((p) =>
      isPair(p) ? pairSymbol(p as Pair, toPos, depth, normalise, inner, text, opaque) : [],
    );
  }
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
 * characters, and never a secret (a password, a token, a private key, a password hash, a URL's
 * password, encoded file content).
 */
function scalarDetail(pair: Pair, text: string, name: string, opaque: boolean): string | undefined {
  const value = pair.value;
  if (!isScalar(value)) return undefined;
  if (opaque && name === 'content') return hidden;
  let shown: string;
  if (typeof value.value === 'string') {
    if (/\n/.test(value.value)) return undefined;
    shown = redactSecrets(value.value.slice(0, shownPrefix)).slice(0, 60);
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
  opaque: boolean,
): DocumentSymbol[] {
  const name = keyName(pair.key);
  const k = nodeRange(pair.key);
  if (name === undefined || !k) return [];
  const v = nodeRange(pair.value);
  const end = v ? Math.max(v[1], k[1]) : k[1];
  const detail = scalarDetail(pair, text, name, opaque);
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
