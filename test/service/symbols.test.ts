import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import { doc, service, textOfRange } from '../helpers/service';

const text =
  '#cloud-config\n# comment\ncoreos:\n  units:\n    - name: app.service\n      command: start\n      content: |\n        [Service]\n        ExecStart=/bin/true\n    - name: docker.service\n      enable: true\nwrite_files:\n  - path: /etc/motd\n    content: hi\n  - content: no path here\nhostname: node1\n';

function symbolsOf(t: string, dialect: 'auto' | 'coreos' | 'cloud-init' = 'auto'): DocumentSymbol[] {
  return service({ dialect }).symbols(doc(t), 'cloud-config');
}

function outline(symbols: readonly DocumentSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.name}`, ...outline(s.children ?? [], depth + 1)]);
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

describe('document symbols', () => {
  test('the outline: top-level keys, list items named by name/path, nested keys', () => {
    assert.deepEqual(outline(symbolsOf(text)), [
      'coreos',
      '  units',
      '    app.service',
      '      name',
      '      command',
      '      content',
      '        [Service]',
      '          ExecStart',
      '    docker.service',
      '      name',
      '      enable',
      'write_files',
      '  /etc/motd',
      '    path',
      '    content',
      '  [1]',
      '    content',
      'hostname',
    ]);
  });

  test('kinds: mappings are modules, lists arrays, items objects, booleans booleans', () => {
    const [coreos, writeFiles, hostname] = symbolsOf(text);
    assert.equal(coreos!.kind, SymbolKind.Module);
    const units = coreos!.children![0]!;
    assert.equal(units.kind, SymbolKind.Array);
    assert.equal(units.children![0]!.kind, SymbolKind.Object);
    const enable = units.children![1]!.children!.find((c) => c.name === 'enable');
    assert.equal(enable!.kind, SymbolKind.Boolean);
    assert.equal(writeFiles!.kind, SymbolKind.Array);
    assert.equal(hostname!.kind, SymbolKind.Property);
    assert.equal(hostname!.detail, 'node1');
  });

  test('selection ranges are the key names; ranges cover the whole entry', () => {
    const [coreos, , hostname] = symbolsOf(text);
    assert.equal(textOfRange(text, coreos!.selectionRange), 'coreos');
    assert.equal(textOfRange(text, hostname!.selectionRange), 'hostname');
    assert.equal(textOfRange(text, hostname!.range), 'hostname: node1');
    assert.ok(textOfRange(text, coreos!.range).startsWith('coreos:\n  units:\n'));
    assert.ok(textOfRange(text, coreos!.range).includes('enable: true'));
    assert.ok(!textOfRange(text, coreos!.range).includes('write_files'));
  });

  test('every selection range lies in its range and every child in its parent', () => {
    const check = (symbols: readonly DocumentSymbol[], parent?: DocumentSymbol): void => {
      for (const s of symbols) {
        assert.ok(contains(s.range, s.selectionRange), `${s.name}: selectionRange outside range`);
        if (parent) assert.ok(contains(parent.range, s.range), `${s.name} outside ${parent.name}`);
        check(s.children ?? [], s);
      }
    };
    check(symbolsOf(text));
  });

  test('hyphen keys still name items in the coreos dialect', () => {
    const t =
      '#cloud-config\ncoreos:\n  units:\n    - name: a.service\n      drop-ins:\n        - name: 10-x.conf\n          content: "[Service]"\n';
    assert.deepEqual(outline(symbolsOf(t)), [
      'coreos',
      '  units',
      '    a.service',
      '      name',
      '      drop-ins',
      '        10-x.conf',
      '          name',
      '          content',
      '            [Service]',
    ]);
  });

  test('a document that is not a mapping has no symbols', () => {
    assert.deepEqual(symbolsOf('#cloud-config\n- a\n'), []);
  });
});
