// Hover in rules files: options, modules, targets, tables, chains, policies, values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { hoverRules } from '../../server/src/service/iptables/hover';
import { caret } from '../helpers/service';

const rules = [
  '*filter',
  ':INPUT DROP [0:0]',
  ':FORWARD DROP [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  ':FILTERS - [0:0]',
  '-A INPUT -i lo -j ACCEPT',
  '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
  '-A INPUT -s 10.244.0.0/16 -j FILTERS',
  '-A FILTERS -p tcp -m multiport --dports 80,443 -j ACCEPT',
  '-A FILTERS -p icmp --icmp-type echo-request -j ACCEPT',
  '-A INPUT ! -s 192.168.1.7 -p tcp -j REJECT --reject-with tcp-reset',
  'COMMIT',
  '',
];

/** Hover at the first occurrence of `marked` (which contains `|^|`) in the rules, or in `text`. */
function hover(marked: string, family: 'ipv4' | 'ipv6' = 'ipv4', lines = rules): { markdown: string; covered: string } {
  const plain = marked.replace('|^|', '');
  const base = lines.join('\n');
  const at = base.indexOf(plain);
  assert.ok(at >= 0, `${plain} is in the text`);
  const { text, offset } = caret(base.slice(0, at) + marked + base.slice(at + plain.length));
  const h = hoverRules(parseRulesSave(text, family), { text, region: undefined, siblings: [] }, offset);
  assert.ok(h, `hover at ${marked}`);
  return { markdown: h.markdown, covered: text.slice(h.start, h.end) };
}

test('a port names its service: 22 is ssh', () => {
  const h = hover('--dport 2|^|2');
  assert.equal(h.covered, '22');
  assert.match(h.markdown, /ssh/);
  const list = hover('--dports 8|^|0,443');
  assert.match(list.markdown, /http\b/);
  assert.match(list.markdown, /https/);
});

test('an option says what it does and which module gave it; aliases are named', () => {
  const h = hover('--dp|^|ort');
  assert.equal(h.covered, '--dport');
  assert.match(h.markdown, /destination port/i);
  assert.match(h.markdown, /--destination-port/);
  assert.match(h.markdown, /-m tcp/);
});

test('modules and targets', () => {
  assert.match(hover('-m con|^|ntrack').markdown, /--ctstate/);
  const target = hover('-j REJ|^|ECT');
  assert.equal(target.covered, 'REJECT');
  assert.match(target.markdown, /filter table/);
  assert.match(hover('--reject-with tcp-r|^|eset').markdown, /TCP reset/);
});

test('conntrack states, ICMP types, interfaces, negation', () => {
  const states = hover('RELATED,ESTAB|^|LISHED');
  assert.match(states.markdown, /\*\*RELATED\*\*/);
  assert.match(states.markdown, /\*\*ESTABLISHED\*\*/);
  assert.match(hover('echo-re|^|quest').markdown, /type 8/);
  assert.match(hover('-i l|^|o').markdown, /loopback/);
  assert.match(hover('|^|! -s 192').markdown, /negates `-s`/);
});

test('addresses: CIDR to first/last address and count, IPv4 and IPv6; a single host', () => {
  const net = hover('10.244.|^|0.0/16');
  assert.equal(net.covered, '10.244.0.0/16');
  assert.match(net.markdown, /10\.244\.0\.0 – 10\.244\.255\.255 \(65,536 addresses\)/);
  assert.match(net.markdown, /private/);
  assert.match(hover('192.168.|^|1.7').markdown, /single address 192\.168\.1\.7/);
  const v6 = hover('-s 2001:db8::|^|/48', 'ipv6', ['*filter', '-A INPUT -s 2001:db8::/48 -j ACCEPT', 'COMMIT', '']);
  assert.match(v6.markdown, /2001:db8:: – 2001:db8:0:ffff:ffff:ffff:ffff:ffff \(2\^80 addresses\)/);
  const hostBits = hover('-s 10.0.0.|^|5/24', 'ipv4', ['*filter', '-A INPUT -s 10.0.0.5/24 -j ACCEPT', 'COMMIT', '']);
  assert.match(hostBits.markdown, /host bits are ignored: this is 10\.0\.0\.0\/24/);
});

test('chains and policies', () => {
  assert.match(hover(':INP|^|UT DROP').markdown, /built-in chain of \*filter\*.*this host/s);
  const policy = hover(':INPUT DR|^|OP');
  assert.equal(policy.covered, 'DROP');
  assert.match(policy.markdown, /SSH/);
  const user = hover('-j FILT|^|ERS');
  assert.match(user.markdown, /user chain.*2 rules.*Reached from INPUT \(line 9\)/s);
});

test('a chain reached from many rules names the first ten callers in line order and counts the rest', () => {
  const lines = ['*nat', ':MARK-MASQ - [0:0]', '-A MARK-MASQ -j MARK --set-xmark 0x4000/0x4000'];
  for (let i = 0; i < 25; i++) lines.push(`:SVC-${i} - [0:0]`);
  for (let i = 24; i >= 0; i--) lines.push(`-A SVC-${i} -s 10.0.${i}.0/24 -j MARK-MASQ`);
  lines.push('COMMIT', '');
  const h = hover('-j MARK-|^|MASQ', 'ipv4', lines);
  const callers = Array.from({ length: 10 }, (_, k) => `SVC-${24 - k} \\(line ${29 + k}\\)`).join(', ');
  assert.match(h.markdown, new RegExp(`1 rule in this file\\. Reached from ${callers}, and 15 more rules\\.`));
});

test('the *table line summarises what each built-in chain lets in and the default', () => {
  const h = hover('*fil|^|ter');
  assert.equal(h.covered, '*filter');
  assert.match(
    h.markdown,
    /\*\*INPUT\*\* accepts on lo; RELATED,ESTABLISHED; tcp\/22 \(ssh\); tcp\/80 \(http\), 443 \(https\) \(via FILTERS, from 10\.244\.0\.0\/16\)/,
  );
  assert.match(h.markdown, /INPUT.*everything else: DROP \(policy\)/);
  assert.match(h.markdown, /\*\*OUTPUT\*\* accepts nothing explicitly — everything else: ACCEPT \(policy\)/);
});

test('no hover on blank lines and comments', () => {
  const { text, offset } = caret('# a |^|comment\n*filter\nCOMMIT\n');
  assert.equal(hoverRules(parseRulesSave(text, 'ipv4'), { text, region: undefined, siblings: [] }, offset), undefined);
});
