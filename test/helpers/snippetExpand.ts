// Snippet text expanded as VS Code does when the user accepts every default: placeholders become their
// default text, choices the first (or a chosen) option, mirrors the value of their placeholder.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';

/**
 * Expand a snippet body as accepting every default does. `choices` picks an option per tab stop
 * (default: the first); `final` replaces `$0`. Throws on malformed snippet syntax (unclosed `${`).
 */
export function expandSnippet(body: string, choices: Readonly<Record<number, number>> = {}, final = ''): string {
  const values = new Map<number, string>();
  let i = 0;
  const parse = (stopAt: string | undefined): string => {
    let out = '';
    while (i < body.length) {
      const c = body[i]!;
      if (stopAt !== undefined && c === stopAt) return out;
      if (c === '\\' && i + 1 < body.length && '$}\\|,'.includes(body[i + 1]!)) {
        out += body[i + 1];
        i += 2;
        continue;
      }
      if (c !== '$') {
        out += c;
        i++;
        continue;
      }
      const simple = /^\$(\d+)/.exec(body.slice(i));
      if (simple) {
        i += simple[0].length;
        out += tabStop(Number(simple[1]), undefined);
        continue;
      }
      const open = /^\$\{(\d+)(:|\||\})/.exec(body.slice(i));
      if (!open) throw new Error(`unsupported snippet syntax at ${i}: ${body.slice(i, i + 20)}`);
      const n = Number(open[1]);
      i += open[0].length;
      if (open[2] === '}') {
        out += tabStop(n, undefined);
      } else if (open[2] === ':') {
        const inner = parse('}');
        if (body[i] !== '}') throw new Error(`unclosed placeholder \${${n}:`);
        i++;
        out += tabStop(n, inner);
      } else {
        const end = body.indexOf('|}', i);
        if (end < 0) throw new Error(`unclosed choice \${${n}|`);
        const options = body.slice(i, end).split(',');
        i = end + 2;
        out += tabStop(n, options[choices[n] ?? 0] ?? options[0] ?? '');
      }
    }
    if (stopAt !== undefined) throw new Error(`missing ${stopAt}`);
    return out;
  };
  const tabStop = (n: number, text: string | undefined): string => {
    if (n === 0) return final;
    if (text !== undefined && !values.has(n)) values.set(n, text);
    return values.get(n) ?? '';
  };
  // Mirrors may come before their placeholder: a first pass collects the defaults.
  parse(undefined);
  i = 0;
  return parse(undefined);
}

/**
 * The document text after accepting a completion item with its defaults: the snippet in its text edit
 * expanded, then that edit and the item's additional edits applied (as an editor applies them).
 */
export function acceptCompletion(text: string, item: CompletionItem): string {
  const edit = item.textEdit;
  if (!edit || !('range' in edit)) throw new Error(`completion ${item.label} has no text edit with a range`);
  const newText = item.insertTextFormat === InsertTextFormat.Snippet ? expandSnippet(edit.newText) : edit.newText;
  const doc = TextDocument.create('file:///accept', 'plaintext', 1, text);
  return TextDocument.applyEdits(doc, [{ range: edit.range, newText }, ...(item.additionalTextEdits ?? [])]);
}
