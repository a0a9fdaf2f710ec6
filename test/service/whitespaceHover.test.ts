// Whitespace gets no hover: the indentation of an embedded block used to show the generic `content`
// hover over the whole block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/src/service/index';

const text = [
  '#cloud-config',
  'coreos:',
  '  units:',
  '    - name: app.service',
  '      command: start',
  '      content: |',
  '        [Service]',
  '        ExecStart=/usr/bin/sleep infinity',
  'write_files:',
  '  - path: /var/lib/iptables/rules-save',
  '    permissions: "0644"',
  '    content: |',
  '      *filter',
  '      :INPUT DROP [0:0]',
  '      -A INPUT -i lo -j ACCEPT',
  '      COMMIT',
  '',
].join('\n');

const doc = TextDocument.create('file:///t/user-data', 'cloud-config', 1, text);
const service = getLanguageService({ dialect: 'auto', rules: {} });

test('no hover on the indentation of embedded unit and rules lines, nor between words', () => {
  for (const line of [6, 7, 12, 13, 14]) {
    for (let character = 0; character < 6; character++) {
      assert.equal(
        service.hover(doc, 'cloud-config', { line, character }),
        null,
        `line ${line + 1}, column ${character + 1}`,
      );
    }
  }
  assert.equal(service.hover(doc, 'cloud-config', { line: 4, character: 2 }), null, 'indentation of a key');
});

test('words keep their hover', () => {
  const exec = service.hover(doc, 'cloud-config', { line: 7, character: 10 });
  assert.match(JSON.stringify(exec?.contents), /ExecStart/);
  const option = service.hover(doc, 'cloud-config', { line: 14, character: 16 });
  assert.match(JSON.stringify(option?.contents), /-i|interface/i);
  const key = service.hover(doc, 'cloud-config', { line: 4, character: 8 });
  assert.match(JSON.stringify(key?.contents), /command/);
});
