// Hover, completion, outline and folding asked of VS Code's provider commands, the way the editor asks.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

/** Position of the first match of `re` (its start) in the document. */
export function positionOf(doc: vscode.TextDocument, re: RegExp): vscode.Position {
  const m = re.exec(doc.getText());
  assert.ok(m, `${re} not found in ${path.basename(doc.uri.path)}`);
  return doc.positionAt(m.index);
}

/** The lines of the YAML list item starting on `line` (up to the next line indented as far or less). */
export function listItem(doc: vscode.TextDocument, line: number): string {
  const indent = doc.lineAt(line).firstNonWhitespaceCharacterIndex;
  const lines = [doc.lineAt(line).text];
  for (let l = line + 1; l < doc.lineCount; l++) {
    const t = doc.lineAt(l);
    if (!t.isEmptyOrWhitespace && t.firstNonWhitespaceCharacterIndex <= indent) break;
    lines.push(t.text);
  }
  return lines.join('\n');
}

/** All hover contents at `pos`, as one string (sections separated by `---`). */
export async function hoverAt(doc: vscode.TextDocument, pos: vscode.Position): Promise<string> {
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

export function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/**
 * Completion items at `pos` from every provider (ours, snippets, words). `resolve` items are resolved
 * as VS Code does for the item it shows (documentation is sent on request).
 */
export async function completionAt(
  doc: vscode.TextDocument,
  pos: vscode.Position,
  trigger?: string,
  resolve?: number,
): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    doc.uri,
    pos,
    trigger,
    resolve,
  );
  return list?.items ?? [];
}

export async function symbolsOf(doc: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
  const symbols =
    (await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>(
      'vscode.executeDocumentSymbolProvider',
      doc.uri,
    )) ?? [];
  return symbols.filter((s): s is vscode.DocumentSymbol => 'children' in s);
}

/** Symbol names as `parent > child` paths, depth first. */
export function symbolPaths(symbols: readonly vscode.DocumentSymbol[], prefix = ''): string[] {
  return symbols.flatMap((s) => {
    const name = prefix ? `${prefix} > ${s.name}` : s.name;
    return [name, ...symbolPaths(s.children, name)];
  });
}

export async function foldingOf(doc: vscode.TextDocument): Promise<vscode.FoldingRange[]> {
  return (
    (await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri)) ?? []
  );
}
