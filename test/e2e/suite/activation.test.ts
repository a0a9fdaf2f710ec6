// What activating costs for a plain YAML file. The extension activates on onLanguage:yaml (it serves
// *.yaml files that start with #cloud-config), so it activates for every YAML file; the language
// server must start only once a document it serves is open. Runs first (file name order), before
// any other test opens a document. The server is counted as processes, not taken from the API:
// children of this extension host running the server bundle.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as vscode from 'vscode';
import { sleep } from './diagnosticsWait';
import { report, suite, test } from './harness';
import { open } from './workspaceFiles';

const EXTENSION_ID = 'cloud-config-tools.cloud-config-lsp';

/** Processes started by this extension host that run the extension's language server bundle. */
function serverProcesses(): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => {
      const [, ppid] = l.split(/\s+/);
      return Number(ppid) === process.pid && /dist[/\\]server\.js/.test(l);
    });
}

async function until(ok: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await sleep(100);
  }
}

suite('activation', () => {
  test('a YAML file without #cloud-config activates the extension but starts no language server', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} not loaded`);
    assert.ok(
      !ext.isActive,
      'the extension was already active before any document was opened: this test must run first',
    );
    assert.deepStrictEqual(serverProcesses(), [], 'a server runs before the extension activated');
    const started = Date.now();
    const doc = await open('other.yaml');
    assert.strictEqual(doc.languageId, 'yaml');
    await until(() => ext.isActive, 'the extension to activate on onLanguage:yaml');
    report(`      activated ${Date.now() - started} ms after opening other.yaml (open + activation)`);
    // Give a server that would start at activation time to show up.
    await sleep(2000);
    assert.deepStrictEqual(serverProcesses(), [], 'a language server was started for a plain YAML file');
    assert.strictEqual((ext.exports as { started(): boolean }).started(), false);
  });

  test('the server starts when a *.yaml that starts with #cloud-config is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await open('server.yaml');
    await until(() => serverProcesses().length === 1, 'one language server process');
    assert.strictEqual((ext.exports as { started(): boolean }).started(), true);
    report(`      server: ${serverProcesses()[0]}`);
  });
});
