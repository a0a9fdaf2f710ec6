// Compose over the wire: a standalone compose.yaml opened as `dockercompose` (the id VS Code's Docker
// extension and this extension give it) gets findings with the loopback fix, completion and hover; a
// Compose file inside a user-data gets the same completion and hover.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Hover,
  MarkupContent,
  TextEdit,
} from 'vscode-languageserver-types';
import { LspClient, applyEdits, positionOf, textAt } from './client';

const composeUri = 'file:///work/project/app/compose.yaml';
const composeText = [
  'services:',
  '  db:',
  '    image: postgres:16',
  '    ports: ["5432:5432"]',
  '    restart: ',
  '',
].join('\n');

const userDataUri = 'file:///work/project/user-data';
const userData = [
  '#cloud-config',
  'packages: [docker.io, ufw]',
  'write_files:',
  '  - path: /opt/app/compose.yaml',
  '    content: |',
  '      services:',
  '        web:',
  '          image: nginx',
  '          network_mode: host',
  '          ports:',
  '            - ',
  'runcmd:',
  '  - ufw allow 22/tcp',
  '  - ufw --force enable',
  '',
].join('\n');

function items(result: CompletionList | CompletionItem[] | null): CompletionItem[] {
  return Array.isArray(result) ? result : (result?.items ?? []);
}

describe('lsp: Compose files', () => {
  let client: LspClient;

  before(async () => {
    ({ client } = await LspClient.start());
    client.open(composeUri, 'dockercompose', composeText);
    client.open(userDataUri, 'cloud-config', userData);
  });
  after(async () => {
    await client.stop().catch(() => client.kill());
  });

  it('publishes port-exposure on a standalone compose.yaml, with the loopback quick fix', async () => {
    const { diagnostics } = await client.diagnostics(composeUri);
    const diag = diagnostics.find((d) => d.code === 'docker/port-exposure');
    assert.ok(diag, `got ${diagnostics.map((d) => d.code).join(', ')}`);
    assert.equal(textAt(composeText, diag.range), '"5432:5432"');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: composeUri },
      range: diag.range,
      context: { diagnostics: [diag], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `got ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(client.applied(composeUri, fix.edit), composeText.replace('"5432:5432"', '"127.0.0.1:5432:5432"'));
  });

  it('completes restart policies in a standalone compose.yaml', async () => {
    const position = positionOf(composeText, 'restart: ', 'restart: '.length);
    const list = items(
      await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
        textDocument: { uri: composeUri },
        position,
      }),
    );
    const item = list.find((i) => i.label === 'unless-stopped');
    assert.ok(item?.textEdit && 'range' in item.textEdit, `got ${list.map((i) => i.label).join(', ')}`);
    assert.equal(applyEdits(composeText, [item.textEdit as TextEdit]).split('\n')[4], '    restart: unless-stopped');
  });

  it('hovers a port mapping of a standalone compose.yaml: every interface, past the firewall', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: composeUri },
      position: positionOf(composeText, '5432:', 2),
    });
    assert.ok(hover?.range);
    assert.equal(textAt(composeText, hover.range), '"5432:5432"');
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /every interface of the host/);
    assert.match(value, /INPUT-chain firewall rules cannot stop them/);
  });

  it('completes port forms inside a Compose file a user-data writes, loopback first', async () => {
    const position = positionOf(userData, '            - ', '            - '.length);
    const list = items(
      await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
        textDocument: { uri: userDataUri },
        position,
      }),
    );
    const first = [...list].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))[0];
    assert.equal(first?.label, '127.0.0.1:HOST:CONTAINER');
    assert.ok(first?.textEdit && 'range' in first.textEdit);
    assert.equal(
      applyEdits(userData, [first.textEdit as TextEdit]).split('\n')[10],
      '            - "127.0.0.1:${1:8080}:${2:80}"',
    );
  });

  it('hovers network_mode: host inside a Compose file a user-data writes', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: userDataUri },
      position: positionOf(userData, 'network_mode', 3),
    });
    assert.ok(hover?.range);
    assert.equal(textAt(userData, hover.range), 'network_mode: host');
    assert.match((hover.contents as MarkupContent).value, /host's network stack/);
  });
});
