import { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  Hover,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
import { getLanguageService, type LanguageId } from '../../server/src/service/index';
import type { ServiceSettings } from '../../server/src/service/types';

let version = 0;

/** A document from text; `|` marks a caret position when `withCaret` is used. */
export function doc(text: string, lang: LanguageId = 'cloud-config', uri = 'file:///test/user-data'): TextDocument {
  return TextDocument.create(uri, lang, ++version, text);
}

/** Split a caret marker `|^|` out of the text: returns the text and the caret offset. */
export function caret(textWithCaret: string, marker = '|^|'): { text: string; offset: number } {
  const offset = textWithCaret.indexOf(marker);
  if (offset < 0) throw new Error('no caret marker in test text');
  return { text: textWithCaret.slice(0, offset) + textWithCaret.slice(offset + marker.length), offset };
}

export function service(settings: Partial<ServiceSettings> = {}) {
  return getLanguageService({ dialect: 'auto', rules: {}, ...settings });
}

export function diagnose(
  text: string,
  settings: Partial<ServiceSettings> = {},
  lang: LanguageId = 'cloud-config',
  uri?: string,
): Diagnostic[] {
  return service(settings).validate(uri ? doc(text, lang, uri) : doc(text, lang), lang);
}

export function codes(diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => String(d.code));
}

/** The diagnostics with a given code. */
export function withCode(diags: readonly Diagnostic[], code: string): Diagnostic[] {
  return diags.filter((d) => d.code === code);
}

/** The text a range of a document covers. */
export function rangeText(text: string, d: Diagnostic): string {
  const td = TextDocument.create('file:///x', 'x', 1, text);
  return text.slice(td.offsetAt(d.range.start), td.offsetAt(d.range.end));
}

/** Apply the edits of a code action to the text. */
export function applyAction(text: string, action: CodeAction, uri = 'file:///test/user-data'): string {
  const edits: TextEdit[] = action.edit?.changes?.[uri] ?? [];
  const td = TextDocument.create(uri, 'x', 1, text);
  return TextDocument.applyEdits(td, edits);
}

/** Quick fixes for the first diagnostic with `code`, applied one by one: returns [title, resulting text][]. */
export function fixesFor(
  text: string,
  code: string,
  settings: Partial<ServiceSettings> = {},
  lang: LanguageId = 'cloud-config',
): Array<[string, string]> {
  const svc = service(settings);
  const d = doc(text, lang);
  const diag = svc.validate(d, lang).find((x) => x.code === code);
  if (!diag)
    throw new Error(
      `no ${code} diagnostic; got ${svc
        .validate(d, lang)
        .map((x) => x.code)
        .join(', ')}`,
    );
  return svc
    .codeActions(d, lang, diag.range, ['quickfix'])
    .filter((a) => a.diagnostics?.some((x) => x.code === code))
    .map((a) => [a.title, applyAction(text, a, d.uri)]);
}

/** Quick fixes for one given diagnostic (e.g. the second of several with the same code): [title, resulting text][]. */
export function fixesForDiagnostic(
  text: string,
  diag: Diagnostic,
  settings: Partial<ServiceSettings> = {},
  lang: LanguageId = 'cloud-config',
): Array<[string, string]> {
  const svc = service(settings);
  const d = doc(text, lang);
  return svc
    .codeActions(d, lang, diag.range, ['quickfix'])
    .filter((a) =>
      a.diagnostics?.some(
        (x) =>
          x.code === diag.code &&
          x.range.start.line === diag.range.start.line &&
          x.range.start.character === diag.range.start.character &&
          x.range.end.line === diag.range.end.line &&
          x.range.end.character === diag.range.end.character,
      ),
    )
    .map((a) => [a.title, applyAction(text, a, d.uri)]);
}

/** Each diagnostic as `code: covered text`, for compact assertions on codes and exact ranges together. */
export function spans(text: string, diags: readonly Diagnostic[]): string[] {
  return diags.map((d) => `${String(d.code)}: ${rangeText(text, d)}`);
}

/** Completion at the `|^|` caret: the list, its labels, and the document text without the marker. */
export function completeAt(
  textWithCaret: string,
  settings: Partial<ServiceSettings> = {},
  lang: LanguageId = 'cloud-config',
): { list: CompletionList; labels: string[]; text: string } {
  const { text, offset } = caret(textWithCaret);
  const d = doc(text, lang);
  const list = service(settings).complete(d, lang, d.positionAt(offset));
  return { list, labels: list.items.map((i) => i.label), text };
}

/** Text a completion item inserts and where, applied to the document: the resulting text. */
export function applyCompletion(text: string, item: CompletionItem): string {
  const edit = item.textEdit;
  if (!edit || !('range' in edit)) throw new Error(`completion ${item.label} has no plain textEdit`);
  const td = TextDocument.create('file:///x', 'x', 1, text);
  return TextDocument.applyEdits(td, [edit]);
}

/** Hover at the `|^|` caret: its markdown (or undefined when there is no hover) and the text its range covers. */
export function hoverAt(
  textWithCaret: string,
  settings: Partial<ServiceSettings> = {},
  lang: LanguageId = 'cloud-config',
): { markdown: string | undefined; rangeText: string | undefined } {
  const { text, offset } = caret(textWithCaret);
  const d = doc(text, lang);
  const h: Hover | null = service(settings).hover(d, lang, d.positionAt(offset));
  if (!h) return { markdown: undefined, rangeText: undefined };
  const c = h.contents;
  const markdown =
    typeof c === 'string'
      ? c
      : Array.isArray(c)
        ? c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n')
        : c.value;
  const r = h.range;
  return { markdown, rangeText: r ? text.slice(d.offsetAt(r.start), d.offsetAt(r.end)) : undefined };
}

/** The text between two LSP positions of a document. */
export function textOfRange(text: string, range: Range): string {
  const td = TextDocument.create('file:///x', 'x', 1, text);
  return text.slice(td.offsetAt(range.start), td.offsetAt(range.end));
}

/** Only the `cloud-config/*` diagnostics (embedded systemd/iptables findings left out). */
export function cloudConfigDiagnostics(text: string, settings: Partial<ServiceSettings> = {}): Diagnostic[] {
  return diagnose(text, settings).filter((d) => String(d.code).startsWith('cloud-config/'));
}

/** A diagnostic's message as plain text (LSP 3.18 allows markup content too). */
export function messageOf(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
