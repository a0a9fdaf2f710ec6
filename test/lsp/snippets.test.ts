// The whole user-data snippets come from the server's completion, which sees the document: accepted
// below an existing #cloud-config they add no second header; in a document without one the header
// lands on line 1. The accepted text (defaults taken) is sent back and must lint clean.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Diagnostic } from 'vscode-languageserver-types';
import { LspClient } from './client';
import { acceptCompletion } from '../helpers/snippetExpand';

const uri = 'file:///work/project/user-data';
const wholeSnippets = ['cloud-config', 'cloud-config-firewall', 'docker-firewall'];

describe('lsp: whole user-data snippets', () => {
  let client: LspClient;

  before(async () => {
    ({ client } = await LspClient.start());
    client.open(uri, 'cloud-config', '');
    await client.diagnostics(uri, { version: 1 });
  });
  after(async () => {
    await client.stop().catch(() => client.kill());
  });

  async function setText(text: string): Promise<Diagnostic[]> {
    const doc = client.doc(uri);
    const published = client.published.length;
    client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, text },
    ]);
    return (await client.diagnostics(uri, { version: client.doc(uri).version, after: published })).diagnostics;
  }

  async function offered(text: string, line: number): Promise<CompletionItem[]> {
    await setText(text);
    const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri },
      position: { line, character: 0 },
      context: { triggerKind: 1 },
    });
    const all = Array.isArray(result) ? result : (result?.items ?? []);
    return all.filter((i) => wholeSnippets.includes(i.label));
  }

  /** Accept `item` in `text`, send the result and return it with the server's errors and warnings. */
  async function accept(text: string, item: CompletionItem): Promise<{ result: string; problems: string[] }> {
    const result = acceptCompletion(text, item);
    const diags = await setText(result);
    return {
      result,
      problems: diags
        .filter((d) => d.severity === 1 || d.severity === 2)
        .map((d) => `${d.range.start.line + 1}: ${String(d.code)}`),
    };
  }

  it('below an existing #cloud-config: no second header in the inserted text', async () => {
    const text = '#cloud-config\n\n';
    const items = await offered(text, 1);
    assert.deepEqual(items.map((i) => i.label).sort(), [...wholeSnippets].sort());
    for (const item of items) {
      assert.ok(
        item.textEdit && !item.textEdit.newText.includes('#cloud-config'),
        `${item.label}: ${item.textEdit?.newText.slice(0, 40)}`,
      );
      assert.equal(item.additionalTextEdits, undefined, `${item.label} adds nothing elsewhere`);
      const { result, problems } = await accept(text, item);
      assert.equal(result.match(/#cloud-config/g)?.length, 1, `${item.label}:\n${result}`);
      assert.deepEqual(problems, [], `${item.label}:\n${result}`);
    }
  });

  it('on line 1 of an empty document: the snippet starts with the header', async () => {
    for (const item of await offered('', 0)) {
      const { result, problems } = await accept('', item);
      assert.ok(result.startsWith('#cloud-config\n\n'), `${item.label}:\n${result}`);
      assert.equal(result.match(/#cloud-config/g)?.length, 1);
      assert.deepEqual(problems, [], `${item.label}:\n${result}`);
    }
  });

  it('below other keys of a document without a header: the header goes on line 1', async () => {
    const text = 'manage_etc_hosts: localhost\n\n';
    const items = await offered(text, 2);
    assert.ok(items.length > 0);
    for (const item of items) {
      assert.deepEqual(item.additionalTextEdits, [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '#cloud-config\n' },
      ]);
      const { result, problems } = await accept(text, item);
      assert.ok(result.startsWith('#cloud-config\nmanage_etc_hosts: localhost\n'), `${item.label}:\n${result}`);
      assert.deepEqual(problems, [], `${item.label}:\n${result}`);
    }
  });
});
