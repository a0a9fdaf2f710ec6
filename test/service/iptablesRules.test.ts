// One test per iptables rule code on standalone rules files (ranges and fixes), and the same checks
// on rules embedded in a cloud-config write_files entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { LanguageId } from '../../server/src/service/types';
import { diagnose, fixesFor, spans, withCode } from '../helpers/service';

const F = (body: string): string =>
  `*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n${body}\nCOMMIT\n`;

/** `code: covered text` for the findings of one code prefix, standalone. */
function found(text: string, code: string, lang: LanguageId = 'iptables'): string[] {
  return spans(text, withCode(diagnose(text, {}, lang), code));
}

test('syntax: stray word, text after COMMIT, indented comment, -t, whitespace-only line, CRLF', () => {
  assert.deepEqual(found(F('-A INPUT -p tcp --dport 22 80 -j ACCEPT'), 'iptables/syntax'), ['iptables/syntax: 80']);
  assert.deepEqual(found('*filter\n-A INPUT -j ACCEPT\nCOMMIT \n', 'iptables/syntax'), ['iptables/syntax:  ']);
  assert.deepEqual(found('*filter\n  # note\nCOMMIT\n', 'iptables/syntax'), ['iptables/syntax: #']);
  assert.deepEqual(found(F('-t nat -A POSTROUTING -j MASQUERADE'), 'iptables/syntax'), ['iptables/syntax: -t nat']);
  assert.deepEqual(found('*filter\n   \nCOMMIT\n', 'iptables/syntax'), ['iptables/syntax:    ']);
  assert.equal(found('*filter\r\nCOMMIT\r\n', 'iptables/syntax').length, 1);
  assert.deepEqual(found(F('-A INPUT -s ! 10.0.0.0/8 -j DROP'), 'iptables/syntax'), ['iptables/syntax: !']);
  assert.deepEqual(found(F('iptables -A INPUT -j ACCEPT'), 'iptables/syntax'), ['iptables/syntax: iptables']);
  assert.equal(
    diagnose(F('-A INPUT -j ACCEPT'), {}, 'iptables').filter((d) => d.severity === DiagnosticSeverity.Error).length,
    0,
  );
});

test('a file ending right after COMMIT without a newline is an error, with a fix', () => {
  const text = '*filter\n-A INPUT -j ACCEPT\nCOMMIT';
  assert.deepEqual(found(text, 'iptables/syntax'), ['iptables/syntax: COMMIT']);
  assert.deepEqual(
    fixesFor(text, 'iptables/syntax', {}, 'iptables').map(([, t]) => t),
    [`${text}\n`],
  );
});

test('no-table: rules before *filter, fixed by inserting it', () => {
  const text = ':INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\n';
  assert.deepEqual(found(text, 'iptables/no-table'), ['iptables/no-table: :INPUT ACCEPT [0:0]']);
  assert.deepEqual(
    fixesFor(text, 'iptables/no-table', {}, 'iptables').map(([, t]) => t),
    [`*filter\n${text}`],
  );
});

test('missing-commit: at end of file and before the next table, fixed by inserting COMMIT', () => {
  const eof = '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\n';
  assert.deepEqual(found(eof, 'iptables/missing-commit'), ['iptables/missing-commit: *filter']);
  assert.deepEqual(
    fixesFor(eof, 'iptables/missing-commit', {}, 'iptables').map(([, t]) => t),
    ['*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\n'],
  );
  const next = '*filter\n-A INPUT -j ACCEPT\n*nat\n-A POSTROUTING -j MASQUERADE\nCOMMIT\n';
  assert.deepEqual(found(next, 'iptables/missing-commit'), ['iptables/missing-commit: *nat']);
  assert.deepEqual(
    fixesFor(next, 'iptables/missing-commit', {}, 'iptables').map(([, t]) => t),
    ['*filter\n-A INPUT -j ACCEPT\nCOMMIT\n*nat\n-A POSTROUTING -j MASQUERADE\nCOMMIT\n'],
  );
});

test('unknown-table, chain-not-in-table, duplicate-chain, invalid-policy', () => {
  assert.deepEqual(found('*filtre\nCOMMIT\n', 'iptables/unknown-table'), ['iptables/unknown-table: filtre']);
  assert.deepEqual(found('*raw\n:INPUT ACCEPT [0:0]\nCOMMIT\n', 'iptables/chain-not-in-table'), [
    'iptables/chain-not-in-table: INPUT',
  ]);
  assert.deepEqual(
    found('*filter\n:A - [0:0]\n:A - [0:0]\n:INPUT DROP\n:INPUT ACCEPT\nCOMMIT\n', 'iptables/duplicate-chain'),
    ['iptables/duplicate-chain: A'],
  );
  assert.deepEqual(
    found(
      '*filter\n:INPUT REJECT [0:0]\n:OUTPUT accept\n:MINE DROP [0:0]\n:FORWARD - [0:0]\nCOMMIT\n',
      'iptables/invalid-policy',
    ),
    ['iptables/invalid-policy: REJECT', 'iptables/invalid-policy: accept', 'iptables/invalid-policy: DROP'],
  );
});

test('undeclared-chain: jump or append to a chain not declared before; fix declares it after the last declaration', () => {
  const text = F('-A INPUT -j LOGDROP');
  assert.deepEqual(found(text, 'iptables/undeclared-chain'), ['iptables/undeclared-chain: LOGDROP']);
  assert.deepEqual(
    fixesFor(text, 'iptables/undeclared-chain', {}, 'iptables').map(([, t]) => t),
    [text.replace(':OUTPUT ACCEPT [0:0]\n', ':OUTPUT ACCEPT [0:0]\n:LOGDROP - [0:0]\n')],
  );
  assert.deepEqual(found('*filter\n-A INPUT -j FOO\n:FOO - [0:0]\nCOMMIT\n', 'iptables/undeclared-chain'), [
    'iptables/undeclared-chain: FOO',
  ]);
  assert.deepEqual(found(F('-A MINE -j ACCEPT'), 'iptables/undeclared-chain'), ['iptables/undeclared-chain: MINE']);
  assert.deepEqual(found(F(':MINE - [0:0]\n-A INPUT -j MINE\n-A MINE -j RETURN'), 'iptables/undeclared-chain'), []);
});

test('unknown-option: --dport without -p, fixed by inserting (or moving) -p tcp', () => {
  const text = F('-A INPUT --dport 22 -j ACCEPT');
  assert.deepEqual(found(text, 'iptables/unknown-option'), ['iptables/unknown-option: --dport']);
  const fixes = fixesFor(text, 'iptables/unknown-option', {}, 'iptables');
  assert.deepEqual(
    fixes.map(([title]) => title),
    ["Insert '-p tcp'", "Insert '-p udp'"],
  );
  assert.equal(fixes[0]?.[1], F('-A INPUT -p tcp --dport 22 -j ACCEPT'));
  const late = F('-A INPUT --dport 22 -p tcp -j ACCEPT');
  assert.equal(
    fixesFor(late, 'iptables/unknown-option', {}, 'iptables')[0]?.[1],
    F('-A INPUT -p tcp --dport 22 -j ACCEPT'),
  );
  assert.deepEqual(found(F('-A INPUT -m multiport --dports 22,80 -j ACCEPT'), 'iptables/unknown-option'), [
    'iptables/unknown-option: -m multiport',
  ]);
  assert.deepEqual(found(F('-A INPUT --reject-with tcp-reset'), 'iptables/unknown-option'), [
    'iptables/unknown-option: --reject-with',
  ]);
  assert.deepEqual(
    found(F('-A INPUT -p tcp --dp 22 --sour 10.0.0.1 -j ACCEPT'), 'iptables/unknown-option'),
    [],
    'unambiguous abbreviations are accepted',
  );
});

test('unknown-match and unknown-target', () => {
  assert.deepEqual(found(F('-A INPUT -m conntrak --ctstate NEW -j ACCEPT'), 'iptables/unknown-match'), [
    'iptables/unknown-match: conntrak',
  ]);
  assert.deepEqual(found(F('-A INPUT -m conntrak --ctstate NEW -j ACCEPT'), 'iptables/unknown-option'), []);
  assert.deepEqual(
    found(F('-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT'), 'iptables/unknown-match', 'ip6tables'),
    ['iptables/unknown-match: icmp'],
    'the icmp module is IPv4 only',
  );
  assert.deepEqual(found(F('-A INPUT -j accept'), 'iptables/unknown-target'), ['iptables/unknown-target: accept']);
});

test('target-not-allowed: table, chain, reachability through user chains, -o in INPUT, jump to a built-in chain', () => {
  assert.deepEqual(found(F('-A FORWARD -j MASQUERADE'), 'iptables/target-not-allowed'), [
    'iptables/target-not-allowed: MASQUERADE',
  ]);
  assert.deepEqual(
    found(
      '*nat\n-A PREROUTING -j DROP\n-A POSTROUTING -p tcp -j DNAT --to-destination 10.0.0.2\nCOMMIT\n',
      'iptables/target-not-allowed',
    ),
    ['iptables/target-not-allowed: DROP', 'iptables/target-not-allowed: DNAT'],
  );
  assert.deepEqual(
    found(F(':CHK - [0:0]\n-A INPUT -j CHK\n-A CHK -m owner --uid-owner 0 -j ACCEPT'), 'iptables/target-not-allowed'),
    ['iptables/target-not-allowed: owner'],
  );
  assert.deepEqual(found(F('-A INPUT -o eth0 -j ACCEPT'), 'iptables/target-not-allowed'), [
    'iptables/target-not-allowed: -o',
  ]);
  assert.deepEqual(found(F('-A FORWARD -j INPUT'), 'iptables/target-not-allowed'), [
    'iptables/target-not-allowed: INPUT',
  ]);
  assert.deepEqual(found(F('-A INPUT -j REJECT --reject-with tcp-reset'), 'iptables/target-not-allowed'), [
    'iptables/target-not-allowed: tcp-reset',
  ]);
  assert.deepEqual(
    found('*mangle\n-A FORWARD -p tcp -j TCPMSS --clamp-mss-to-pmtu\nCOMMIT\n', 'iptables/target-not-allowed'),
    ['iptables/target-not-allowed: TCPMSS'],
  );
  assert.deepEqual(
    found(
      '*mangle\n-A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu\nCOMMIT\n',
      'iptables/target-not-allowed',
    ),
    [],
  );
});

test('missing-argument: option without value, target without its required option', () => {
  assert.deepEqual(
    found('*nat\n-A PREROUTING -p tcp --dport 80 -j DNAT\n-A PREROUTING -j\nCOMMIT\n', 'iptables/missing-argument'),
    ['iptables/missing-argument: DNAT', 'iptables/missing-argument: -j'],
  );
  assert.deepEqual(found(F('-A INPUT -m hashlimit --hashlimit-upto 5/sec -j ACCEPT'), 'iptables/missing-argument'), [
    'iptables/missing-argument: hashlimit',
  ]);
});

test('invalid-address (also the other family) and hostname warning', () => {
  assert.deepEqual(
    found(
      F('-A INPUT -s 10.0.0.0/33 -j ACCEPT\n-A INPUT -d 300.1.1.1 -j ACCEPT\n-A INPUT -s 2001:db8::1 -j ACCEPT'),
      'iptables/invalid-address',
    ),
    ['iptables/invalid-address: 33', 'iptables/invalid-address: 300.1.1.1', 'iptables/invalid-address: 2001:db8::1'],
  );
  assert.deepEqual(
    found(
      F('-A INPUT -s 10.0.0.0/8 -j ACCEPT\n-A INPUT -s fe80::/10 -j ACCEPT'),
      'iptables/invalid-address',
      'ip6tables',
    ),
    ['iptables/invalid-address: 10.0.0.0'],
  );
  assert.deepEqual(
    found(F('-A INPUT -s 10.1,10.0.0.5/24,10.0.0.0/255.255.0.0 -j ACCEPT'), 'iptables/invalid-address'),
    [],
  );
  const host = diagnose(F('-A INPUT -s example.com -j ACCEPT'), {}, 'iptables').filter(
    (d) => d.code === 'iptables/hostname',
  );
  assert.equal(host[0]?.severity, DiagnosticSeverity.Warning);
  assert.deepEqual(found(F('-A INPUT -s example.com -j ACCEPT'), 'iptables/hostname'), [
    'iptables/hostname: example.com',
  ]);
});

test('invalid-port: out of range, reversed range, list without multiport, more than 15 ports', () => {
  assert.deepEqual(
    found(
      F(
        '-A INPUT -p tcp --dport 70000 -j ACCEPT\n-A INPUT -p tcp --dport 2000:1000 -j ACCEPT\n-A INPUT -p tcp --dport 22,80 -j ACCEPT\n-A INPUT -p udp --dport nosuchsvc -j ACCEPT',
      ),
      'iptables/invalid-port',
    ),
    [
      'iptables/invalid-port: 70000',
      'iptables/invalid-port: 2000:1000',
      'iptables/invalid-port: 22,80',
      'iptables/invalid-port: nosuchsvc',
    ],
  );
  assert.deepEqual(
    found(
      F('-A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 -j ACCEPT'),
      'iptables/invalid-port',
    ),
    ['iptables/invalid-port: 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16'],
  );
  assert.deepEqual(
    found(
      F(
        '-A INPUT -p tcp --dport ssh -j ACCEPT\n-A INPUT -p tcp --sport :1023 -j ACCEPT\n-A INPUT -p tcp -m multiport --dports 1:2,3:4,5:6,7:8,9:10,11:12,13:14,15 -j ACCEPT',
      ),
      'iptables/invalid-port',
    ),
    [],
  );
});

test("invalid-icmp-type: unknown, ambiguous, and the other family's option", () => {
  assert.deepEqual(
    found(
      F('-A INPUT -p icmp --icmp-type echo -j ACCEPT\n-A INPUT -p icmp --icmp-type foo -j ACCEPT'),
      'iptables/invalid-icmp-type',
    ),
    ['iptables/invalid-icmp-type: echo', 'iptables/invalid-icmp-type: foo'],
  );
  assert.deepEqual(
    found(
      F(
        '-A INPUT -p icmp --icmp-type echo-req -j ACCEPT\n-A INPUT -p icmp --icmp-type 3/4 -j ACCEPT\n-A INPUT -p icmp --icmp-type ping -j ACCEPT',
      ),
      'iptables/invalid-icmp-type',
    ),
    [],
  );
  assert.deepEqual(
    found(
      F('-A INPUT -p ipv6-icmp --icmpv6-type neighbor-solicitation -j ACCEPT'),
      'iptables/invalid-icmp-type',
      'ip6tables',
    ),
    [],
  );
  assert.deepEqual(
    found(F('-A INPUT -p icmp --icmp-type echo-request -j ACCEPT'), 'iptables/unknown-option', 'ip6tables'),
    ['iptables/unknown-option: --icmp-type'],
  );
});

test('invalid-state: unknown value, SNAT in -m state, spaces in the list', () => {
  assert.deepEqual(
    found(
      F('-A INPUT -m conntrack --ctstate ESTABLISHED,RELATD -j ACCEPT\n-A INPUT -m state --state SNAT -j ACCEPT'),
      'iptables/invalid-state',
    ),
    ['iptables/invalid-state: RELATD', 'iptables/invalid-state: SNAT'],
  );
  assert.equal(
    found(F('-A INPUT -m state --state ESTABLISHED, RELATED -j ACCEPT'), 'iptables/invalid-state').length,
    1,
  );
  assert.deepEqual(found(F('-A INPUT -m state --state established -j ACCEPT'), 'iptables/invalid-state'), []);
});

test('missing-ipset: warned for standalone files', () => {
  const d = diagnose(F('-A INPUT -m set --match-set blocklist src -j DROP'), {}, 'iptables').filter(
    (x) => x.code === 'iptables/missing-ipset',
  );
  assert.equal(d[0]?.severity, DiagnosticSeverity.Warning);
  assert.deepEqual(found(F('-A INPUT -m set --match-set blocklist src -j DROP'), 'iptables/missing-ipset'), [
    'iptables/missing-ipset: blocklist',
  ]);
});

test('duplicate-rule (fix removes the line), state-match (fix rewrites), packet-counters (fix resets)', () => {
  const dup = F('-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT');
  assert.deepEqual(found(dup, 'iptables/duplicate-rule'), [
    'iptables/duplicate-rule: -A INPUT -p tcp --dport 22 -j ACCEPT',
  ]);
  assert.deepEqual(
    fixesFor(dup, 'iptables/duplicate-rule', {}, 'iptables').map(([, t]) => t),
    [F('-A INPUT -p tcp --dport 22 -j ACCEPT')],
  );
  const st = F('-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT');
  assert.deepEqual(found(st, 'iptables/state-match'), ['iptables/state-match: -m state --state RELATED,ESTABLISHED']);
  assert.deepEqual(
    fixesFor(st, 'iptables/state-match', {}, 'iptables').map(([, t]) => t),
    [F('-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT')],
  );
  const ctr = '*filter\n:INPUT ACCEPT [1234:56789]\n[5:300] -A INPUT -j ACCEPT\nCOMMIT\n';
  assert.deepEqual(found(ctr, 'iptables/packet-counters'), [
    'iptables/packet-counters: [1234:56789]',
    'iptables/packet-counters: [5:300]',
  ]);
  assert.equal(
    fixesFor(ctr, 'iptables/packet-counters', {}, 'iptables')[0]?.[1],
    '*filter\n:INPUT ACCEPT [0:0]\n[5:300] -A INPUT -j ACCEPT\nCOMMIT\n',
  );
  const sev = diagnose(ctr, {}, 'iptables').find((x) => x.code === 'iptables/packet-counters');
  assert.equal(sev?.severity, DiagnosticSeverity.Hint);
});

const userData = (path: string, rules: string, extra = ''): string =>
  [
    '#cloud-config',
    'write_files:',
    `  - path: ${path}`,
    '    content: |',
    ...rules
      .split('\n')
      .filter((l, i, a) => i < a.length - 1 || l !== '')
      .map((l) => (l ? `      ${l}` : '')),
    ...(extra ? [extra] : []),
    '',
  ].join('\n');

test('embedded in cloud-config: findings land on the document text, fixes keep the block indentation', () => {
  const text = userData('/var/lib/iptables/rules-save', F('-A INPUT --dport 22 -j LOGDROP'));
  assert.deepEqual(
    spans(
      text,
      diagnose(text).filter((d) => ['iptables/unknown-option', 'iptables/undeclared-chain'].includes(String(d.code))),
    ),
    ['iptables/unknown-option: --dport', 'iptables/undeclared-chain: LOGDROP'],
  );
  const [, fixed] = fixesFor(text, 'iptables/undeclared-chain')[0] ?? [];
  assert.ok(fixed?.includes('      :OUTPUT ACCEPT [0:0]\n      :LOGDROP - [0:0]\n      -A INPUT'), fixed);
  const missing = userData('/var/lib/iptables/rules-save', '*filter\n-A INPUT -j ACCEPT\n');
  assert.ok(fixesFor(missing, 'iptables/missing-commit')[0]?.[1].includes('      -A INPUT -j ACCEPT\n      COMMIT\n'));
  const dup = userData(
    '/var/lib/iptables/rules-save',
    F('-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp --dport 22 -j ACCEPT'),
  );
  assert.equal(
    fixesFor(dup, 'iptables/duplicate-rule')[0]?.[1],
    userData('/var/lib/iptables/rules-save', F('-A INPUT -p tcp --dport 22 -j ACCEPT')),
  );
});

test('embedded: the ip6tables path makes the rules IPv6', () => {
  const text = userData(
    '/var/lib/ip6tables/rules-save',
    F('-A INPUT -s 10.0.0.0/8 -j ACCEPT\n-A INPUT -p ipv6-icmp --icmpv6-type echo-request -j ACCEPT'),
  );
  assert.deepEqual(
    spans(
      text,
      diagnose(text).filter((d) => d.severity === DiagnosticSeverity.Error),
    ),
    ['iptables/invalid-address: 10.0.0.0'],
  );
});

test('embedded: missing-ipset is quiet when the same user-data creates the set', () => {
  const rules = F('-A INPUT -m set --match-set blocklist src -j DROP');
  const without = userData('/var/lib/iptables/rules-save', rules);
  assert.equal(withCode(diagnose(without), 'iptables/missing-ipset').length, 1);
  const withSet = userData(
    '/var/lib/iptables/rules-save',
    rules,
    '  - path: /etc/ipset.conf\n    content: |\n      create blocklist hash:net family inet\n      add blocklist 192.0.2.0/24',
  );
  assert.equal(withCode(diagnose(withSet), 'iptables/missing-ipset').length, 0);
  const unit = userData(
    '/var/lib/iptables/rules-save',
    rules,
    'coreos:\n  units:\n    - name: ipset.service\n      content: |\n        [Service]\n        ExecStart=/usr/sbin/ipset create blocklist hash:ip',
  );
  assert.equal(withCode(diagnose(unit), 'iptables/missing-ipset').length, 0);
});
