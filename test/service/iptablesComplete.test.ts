// Completion in rules files: by position on the line, from the iptables data tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver-types';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { completeRules } from '../../server/src/service/iptables/complete';
import { caret } from '../helpers/service';

const head = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':FILTERS - [0:0]'];

/** Complete at `|^|` in a filter table; returns the labels and the text the items replace. */
function complete(
  line: string,
  family: 'ipv4' | 'ipv6' = 'ipv4',
  lines = head,
): { labels: string[]; replaced: string; items: CompletionItem[] } {
  const { text, offset } = caret([...lines, line, 'COMMIT', ''].join('\n'));
  const result = completeRules(parseRulesSave(text, family), { text, region: undefined, siblings: [] }, offset);
  assert.ok(result, `completion at ${line}`);
  return {
    labels: result.items.map((i) => i.label),
    replaced: text.slice(result.replaceStart, offset),
    items: result.items,
  };
}

test('line start: commands, chain declaration, COMMIT inside a table; *table names outside', () => {
  const inTable = complete('|^|');
  for (const l of ['-A', '-I', '-N', '-P', ':', 'COMMIT']) assert.ok(inTable.labels.includes(l), l);
  assert.ok(!inTable.labels.includes('*nat'), 'no new table before COMMIT');
  const { text, offset } = caret('# rules\n|^|');
  const outside = completeRules(parseRulesSave(text, 'ipv4'), { text, region: undefined, siblings: [] }, offset);
  assert.ok(outside?.items.some((i) => i.label === '*filter'));
  const star = complete('*f|^|', 'ipv4', []);
  assert.deepEqual(star.labels, ['*filter', '*nat', '*mangle', '*raw', '*security']);
  assert.equal(star.replaced, '*f');
});

test('chain names after -A: built-in chains of the table and declared user chains, with their role', () => {
  const { labels, items } = complete('-A |^|');
  assert.deepEqual(labels, ['INPUT', 'FORWARD', 'OUTPUT', 'FILTERS']);
  assert.match(
    String(items[0]?.documentation && typeof items[0].documentation !== 'string' ? items[0].documentation.value : ''),
    /this host/,
  );
  const nat = complete('-A |^|', 'ipv4', ['*nat']);
  assert.deepEqual(nat.labels, ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']);
});

test('after -j: targets allowed in the table plus user chains; after -g only user chains', () => {
  const filter = complete('-A INPUT -p tcp -j |^|');
  for (const l of ['ACCEPT', 'DROP', 'REJECT', 'LOG', 'RETURN', 'FILTERS']) assert.ok(filter.labels.includes(l), l);
  assert.ok(!filter.labels.includes('DNAT'), 'DNAT belongs to nat');
  const nat = complete('-A PREROUTING -j |^|', 'ipv4', ['*nat']);
  assert.ok(nat.labels.includes('DNAT') && !nat.labels.includes('DROP') && !nat.labels.includes('REJECT'));
  assert.deepEqual(complete('-A INPUT -g |^|').labels, ['FILTERS']);
  const reject = complete('-A INPUT -j RE|^|').items.find((i) => i.label === 'REJECT');
  assert.ok(reject?.detail && reject.documentation, 'items carry a detail and documentation');
});

test('after -p protocols, after -m modules (by family)', () => {
  const v4 = complete('-A INPUT -p |^|').labels;
  assert.ok(v4.includes('tcp') && v4.includes('icmp') && !v4.includes('ipv6-icmp'));
  const v6 = complete('-A INPUT -p |^|', 'ipv6').labels;
  assert.ok(v6.includes('ipv6-icmp') && !v6.includes('icmp'));
  const mods = complete('-A INPUT -m |^|').labels;
  for (const m of ['conntrack', 'multiport', 'set', 'comment', 'limit']) assert.ok(mods.includes(m), m);
});

test("options: those of the loaded modules (including -p tcp's implicit one) and the target, then the generic ones", () => {
  const tcp = complete('-A INPUT -p tcp --|^|');
  assert.equal(tcp.replaced, '--');
  for (const o of ['--dport', '--sport', '--syn', '-j', '-m']) assert.ok(tcp.labels.includes(o), o);
  assert.ok(!complete('-A INPUT --|^|').labels.includes('--dport'), 'no --dport without a protocol');
  assert.ok(complete('-A INPUT -m conntrack |^|').labels.includes('--ctstate'));
  assert.ok(complete('-A INPUT -j LOG |^|').labels.includes('--log-prefix'));
  const negatable = complete('-A INPUT ! |^|').labels;
  assert.ok(negatable.includes('-s') && !negatable.includes('-j'), 'after ! only options that can be negated');
});

test('values: conntrack states complete the part after the last comma; ICMP types and reject answers follow the family', () => {
  const states = complete('-A INPUT -m conntrack --ctstate RELATED,E|^|');
  assert.equal(states.replaced, 'E');
  assert.ok(states.labels.includes('ESTABLISHED') && states.labels.includes('DNAT'));
  assert.ok(!complete('-A INPUT -m state --state |^|').labels.includes('DNAT'), '-m state has no SNAT/DNAT');
  assert.ok(complete('-A INPUT -p icmp --icmp-type |^|').labels.includes('echo-request'));
  const v6 = complete('-A INPUT -p ipv6-icmp --icmpv6-type |^|', 'ipv6').labels;
  assert.ok(v6.includes('neighbour-solicitation') && !v6.includes('source-quench'));
  assert.ok(complete('-A INPUT -p tcp -j REJECT --reject-with |^|').labels.includes('icmp-host-prohibited'));
  const v6reject = complete('-A INPUT -p tcp -j REJECT --reject-with |^|', 'ipv6').labels;
  assert.ok(v6reject.includes('icmp6-adm-prohibited') && !v6reject.includes('icmp-host-prohibited'));
});

test('values: interfaces after -i/-o, policies after :CHAIN and -P CHAIN, well-known ports after --dport', () => {
  assert.deepEqual(complete('-A INPUT -i |^|').labels, [
    'lo',
    'eth0',
    'eth1',
    'docker0',
    'docker_gwbridge',
    'cni0',
    'flannel.1',
    '+',
  ]);
  assert.deepEqual(complete(':OUTPUT |^|').labels, ['ACCEPT', 'DROP']);
  assert.deepEqual(complete(':MINE |^|').labels, ['-']);
  assert.deepEqual(complete('-P FORWARD |^|').labels, ['ACCEPT', 'DROP']);
  const ports = complete('-A INPUT -p tcp --dport |^|').items;
  assert.equal(ports.find((i) => i.label === '22')?.detail, 'ssh');
});

test('nothing to offer in comments and after -N (a new name)', () => {
  const { text, offset } = caret([...head, '-N |^|', 'COMMIT', ''].join('\n'));
  assert.equal(
    completeRules(parseRulesSave(text, 'ipv4'), { text, region: undefined, siblings: [] }, offset),
    undefined,
  );
  const c = caret([...head, '# -A |^|', 'COMMIT', ''].join('\n'));
  assert.equal(
    completeRules(parseRulesSave(c.text, 'ipv4'), { text: c.text, region: undefined, siblings: [] }, c.offset),
    undefined,
  );
});
