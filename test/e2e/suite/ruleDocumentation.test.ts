// A diagnostic's code opens its rule page packaged with the extension: the server links the page
// on the web (codeDescription.href), the client turns that into a command that opens
// docs/rules/<language>/<code>.md from the extension in the Markdown preview (offline, also in
// code-server). The click itself in the Problems panel is checked by the UI run (scripts/e2e/ui.mjs).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, hasCodes, sleep, waitForDiagnostics } from './diagnosticsWait';
import { suite, test } from './harness';
import { closeAll, open } from './workspaceFiles';

const HEADER = 'cloud-config/header';

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
}

suite('rule documentation from a diagnostic code', () => {
  test('the code of a diagnostic links to a command that opens its page', async () => {
    const doc = await open('user-data');
    const diags = await waitForDiagnostics(doc.uri, hasCodes([HEADER]), HEADER);
    const header = diags.find((d) => codeOf(d) === HEADER)!;
    assert.ok(typeof header.code === 'object', 'the code carries a link');
    const target = (header.code as { target: vscode.Uri }).target;
    assert.strictEqual(target.scheme, 'command');
    assert.strictEqual(target.path, 'cloudConfig.openRulePage');
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(target.query)), [HEADER]);
  });

  test('the command opens the packaged page in the Markdown preview', async () => {
    await closeAll();
    await vscode.commands.executeCommand('cloudConfig.openRulePage', HEADER);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !previewTabs().some((t) => /header\.md/.test(t.label))) await sleep(200);
    const tabs = previewTabs().map((t) => t.label);
    assert.ok(tabs.some((l) => /header\.md/.test(l)), `no preview of header.md; tabs: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')}`);
    await closeAll();
  });
});
