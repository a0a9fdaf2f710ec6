// Completion in YAML keys and values, asked through vscode.executeCompletionItemProvider.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { suite, test } from './harness';
import { completionAt, labelOf } from './providerQueries';
import { open } from './workspaceFiles';

const some = (labels: readonly string[]) => labels.slice(0, 40).join(', ');

suite('completion', () => {
  test('under a coreos.units item offers enable, not the name already set', async () => {
    const doc = await open('completion/user-data');
    assert.strictEqual(doc.languageId, 'cloud-config');
    assert.strictEqual(doc.lineAt(5).text, '      ', 'fixture: line 6 must be six spaces');
    const labels = (await completionAt(doc, new vscode.Position(5, 6))).map(labelOf);
    assert.ok(labels.includes('enable'), `no "enable" among ${labels.length} items: ${some(labels)}`);
    assert.ok(labels.includes('content'), `no "content" among ${labels.length} items: ${some(labels)}`);
    assert.ok(!labels.includes('name'), `"name" is already set in this item but offered again: ${some(labels)}`);
  });

  test('under a write_files item offers permissions and content', async () => {
    const doc = await open('completion/write-files');
    const labels = (await completionAt(doc, new vscode.Position(5, 4))).map(labelOf);
    for (const key of ['permissions', 'content', 'owner']) {
      assert.ok(labels.includes(key), `no "${key}" among ${labels.length} items: ${some(labels)}`);
    }
    assert.ok(!labels.includes('path'), `"path" is already set but offered again: ${some(labels)}`);
  });

  test('the value of a unit command offers the systemctl actions', async () => {
    const doc = await open('completion/values.yaml');
    const line = doc.lineAt(6);
    assert.strictEqual(line.text, '      command: ', 'fixture: line 7 must end after "command: "');
    const labels = (await completionAt(doc, line.range.end)).map(labelOf);
    for (const v of ['start', 'restart', 'stop']) assert.ok(labels.includes(v), `no "${v}" among ${some(labels)}`);
    assert.ok(!labels.includes('enable'), `"enable" is a key, not a command value: ${some(labels)}`);
  });

  test('a blank top-level line offers the missing top-level keys, and our snippets', async () => {
    const doc = await open('completion/write-files'); // cloud-init dialect: no coreos: key
    const items = await completionAt(doc, new vscode.Position(2, 0));
    const labels = items.map(labelOf);
    for (const key of ['runcmd', 'packages', 'users'])
      assert.ok(labels.includes(key), `no "${key}" among ${some(labels)}`);
    for (const present of ['hostname', 'write_files'])
      assert.ok(!labels.includes(present), `"${present}" is already set but offered again`);
    // The snippet contributions show up in the same list (snippet kind); the whole user-data snippets
    // (from the server) are left out where they would write a second hostname: or write_files:.
    const snippets = items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
    assert.ok(
      snippets.includes('write-file'),
      `no "write-file" snippet among ${snippets.join(', ') || '(no snippets)'}`,
    );
    for (const whole of ['cloud-config', 'cloud-config-firewall', 'docker-firewall'])
      assert.ok(!snippets.includes(whole), `"${whole}" offered in a document that has its keys`);
  });
});
