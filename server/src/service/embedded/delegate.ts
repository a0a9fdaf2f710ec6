import { MarkupKind, type CompletionList, type Hover } from 'vscode-languageserver-types';
import { embeddedLanguage } from './languages';
import { toDocumentOffset, toEmbeddedOffset, type EmbeddedLanguage, type EmbeddedRegion } from './region';
import { isComposePath } from '../compose/composePorts';

/** The language that assists in a region: a Compose file written by write_files is answered by the Compose service. */
function assistLanguage(region: EmbeddedRegion): EmbeddedLanguage {
  return region.language === 'other' && region.origin === 'write-file' && isComposePath(region.path) ? 'compose' : region.language;
}

type ToPos = (o: number) => { line: number; character: number };

/** Completion inside an embedded region, answered by the region's language (if one is registered). */
export function completeInRegion(region: EmbeddedRegion, regions: readonly EmbeddedRegion[], docOffset: number, toPos: ToPos): CompletionList {
  const service = embeddedLanguage(assistLanguage(region));
  const at = toEmbeddedOffset(region, docOffset);
  if (!service?.complete || at === undefined) return { isIncomplete: false, items: [] };
  const result = service.complete({ text: region.text, region, siblings: regions }, at);
  if (!result) return { isIncomplete: false, items: [] };
  const range = { start: toPos(toDocumentOffset(region, result.replaceStart)), end: toPos(docOffset) };
  return {
    isIncomplete: result.isIncomplete ?? false,
    items: result.items.map((item) => ({ ...item, textEdit: { range, newText: item.insertText ?? item.label } })),
  };
}

/** Hover inside an embedded region. */
export function hoverInRegion(region: EmbeddedRegion, regions: readonly EmbeddedRegion[], docOffset: number, toPos: ToPos): Hover | null {
  const service = embeddedLanguage(assistLanguage(region));
  const at = toEmbeddedOffset(region, docOffset);
  if (!service?.hover || at === undefined) return null;
  const h = service.hover({ text: region.text, region, siblings: regions }, at);
  if (!h) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: h.markdown },
    range: { start: toPos(toDocumentOffset(region, h.start)), end: toPos(toDocumentOffset(region, h.end)) },
  };
}
