// The classic user-data mistakes in the real extension host: diagnostics as published to VS Code, each
// quick fix applied through vscode.executeCodeActionProvider + workspace.applyEdit, the resulting text.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { applyQuickFix } from './codeActionFlow';
import { codeOf, describe, hasCodes, lacksCode, ours, waitForDiagnostics } from './diagnosticsWait';
import { report, suite, test } from './harness';
import { hoverAt, listItem, positionOf } from './providerQueries';
import { open, repositoryFile } from './workspaceFiles';

const EXTENSION_ID = 'cloud-config-tools.cloud-config-lsp';
const HEADER = 'cloud-config/header';
const UNKNOWN_KEY = 'cloud-config/unknown-key';
const PERMISSIONS = 'cloud-config/unquoted-permissions';
const FIREWALL = 'cloud-config/firewall-not-loaded';
const CLASSIC = [HEADER, UNKNOWN_KEY, PERMISSIONS, FIREWALL];

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
    assert.strictEqual(enabled.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(enabled.message, /enable\b/);
    const perms = diags.find((d) => codeOf(d) === PERMISSIONS)!;
    assert.strictEqual(doc.getText(perms.range), '0644');
  });

  test('quick fix: insert the #cloud-config header', async () => {
    await applyQuickFix(doc, HEADER, lacksCode(HEADER));
    assert.strictEqual(doc.lineAt(0).text, '#cloud-config');
    assert.match(doc.lineAt(1).text, /^# web-01/, 'the original first line follows the header');
  });

  test('quick fix: rename enabled to enable', async () => {
    await applyQuickFix(doc, UNKNOWN_KEY, lacksCode(UNKNOWN_KEY), { diagnostic: (d) => /'enabled'/.test(d.message) });
    assert.match(doc.getText(), /^ {6}enable: true$/m);
    assert.doesNotMatch(doc.getText(), /enabled:/);
  });

  test('quick fix: quote permissions', async () => {
    await applyQuickFix(doc, PERMISSIONS, lacksCode(PERMISSIONS));
    assert.match(doc.getText(), /^ {4}permissions: "0644"$/m);
  });

  test('quick fix: add the iptables-restore.service unit', async () => {
    await applyQuickFix(doc, FIREWALL, lacksCode(FIREWALL));
    const text = doc.getText();
    assert.match(text, /^ {4}- name: iptables-restore\.service$/m);
    const entry = listItem(doc, doc.positionAt(text.indexOf('- name: iptables-restore.service')).line);
    assert.match(entry, /enable: true/, `restore unit entry:\n${entry}`);
    assert.match(entry, /command: start/, `restore unit entry:\n${entry}`);
    // The entry sits in coreos.units, i.e. before write_files.
    assert.ok(
      text.indexOf('iptables-restore.service') < text.indexOf('write_files:'),
      'restore unit is not under coreos.units',
    );
  });

  test('after the four fixes none of the four findings is left', async () => {
    const left = await waitForDiagnostics(
      doc.uri,
      (d) => !d.some((x) => CLASSIC.includes(codeOf(x))),
      'no classic findings',
    );
    report(`      left: ${describe(left)}`);
    assert.ok(!left.some((d) => d.severity === vscode.DiagnosticSeverity.Error), `errors left:\n${describe(left)}`);
    assert.deepStrictEqual(
      ours(doc.uri).filter((d) => CLASSIC.includes(codeOf(d))),
      [],
    );
  });

  test("the editor's four fixes give the same text as `cloud-config-lint --fix`", () => {
    // test/e2e/fixtures/user-data.fixed is the CLI's `--fix` output for the fixture.
    const expected = fs.readFileSync(repositoryFile('test', 'e2e', 'fixtures', 'user-data.fixed'), 'utf8');
    assert.strictEqual(doc.getText().replace(/\r\n/g, '\n'), expected);
  });

  test('hover on enable mentions [Install]', async () => {
    const pos = positionOf(doc, /(?<=^ {6})enable(?=: true$)/m);
    const text = await hoverAt(doc, pos.translate(0, 2));
    assert.ok(text.includes('[Install]'), `hover on enable lacks [Install]:\n${text || '(no hover)'}`);
  });
});
