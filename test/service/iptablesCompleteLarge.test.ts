// Completion in a rules file with thousands of chains (a Kubernetes node's nat table): a few hundred
// items at most, ranked (the chains around the caret first), and `isIncomplete` when cut, so the
// editor asks again as the word grows and the server narrows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { completeRules } from '../../server/src/service/iptables/complete';
import { maxItems } from '../../server/src/service/iptables/complete/rank';
import { getLanguageService } from '../../server/src/service/index';
import { caret } from '../helpers/service';

const chains = 3000;
const name = (i: number): string => `KUBE-SEP-${String(i).padStart(5, '0')}X`;

/** A nat table declaring `chains` endpoint chains, with the caret's rule among rules that use a few. */
function natTable(line: string): { text: string; offset: number } {
  const lines = ['*nat', ':PREROUTING ACCEPT [0:0]', ':KUBE-SVC-AAAA - [0:0]', ':KUBE-MARK-MASQ - [0:0]'];
  for (let i = 0; i < chains; i++) lines.push(`:${name(i)} - [0:0]`);
  for (let i = 0; i < chains; i++) lines.push(`-A ${name(i)} -j KUBE-MARK-MASQ`);
  // The rules around the caret jump to two chains far down the alphabet.
  const at = lines.length - 500;
  lines.splice(
    at,
    0,
    `-A KUBE-SVC-AAAA -m statistic --mode random --probability 0.5 -j ${name(2900)}`,
    line,
    `-A KUBE-SVC-AAAA -j ${name(2950)}`,
  );
  return caret([...lines, 'COMMIT', ''].join('\n'));
}

function complete(line: string) {
  const { text, offset } = natTable(line);
  const result = completeRules(parseRulesSave(text, 'ipv4'), { text, region: undefined, siblings: [] }, offset);
  assert.ok(result);
  const order = [...result.items]
    .sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))
    .map((i) => i.label);
  return { result, order, text, offset };
}

test('after -j in a table of thousands of chains: at most maxItems, nearby chains first, isIncomplete', () => {
  const { result, order } = complete('-A KUBE-SVC-AAAA -j |^|');
  assert.ok(result.items.length <= maxItems, `${result.items.length} items`);
  assert.equal(result.isIncomplete, true);
  // The chains used on the lines around the caret come first (the rule's own chain, then its neighbours' jumps).
  assert.deepEqual(order.slice(0, 3), ['KUBE-SVC-AAAA', name(2900), name(2950)]);
  // Then the targets of the nat table, then other user chains by name.
  assert.ok(order.includes('DNAT') && order.indexOf('DNAT') < order.indexOf(name(0)));
  assert.ok(!order.includes('DROP'), 'nat refuses DROP');
});

test('the typed word narrows on the server: every chain starting with it, even past the first maxItems', () => {
  const { result, order } = complete('-A KUBE-SVC-AAAA -j KUBE-SEP-027|^|');
  assert.deepEqual(
    order,
    Array.from({ length: 100 }, (_, k) => name(2700 + k)),
  );
  assert.equal(result.isIncomplete, true);
  assert.equal(result.replaceStart >= 0, true);
  // Lower case narrows the same way; a word in the middle of names matches too.
  assert.deepEqual(
    complete('-A KUBE-SVC-AAAA -j kube-sep-0271|^|').order,
    Array.from({ length: 10 }, (_, k) => name(2710 + k)),
  );
  assert.ok(complete('-A KUBE-SVC-AAAA -j 0271|^|').order.includes(name(2719)));
  // After -A: the table's chains, cut and ranked the same way.
  const a = complete('-A |^|');
  assert.equal(a.result.isIncomplete, true);
  assert.ok(a.result.items.length <= maxItems);
  assert.equal(a.order[0], 'KUBE-SVC-AAAA');
});

test('a small table is answered whole and complete', () => {
  const text = '*filter\n:INPUT DROP [0:0]\n:MINE - [0:0]\n-A INPUT -j \nCOMMIT\n';
  const result = completeRules(
    parseRulesSave(text, 'ipv4'),
    { text, region: undefined, siblings: [] },
    text.indexOf('-j ') + 3,
  );
  assert.equal(result?.isIncomplete, false);
  assert.ok(result?.items.some((i) => i.label === 'MINE'));
});

test('the service passes isIncomplete on, standalone and embedded in user-data', () => {
  const { text, offset } = natTable('-A KUBE-SVC-AAAA -j |^|');
  const svc = getLanguageService();
  const doc = TextDocument.create('file:///x/rules-save', 'iptables', 1, text);
  const standalone = svc.complete(doc, 'iptables', doc.positionAt(offset));
  assert.equal(standalone.isIncomplete, true);
  assert.ok(standalone.items.length <= maxItems);
  const yaml = [
    '#cloud-config',
    'write_files:',
    '  - path: /etc/iptables/rules.v4',
    '    content: |',
    ...text.split('\n').map((l) => (l ? `      ${l}` : l)),
  ].join('\n');
  const ud = TextDocument.create('file:///x/user-data', 'cloud-config', 1, yaml);
  const line = text.slice(0, offset).split('\n').length - 1 + 4;
  const embedded = svc.complete(ud, 'cloud-config', { line, character: 6 + '-A KUBE-SVC-AAAA -j '.length });
  assert.equal(embedded.isIncomplete, true);
  assert.ok(embedded.items.length <= maxItems && embedded.items.some((i) => i.label === name(2900)));
});
