import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver-types';
import type { KeySpec, KeyTable, ListType, ValueType } from '../data/keySpec';
import type { CloudConfigModel } from './parse';
import { yamlContextAt } from './yamlPath';
import { allowedValues, specAt, tableAt } from './schema';
import { keyMarkdown, typeLabel } from './keyDocs';
import { regionAt } from '../embedded/region';
import { completeIn } from '../embedded/delegate';
import { regionText } from '../embedded/hosted';
import { coreosShippedUnits } from '../data/shippedUnits';
import { asMap, asSeq, findPair, scalarText } from './yamlNodes';
import { eolOf } from '../text/lineEnding';
import { lineStartAt } from '../text/lines';
import { documentSnippetItems } from './documentSnippets';

const empty: CompletionList = { isIncomplete: false, items: [] };

function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, '\\$&');
}

/** Snippet inserted after the key name. */
function valueSnippet(type: ValueType): string {
  switch (type.kind) {
    case 'bool':
      return ': ${1|true,false|}';
    case 'string':
      return type.values?.length ? `: \${1|${type.values.map((v) => v.replace(/[,|]/g, '\\$&')).join(',')}|}` : ': $0';
    case 'map':
      return ':\n  $0';
    case 'list':
      return type.itemSnippet ? `:\n  - ${type.itemSnippet.replace(/\n/g, '\n  ')}` : ':\n  - $0';
    case 'oneOf': {
      const first = type.options[0];
      return first && first.kind !== 'oneOf' ? valueSnippet(first) : ': $0';
    }
    default:
      return ': $0';
  }
}

function keyItem(
  name: string,
  spec: KeySpec,
  where: string,
  range: { start: number; end: number },
  toPos: (o: number) => { line: number; character: number },
): CompletionItem {
  const item: CompletionItem = {
    label: name,
    kind:
      spec.type.kind === 'map' || spec.type.kind === 'list' ? CompletionItemKind.Module : CompletionItemKind.Property,
    detail: typeLabel(spec.type),
    documentation: { kind: MarkupKind.Markdown, value: keyMarkdown(name, spec, where) },
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.adjustIndentation,
    textEdit: {
      range: { start: toPos(range.start), end: toPos(range.end) },
      newText: `${escapeSnippet(name)}${valueSnippet(spec.type)}`,
    },
    sortText: `${spec.deprecated ? '2' : spec.required ? '0' : '1'}${name}`,
  };
  if (spec.deprecated) item.tags = [CompletionItemTag.Deprecated];
  return item;
}

export function completeCloudConfig(
  model: CloudConfigModel,
  offset: number,
  toPos: (o: number) => { line: number; character: number },
): CompletionList {
  const { text } = model;
  const lineStart = lineStartAt(text, offset);
  const region = regionAt(model.regions, offset);
  // Left of the block's indentation (a blank line in or after the block) typing ends the block: YAML keys apply.
  if (region && offset - lineStart >= region.indent)
    return completeIn(regionText(region, model.regions), offset, toPos);
  if (lineStart === 0 && !text.startsWith('#cloud-config')) {
    const prefix = text.slice(0, offset);
    if (/^#?[a-z-]*$/i.test(prefix)) {
      // Add a line break only when something follows on line 1 or the document is empty.
      const atLineEnd = text[offset] === '\n' || text[offset] === '\r';
      const newText = atLineEnd ? '#cloud-config' : `#cloud-config${eolOf(text)}`;
      const header: CompletionItem = {
        label: '#cloud-config',
        kind: CompletionItemKind.Keyword,
        detail: 'user-data header',
        textEdit: { range: { start: toPos(0), end: toPos(offset) }, newText },
      };
      const snippets = atLineEnd || offset === text.length ? wholeDocumentItems(model, 0, offset, toPos) : [];
      return { isIncomplete: false, items: [header, ...snippets] };
    }
  }
  if (text.slice(lineStart, offset).trimStart().startsWith('#')) return empty;
  const ctx = yamlContextAt(text, offset);
  const range = { start: ctx.wordStart, end: offset };
  if (ctx.valueOf !== undefined) {
    return { isIncomplete: false, items: valueItems(model, [...ctx.path, ctx.valueOf], range, toPos) };
  }
  const listSpec = ctx.path.length ? specAt(model.dialect, ctx.path) : undefined;
  if (ctx.atListLevel && listSpec && listOf(listSpec.type)?.itemSnippet) {
    // Under a list key with no `- ` typed yet: offer whole items, dash included.
    return { isIncomplete: false, items: itemSnippets(model, ctx.path, range, toPos, '- ') };
  }
  const table: KeyTable | undefined = tableAt(model.dialect, ctx.path);
  if (!table) return empty;
  const where = ctx.path.join('.');
  const items: CompletionItem[] = [];
  for (const [name, spec] of Object.entries(table)) {
    if (ctx.siblings.has(name) || spec.aliasOf) continue;
    items.push(keyItem(name, spec, where, range, toPos));
  }
  if (ctx.newItem) items.push(...itemSnippets(model, ctx.path, range, toPos));
  if (
    ctx.path.length === 0 &&
    !ctx.newItem &&
    ctx.wordStart === lineStart &&
    /^[ \t]*(\r?\n|$)/.test(text.slice(offset))
  ) {
    items.push(...wholeDocumentItems(model, ctx.wordStart, offset, toPos));
  }
  return { isIncomplete: false, items };
}

/** Top-level keys written at column 0 (read from the lines: a half-typed document may not parse). */
function topLevelKeys(text: string): Set<string> {
  return new Set([...text.matchAll(/^([A-Za-z_][\w-]*)[ \t]*:/gm)].map((m) => m[1] as string));
}

/** The whole user-data snippets for a prefix typed from `start` (column 0) to the cursor. */
function wholeDocumentItems(
  model: CloudConfigModel,
  start: number,
  offset: number,
  toPos: (o: number) => { line: number; character: number },
): CompletionItem[] {
  return documentSnippetItems({
    text: model.text,
    header: model.header,
    start,
    offset,
    topLevelKeys: topLevelKeys(model.text),
    toPos,
  });
}

/** The list form of a type (looking into oneOf). */
function listOf(type: ValueType): ListType | undefined {
  if (type.kind === 'list') return type;
  if (type.kind === 'oneOf') return type.options.find((o): o is ListType => o.kind === 'list');
  return undefined;
}

/** Whole list items (`- name: … command: start`) for the list the cursor starts an item in. */
function itemSnippets(
  model: CloudConfigModel,
  path: string[],
  range: { start: number; end: number },
  toPos: (o: number) => { line: number; character: number },
  dash = '',
): CompletionItem[] {
  const spec = specAt(model.dialect, path);
  const listType = spec ? listOf(spec.type) : undefined;
  const snippet = listType?.itemSnippet;
  if (!spec || !snippet) return [];
  const name = path[path.length - 1] ?? 'item';
  return [
    {
      label: `new ${name} entry`,
      kind: CompletionItemKind.Snippet,
      detail: `a complete ${name} list item`,
      documentation: { kind: MarkupKind.Markdown, value: keyMarkdown(name, spec, path.slice(0, -1).join('.')) },
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.adjustIndentation,
      textEdit: { range: { start: toPos(range.start), end: toPos(range.end) }, newText: dash + snippet },
      sortText: '0',
    },
  ];
}

function valueItems(
  model: CloudConfigModel,
  path: string[],
  range: { start: number; end: number },
  toPos: (o: number) => { line: number; character: number },
): CompletionItem[] {
  const spec = specAt(model.dialect, path);
  const key = path[path.length - 1];
  const parent = path[path.length - 2];
  const items: CompletionItem[] = [];
  const editRange = { start: toPos(range.start), end: toPos(range.end) };
  if (spec) {
    const values = allowedValues(spec.type.kind === 'list' ? spec.type.items : spec.type);
    for (const v of values) {
      items.push({
        label: v,
        kind: v === 'true' || v === 'false' ? CompletionItemKind.Keyword : CompletionItemKind.EnumMember,
        detail: key,
        textEdit: { range: editRange, newText: v },
      });
    }
  }
  if (key === 'name' && parent === 'units') {
    const defined = new Set<string>();
    const coreos = asMap(findPair(model.root, 'coreos', true)?.value);
    for (const u of asSeq(findPair(coreos, 'units', true)?.value)?.items ?? []) {
      const n = scalarText(findPair(asMap(u), 'name', true)?.value);
      if (n) defined.add(n);
    }
    for (const [unit, note] of Object.entries(coreosShippedUnits)) {
      if (defined.has(unit)) continue;
      items.push({
        label: unit,
        kind: CompletionItemKind.Module,
        detail: 'shipped with Container Linux',
        documentation: { kind: MarkupKind.Markdown, value: note },
        textEdit: { range: editRange, newText: unit },
      });
    }
  }
  return items;
}
