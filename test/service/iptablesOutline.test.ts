// Outline (tables → chains → rules) and folding of rules files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { rulesFolding, rulesSymbols } from '../../server/src/service/iptables/outline';
import type { OffsetSymbol } from '../../server/src/service/embedded/languages';

const text = [
  '*filter',
  ':INPUT DROP [0:0]',
  ':FILTERS - [0:0]',
  '-A INPUT -i lo -j ACCEPT',
  '-A INPUT -j FILTERS',
  '# web',
  '-A FILTERS -p tcp -m multiport --dports 80,443 -m comment --comment "public web servers" -j ACCEPT',
  '-A FILTERS -j DROP',
  'COMMIT',
  '*nat',
  ':POSTROUTING ACCEPT [0:0]',
  '-A POSTROUTING -o eth0 -j MASQUERADE',
  'COMMIT',
  '',
].join('\n');

function tree(symbols: readonly OffsetSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [
    `${'  '.repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ''}`,
    ...tree(s.children ?? [], depth + 1),
  ]);
}

test('outline: tables hold chains, chains hold their rules; long rules lose their middle, not their target', () => {
  const symbols = rulesSymbols(parseRulesSave(text, 'ipv4'));
  assert.deepEqual(tree(symbols), [
    '*filter (2 chains)',
    '  INPUT (policy DROP · 2 rules)',
    '    -A INPUT -i lo -j ACCEPT',
    '    -A INPUT -j FILTERS',
    '  FILTERS (2 rules)',
    '    -A FILTERS -p tcp -m multiport --dports 80,443 -m comment --c… -j ACCEPT',
    '    -A FILTERS -j DROP',
    '*nat (1 chain)',
    '  POSTROUTING (policy ACCEPT · 1 rule)',
    '    -A POSTROUTING -o eth0 -j MASQUERADE',
  ]);
  const filter = symbols[0] as OffsetSymbol;
  assert.equal(text.slice(filter.selectionStart, filter.selectionEnd), 'filter');
  const input = filter.children?.[0] as OffsetSymbol;
  assert.equal(
    text.slice(input.start, input.end),
    ':INPUT DROP [0:0]\n:FILTERS - [0:0]\n-A INPUT -i lo -j ACCEPT\n-A INPUT -j FILTERS',
  );
  for (const s of [filter, ...(filter.children ?? [])]) {
    for (const c of s.children ?? []) assert.ok(c.start >= s.start && c.end <= s.end, `${c.name} inside ${s.name}`);
  }
});

test('folding: each table block, and each run of rules of one chain (comments do not break a run)', () => {
  const folds = rulesFolding(parseRulesSave(text, 'ipv4')).map((f) => text.slice(f.start, f.end).split('\n'));
  assert.deepEqual(
    folds.map((lines) => [lines[0], lines[lines.length - 1]]),
    [
      ['*filter', 'COMMIT'],
      ['*nat', 'COMMIT'],
      ['-A INPUT -i lo -j ACCEPT', '-A INPUT -j FILTERS'],
      [
        '-A FILTERS -p tcp -m multiport --dports 80,443 -m comment --comment "public web servers" -j ACCEPT',
        '-A FILTERS -j DROP',
      ],
    ],
  );
});

test('outline survives a broken file', () => {
  const broken = '*filter\n-A\n:X\n-A INPUT -p\n';
  const symbols = rulesSymbols(parseRulesSave(broken, 'ipv4'));
  assert.equal(symbols[0]?.name, '*filter');
  assert.doesNotThrow(() => rulesFolding(parseRulesSave(broken, 'ipv4')));
});
