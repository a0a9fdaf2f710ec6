// Snippet insertion through VS Code's snippet engine: the whole user-data snippets from the server's
// completion, typed and accepted in the suggest widget; list items with editor.action.insertSnippet and
// the bodies from snippets/*.code-snippets. The inserted text is what the user gets, and our server
// finds no error or warning in it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { describe, hasCodes, lacksCode, problems, sleep, waitForDiagnostics, waitForQuiet } from './diagnosticsWait';
import { completionAt, labelOf } from './providerQueries';
import { suite, test } from './harness';
import { openUntitled, repositoryFile } from './workspaceFiles';

interface SnippetDef {
  readonly prefix: string;
  readonly body: readonly string[];
}

function snippetBody(file: string, prefix: string): string {
  const all = JSON.parse(fs.readFileSync(repositoryFile('snippets', file), 'utf8')) as Record<string, SnippetDef>;
  const s = Object.values(all).find((x) => x.prefix === prefix);
  assert.ok(s, `no snippet ${prefix} in ${file}`);
  return s.body.join('\n');
}

/**
 * Accept a whole user-data snippet the way a user does: type its prefix at the cursor, open the
 * suggestions, accept the selected one. These snippets come from the server's completion (it writes
 * the #cloud-config header only where the document has none), so the suggestion list is first polled
 * until the server offers the prefix.
 */
async function acceptWholeDocument(editor: vscode.TextEditor, prefix: string): Promise<void> {
  const doc = editor.document;
  const at = editor.selection.active;
  const deadline = Date.now() + 20_000;
  while (
    !(await completionAt(doc, at)).some((i) => labelOf(i) === prefix && i.kind === vscode.CompletionItemKind.Snippet)
  ) {
    assert.ok(
      Date.now() < deadline,
      `the server never offered the ${prefix} snippet at ${at.line + 1}:${at.character + 1}`,
    );
    await sleep(200);
  }
  await vscode.commands.executeCommand('type', { text: prefix });
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
  // The suggest widget has no state an extension can read: give it time to ask the providers and render.
  await sleep(1500);
  await vscode.commands.executeCommand('acceptSelectedSuggestion');
  // Leave snippet mode with the defaults accepted, as a user pressing Escape does.
  await vscode.commands.executeCommand('leaveSnippet');
}

/**
 * A whole-document snippet in a fresh cloud-config editor. The editor starts with a line without the
 * header so that the server's first diagnostics prove it serves the document; the line is then
 * deleted and the snippet typed on the empty line 1.
 */
async function insertWholeDocument(prefix: string): Promise<vscode.TextDocument> {
  const editor = await openUntitled('cloud-config', 'hostname: scratch\n');
  const header = 'cloud-config/header';
  await waitForDiagnostics(editor.document.uri, hasCodes([header]), header);
  const doc = editor.document;
  await editor.edit((b) => b.delete(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length))));
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  await acceptWholeDocument(editor, prefix);
  await waitForDiagnostics(doc.uri, lacksCode(header), 'the header error gone', 20_000);
  return doc;
}

async function assertNoProblems(doc: vscode.TextDocument): Promise<void> {
  const diags = await waitForQuiet(doc.uri);
  assert.deepStrictEqual(
    problems(diags).map(
      (d) => `${d.range.start.line + 1}: ${String(typeof d.code === 'object' ? d.code.value : d.code)}`,
    ),
    [],
    `${describe(diags)}\n--- text\n${doc.getText()}`,
  );
}

async function closeWithoutSaving(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

suite('snippets inserted by VS Code', () => {
  test('cloud-config skeleton: header first, a unit with [Install], no problems', async () => {
    const doc = await insertWholeDocument('cloud-config');
    assert.strictEqual(doc.lineAt(0).text, '#cloud-config');
    assert.match(doc.getText(), /^ {4}- name: app\.service$/m);
    assert.match(doc.getText(), /^ {8}WantedBy=multi-user\.target$/m);
    await assertNoProblems(doc);
    await closeWithoutSaving();
  });

  test('IPv4 + IPv6 firewall with restore units: no problems', async () => {
    const doc = await insertWholeDocument('cloud-config-firewall');
    const text = doc.getText();
    assert.match(text, /^ {4}- name: ip6tables-restore\.service$/m);
    assert.strictEqual(text.match(/--dport 22 -j ACCEPT/g)?.length, 2, 'the SSH port is mirrored into both families');
    await assertNoProblems(doc);
    await closeWithoutSaving();
  });

  test('Docker-safe firewall: no problems', async () => {
    const doc = await insertWholeDocument('docker-firewall');
    assert.match(doc.getText(), /-A DOCKER-USER -i eth0 -m set --match-set docker-allow src -j RETURN/);
    await assertNoProblems(doc);
    await closeWithoutSaving();
  });

  test('the firewall snippet below an existing #cloud-config adds no second header', async () => {
    const editor = await openUntitled('cloud-config', '#cloud-config\n\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await acceptWholeDocument(editor, 'cloud-config-firewall');
    const text = editor.document.getText();
    assert.strictEqual(text.match(/#cloud-config/g)?.length, 1, `one header expected:\n${text}`);
    assert.match(text, /^#cloud-config\ncoreos:\n {2}units:$/m, `inserted:\n${text}`);
    await assertNoProblems(editor.document);
    await closeWithoutSaving();
  });

  test('the Docker firewall snippet in a document without a header puts the header on line 1', async () => {
    const editor = await openUntitled('cloud-config', 'hostname: scratch\n\n');
    const header = 'cloud-config/header';
    await waitForDiagnostics(editor.document.uri, hasCodes([header]), header);
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    await acceptWholeDocument(editor, 'docker-firewall');
    const doc = editor.document;
    await waitForDiagnostics(doc.uri, lacksCode(header), 'the header error gone');
    const text = doc.getText();
    assert.strictEqual(text.match(/#cloud-config/g)?.length, 1, `one header expected:\n${text}`);
    assert.match(text, /^#cloud-config\nhostname: scratch\n\ncoreos:$/m, `inserted:\n${text}`);
    await assertNoProblems(doc);
    await closeWithoutSaving();
  });

  test('a list-item snippet lands indented under write_files', async () => {
    const editor = await openUntitled('cloud-config', '#cloud-config\nhostname: scratch\nwrite_files:\n  \n');
    editor.selection = new vscode.Selection(3, 2, 3, 2);
    await vscode.commands.executeCommand('editor.action.insertSnippet', {
      snippet: snippetBody('cloud-config.code-snippets', 'registry-auth'),
    });
    await vscode.commands.executeCommand('leaveSnippet');
    const text = editor.document.getText();
    assert.match(text, /^ {2}- path: \/home\/core\/\.docker\/config\.json$/m);
    assert.match(text, /^ {4}permissions: "0600"$/m, `inserted:\n${text}`);
    assert.match(text, /^ {10}"registry\.example\.com": \{ "auth": /m, `the JSON keeps its indentation:\n${text}`);
    await assertNoProblems(editor.document);
    await closeWithoutSaving();
  });
});
