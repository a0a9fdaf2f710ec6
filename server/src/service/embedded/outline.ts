import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import type { Pair } from 'yaml';
import { embeddedLanguage, type OffsetSymbol } from './languages';
import type { EmbeddedRegion } from './region';
import { regionText, type HostedText } from './hosted';

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

function symbolsOf(hosted: HostedText): OffsetSymbol[] {
  try {
    return embeddedLanguage(hosted.language)?.symbols?.(hosted.context) ?? [];
  } catch {
    return [];
  }
}

function foldsOf(hosted: HostedText): Array<{ start: number; end: number }> {
  try {
    return embeddedLanguage(hosted.language)?.folding?.(hosted.context) ?? [];
  } catch {
    return [];
  }
}

/** Outline of a served text (a region or a standalone file), in document positions. */
export function symbolsIn(hosted: HostedText, toPos: ToPos): DocumentSymbol[] {
  return symbolsOf(hosted).map((s) => toDocumentSymbol(s, hosted.map.toDocument, toPos));
}

/** Folding ranges of a served text, in document lines. */
export function foldingIn(hosted: HostedText, lineOf: (o: number) => number): FoldingRange[] {
  return foldsOf(hosted).flatMap(({ start, end }) => {
    const a = lineOf(hosted.map.toDocument(start));
    const b = lineOf(hosted.map.toDocument(end));
    return b > a ? [{ startLine: a, endLine: b }] : [];
  });
}

/** Outline entries of the embedded content held by a `content:` pair (empty when it is not a mapped region). */
export function embeddedSymbolsFor(regions: readonly EmbeddedRegion[], toPos: ToPos): (pair: Pair) => DocumentSymbol[] {
  return (pair) => {
    const region = regions.find((r) => r.contentPair === pair);
    if (!region || !region.mappable || region.language === 'other') return [];
    return symbolsIn(regionText(region, regions), toPos);
  };
}

/** Folding ranges inside every mapped embedded region, in document lines. */
export function embeddedFolding(regions: readonly EmbeddedRegion[], lineOf: (o: number) => number): FoldingRange[] {
  const out: FoldingRange[] = [];
  for (const region of regions) {
    if (!region.mappable || region.language === 'other') continue;
    for (const range of foldingIn(regionText(region, regions), lineOf)) out.push(range);
  }
  return out;
}
