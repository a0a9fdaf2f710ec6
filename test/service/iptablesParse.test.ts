// The rules-save parser: words and quoting as iptables-restore splits them, `!`, comments, tables and
// COMMIT, recovery after a bad line, and no exception on any input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { tokenizeLine } from '../../server/src/service/iptables/tokenize';
import type { RuleLine } from '../../server/src/service/iptables/ast';

function rules(text: string): RuleLine[] {
  return parseRulesSave(text, 'ipv4').lines.flatMap((l) => (l.kind === 'rule' ? [l.rule] : []));
}

test('words: quotes group spaces, a closing quote ends the word, backslash escapes inside quotes', () => {
  const text = '-A INPUT -m comment --comment "allow ssh" --log-prefix "a\\"b" x"y z"';
  const words = tokenizeLine(text, 0, text.length).tokens.map((t) => t.value);
  assert.deepEqual(words, ['-A', 'INPUT', '-m', 'comment', '--comment', 'allow ssh', '--log-prefix', 'a"b', 'xy z']);
  const split = tokenizeLine('"a"b', 0, 4).tokens.map((t) => t.value);
  assert.deepEqual(split, ['a', 'b']);
  const open = tokenizeLine('--comment "oops -j ACCEPT', 0, 25);
  assert.equal(open.unclosedQuote, 10);
  assert.deepEqual(
    open.tokens.map((t) => t.value),
    ['--comment', 'oops -j ACCEPT'],
  );
});

test('a rule: command, chain, options with arguments and negation, jump', () => {
  const text =
    '*filter\n[5:300] -A INPUT ! -s 10.0.0.0/8 -p tcp -m multiport --dports 22,80 -j REJECT --reject-with tcp-reset\nCOMMIT\n';
  const [r] = rules(text);
  assert.ok(r);
  assert.equal(r.counters?.value, '[5:300]');
  assert.equal(r.command.value, '-A');
  assert.equal(r.chain?.value, 'INPUT');
  assert.deepEqual(
    r.options.map((o) => [o.negation?.value ?? '', o.name.value, o.args.map((a) => a.value).join(' ')]),
    [
      ['!', '-s', '10.0.0.0/8'],
      ['', '-p', 'tcp'],
      ['', '-m', 'multiport'],
      ['', '--dports', '22,80'],
      ['', '-j', 'REJECT'],
      ['', '--reject-with', 'tcp-reset'],
    ],
  );
  assert.equal(r.jump?.args[0]?.value, 'REJECT');
  assert.equal(text.slice(r.options[0]?.span.start, r.options[0]?.span.end), '! -s 10.0.0.0/8');
  assert.equal(r.table?.name.value, 'filter');
});

test('long command names are reported by their short spelling; -I keeps its position', () => {
  const [r] = rules('*filter\n--insert INPUT 2 -j ACCEPT\nCOMMIT\n');
  assert.equal(r?.command.value, '-I');
  assert.equal(r?.command.raw, '--insert');
  assert.equal(r?.position?.value, '2');
});

test('an option value starting with - is still the value (getopt takes the next word)', () => {
  const [r] = rules('*filter\n-A INPUT -j LOG --log-prefix "-- dropped --"\nCOMMIT\n');
  assert.deepEqual(
    r?.options.map((o) => o.args.map((a) => a.value)),
    [['LOG'], ['-- dropped --']],
  );
});

test('lines are classified: comments only in column 0, blank, table, chain, commit', () => {
  const file = parseRulesSave('# saved\n*filter\n\n:INPUT DROP [1:2]\n:MY - [0:0]\n-A INPUT -j MY\nCOMMIT\n', 'ipv4');
  assert.deepEqual(
    file.lines.map((l) => l.kind),
    ['comment', 'table', 'blank', 'chain', 'chain', 'rule', 'commit'],
  );
  const [table] = file.tables;
  assert.equal(
    table?.chains.map((c) => `${c.name.value}:${c.policy?.value}:${c.builtin}`).join(' '),
    'INPUT:DROP:true MY:-:false',
  );
  const chain = file.lines[3];
  assert.ok(chain?.kind === 'chain');
  assert.equal(chain.counters?.packets, 1);
  assert.equal(chain.counters?.bytes, 2);
  assert.ok(table?.commit);
  assert.deepEqual(file.problems, []);
  const indented = parseRulesSave('*filter\n  # note\nCOMMIT\n', 'ipv4');
  assert.deepEqual(
    indented.problems.map((p) => p.code),
    ['iptables/syntax'],
  );
});

test('recovers after a bad line: later rules and the table are still parsed', () => {
  const file = parseRulesSave(
    '*filter\nhello world\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n*nat\n-A POSTROUTING -j MASQUERADE\nCOMMIT\n',
    'ipv4',
  );
  assert.deepEqual(
    file.lines.map((l) => l.kind),
    ['table', 'invalid', 'rule', 'commit', 'table', 'rule', 'commit'],
  );
  assert.deepEqual(
    file.tables.map((t) => [t.name.value, t.rules.length, !!t.commit]),
    [
      ['filter', 1, true],
      ['nat', 1, true],
    ],
  );
  assert.equal(file.problems.length, 1);
});

test('a table opened while another is open closes the first without COMMIT', () => {
  const file = parseRulesSave('*filter\n-A INPUT -j ACCEPT\n*nat\nCOMMIT\n', 'ipv4');
  assert.deepEqual(
    file.tables.map((t) => [t.name.value, !!t.commit]),
    [
      ['filter', false],
      ['nat', true],
    ],
  );
  assert.deepEqual(
    file.problems.map((p) => p.code),
    ['iptables/missing-commit'],
  );
});

test('never throws, whatever the bytes', () => {
  let seed = 7;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const alphabet = [
    '*',
    ':',
    '-',
    '!',
    '"',
    '\\',
    ' ',
    '\t',
    '\n',
    '\r',
    '#',
    '[',
    ']',
    'A',
    'j',
    'p',
    'filter',
    'COMMIT',
    '-A INPUT',
    '--dport',
    '\u0000',
    'é',
    '💥',
  ];
  for (let i = 0; i < 300; i++) {
    let s = '';
    const n = Math.floor(rnd() * 80);
    for (let k = 0; k < n; k++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    const file = parseRulesSave(s, i % 2 ? 'ipv6' : 'ipv4');
    assert.equal(file.text, s);
    for (const l of file.lines) assert.ok(l.span.start <= l.span.end && l.span.end <= s.length);
  }
});
