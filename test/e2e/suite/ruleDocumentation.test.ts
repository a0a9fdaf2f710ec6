// A diagnostic's code opens its rule page packaged with the extension: the server links the page
// on the web (codeDescription.href), the client turns that into a command that opens
// docs/rules/<language>/<code>.md from the extension in the Markdown preview (offline, also in
// code-server). The click itself in the Problems panel is checked by the UI run (scripts/e2e/ui.mjs).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, sleep, waitForDiagnostics } from './diagnosticsWait';
import { suite, test } from './harness';
import { closeAll, open } from './workspaceFiles';

/** The code whose page is opened: the first diagnostic's (earlier suites fix some of user-data's). */
let code = '';

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
}

suite('rule documentation from a diagnostic code', () => {
  test('the code of a diagnostic links to a command that opens its page', async () => {
    const doc = await open('user-data');
    const diags = await waitForDiagnostics(doc.uri, (d) => d.length > 0, 'any diagnostic');
    for (const d of diags) {
      assert.ok(typeof d.code === 'object', `${codeOf(d)}: the code carries a link`);
      const target = (d.code as { target: vscode.Uri }).target;
      assert.strictEqual(target.scheme, 'command');
      assert.strictEqual(target.path, 'cloudConfig.openRulePage');
      assert.deepStrictEqual(JSON.parse(decodeURIComponent(target.query)), [codeOf(d)]);
    }
    code = codeOf(diags[0]!);
  });

  test('the command opens the packaged page in the Markdown preview', async () => {
    await closeAll();
    const page = `${code.split('/')[1] ?? ''}.md`;
    await vscode.commands.executeCommand('cloudConfig.openRulePage', code);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !previewTabs().some((t) => t.label.includes(page))) await sleep(200);
    const tabs = previewTabs().map((t) => t.label);
    assert.ok(
      tabs.some((l) => l.includes(page)),
      `no preview of ${page} (${code}); tabs: ${vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .map((t) => t.label)
        .join(', ')}`,
    );
    await closeAll();
  });
});
