// Where the end-to-end fixtures live inside the running editor, and opening them the way a user does.
import * as path from 'path';
import * as vscode from 'vscode';

let fixtureRoot: vscode.Uri | undefined;

/** The workspace folder when it holds the fixtures, else the fixtures in the repository. */
export async function fixtures(): Promise<vscode.Uri> {
  if (fixtureRoot) return fixtureRoot;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, 'user-data'));
      return (fixtureRoot = folder.uri);
    } catch {
      /* not this one */
    }
  }
  // out/test/e2e/suite -> repository root
  return (fixtureRoot = vscode.Uri.file(path.resolve(__dirname, '../../../../test/e2e/fixtures/workspace')));
}

/** A file of the repository (for expected outputs and the snippet files), from the compiled suite. */
export function repositoryFile(...parts: string[]): string {
  return path.resolve(__dirname, '../../../..', ...parts);
}

/** Open a fixture (path relative to the fixture folder, `/`-separated) in an editor tab. */
export async function open(relative: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(await fixtures(), ...relative.split('/'));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

let untitledCount = 0;

/**
 * A new untitled editor in `language` holding `content`. Each gets a name of its own: VS Code reuses
 * `Untitled-1` after a close, and a document reopened under the same URI races with the close.
 */
export async function openUntitled(language: string, content = ''): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `e2e-${process.pid}-${++untitledCount}` });
  let doc = await vscode.workspace.openTextDocument(uri);
  doc = await vscode.languages.setTextDocumentLanguage(doc, language);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  if (content) await editor.edit((b) => b.insert(new vscode.Position(0, 0), content));
  return editor;
}

/** Close every editor, discarding unsaved changes of untitled ones (reverts the active editor first). */
export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
