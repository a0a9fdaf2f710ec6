// Diagnostics over the wire: codes, ranges, severities, the document version, incremental sync and
// which documents the server takes on (cloud-config vs plain YAML).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, positionOf } from './client';
import type { CodeAction } from 'vscode-languageserver-types';
import { classic, classicFixed, codesOf, messageOf, summary } from './fixtures';

describe('lsp: diagnostics', () => {
  let client: LspClient;
  before(async () => {
    ({ client } = await LspClient.start());
  });
  after(async () => {
    await client.stop().catch(() => client.kill());
  });

  const uri = 'file:///work/project/user-data';

  it('publishes the classic mistakes with their ranges, severities and the document version', async () => {
    client.open(uri, 'cloud-config', classic, 7);
    const published = await client.diagnostics(uri, { version: 7 });
    assert.equal(published.version, 7);
    assert.deepEqual(summary(classic, published.diagnostics), [
      { code: 'cloud-config/header', severity: 1, range: '0:0-0:7', text: 'coreos:' },
      { code: 'cloud-config/unknown-key', severity: 2, range: '3:6-3:13', text: 'enabled' },
      {
        code: 'cloud-config/firewall-not-loaded',
        severity: 2,
        range: '18:10-18:38',
        text: '/var/lib/iptables/rules-save',
      },
      // CoreOS dialect: coreos-cloudinit keeps the raw text, so this is a hint.
      { code: 'cloud-config/unquoted-permissions', severity: 4, range: '19:17-19:21', text: '0644' },
    ]);
    for (const d of published.diagnostics) {
      assert.equal(d.source, 'cloud-config');
      assert.ok(messageOf(d).length > 10, `${d.code} has a message`);
    }
    const unknown = published.diagnostics.find((d) => d.code === 'cloud-config/unknown-key');
    assert.match(unknown ? messageOf(unknown) : '', /'enable'/, 'unknown-key names the closest known key');
  });

  it('re-publishes with the new version after an incremental change fixes a line', async () => {
    const before = client.published.length;
    const start = positionOf(classic, 'enabled');
    client.change(uri, [
      { range: { start, end: { line: start.line, character: start.character + 'enabled'.length } }, text: 'enable' },
    ]);
    assert.equal(client.doc(uri).version, 8);
    const published = await client.diagnostics(uri, { version: 8, after: before });
    assert.deepEqual(codesOf(published.diagnostics), [
      'cloud-config/header',
      'cloud-config/firewall-not-loaded',
      'cloud-config/unquoted-permissions',
    ]);
    // Nothing stale: once version 8 is published, no later notification for this document carries an
    // older version (a round trip makes sure everything the server sent so far has arrived).
    await client.request('textDocument/hover', { textDocument: { uri }, position: start });
    const later = client.published.slice(client.published.indexOf(published) + 1).filter((p) => p.uri === uri);
    assert.deepEqual(
      later.map((p) => p.version).filter((v) => v !== 8),
      [],
    );
  });

  it('applies several content changes of one didChange in order', async () => {
    // The second change's range refers to the text after the first: the header insertion moves
    // `permissions: 0644` from line 19 to line 20.
    const before = client.published.length;
    client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#cloud-config\n' },
      { range: { start: { line: 20, character: 17 }, end: { line: 20, character: 21 } }, text: '"0644"' },
    ]);
    assert.match(client.doc(uri).getText(), /^#cloud-config\n[\s\S]*permissions: "0644"\n/);
    const published = await client.diagnostics(uri, { version: 9, after: before });
    assert.deepEqual(summary(client.doc(uri).getText(), published.diagnostics), [
      {
        code: 'cloud-config/firewall-not-loaded',
        severity: 2,
        range: '19:10-19:38',
        text: '/var/lib/iptables/rules-save',
      },
    ]);
  });

  it('clears the diagnostics of a closed document', async () => {
    const before = client.published.length;
    client.close(uri);
    const published = await client.diagnostics(uri, { after: before });
    assert.deepEqual(published.diagnostics, []);
  });

  it('diagnoses a `yaml` document that starts with #cloud-config', async () => {
    const yamlUri = 'file:///work/project/cloud.yaml';
    const text = '#cloud-config\nwrite_files:\n  - path: /etc/motd\n    permissions: 0644\n    content: hello\n';
    client.open(yamlUri, 'yaml', text);
    const published = await client.diagnostics(yamlUri, { version: 1 });
    assert.deepEqual(summary(text, published.diagnostics), [
      { code: 'cloud-config/unquoted-permissions', severity: 2, range: '3:17-3:21', text: '0644' },
    ]);

    // Removing the header turns it into ordinary YAML: the server withdraws its diagnostics.
    const before = client.published.length;
    client.change(yamlUri, [{ range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
    const withdrawn = await client.diagnostics(yamlUri, { version: 2, after: before });
    assert.deepEqual(withdrawn.diagnostics, []);
  });

  it('publishes an empty list for a `yaml` document without #cloud-config', async () => {
    const yamlUri = 'file:///work/project/docker-compose.yaml';
    // Plenty that would be wrong in a cloud-config: none of it may be reported for ordinary YAML.
    client.open(
      yamlUri,
      'yaml',
      'write_files:\n  - path: etc/motd\n    permissions: 0644\nservices:\n  web:\n    image: nginx\n',
    );
    const published = await client.diagnostics(yamlUri, { version: 1 });
    assert.deepEqual(published.diagnostics, []);
  });

  it('measures ranges in UTF-16 code units', async () => {
    const u = 'file:///work/project/emoji.yaml';
    // The astral character counts as two code units: `0644` starts at character 33, not 32.
    const text = '#cloud-config\nwrite_files:\n  - {path: /etc/\u{1F600}, permissions: 0644}\n';
    client.open(u, 'cloud-config', text);
    const published = await client.diagnostics(u, { version: 1 });
    assert.deepEqual(summary(text, published.diagnostics), [
      { code: 'cloud-config/unquoted-permissions', severity: 2, range: '2:33-2:37', text: '0644' },
    ]);
  });

  it('handles CRLF documents (ranges and fixes)', async () => {
    const u = 'file:///work/project/crlf/user-data';
    const text = classic.replace(/\n/g, '\r\n');
    client.open(u, 'cloud-config', text);
    const published = await client.diagnostics(u, { version: 1 });
    assert.deepEqual(
      summary(text, published.diagnostics).map((d) => [d.code, d.range, d.text]),
      [
        ['cloud-config/header', '0:0-0:7', 'coreos:'],
        ['cloud-config/unknown-key', '3:6-3:13', 'enabled'],
        ['cloud-config/firewall-not-loaded', '18:10-18:38', '/var/lib/iptables/rules-save'],
        ['cloud-config/unquoted-permissions', '19:17-19:21', '0644'],
      ],
    );
    // The fixes keep the file's line endings.
    const [fixAll] = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(client.applied(u, fixAll?.edit), classicFixed.replace(/\n/g, '\r\n'));
  });

  it('logs no errors from its handlers', () => {
    assert.deepEqual(
      client.logs.filter((l) => l.type === 1),
      [],
    );
  });
});
