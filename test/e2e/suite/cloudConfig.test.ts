// End-to-end: the extension in a real VS Code extension host. Opens the fixtures of
// test/e2e/fixtures/workspace (the runner opens a copy of that folder as the workspace; without one,
// the files are opened from the repository), waits for the language server's diagnostics, applies the
// quick fixes through VS Code's own commands, and asks for hover and completion the way the editor does.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { report, suite, test } from './harness';

const EXTENSION_ID = 'cloud-config-tools.cloud-config-lsp';
const HEADER = 'cloud-config/header';
const UNKNOWN_KEY = 'cloud-config/unknown-key';
const PERMISSIONS = 'cloud-config/unquoted-permissions';
const FIREWALL = 'cloud-config/firewall-not-loaded';
const CLASSIC = [HEADER, UNKNOWN_KEY, PERMISSIONS, FIREWALL];

// ---- helpers ---------------------------------------------------------------------------------------

let fixtureRoot: vscode.Uri | undefined;

/** The workspace folder when it holds the fixtures, else the fixtures in the repository. */
async function fixtures(): Promise<vscode.Uri> {
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

async function open(relative: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(await fixtures(), ...relative.split('/'));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cloud-config');
}

function describe(diags: readonly vscode.Diagnostic[]): string {
  return diags.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`).join('\n') || '(none)';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll the diagnostics of `uri` until `ok` holds (diagnostics arrive asynchronously, debounced). */
async function waitForDiagnostics(uri: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const diags = ours(uri);
    if (ok(diags)) return diags;
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeoutMs} ms for ${what} on ${path.basename(uri.path)}; diagnostics now:\n${describe(vscode.languages.getDiagnostics(uri))}`);
    }
    await sleep(100);
  }
}

const hasCodes = (codes: readonly string[]) => (diags: vscode.Diagnostic[]) => codes.every((c) => diags.some((d) => codeOf(d) === c));

/**
 * Apply the quick fix VS Code offers for the first diagnostic with `code` (chosen by `pick` when
 * several), through vscode.executeCodeActionProvider + workspace.applyEdit, and wait until the server
 * has re-published diagnostics for the edited text (`settled`).
 */
async function applyQuickFix(
  doc: vscode.TextDocument,
  code: string,
  settled: (diags: vscode.Diagnostic[]) => boolean,
  pick: (d: vscode.Diagnostic) => boolean = () => true,
): Promise<vscode.CodeAction> {
  const diag = ours(doc.uri).find((d) => codeOf(d) === code && pick(d));
  assert.ok(diag, `no ${code} diagnostic to fix; diagnostics:\n${describe(ours(doc.uri))}`);
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', doc.uri, diag.range, undefined, 10,
  )) ?? [];
  const codeActions = actions.filter((a): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string'));
  const forDiag = codeActions.filter((a) => a.diagnostics?.some((d) => codeOf(d) === code && d.range.isEqual(diag.range)));
  const candidates = (forDiag.length ? forDiag : codeActions.filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind)))
    .filter((a) => a.edit);
  const action = candidates.find((a) => a.isPreferred) ?? candidates[0];
  assert.ok(action?.edit, `no quick fix with an edit for ${code} at ${diag.range.start.line + 1}:${diag.range.start.character + 1}; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
  const applied = await vscode.workspace.applyEdit(action.edit);
  assert.strictEqual(applied, true, `workspace.applyEdit refused "${action.title}"`);
  await waitForDiagnostics(doc.uri, settled, `diagnostics after "${action.title}"`);
  report(`      fix for ${code}: "${action.title}"`);
  return action;
}

function positionOf(doc: vscode.TextDocument, re: RegExp): vscode.Position {
  const m = re.exec(doc.getText());
  assert.ok(m, `${re} not found in ${path.basename(doc.uri.path)}`);
  return doc.positionAt(m.index);
}

/** The lines of the YAML list item starting on `line` (up to the next line indented as far or less). */
function listItem(doc: vscode.TextDocument, line: number): string {
  const indent = doc.lineAt(line).firstNonWhitespaceCharacterIndex;
  const lines = [doc.lineAt(line).text];
  for (let l = line + 1; l < doc.lineCount; l++) {
    const t = doc.lineAt(l);
    if (!t.isEmptyOrWhitespace && t.firstNonWhitespaceCharacterIndex <= indent) break;
    lines.push(t.text);
  }
  return lines.join('\n');
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

// ---- tests -----------------------------------------------------------------------------------------

suite('user-data with the classic mistakes', () => {
  let doc: vscode.TextDocument;

  test('opens as cloud-config and activates the extension', async () => {
    doc = await open('user-data');
    assert.strictEqual(doc.languageId, 'cloud-config');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} not loaded`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  test('reports header, unknown-key, unquoted-permissions and firewall-not-loaded', async () => {
    const diags = await waitForDiagnostics(doc.uri, hasCodes(CLASSIC), CLASSIC.join(', '));
    report(describe(diags).replace(/^/gm, '      '));
    const header = diags.find((d) => codeOf(d) === HEADER)!;
    assert.strictEqual(header.range.start.line, 0);
    assert.strictEqual(header.severity, vscode.DiagnosticSeverity.Error);
    const enabled = diags.find((d) => codeOf(d) === UNKNOWN_KEY)!;
    assert.strictEqual(doc.getText(enabled.range), 'enabled');
    assert.match(enabled.message, /enable\b/);
    const perms = diags.find((d) => codeOf(d) === PERMISSIONS)!;
    assert.strictEqual(doc.getText(perms.range), '0644');
  });

  test('quick fix: insert the #cloud-config header', async () => {
    await applyQuickFix(doc, HEADER, (d) => !d.some((x) => codeOf(x) === HEADER));
    assert.strictEqual(doc.lineAt(0).text, '#cloud-config');
    assert.match(doc.lineAt(1).text, /^# web-01/, 'the original first line follows the header');
  });

  test('quick fix: rename enabled to enable', async () => {
    await applyQuickFix(doc, UNKNOWN_KEY, (d) => !d.some((x) => codeOf(x) === UNKNOWN_KEY), (d) => /`enabled`/.test(d.message));
    assert.match(doc.getText(), /^ {6}enable: true$/m);
    assert.doesNotMatch(doc.getText(), /enabled:/);
  });

  test('quick fix: quote permissions', async () => {
    await applyQuickFix(doc, PERMISSIONS, (d) => !d.some((x) => codeOf(x) === PERMISSIONS));
    assert.match(doc.getText(), /^ {4}permissions: "0644"$/m);
  });

  test('quick fix: add the iptables-restore.service unit', async () => {
    await applyQuickFix(doc, FIREWALL, (d) => !d.some((x) => codeOf(x) === FIREWALL));
    const text = doc.getText();
    assert.match(text, /^ {4}- name: iptables-restore\.service$/m);
    const entry = listItem(doc, doc.positionAt(text.indexOf('- name: iptables-restore.service')).line);
    assert.match(entry, /enable: true/, `restore unit entry:\n${entry}`);
    assert.match(entry, /command: start/, `restore unit entry:\n${entry}`);
    // The entry sits in coreos.units, i.e. before write_files.
    assert.ok(text.indexOf('iptables-restore.service') < text.indexOf('write_files:'), 'restore unit is not under coreos.units');
  });

  test('after the four fixes none of the four findings is left', async () => {
    const left = await waitForDiagnostics(doc.uri, (d) => !d.some((x) => CLASSIC.includes(codeOf(x))), 'no classic findings');
    report(`      left: ${describe(left)}`);
    assert.ok(!left.some((d) => d.severity === vscode.DiagnosticSeverity.Error), `errors left:\n${describe(left)}`);
  });

  test('the editor\'s four fixes give the same text as `cloud-config-lint --fix`', () => {
    // test/e2e/fixtures/user-data.fixed is the CLI's `--fix` output for the fixture.
    const expected = fs.readFileSync(path.resolve(__dirname, '../../../../test/e2e/fixtures/user-data.fixed'), 'utf8');
    assert.strictEqual(doc.getText().replace(/\r\n/g, '\n'), expected);
  });

  test('hover on enable mentions [Install]', async () => {
    const pos = positionOf(doc, /(?<=^ {6})enable(?=: true$)/m);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos.translate(0, 2))) ?? [];
    const text = hoverText(hovers);
    assert.ok(text.includes('[Install]'), `hover on enable lacks [Install]:\n${text || '(no hover)'}`);
  });
});

suite('completion', () => {
  test('under a coreos.units item offers enable', async () => {
    const doc = await open('completion/user-data');
    assert.strictEqual(doc.languageId, 'cloud-config');
    const line = doc.lineAt(5); // the item's blank line, indented to the item's keys
    assert.strictEqual(line.text, '      ', 'fixture: line 6 must be six spaces');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(5, 6),
    );
    const labels = (list?.items ?? []).map(labelOf);
    assert.ok(labels.includes('enable'), `no "enable" among ${labels.length} items: ${labels.slice(0, 40).join(', ')}`);
    assert.ok(!labels.includes('name'), `"name" is already set in this item but offered again: ${labels.join(', ')}`);
  });
});

suite('*.yaml starting with #cloud-config', () => {
  let doc: vscode.TextDocument;
  let other: vscode.TextDocument;

  test('gets a languageId and our diagnostics either way', async () => {
    other = await open('other.yaml'); // plain YAML, opened first: checked in the last test
    doc = await open('server.yaml');
    report(`      server.yaml languageId: ${doc.languageId}`);
    assert.ok(['yaml', 'cloud-config'].includes(doc.languageId), `unexpected languageId ${doc.languageId}`);
    const diags = await waitForDiagnostics(doc.uri, hasCodes([UNKNOWN_KEY]), UNKNOWN_KEY);
    const d = diags.find((x) => codeOf(x) === UNKNOWN_KEY)!;
    assert.strictEqual(doc.getText(d.range), 'enabled');
  });

  test('quick fix works there too', async () => {
    await applyQuickFix(doc, UNKNOWN_KEY, (d) => !d.some((x) => codeOf(x) === UNKNOWN_KEY));
    assert.match(doc.getText(), /^ {6}enable: true$/m);
  });

  test('hover works there too', async () => {
    const pos = positionOf(doc, /(?<=^ {6})enable(?=: true$)/m);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos.translate(0, 2))) ?? [];
    assert.ok(hoverText(hovers).includes('[Install]'), `hover on enable in server.yaml:\n${hoverText(hovers) || '(no hover)'}`);
  });

  test('a *.yaml without #cloud-config gets no cloud-config diagnostics', async () => {
    assert.strictEqual(other.languageId, 'yaml');
    await sleep(1500); // it was opened before server.yaml, whose diagnostics have long arrived
    assert.deepStrictEqual(ours(other.uri).map(codeOf), []);
  });
});

suite('iptables rules-save', () => {
  test('opens as iptables', async () => {
    const doc = await open('firewall/rules-save');
    assert.strictEqual(doc.languageId, 'iptables');
  });
});
