// Snippet insertion through VS Code's snippet engine (editor.action.insertSnippet with the bodies
// from snippets/*.code-snippets): the inserted text is what the user gets, and our server finds no
// error or warning in it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { describe, hasCodes, lacksCode, problems, waitForDiagnostics, waitForQuiet } from './diagnosticsWait';
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
 * Insert a whole-document snippet into a fresh cloud-config editor. The editor starts with a broken
 * line (no header) so that the server's first diagnostics prove it serves the document; the snippet
 * replaces it.
 */
async function insertWholeDocument(prefix: string): Promise<vscode.TextDocument> {
  const editor = await openUntitled('cloud-config', 'hostname: scratch\n');
  const header = 'cloud-config/header';
  await waitForDiagnostics(editor.document.uri, hasCodes([header]), header);
  const doc = editor.document;
  editor.selection = new vscode.Selection(doc.positionAt(0), doc.positionAt(doc.getText().length));
  await vscode.commands.executeCommand('editor.action.insertSnippet', { snippet: snippetBody('cloud-config.code-snippets', prefix) });
  // Leave snippet mode with the defaults accepted, as a user pressing Escape does.
  await vscode.commands.executeCommand('leaveSnippet');
  await waitForDiagnostics(doc.uri, lacksCode(header), 'the header error gone');
  return doc;
}

async function assertNoProblems(doc: vscode.TextDocument): Promise<void> {
  const diags = await waitForQuiet(doc.uri);
  assert.deepStrictEqual(problems(diags).map((d) => `${d.range.start.line + 1}: ${String(typeof d.code === 'object' ? d.code.value : d.code)}`), [],
    `${describe(diags)}\n--- text\n${doc.getText()}`);
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

  test('a list-item snippet lands indented under write_files', async () => {
    const editor = await openUntitled('cloud-config', '#cloud-config\nhostname: scratch\nwrite_files:\n  \n');
    editor.selection = new vscode.Selection(3, 2, 3, 2);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { snippet: snippetBody('cloud-config.code-snippets', 'registry-auth') });
    await vscode.commands.executeCommand('leaveSnippet');
    const text = editor.document.getText();
    assert.match(text, /^ {2}- path: \/home\/core\/\.docker\/config\.json$/m);
    assert.match(text, /^ {4}permissions: "0600"$/m, `inserted:\n${text}`);
    assert.match(text, /^ {10}"registry\.example\.com": \{ "auth": /m, `the JSON keeps its indentation:\n${text}`);
    await assertNoProblems(editor.document);
    await closeWithoutSaving();
  });
});
