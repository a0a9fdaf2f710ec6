import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type CompletionList, type Hover, type Position } from 'vscode-languageserver-types';
import type { LanguageId } from './types';
import { embeddedLanguage } from './embedded/languages';

/** Completion in a standalone rules-save or unit file, by the same module that serves embedded content. */
export function completeStandalone(doc: TextDocument, lang: LanguageId, pos: Position): CompletionList {
  const service = lang === 'cloud-config' ? undefined : embeddedLanguage(lang);
  const offset = doc.offsetAt(pos);
  const result = service?.complete?.({ text: doc.getText(), region: undefined, siblings: [], uri: doc.uri }, offset);
  if (!result) return { isIncomplete: false, items: [] };
  const range = { start: doc.positionAt(result.replaceStart), end: pos };
  return { isIncomplete: result.isIncomplete ?? false, items: result.items.map((i) => ({ ...i, textEdit: { range, newText: i.insertText ?? i.label } })) };
}

export function hoverStandalone(doc: TextDocument, lang: LanguageId, pos: Position): Hover | null {
  const service = lang === 'cloud-config' ? undefined : embeddedLanguage(lang);
  const h = service?.hover?.({ text: doc.getText(), region: undefined, siblings: [], uri: doc.uri }, doc.offsetAt(pos));
  if (!h) return null;
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: { start: doc.positionAt(h.start), end: doc.positionAt(h.end) } };
}
