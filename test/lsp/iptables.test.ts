// A standalone rules-save file over the wire: diagnostics, completion after -j, hover on a port, outline.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  CompletionItem,
  CompletionList,
  DocumentSymbol,
  Hover,
  MarkupContent,
  TextEdit,
} from 'vscode-languageserver-types';
import { LspClient, applyEdits, positionOf, textAt } from './client';

const uri = 'file:///work/project/etc/iptables/rules.v4';
const text = [
  '*filter',
  ':INPUT DROP [0:0]',
  ':FORWARD DROP [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  ':SERVICES - [0:0]',
  '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
  '-A INPUT -j SERVICES',
  '-A SERVICES -p tcp -m tcp --dport 443 -j ',
  'COMMIT',
  '',
].join('\n');

function items(result: CompletionList | CompletionItem[] | null): CompletionItem[] {
  return Array.isArray(result) ? result : (result?.items ?? []);
}

describe('lsp: iptables rules files', () => {
  let client: LspClient;

  before(async () => {
    ({ client } = await LspClient.start());
    client.open(uri, 'iptables', text);
  });
  after(async () => {
    await client.stop().catch(() => client.kill());
  });

  it('publishes flow diagnostics with their ranges: the missing loopback accept, on the INPUT policy', async () => {
    const published = await client.diagnostics(uri);
    const loopback = published.diagnostics.find((d) => d.code === 'iptables/no-loopback');
    assert.ok(loopback, `got ${published.diagnostics.map((d) => d.code).join(', ')}`);
    assert.equal(textAt(text, loopback.range), 'DROP');
    assert.equal(loopback.range.start.line, 1);
    assert.ok(!published.diagnostics.some((d) => d.code === 'iptables/lockout'), 'SSH is accepted');
  });

  it('completes targets and declared chains after -j', async () => {
    const position = positionOf(text, '-j \nCOMMIT', 3);
    const list = items(
      await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
        textDocument: { uri },
        position,
      }),
    );
    const labels = list.map((i) => i.label);
    for (const l of ['ACCEPT', 'DROP', 'REJECT', 'LOG', 'SERVICES'])
      assert.ok(labels.includes(l), `${l} in ${labels.join(', ')}`);
    const accept = list.find((i) => i.label === 'ACCEPT');
    assert.ok(accept?.textEdit && 'range' in accept.textEdit);
    assert.equal(
      applyEdits(text, [accept.textEdit as TextEdit]).split('\n')[8],
      '-A SERVICES -p tcp -m tcp --dport 443 -j ACCEPT',
    );
  });

  it('hovers the port of --dport 22 with its service', async () => {
    const position = positionOf(text, '--dport 22', '--dport 2'.length);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    assert.ok(hover?.range);
    assert.equal(textAt(text, hover.range), '22');
    assert.match((hover.contents as MarkupContent).value, /ssh/i);
  });

  it('lists tables, chains and rules as document symbols', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 1);
    const filter = symbols[0] as DocumentSymbol;
    assert.equal(filter.name, '*filter');
    assert.deepEqual(
      filter.children?.map((c) => c.name),
      ['INPUT', 'FORWARD', 'OUTPUT', 'SERVICES'],
    );
    const input = filter.children?.[0];
    assert.deepEqual(
      input?.children?.map((r) => r.name),
      [
        '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
        '-A INPUT -j SERVICES',
      ],
    );
  });
});
