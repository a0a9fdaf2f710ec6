// What the extension's commands, status bar and settings stand on: per-folder (resource) settings,
// the enable switches, `run: onSave`, diagnostics' `source` per language, the status notification,
// the output log, and the requests behind Fix All, Show Rule Documentation, Lint Workspace and
// Select Dialect.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LspClient, repoRoot, type PublishDiagnosticsParams } from './client';
import { classic, codesOf } from './fixtures';
import { serverVersion } from '../../server/src/version';
import type {
  DocumentStatus,
  FixAllResult,
  LintFilesResult,
  RuleDocumentation,
} from '../../server/src/editor/protocol';

const mixed = readFileSync(resolve(repoRoot, 'test', 'lsp', 'fixtures', 'mixed-user-data'), 'utf8');
const permissions = 'cloud-config/unquoted-permissions';
const folderA = 'file:///ws/a/';
const folderB = 'file:///ws/b/';

async function withClient(
  options: Parameters<typeof LspClient.start>[0],
  body: (client: LspClient) => Promise<void>,
): Promise<void> {
  const { client } = await LspClient.start(options);
  try {
    await body(client);
  } finally {
    await client.stop().catch(() => client.kill());
  }
}

function statuses(client: LspClient, uri: string): DocumentStatus[] {
  return client.notifications
    .filter((n) => n.method === 'cloudConfig/status')
    .map((n) => n.params as DocumentStatus)
    .filter((s) => s.uri === uri);
}

function latest(
  client: LspClient,
  uri: string,
  after: number,
  ok: (p: PublishDiagnosticsParams) => boolean = () => true,
): Promise<PublishDiagnosticsParams> {
  return client.waitFor(`diagnostics for ${uri}`, () =>
    client.published.slice(after).find((p) => p.uri === uri && ok(p)),
  );
}

const base = { dialect: 'auto', rules: {} };

describe('lsp: editor features', () => {
  it('reports the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(resolve(repoRoot, 'package.json'), 'utf8')) as { version: string };
    assert.equal(serverVersion, version);
    const { client, init } = await LspClient.start({});
    try {
      assert.equal((init as { serverInfo?: { version?: string } }).serverInfo?.version, version);
    } finally {
      await client.stop().catch(() => client.kill());
    }
  });

  it('reads settings per folder (resource scope): two folders of one workspace differ', async () => {
    await withClient({ settings: { cloudConfig: base } }, async (client) => {
      client.folderSettings = [[folderB, { cloudConfig: { ...base, rules: { [permissions]: 'off' } } }]];
      client.open(`${folderA}user-data`, 'cloud-config', classic);
      client.open(`${folderB}user-data`, 'cloud-config', classic);
      const a = await client.diagnostics(`${folderA}user-data`);
      const b = await client.diagnostics(`${folderB}user-data`);
      assert.ok(codesOf(a.diagnostics).includes(permissions));
      assert.ok(!codesOf(b.diagnostics).includes(permissions));
      assert.ok(codesOf(b.diagnostics).includes('cloud-config/unknown-key'));

      // A change of folder B's settings reaches only B's document.
      const before = client.published.length;
      client.folderSettings = [[folderB, { cloudConfig: { ...base, enable: false } }]];
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const off = await latest(client, `${folderB}user-data`, before, (p) => p.diagnostics.length === 0);
      assert.deepEqual(off.diagnostics, []);
      await client.waitFor(
        'status of B says it is off',
        () => statuses(client, `${folderB}user-data`).at(-1)?.off === 'cloudConfig.enable is off',
      );
      const againA = await latest(client, `${folderA}user-data`, before);
      assert.ok(codesOf(againA.diagnostics).includes(permissions));
      // Switched off means no features either.
      const hover = await client.request('textDocument/hover', {
        textDocument: { uri: `${folderB}user-data` },
        position: { line: 0, character: 1 },
      });
      assert.equal(hover, null);
    });
  });

  it("names the language in each diagnostic's source and switches languages off one by one", async () => {
    await withClient({ settings: { cloudConfig: base } }, async (client) => {
      const uri = 'file:///ws/user-data';
      client.open(uri, 'cloud-config', mixed);
      const first = await client.diagnostics(uri);
      const sources = new Map(first.diagnostics.map((d) => [String(d.code), d.source]));
      assert.equal(sources.get('iptables/state-match'), 'iptables');
      assert.equal(sources.get('docker/port-exposure'), 'docker');
      assert.equal(sources.get('systemd/deprecated-directive'), 'systemd');
      for (const d of first.diagnostics) assert.equal(d.source, String(d.code).split('/')[0]);

      for (const [key, prefix] of [
        ['iptables', 'iptables/'],
        ['docker', 'docker/'],
        ['systemd', 'systemd/'],
      ] as const) {
        const before = client.published.length;
        client.settings = { cloudConfig: { ...base, [key]: { enable: false } } };
        client.notify('workspace/didChangeConfiguration', { settings: null });
        const next = await latest(
          client,
          uri,
          before,
          (p) => !codesOf(p.diagnostics).some((c) => c.startsWith(prefix)),
        );
        assert.ok(next.diagnostics.length > 0, `only ${prefix} findings go`);
      }
      // A standalone rules file is not served with iptables switched off.
      client.settings = { cloudConfig: { ...base, iptables: { enable: false } } };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const rules = 'file:///ws/rules.v4';
      client.open(
        rules,
        'iptables',
        '*filter\n:INPUT DROP [0:0]\n-A INPUT -m state --state ESTABLISHED -j ACCEPT\nCOMMIT\n',
      );
      await client.waitFor(
        'status of the rules file',
        () => statuses(client, rules).at(-1)?.off === 'cloudConfig.iptables.enable is off',
      );
      assert.deepEqual((await client.diagnostics(rules)).diagnostics, []);
    });
  });

  it('with run: onSave, checks on open and save but not as typed', async () => {
    await withClient({ settings: { cloudConfig: { ...base, run: 'onSave' } } }, async (client) => {
      const uri = 'file:///ws/save/user-data';
      client.open(uri, 'cloud-config', classic);
      const opened = await client.diagnostics(uri);
      assert.ok(codesOf(opened.diagnostics).includes(permissions));
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }); // settings resolved
      const before = client.published.length;
      client.change(uri, [
        { range: { start: { line: 19, character: 17 }, end: { line: 19, character: 21 } }, text: '"0644"' },
      ]);
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(client.published.slice(before).filter((p) => p.uri === uri).length, 0, 'typing publishes nothing');
      client.notify('textDocument/didSave', { textDocument: { uri } });
      const saved = await latest(client, uri, before);
      assert.equal(saved.version, 2);
      assert.ok(!codesOf(saved.diagnostics).includes(permissions));
    });
  });

  it('tells the status: language, dialect and why, counts; logs version, settings and dialect; traces timings', async () => {
    await withClient({ settings: { cloudConfig: base } }, async (client) => {
      client.notify('$/setTrace', { value: 'verbose' });
      const uri = 'file:///ws/status/user-data';
      client.open(uri, 'cloud-config', classic);
      const published = await client.diagnostics(uri);
      const status = await client.waitFor('a status', () => statuses(client, uri).at(-1));
      assert.equal(status.language, 'cloud-config');
      assert.equal(status.dialect, 'CoreOS');
      assert.equal(status.dialectReason, 'detected: a top-level coreos: key');
      assert.equal(status.errors + status.warnings + status.infos, published.diagnostics.length);
      const logs = client.logs.map((l) => l.message).join('\n');
      assert.match(logs, new RegExp(`cloud-config-language-server ${serverVersion.replace(/\./g, '\\.')}`));
      assert.match(logs, /settings: \{"enable":true/);
      assert.match(logs, /file:\/\/\/ws\/status\/user-data: dialect CoreOS \(detected: a top-level coreos: key\)/);
      assert.ok(
        client.traces.some((t) => /^validate v1 \(\d+ findings\) file:\/\/\/ws\/status\/user-data: \d+ ms$/.test(t)),
        client.traces.join('\n'),
      );

      // Select Dialect for This File: cloud-init wins over the detection, and says so.
      const before = client.notifications.length;
      await client.request('cloudConfig/setDialect', { uri, dialect: 'cloud-init' });
      const forced = await client.waitFor('status after the dialect changed', () =>
        client.notifications
          .slice(before)
          .map((n) => n.params as DocumentStatus)
          .find((s) => s.uri === uri && s.dialect === 'cloud-init'),
      );
      assert.equal(forced.dialectReason, 'chosen for this file with Select Dialect');
      // Read as cloud-init, the coreos: key is unknown.
      const asCloudInit = client.published.at(-1)!;
      assert.ok(
        asCloudInit.diagnostics.some((d) => d.code === 'cloud-config/unknown-key' && /coreos/.test(String(d.message))),
      );
    });
  });

  it('answers Fix All (applyEdit), Show Rule Documentation and Lint Workspace', async () => {
    await withClient({ settings: { cloudConfig: base }, applyEdits: true }, async (client) => {
      const uri = 'file:///ws/fix/user-data';
      client.open(uri, 'cloud-config', classic);
      await client.diagnostics(uri);

      const docs = await client.request<RuleDocumentation[]>('cloudConfig/ruleDocumentation', {
        uri,
        position: { line: 19, character: 18 },
      });
      assert.deepEqual(
        docs.map((d) => [d.code, d.language, d.path]),
        [[permissions, 'cloud-config', 'docs/rules/cloud-config/unquoted-permissions.md']],
      );
      assert.ok(docs[0]!.summary.length > 0);
      assert.deepEqual(
        await client.request('cloudConfig/ruleDocumentation', { uri, position: { line: 12, character: 0 } }),
        [],
      );

      const fixed = await client.request<FixAllResult>('cloudConfig/fixAll', { uri });
      assert.equal(fixed.applied, true);
      assert.ok(fixed.fixes >= 3);
      const text = client.applied(uri, client.appliedEdits[0]);
      assert.ok(text.startsWith('#cloud-config\n'));
      assert.match(text, /permissions: "0644"/);

      const lint = await client.request<LintFilesResult>('cloudConfig/lintFiles', {
        files: [
          { uri: 'file:///ws/disk/user-data', text: classic },
          {
            uri: 'file:///ws/disk/etc/iptables/rules.v4',
            text: '*filter\n:INPUT DROP [0:0]\n-A INPUT -m state --state ESTABLISHED -j ACCEPT\nCOMMIT\n',
          },
          { uri: 'file:///ws/disk/plain.yaml', text: 'a: 1\n' },
          { uri, text: 'open documents are skipped' },
        ],
      });
      assert.equal(lint.checked, 2);
      const disk = await client.diagnostics('file:///ws/disk/user-data');
      assert.ok(codesOf(disk.diagnostics).includes(permissions));
      const rules = await client.diagnostics('file:///ws/disk/etc/iptables/rules.v4');
      assert.ok(codesOf(rules.diagnostics).includes('iptables/state-match'));
      assert.equal(lint.findings, disk.diagnostics.length + rules.diagnostics.length);
      assert.ok(!client.published.some((p) => p.uri === 'file:///ws/disk/plain.yaml'), 'plain YAML is not ours');
    });
  });
});
