// Completion ranked by real use (data/usageRank.ts): after `-m ` conntrack and multiport come first,
// not addrtype; after `-j ` ACCEPT and DROP; in [Service] ExecStart before the rarely used directives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem } from 'vscode-languageserver-types';
import { getLanguageService, type LanguageId } from '../../server/src/service/index';

/** Labels in the order the editor shows them, completing at `^^` (or the end). */
function ranked(marked: string, lang: LanguageId, uri: string): string[] {
  const at = marked.includes('^^') ? marked.indexOf('^^') : marked.length;
  const text = marked.replace('^^', '');
  const doc = TextDocument.create(uri, lang, 1, text);
  const items = getLanguageService({ dialect: 'auto', rules: {} }).complete(doc, lang, doc.positionAt(at)).items;
  const key = (i: CompletionItem): string => i.sortText ?? i.label;
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((i) => i.label);
}

const rules = '*filter\n:INPUT DROP [0:0]\n-A INPUT ';

test('after -m the most used match modules come first', () => {
  const labels = ranked(`${rules}-m `, 'iptables', 'file:///t/rules.v4');
  assert.deepEqual(labels.slice(0, 8), ['conntrack', 'multiport', 'tcp', 'comment', 'state', 'udp', 'set', 'limit']);
  assert.ok(labels.indexOf('addrtype') > 10);
});

test('after -j the verdicts people use come first', () => {
  const labels = ranked(`${rules}-p tcp -j `, 'iptables', 'file:///t/rules.v4');
  assert.deepEqual(labels.slice(0, 5), ['ACCEPT', 'DROP', 'RETURN', 'REJECT', 'LOG']);
});

test('in [Service] the most used directives come first, the ones already written later', () => {
  const labels = ranked('[Unit]\nDescription=x\n\n[Service]\nRestart=always\n', 'systemd', 'file:///t/a.service');
  assert.deepEqual(labels.slice(0, 5), ['ExecStart', 'ExecStartPre', 'Environment', 'ExecStop', 'EnvironmentFile']);
  assert.ok(labels.indexOf('Restart') > labels.indexOf('ExecStopPost'), 'Restart= is written already');
});

test('inside user-data too (an embedded unit)', () => {
  const text =
    '#cloud-config\ncoreos:\n  units:\n    - name: a.service\n      content: |\n        [Service]\n        ^^\n        ExecStop=/bin/true\n';
  const labels = ranked(text, 'cloud-config', 'file:///t/user-data');
  assert.equal(labels[0], 'ExecStart');
});
