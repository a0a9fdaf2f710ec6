// The extension as a user meets it around the diagnostics: the palette's commands, the status bar,
// settings that differ per folder of a multi-root workspace, and the switches.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, hasCodes, lacksCode, ours, sleep, waitForDiagnostics } from './diagnosticsWait';
import { suite, test } from './harness';
import { fixtures, open } from './workspaceFiles';

const PERMISSIONS = 'cloud-config/unquoted-permissions';
const COMMANDS = [
  'cloudConfig.restartServer',
  'cloudConfig.showOutput',
  'cloudConfig.fixAll',
  'cloudConfig.showRuleDocumentation',
  'cloudConfig.lintWorkspace',
  'cloudConfig.selectDialect',
];
const CLASSIC = [
  'cloud-config/header',
  'cloud-config/unknown-key',
  'cloud-config/unquoted-permissions',
  'cloud-config/firewall-not-loaded',
];

interface StatusApi {
  readonly text: string;
}
interface Api {
  readonly statusBar: StatusApi;
}

function api(): Api {
  const ext = vscode.extensions.all.find((e) => e.id.toLowerCase() === 'cloud-config-tools.cloud-config-lsp');
  assert.ok(ext?.isActive, 'the extension is active');
  return ext.exports as Api;
}

async function waitForStatus(ok: (text: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = api().statusBar.text;
    if (ok(text)) return text;
    if (Date.now() > deadline)
      throw new Error(`waited for the status bar to show ${what}; it shows ${JSON.stringify(text)}`);
    await sleep(100);
  }
}

function folderB(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === 'folder-b');
  assert.ok(folder, 'the suite runs in a multi-root workspace with folder-b');
  return folder;
}

suite('commands and status', () => {
  test('the palette has the six commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of COMMANDS) assert.ok(all.includes(c), `${c} is registered`);
  });

  test('the status bar shows language, dialect and findings of the active file', async () => {
    const doc = await open('commands/user-data');
    await waitForDiagnostics(doc.uri, hasCodes([PERMISSIONS]), PERMISSIONS);
    const text = await waitForStatus(
      (t) => /Cloud-Config \(CoreOS\): 1 error, \d+ warnings?/.test(t),
      'Cloud-Config (CoreOS) with counts',
    );
    assert.match(text, /^\$\(error\)/);
  });

  test('Select Dialect for This File reads it as cloud-init', async () => {
    const doc = await open('commands/dialect.yaml');
    await waitForStatus((t) => t.includes('(CoreOS)'), 'CoreOS');
    const picked = await vscode.commands.executeCommand('cloudConfig.selectDialect', 'cloud-init');
    assert.strictEqual(picked, 'cloud-init');
    await waitForStatus((t) => t.includes('(cloud-init)'), 'cloud-init');
    await waitForDiagnostics(
      doc.uri,
      (d) => d.some((x) => codeOf(x) === 'cloud-config/unknown-key' && x.message.includes('coreos')),
      'coreos as an unknown key',
    );
    await vscode.commands.executeCommand('cloudConfig.selectDialect', 'auto');
    await waitForStatus((t) => t.includes('(CoreOS)'), 'CoreOS again');
  });

  test('Show Rule Documentation opens the page of the finding under the cursor', async () => {
    const doc = await open('commands/user-data');
    await waitForDiagnostics(doc.uri, hasCodes([PERMISSIONS]), PERMISSIONS);
    const editor = vscode.window.activeTextEditor!;
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('permissions: 0644'));
    editor.selection = new vscode.Selection(line, 18, line, 18);
    const opened = await vscode.commands.executeCommand<string>('cloudConfig.showRuleDocumentation');
    assert.ok(opened?.endsWith('docs/rules/cloud-config/unquoted-permissions.md'), `opened ${opened}`);
  });

  test('Fix All in This File applies every automatic fix', async () => {
    const doc = await open('commands/user-data');
    const original = doc.getText();
    await waitForDiagnostics(doc.uri, hasCodes([PERMISSIONS]), PERMISSIONS);
    const result = await vscode.commands.executeCommand<{ fixes: number; applied: boolean }>('cloudConfig.fixAll');
    assert.ok(result?.applied && result.fixes >= 3, JSON.stringify(result));
    assert.strictEqual(doc.lineAt(0).text, '#cloud-config');
    assert.match(doc.getText(), /permissions: "0644"/);
    await waitForDiagnostics(doc.uri, lacksCode(PERMISSIONS), `${PERMISSIONS} fixed`);
    // Back to the text on disk, for the tests below.
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((b) =>
      b.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original),
    );
    await doc.save();
    await waitForDiagnostics(doc.uri, hasCodes([PERMISSIONS]), `${PERMISSIONS} back`);
  });

  test('settings are per folder: folder-b turns a rule off, the first folder keeps it', async () => {
    const b = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folderB().uri, 'user-data'));
    await vscode.window.showTextDocument(b);
    await waitForDiagnostics(b.uri, hasCodes(['cloud-config/unknown-key']), 'unknown-key in folder-b');
    await sleep(500);
    assert.ok(!ours(b.uri).some((d) => codeOf(d) === PERMISSIONS), 'folder-b has unquoted-permissions off');
    const a = await open('commands/user-data');
    await waitForDiagnostics(a.uri, hasCodes([PERMISSIONS]), `${PERMISSIONS} in the first folder`);
  });

  test('cloudConfig.enable off for folder-b only', async () => {
    const config = vscode.workspace.getConfiguration('cloudConfig', folderB().uri);
    await config.update('enable', false, vscode.ConfigurationTarget.WorkspaceFolder);
    try {
      const b = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folderB().uri, 'user-data'));
      await vscode.window.showTextDocument(b);
      await waitForDiagnostics(b.uri, (d) => d.length === 0, 'no diagnostics in folder-b');
      await waitForStatus((t) => t.includes('off'), 'off');
      const a = await open('commands/user-data');
      await waitForDiagnostics(a.uri, hasCodes([PERMISSIONS]), `${PERMISSIONS} still in the first folder`);
    } finally {
      await config.update('enable', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
  });

  test('Lint Workspace reports files that are not open, leaving out files.exclude', async () => {
    const root = await fixtures();
    const rules = vscode.Uri.joinPath(root, 'lint', 'etc', 'rules.v4');
    const excluded = vscode.Uri.joinPath(root, 'lint', 'excluded', 'rules.v4');
    assert.deepStrictEqual(vscode.languages.getDiagnostics(rules), [], 'not checked before');
    const result = await vscode.commands.executeCommand<{ files: number; checked: number; findings: number }>(
      'cloudConfig.lintWorkspace',
    );
    assert.ok(result && result.checked >= 3 && result.findings > 0, JSON.stringify(result));
    await waitForDiagnostics(rules, hasCodes(['iptables/state-match']), 'state-match in lint/etc/rules.v4');
    assert.strictEqual(ours(rules)[0]?.source, 'iptables');
    assert.deepStrictEqual(vscode.languages.getDiagnostics(excluded), [], 'files.exclude is respected');
  });

  test('the walkthrough: its example shows the four classic findings, Fix All repairs them', async () => {
    await vscode.commands.executeCommand(
      'workbench.action.openWalkthrough',
      'cloud-config-tools.cloud-config-lsp#cloudConfig.start',
      false,
    );
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('cloudConfig.openExample');
    assert.ok(doc, 'the example opened');
    assert.strictEqual(doc.languageId, 'cloud-config');
    await waitForDiagnostics(doc.uri, hasCodes(CLASSIC), CLASSIC.join(', '));
    await vscode.window.showTextDocument(doc);
    const fixed = await vscode.commands.executeCommand<{ fixes: number; applied: boolean }>('cloudConfig.fixAll');
    assert.ok(fixed?.applied, JSON.stringify(fixed));
    await waitForDiagnostics(doc.uri, (d) => !d.some((x) => CLASSIC.includes(codeOf(x))), 'the four findings fixed');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Show Output and Restart Language Server', async () => {
    await vscode.commands.executeCommand('cloudConfig.showOutput');
    await vscode.commands.executeCommand('cloudConfig.restartServer');
    const doc = await open('settings/user-data');
    await waitForDiagnostics(doc.uri, hasCodes(['cloud-config/unknown-key']), 'diagnostics after the restart');
    await waitForStatus((t) => t.includes('Cloud-Config'), 'the status after the restart');
  });
});
