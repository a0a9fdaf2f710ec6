// Dangers of rules that load fine: ICMPv6 cut, IPv4 ICMP in ip6tables, ACK-only accepts, sensitive
// services open to all, SSH on another port, and hover on numeric ICMP types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageId } from '../../server/src/service/types';
import { doc, hoverAt, messageOf, service, spans } from '../helpers/service';

const uriOf = (lang: LanguageId): string => `file:///etc/iptables/rules.${lang === 'ip6tables' ? 'v6' : 'v4'}`;
const diagnostics = (text: string, lang: LanguageId): Diagnostic[] =>
  service().validate(doc(text, lang, uriOf(lang)), lang);
const found = (text: string, code: string, lang: LanguageId = 'iptables'): string[] =>
  spans(
    text,
    diagnostics(text, lang).filter((d) => d.code === code),
  );
function fixed(text: string, code: string, lang: LanguageId): string[] {
  const d = doc(text, lang, uriOf(lang));
  const diags = service()
    .validate(d, lang)
    .filter((x) => x.code === code);
  return service()
    .codeActions(d, lang, { start: diags[0]!.range.start, end: diags[0]!.range.end })
    .filter((a) => a.diagnostics?.some((x) => x.code === code))
    .map((a) => TextDocument.applyEdits(d, a.edit?.changes?.[d.uri] ?? []));
}
const guarded = (...extra: string[]): string =>
  [
    '*filter',
    ':INPUT DROP [0:0]',
    '-A INPUT -i lo -j ACCEPT',
    '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    ...extra,
    'COMMIT',
    '',
  ].join('\n');

test('icmpv6-blocked: ip6tables INPUT that drops and accepts no ICMPv6; the fix accepts it first', () => {
  const text = guarded('-A INPUT -p tcp --dport 22 -j ACCEPT');
  assert.deepEqual(found(text, 'iptables/icmpv6-blocked', 'ip6tables'), ['iptables/icmpv6-blocked: DROP']);
  assert.deepEqual(fixed(text, 'iptables/icmpv6-blocked', 'ip6tables'), [
    text.replace('-A INPUT -i lo', '-A INPUT -p ipv6-icmp -j ACCEPT\n-A INPUT -i lo'),
  ]);
  // A final DROP rule counts like the policy.
  const finalRule = [
    '*filter',
    ':INPUT ACCEPT [0:0]',
    '-A INPUT -p tcp --dport 22 -j ACCEPT',
    '-A INPUT -j DROP',
    'COMMIT',
    '',
  ].join('\n');
  assert.deepEqual(found(finalRule, 'iptables/icmpv6-blocked', 'ip6tables'), [
    'iptables/icmpv6-blocked: -A INPUT -j DROP',
  ]);
});

test('icmpv6-blocked: accepting only ping still cuts neighbour discovery; accepting ND types or all ICMPv6 is fine', () => {
  assert.equal(
    found(guarded('-A INPUT -p ipv6-icmp --icmpv6-type echo-request -j ACCEPT'), 'iptables/icmpv6-blocked', 'ip6tables')
      .length,
    1,
  );
  for (const ok of [
    '-A INPUT -p ipv6-icmp -j ACCEPT',
    '-A INPUT -p icmpv6 -j ACCEPT',
    '-A INPUT -p 58 -j ACCEPT',
    '-A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type neighbour-solicitation -j ACCEPT',
    '-A INPUT -p ipv6-icmp --icmpv6-type 135 -j ACCEPT',
  ]) {
    assert.deepEqual(found(guarded(ok), 'iptables/icmpv6-blocked', 'ip6tables'), [], ok);
  }
  // IPv4 files and ACCEPT policies are not concerned.
  assert.deepEqual(found(guarded(), 'iptables/icmpv6-blocked', 'iptables'), []);
  assert.deepEqual(found('*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n', 'iptables/icmpv6-blocked', 'ip6tables'), []);
});

test('icmp-in-ip6tables: `-p icmp` in ip6tables is a warning, fix `-p ipv6-icmp`; fine in iptables', () => {
  const text = '*filter\n-A INPUT -p icmp -j ACCEPT\nCOMMIT\n';
  const d = diagnostics(text, 'ip6tables').filter((x) => x.code === 'iptables/icmp-in-ip6tables');
  assert.deepEqual(spans(text, d), ['iptables/icmp-in-ip6tables: icmp']);
  assert.equal(d[0]!.severity, DiagnosticSeverity.Warning);
  assert.deepEqual(fixed(text, 'iptables/icmp-in-ip6tables', 'ip6tables'), [text.replace('-p icmp', '-p ipv6-icmp')]);
  assert.deepEqual(found(text, 'iptables/icmp-in-ip6tables', 'iptables'), []);
});

test('stateless-accept: ACK-flag and `! --syn` accepts from anywhere; the fix asks conntrack', () => {
  const text =
    '*filter\n-A INPUT -p tcp --tcp-flags ACK ACK -j ACCEPT\n-A INPUT -p tcp ! --syn -j ACCEPT\n-A INPUT -p tcp -m tcp --tcp-flags SYN,ACK ACK --dport 1024:65535 -j ACCEPT\nCOMMIT\n';
  assert.deepEqual(found(text, 'iptables/stateless-accept'), [
    'iptables/stateless-accept: --tcp-flags ACK ACK',
    'iptables/stateless-accept: ! --syn',
    'iptables/stateless-accept: --tcp-flags SYN,ACK ACK',
  ]);
  const one = '*filter\n-A INPUT -p tcp ! --syn -j ACCEPT\nCOMMIT\n';
  assert.deepEqual(fixed(one, 'iptables/stateless-accept', 'iptables'), [
    '*filter\n-A INPUT -p tcp -m conntrack --ctstate ESTABLISHED -j ACCEPT\nCOMMIT\n',
  ]);
});

test('stateless-accept: not for a source-limited rule, a conntrack rule, a SYN test, or a DROP', () => {
  for (const rule of [
    '-A INPUT -s 10.0.0.0/8 -p tcp ! --syn -j ACCEPT',
    '-A INPUT -p tcp --tcp-flags ACK ACK -m conntrack --ctstate ESTABLISHED -j ACCEPT',
    '-A INPUT -p tcp --tcp-flags SYN,ACK SYN -j ACCEPT',
    '-A INPUT -p tcp --tcp-flags ACK ACK -j DROP',
    '-A INPUT -p tcp --syn -j ACCEPT',
  ]) {
    assert.deepEqual(found(`*filter\n${rule}\nCOMMIT\n`, 'iptables/stateless-accept'), [], rule);
  }
});

test('sensitive-service-open: information naming the service; not when the source is limited', () => {
  const text = guarded(
    '-A INPUT -p tcp --dport 22 -j ACCEPT',
    '-A INPUT -p tcp --dport 6379 -j ACCEPT',
    '-A INPUT -s 10.0.0.0/8 -p tcp --dport 5432 -j ACCEPT',
    '-A INPUT -p tcp -m multiport --dports 80,443,2375 -j ACCEPT',
    '-A INPUT -p tcp --dport 443 -j ACCEPT',
  );
  const d = diagnostics(text, 'iptables').filter((x) => x.code === 'iptables/sensitive-service-open');
  assert.deepEqual(spans(text, d), [
    'iptables/sensitive-service-open: -A INPUT -p tcp --dport 6379 -j ACCEPT',
    'iptables/sensitive-service-open: -A INPUT -p tcp -m multiport --dports 80,443,2375 -j ACCEPT',
  ]);
  assert.ok(d.every((x) => x.severity === DiagnosticSeverity.Information));
  assert.match(messageOf(d[0]!), /Redis/);
  assert.match(messageOf(d[1]!), /Docker API/);
  // Behind an ipset or from the loopback interface only: nothing.
  assert.deepEqual(
    found(
      guarded(
        '-A INPUT -p tcp --dport 3306 -m set --match-set admins src -j ACCEPT',
        '-A INPUT -i lo -p tcp --dport 9200 -j ACCEPT',
      ),
      'iptables/sensitive-service-open',
    ),
    [],
  );
});

test('lockout: SSH on another open port is information, not a lockout warning', () => {
  const text = guarded('-A INPUT -p tcp --dport 2202 -j ACCEPT', '-A INPUT -p tcp --dport 443 -j ACCEPT');
  const d = diagnostics(text, 'iptables').filter((x) => x.code === 'iptables/lockout');
  assert.equal(d.length, 1);
  assert.equal(d[0]!.severity, DiagnosticSeverity.Information);
  assert.match(messageOf(d[0]!), /tcp\/2202/);
  // Only web ports open: still the lockout warning.
  const web = diagnostics(guarded('-A INPUT -p tcp --dport 443 -j ACCEPT'), 'iptables').filter(
    (x) => x.code === 'iptables/lockout',
  );
  assert.equal(web[0]!.severity, DiagnosticSeverity.Warning);
});

test('lockout: the sshd Port written by the same user-data is the SSH port', () => {
  const rules = guarded('-A INPUT -p tcp --dport 2202 -j ACCEPT')
    .split('\n')
    .map((l) => (l ? `      ${l}` : l))
    .join('\n');
  const text = `#cloud-config\nwrite_files:\n  - path: /etc/ssh/sshd_config.d/port.conf\n    content: |\n      Port 2202\n  - path: /etc/iptables/rules.v4\n    content: |\n${rules}`;
  assert.deepEqual(
    service()
      .validate(doc(text), 'cloud-config')
      .filter((x) => x.code === 'iptables/lockout'),
    [],
  );
});

test('hover on a numeric ICMP type or type/code names it', () => {
  assert.match(
    hoverAt('*filter\n-A INPUT -p icmp --icmp-type 1|^|1 -j ACCEPT\nCOMMIT\n', {}, 'iptables').markdown ?? '',
    /time-exceeded/,
  );
  assert.match(
    hoverAt('*filter\n-A INPUT -p icmp --icmp-type 3/|^|4 -j ACCEPT\nCOMMIT\n', {}, 'iptables').markdown ?? '',
    /fragmentation-needed/,
  );
  assert.match(
    hoverAt('*filter\n-A INPUT -p ipv6-icmp --icmpv6-type 13|^|5 -j ACCEPT\nCOMMIT\n', {}, 'ip6tables').markdown ?? '',
    /neighbour-solicitation/,
  );
});
