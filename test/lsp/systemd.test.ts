// A standalone unit file over the wire: directive and value completion, hover on a directive.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { LspClient, applyEdits, positionOf, textAt } from './client';

const uri = 'file:///work/project/units/web.service';
const text = [
  '[Unit]',
  'Description=web front end',
  'After=docker.service',
  '',
  '[Service]',
  'Restart=',
  'Rest',
  'ExecStart=/usr/bin/docker run --rm --name web nginx',
  '',
].join('\n');

function items(result: CompletionList | CompletionItem[] | null): CompletionItem[] {
  return Array.isArray(result) ? result : (result?.items ?? []);
}

describe('lsp: systemd unit files', () => {
  let client: LspClient;

  before(async () => {
    ({ client } = await LspClient.start());
    client.open(uri, 'systemd-unit', text);
  });
  after(async () => {
    await client.stop().catch(() => client.kill());
  });

  it('completes a directive of the current section with its documentation', async () => {
    const position = positionOf(text, 'Rest\n', 4);
    const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri },
      position,
    });
    const list = items(result);
    const labels = list.map((i) => i.label);
    assert.ok(labels.includes('RestartSec'), `got ${labels.slice(0, 10).join(', ')}`);
    assert.ok(!labels.includes('Description'), '[Unit] directives are not offered in [Service]');
    const item = list.find((i) => i.label === 'RestartSec');
    assert.ok(item?.textEdit && 'range' in item.textEdit);
    assert.equal(applyEdits(text, [item.textEdit as TextEdit]).split('\n')[6], 'RestartSec=');
    assert.match((item.documentation as MarkupContent).value, /restart/i);
  });

  it('completes the values of an enumerated directive', async () => {
    const position = positionOf(text, 'Restart=\n', 'Restart='.length);
    const list = items(
      await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
        textDocument: { uri },
        position,
      }),
    );
    const onFailure = list.find((i) => i.label === 'on-failure');
    assert.ok(onFailure?.textEdit && 'range' in onFailure.textEdit, `got ${list.map((i) => i.label).join(', ')}`);
    assert.equal(applyEdits(text, [onFailure.textEdit as TextEdit]).split('\n')[5], 'Restart=on-failure');
  });

  it('hovers a directive with its section and pitfall', async () => {
    const position = positionOf(text, 'ExecStart', 3);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
    assert.ok(hover?.range);
    assert.equal(textAt(text, hover.range), 'ExecStart');
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /\[Service\]/);
    assert.match(value, /Pitfall/);
  });
});

describe('lsp: completion documentation on request', () => {
  let client: LspClient;

  before(async () => {
    ({ client } = await LspClient.start({ resolveCompletionDocs: true }));
    client.open(uri, 'systemd-unit', text);
  });
  after(async () => {
    await client.stop().catch(() => client.kill());
  });

  it('sends directives without their documentation to a client that resolves items, and the documentation on resolve', async () => {
    const position = positionOf(text, 'Rest\n', 4);
    const list = items(
      await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
        textDocument: { uri },
        position,
      }),
    );
    const item = list.find((i) => i.label === 'RestartSec');
    assert.ok(
      item && item.documentation === undefined && item.detail,
      'RestartSec comes with its detail, without documentation',
    );
    assert.ok(
      list.length > 100 && list.every((i) => i.documentation === undefined),
      `${list.length} items, none documented inline`,
    );
    const resolved = await client.request<CompletionItem>('completionItem/resolve', item);
    assert.equal(resolved.label, 'RestartSec');
    assert.match((resolved.documentation as MarkupContent).value, /restart/i);
    // An item of an earlier answer resolves to itself once a newer answer replaced the documentation.
    await client.request('textDocument/completion', { textDocument: { uri }, position });
    const other = list.find((i) => i.label === 'Restart');
    assert.ok(other);
    const stale = await client.request<CompletionItem>('completionItem/resolve', other);
    assert.equal(stale.documentation, undefined);
  });
});
