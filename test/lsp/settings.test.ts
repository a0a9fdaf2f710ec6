// Settings: pulled through workspace/configuration (section `cloudConfig`), pushed with
// workspace/didChangeConfiguration, or given as initializationOptions.settings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, type PublishDiagnosticsParams } from './client';
import { classic, codesOf, messageOf } from './fixtures';

const uri = 'file:///work/project/user-data';
const permissions = 'cloud-config/unquoted-permissions';

/** Wait for the first diagnostics of `uri` (after notification number `after`) that satisfy `ok`. */
function diagnosticsWhere(
  client: LspClient,
  after: number,
  what: string,
  ok: (p: PublishDiagnosticsParams) => boolean,
): Promise<PublishDiagnosticsParams> {
  return client.waitFor(what, () => client.published.slice(after).find((p) => p.uri === uri && ok(p)));
}

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

describe('lsp: settings', () => {
  it('pulls `cloudConfig` through workspace/configuration and re-validates after didChangeConfiguration', async () => {
    await withClient({ settings: { cloudConfig: { dialect: 'auto', rules: {} } } }, async (client) => {
      client.open(uri, 'cloud-config', classic);
      const first = await client.diagnostics(uri, { version: 1 });
      assert.ok(codesOf(first.diagnostics).includes(permissions));
      await client.waitFor('a workspace/configuration request for cloudConfig', () =>
        client.configurationRequests.includes('cloudConfig'),
      );

      const asked = client.configurationRequests.length;
      const before = client.published.length;
      client.settings = { cloudConfig: { dialect: 'auto', rules: { [permissions]: 'off' } } };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const published = await diagnosticsWhere(
        client,
        before,
        `diagnostics without ${permissions}`,
        (p) => !codesOf(p.diagnostics).includes(permissions),
      );
      assert.equal(published.version, 1);
      assert.deepEqual(codesOf(published.diagnostics), [
        'cloud-config/header',
        'cloud-config/unknown-key',
        'cloud-config/firewall-not-loaded',
      ]);
      assert.ok(client.configurationRequests.length > asked, 'the server pulled the settings again');
      assert.equal(client.configurationRequests.at(-1), 'cloudConfig');

      // A rule that is off offers no quick fix either.
      const actions = await client.request<Array<{ title: string; diagnostics?: Array<{ code: string }> }>>(
        'textDocument/codeAction',
        {
          textDocument: { uri },
          range: { start: { line: 19, character: 17 }, end: { line: 19, character: 21 } },
          context: { diagnostics: [], only: ['quickfix'] },
        },
      );
      assert.deepEqual(
        actions.filter((a) => a.diagnostics?.some((d) => d.code === permissions)),
        [],
      );

      // And back on.
      const again = client.published.length;
      client.settings = { cloudConfig: { dialect: 'auto', rules: {} } };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      await diagnosticsWhere(client, again, `diagnostics with ${permissions} again`, (p) =>
        codesOf(p.diagnostics).includes(permissions),
      );
    });
  });

  it('takes settings pushed in didChangeConfiguration (severity override and off)', async () => {
    await withClient({}, async (client) => {
      client.open(uri, 'cloud-config', classic);
      await client.diagnostics(uri, { version: 1 });

      let before = client.published.length;
      client.notify('workspace/didChangeConfiguration', {
        settings: { cloudConfig: { rules: { 'cloud-config/unknown-key': 'error', 'cloud-config/header': 'hint' } } },
      });
      const raised = await diagnosticsWhere(client, before, 'unknown-key as an error', (p) =>
        p.diagnostics.some((d) => d.code === 'cloud-config/unknown-key' && d.severity === 1),
      );
      assert.deepEqual(
        raised.diagnostics.map((d) => [d.code, d.severity]),
        [
          ['cloud-config/header', 4],
          ['cloud-config/unknown-key', 1],
          ['cloud-config/firewall-not-loaded', 2],
          // The classic config is CoreOS: unquoted permissions are a hint there.
          [permissions, 4],
        ],
      );

      before = client.published.length;
      client.notify('workspace/didChangeConfiguration', {
        settings: { cloudConfig: { rules: { 'cloud-config/firewall-not-loaded': 'off' } } },
      });
      const off = await diagnosticsWhere(
        client,
        before,
        'firewall-not-loaded off',
        (p) => !codesOf(p.diagnostics).includes('cloud-config/firewall-not-loaded'),
      );
      // A pushed section replaces the previous one: the overrides above no longer apply.
      assert.deepEqual(
        off.diagnostics.map((d) => [d.code, d.severity]),
        [
          ['cloud-config/header', 1],
          ['cloud-config/unknown-key', 2],
          [permissions, 4],
        ],
      );
    });
  });

  it('a language wildcard sets every code of the language; a code set on its own wins', async () => {
    await withClient({}, async (client) => {
      client.open(uri, 'cloud-config', classic);
      await client.diagnostics(uri, { version: 1 });
      const before = client.published.length;
      client.notify('workspace/didChangeConfiguration', {
        settings: { cloudConfig: { rules: { 'cloud-config/*': 'off', 'cloud-config/unknown-key': 'error' } } },
      });
      const only = await diagnosticsWhere(client, before, 'only unknown-key', (p) => p.diagnostics.length === 1);
      assert.deepEqual(
        only.diagnostics.map((d) => [d.code, d.severity]),
        [['cloud-config/unknown-key', 1]],
      );
      assert.deepEqual(client.shown, [], 'valid settings bring no notification');
    });
  });

  it('reports a made-up code and a bad severity in the log and once as a notification, and applies the rest', async () => {
    await withClient({}, async (client) => {
      client.open(uri, 'cloud-config', classic);
      await client.diagnostics(uri, { version: 1 });
      const rules = { 'cloud-config/unknown-kye': 'off', [permissions]: 'loud', 'cloud-config/header': 'off' };
      const before = client.published.length;
      client.notify('workspace/didChangeConfiguration', { settings: { cloudConfig: { rules } } });
      const published = await diagnosticsWhere(
        client,
        before,
        'header off',
        (p) => !codesOf(p.diagnostics).includes('cloud-config/header'),
      );
      assert.deepEqual(
        codesOf(published.diagnostics),
        ['cloud-config/unknown-key', 'cloud-config/firewall-not-loaded', permissions],
        'the bad entries change nothing',
      );
      await client.waitFor('a notification', () => client.shown.length > 0);
      assert.equal(client.shown.length, 1);
      assert.equal(client.shown[0]?.type, 2, 'a warning');
      assert.match(client.shown[0]?.message ?? '', /2 rule settings are ignored/);
      const logged = client.logs.filter((l) => l.message.startsWith('cloudConfig.rules:')).map((l) => l.message);
      assert.equal(logged.length, 2);
      assert.match(
        logged[0] ?? '',
        /"cloud-config\/unknown-kye" is not a rule code.*Did you mean "cloud-config\/unknown-key"/,
      );
      assert.match(logged[1] ?? '', /"cloud-config\/unquoted-permissions": "loud" is not a severity/);

      // The same settings again: no second notification.
      const again = client.published.length;
      client.notify('workspace/didChangeConfiguration', { settings: { cloudConfig: { rules } } });
      await diagnosticsWhere(client, again, 'diagnostics again', () => true);
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
      assert.equal(client.shown.length, 1, 'reported once');
    });
  });

  it('honours the dialect setting', async () => {
    await withClient({ settings: { cloudConfig: { dialect: 'cloud-init', rules: {} } } }, async (client) => {
      client.open(uri, 'cloud-config', `#cloud-config\n${classic}`);
      // Read as cloud-init, `coreos:` is a key cloud-init ignores and the CoreOS-only rules are silent.
      const published = await diagnosticsWhere(
        client,
        0,
        'diagnostics for the cloud-init dialect',
        (p) =>
          codesOf(p.diagnostics).includes('cloud-config/unknown-key') &&
          !codesOf(p.diagnostics).includes('cloud-config/firewall-not-loaded'),
      );
      const unknown = published.diagnostics.find((d) => d.code === 'cloud-config/unknown-key');
      assert.deepEqual(unknown?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } });
      assert.match(unknown ? messageOf(unknown) : '', /cloud-init ignores it/);
    });
  });

  it('takes initializationOptions.settings from a client without workspace/configuration', async () => {
    await withClient(
      {
        configurationCapability: false,
        initializationOptions: { settings: { rules: { 'cloud-config/header': 'off' } } },
      },
      async (client) => {
        client.open(uri, 'cloud-config', classic);
        const published = await client.diagnostics(uri, { version: 1 });
        assert.deepEqual(codesOf(published.diagnostics), [
          'cloud-config/unknown-key',
          'cloud-config/firewall-not-loaded',
          permissions,
        ]);
        assert.deepEqual(
          client.configurationRequests,
          [],
          'no workspace/configuration request to a client that did not offer it',
        );
      },
    );
  });

  // With the workspace.configuration capability the server pulls `cloudConfig` after `initialized`. A
  // client with no such section answers `null` (Neovim does when only init_options are set): the
  // initializationOptions settings must stay in force.
  it('keeps initializationOptions.settings when workspace/configuration answers null', async () => {
    await withClient(
      { settings: {}, initializationOptions: { settings: { rules: { 'cloud-config/header': 'off' } } } },
      async (client) => {
        client.open(uri, 'cloud-config', classic);
        await client.waitFor('the configuration request', () => client.configurationRequests.includes('cloudConfig'));
        // Every publish, including any after the configuration answer, must honour the initializationOptions.
        await client.diagnostics(uri, { version: 1 });
        await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
        const all = client.published.filter((p) => p.uri === uri);
        assert.ok(all.length > 0);
        for (const p of all)
          assert.deepEqual(codesOf(p.diagnostics), [
            'cloud-config/unknown-key',
            'cloud-config/firewall-not-loaded',
            permissions,
          ]);
      },
    );
  });
});
