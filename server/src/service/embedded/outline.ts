import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import type { Pair } from 'yaml';
import { embeddedLanguage, type EmbeddedContext, type OffsetSymbol } from './languages';
import { toDocumentOffset, type EmbeddedLanguage, type EmbeddedRegion } from './region';

type ToPos = (o: number) => { line: number; character: number };

function toDocumentSymbol(s: OffsetSymbol, map: (o: number) => number, toPos: ToPos): DocumentSymbol {
  const sym: DocumentSymbol = {
    name: s.name || ' ',
    kind: s.kind as DocumentSymbol['kind'],
    range: { start: toPos(map(s.start)), end: toPos(map(s.end)) },
    selectionRange: { start: toPos(map(s.selectionStart)), end: toPos(map(s.selectionEnd)) },
    children: (s.children ?? []).map((c) => toDocumentSymbol(c, map, toPos)),
  };
  if (s.detail) sym.detail = s.detail;
  return sym;
}

function symbolsOf(language: EmbeddedLanguage, ctx: EmbeddedContext): OffsetSymbol[] {
  try {
    return embeddedLanguage(language)?.symbols?.(ctx) ?? [];
  } catch {
    return [];
  }
}

function foldsOf(language: EmbeddedLanguage, ctx: EmbeddedContext): Array<{ start: number; end: number }> {
  try {
    return embeddedLanguage(language)?.folding?.(ctx) ?? [];
  } catch {
    return [];
  }
}

/** Outline of a standalone rules-save or unit file. */
export function standaloneSymbols(language: EmbeddedLanguage, ctx: EmbeddedContext, toPos: ToPos): DocumentSymbol[] {
  return symbolsOf(language, ctx).map((s) => toDocumentSymbol(s, (o) => o, toPos));
}

/** Folding of a standalone rules-save or unit file. */
export function standaloneFolding(language: EmbeddedLanguage, ctx: EmbeddedContext, lineOf: (o: number) => number): FoldingRange[] {
  return foldsOf(language, ctx).flatMap(({ start, end }) => {
    const a = lineOf(start);
    const b = lineOf(end);
    return b > a ? [{ startLine: a, endLine: b }] : [];
  });
}

/** Outline entries of the embedded content held by a `content:` pair (empty when it is not a mapped region). */
export function embeddedSymbolsFor(regions: readonly EmbeddedRegion[], toPos: ToPos): (pair: Pair) => DocumentSymbol[] {
  return (pair) => {
    const region = regions.find((r) => r.contentPair === pair);
    if (!region || !region.mappable || region.language === 'other') return [];
    const ctx: EmbeddedContext = { text: region.text, region, siblings: regions };
    return symbolsOf(region.language, ctx).map((s) => toDocumentSymbol(s, (o) => toDocumentOffset(region, o), toPos));
  };
}

/** Folding ranges inside every mapped embedded region, in document lines. */
export function embeddedFolding(regions: readonly EmbeddedRegion[], lineOf: (o: number) => number): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const region of regions) {
    if (!region.mappable || region.language === 'other') continue;
    const ctx: EmbeddedContext = { text: region.text, region, siblings: regions };
    for (const { start, end } of foldsOf(region.language, ctx)) {
      const a = lineOf(toDocumentOffset(region, start));
      const b = lineOf(toDocumentOffset(region, end));
      if (b > a) out.push({ startLine: a, endLine: b });
    }
  }
  return out;
}
