// The "fix all" source action, and a rule's severity changed live through the settings.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { applySourceAction } from './codeActionFlow';
import { codeOf, describe, hasCodes, lacksCode, ours, waitForDiagnostics, withCode } from './diagnosticsWait';
import { report, suite, test } from './harness';
import { open } from './workspaceFiles';

const CLASSIC = [
  'cloud-config/header',
  'cloud-config/unknown-key',
  'cloud-config/unquoted-permissions',
  'cloud-config/firewall-not-loaded',
];
const UNKNOWN_KEY = 'cloud-config/unknown-key';

suite('fix all (source.fixAll.cloud-config)', () => {
  test('one action applies the header, rename, quoting and restore-unit fixes', async () => {
    const doc = await open('fixall/user-data');
    await waitForDiagnostics(doc.uri, hasCodes(CLASSIC), CLASSIC.join(', '));
    await applySourceAction(doc, 'source.fixAll.cloud-config', (d) => !d.some((x) => CLASSIC.includes(codeOf(x))));
    const text = doc.getText();
    assert.strictEqual(doc.lineAt(0).text, '#cloud-config');
    assert.match(text, /^ {6}enable: true$/m);
    assert.match(text, /^ {4}permissions: "0644"$/m);
    assert.match(text, /^ {4}- name: iptables-restore\.service$/m);
    const left = ours(doc.uri);
    report(`      left: ${describe(left)}`);
    assert.ok(!left.some((d) => d.severity === vscode.DiagnosticSeverity.Error), `errors left:\n${describe(left)}`);
  });
});

suite("settings change a rule's severity live", () => {
  const config = () => vscode.workspace.getConfiguration('cloudConfig');
  let doc: vscode.TextDocument;
  let before: unknown;

  const severityOfUnknownKey = (diags: vscode.Diagnostic[]) => withCode(diags, UNKNOWN_KEY)[0]?.severity;

  test('unknown-key is a warning by default', async () => {
    before = config().inspect('rules')?.globalValue;
    doc = await open('settings/user-data');
    const diags = await waitForDiagnostics(doc.uri, hasCodes([UNKNOWN_KEY]), UNKNOWN_KEY);
    assert.strictEqual(severityOfUnknownKey(diags), vscode.DiagnosticSeverity.Warning);
  });

  test('cloudConfig.rules sets it to error', async () => {
    await config().update('rules', { [UNKNOWN_KEY]: 'error' }, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(
      doc.uri,
      (d) => severityOfUnknownKey(d) === vscode.DiagnosticSeverity.Error,
      `${UNKNOWN_KEY} as error`,
    );
  });

  test('"off" removes it', async () => {
    await config().update('rules', { [UNKNOWN_KEY]: 'off' }, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(doc.uri, lacksCode(UNKNOWN_KEY), `${UNKNOWN_KEY} turned off`);
  });

  test('removing the setting restores the default', async () => {
    await config().update('rules', before, vscode.ConfigurationTarget.Global);
    await waitForDiagnostics(
      doc.uri,
      (d) => severityOfUnknownKey(d) === vscode.DiagnosticSeverity.Warning,
      `${UNKNOWN_KEY} back to warning`,
    );
  });
});
