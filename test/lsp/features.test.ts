// Requests over the wire: completion, hover, quick fixes and fix-all (edits applied and the result
// checked, then re-validated by the server), document symbols and folding ranges.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  CodeAction,
  CompletionItem,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  MarkupContent,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
import { LspClient, positionOf, textAt } from './client';
import { classic, classicCodes, classicFixed, codesOf, fixedByHand } from './fixtures';

const uri = 'file:///work/project/user-data';

function items(result: CompletionList | CompletionItem[] | null): CompletionItem[] {
  return Array.isArray(result) ? result : (result?.items ?? []);
}

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Range['start'], b: Range['start']): boolean =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

describe('lsp: language features', () => {
  let client: LspClient;
  let diagnostics: Diagnostic[];

  before(async () => {
    ({ client } = await LspClient.start());
    client.open(uri, 'cloud-config', classic);
    diagnostics = (await client.diagnostics(uri, { version: 1 })).diagnostics;
    assert.deepEqual(codesOf(diagnostics), [...classicCodes]);
  });
  after(async () => {
    await client.stop().catch(() => client.kill());
  });

  /** Replace the whole text of `uri` and wait for its diagnostics. */
  async function setText(text: string): Promise<Diagnostic[]> {
    const doc = client.doc(uri);
    const before = client.published.length;
    client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: doc.positionAt(doc.getText().length) }, text },
    ]);
    assert.equal(client.doc(uri).getText(), text);
    return (await client.diagnostics(uri, { version: client.doc(uri).version, after: before })).diagnostics;
  }

  it('completes the keys of a coreos.units item', async () => {
    // A new, half-written unit entry: `name` is there, the cursor is on the next key line.
    const text = classic.replace('write_files:\n', '    - name: extra.service\n      \nwrite_files:\n');
    await setText(text);
    const line = positionOf(text, '- name: extra.service').line + 1;
    const result = await client.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: { line, character: 6 },
      context: { triggerKind: 1 },
    });
    const labels = items(result).map((i) => i.label);
    for (const expected of ['enable', 'command', 'content', 'drop_ins', 'mask', 'runtime']) {
      assert.ok(labels.includes(expected), `completion offers \`${expected}\`; got ${labels.join(', ')}`);
    }
    assert.ok(!labels.includes('name'), 'the key already present in the item is not offered again');
    assert.ok(!labels.includes('write_files'), 'no top-level keys inside a unit');
    const enable = items(result).find((i) => i.label === 'enable');
    const edit = enable?.textEdit as TextEdit | undefined;
    assert.deepEqual(edit?.range, { start: { line, character: 6 }, end: { line, character: 6 } });
    assert.match(edit?.newText ?? '', /^enable: /);
    assert.ok(!labels.includes('enabled'));
  });

  it('completes the allowed values of `command`', async () => {
    const text = classic.replace('      command: start\n    - name: app', '      command: re\n    - name: app');
    await setText(text);
    const pos = positionOf(text, 'command: re', 'command: re'.length);
    const result = await client.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: pos,
    });
    const labels = items(result).map((i) => i.label);
    for (const v of ['start', 'stop', 'restart', 'reload', 'try-restart', 'reload-or-restart'])
      assert.ok(labels.includes(v), `offers ${v}; got ${labels.join(', ')}`);
    const restart = items(result).find((i) => i.label === 'restart');
    const edit = restart?.textEdit as TextEdit | undefined;
    assert.ok(edit, 'value items carry a text edit');
    assert.equal(textAt(text, edit.range), 're', 'the edit replaces the typed prefix');
    await setText(classic);
  });

  it('hovers `enable` with its documentation', async () => {
    const pos = positionOf(classic, '      enable: true', 8);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos });
    assert.ok(hover, 'hover result');
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    assert.match(contents.value, /\*\*enable\*\*/);
    assert.match(contents.value, /coreos\.units/);
    assert.match(contents.value, /\[Install\]/);
    assert.ok(hover.range);
    assert.equal(textAt(classic, hover.range), 'enable');
  });

  it('hovers the misspelt `enabled` as an unknown key', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(classic, 'enabled', 3),
    });
    // The unknown-key diagnostic (shown in the same hover) says it is ignored; the hover lists the known keys.
    assert.match(
      (hover?.contents as MarkupContent | undefined)?.value ?? '',
      /^Keys coreos-cloudinit reads here: .*`enable`/,
    );
  });

  for (const code of classicCodes) {
    it(`offers a quick fix for ${code} that repairs the text`, async () => {
      const diag = diagnostics.find((d) => d.code === code);
      assert.ok(diag);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: diag.range,
        context: { diagnostics: [diag], only: ['quickfix'] },
      });
      assert.ok(
        actions.every((a) => a.kind === 'quickfix'),
        'only quick fixes when only=[quickfix]',
      );
      const fix = actions.find((a) => a.diagnostics?.some((d) => d.code === code));
      assert.ok(fix, `a quick fix for ${code}; got ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(fix.isPreferred, true);
      const result = client.applied(uri, fix.edit);
      assert.equal(result, fixedByHand(classic, code));

      // The server agrees: the fixed text no longer has that diagnostic, and nothing new appears.
      const after = await setText(result);
      assert.deepEqual(
        codesOf(after),
        classicCodes.filter((c) => c !== code),
      );
      await setText(classic);
    });
  }

  it('offers the fix-all source action, which repairs everything', async () => {
    const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: whole,
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.cloud-config'],
    );
    const fixAll = actions[0] as CodeAction;
    assert.equal(client.applied(uri, fixAll.edit), classicFixed);
    assert.deepEqual(await setText(classicFixed), [], 'the fixed document is clean');

    const none = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: whole,
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(
      none.filter((a) => a.edit?.changes?.[uri]?.length),
      [],
      'nothing left to fix',
    );
    await setText(classic);
  });

  it('lists the fix-all action with the quick fixes when no kind is requested', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 31, character: 0 } },
      context: { diagnostics },
    });
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['quickfix', 'quickfix', 'quickfix', 'quickfix', 'source.fixAll.cloud-config'],
    );
  });

  it('outlines the document with named symbols', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['coreos', 'write_files'],
    );
    const coreos = symbols[0] as DocumentSymbol;
    const units = coreos.children?.find((s) => s.name === 'units');
    assert.deepEqual(
      units?.children?.map((s) => s.name),
      ['docker.service', 'app.service'],
    );
    const docker = units?.children?.[0];
    assert.deepEqual(
      docker?.children?.map((s) => s.name),
      ['name', 'enabled', 'command'],
    );
    assert.deepEqual(
      symbols[1]?.children?.map((s) => s.name),
      ['/var/lib/iptables/rules-save'],
    );
    assert.deepEqual(coreos.range, { start: { line: 0, character: 0 }, end: { line: 17, character: 0 } });
    // Every selectionRange lies inside its range (VS Code rejects the whole outline otherwise).
    const check = (s: DocumentSymbol, parent?: DocumentSymbol): void => {
      assert.ok(contains(s.range, s.selectionRange), `${s.name}: selectionRange inside range`);
      if (parent) assert.ok(contains(parent.range, s.range), `${s.name}: inside ${parent.name}`);
      for (const c of s.children ?? []) check(c, s);
    };
    symbols.forEach((s) => check(s));
  });

  it('returns folding ranges for mappings, unit entries and block scalars', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const pairs = ranges.map((r) => `${r.startLine}-${r.endLine}`);
    for (const expected of [
      '0-16', //  coreos:
      '1-16', //  units:
      '2-4', //   docker.service entry
      '5-16', //  app.service entry
      '8-16', //  content: |
      '17-30', // write_files:
      '21-30', // rules-save content: |
    ]) {
      assert.ok(pairs.includes(expected), `folding range ${expected}; got ${pairs.join(', ')}`);
    }
    const lines = classic.split('\n').length;
    assert.ok(
      ranges.every((r) => r.startLine < r.endLine && r.endLine < lines),
      'ranges span lines inside the document',
    );
  });
});
