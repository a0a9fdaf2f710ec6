import { MarkupKind, type CompletionList, type Hover } from 'vscode-languageserver-types';
import { embeddedLanguage } from './languages';
import type { HostedText } from './hosted';
import type { EmbeddedLanguage } from './region';
import { isComposePath } from '../compose/composePorts';

/**
 * The language that assists in a served text: a Compose file written by write_files is answered by the
 * Compose service.
 */
function assistLanguage(hosted: HostedText): EmbeddedLanguage {
  const region = hosted.context.region;
  return hosted.language === 'other' && region?.origin === 'write-file' && isComposePath(region.path)
    ? 'compose'
    : hosted.language;
}

type ToPos = (o: number) => { line: number; character: number };

/** Completion in a served text (a region or a standalone file), answered by its language (if one is registered). */
export function completeIn(hosted: HostedText, docOffset: number, toPos: ToPos): CompletionList {
  const service = embeddedLanguage(assistLanguage(hosted));
  const at = hosted.map.toText(docOffset);
  if (!service?.complete || at === undefined) return { isIncomplete: false, items: [] };
  const result = service.complete(hosted.context, at);
  if (!result) return { isIncomplete: false, items: [] };
  const range = { start: toPos(hosted.map.toDocument(result.replaceStart)), end: toPos(docOffset) };
  return {
    isIncomplete: result.isIncomplete ?? false,
    items: result.items.map((item) => ({ ...item, textEdit: { range, newText: item.insertText ?? item.label } })),
  };
}

/** Hover in a served text (a region or a standalone file). */
export function hoverIn(hosted: HostedText, docOffset: number, toPos: ToPos): Hover | null {
  const service = embeddedLanguage(assistLanguage(hosted));
  const at = hosted.map.toText(docOffset);
  if (!service?.hover || at === undefined) return null;
  const h = service.hover(hosted.context, at);
  if (!h) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: h.markdown },
    range: { start: toPos(hosted.map.toDocument(h.start)), end: toPos(hosted.map.toDocument(h.end)) },
  };
}
