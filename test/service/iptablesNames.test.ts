// Match and target names as iptables itself knows them (docs/facts/iptables-names.tsv).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LanguageId } from '../../server/src/service/types';
import { doc, service, spans } from '../helpers/service';

const F = (body: string): string =>
  `*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\n${body}\nCOMMIT\n`;
const names = new Set([
  'iptables/unknown-match',
  'iptables/unknown-target',
  'iptables/undeclared-chain',
  'iptables/unknown-option',
]);
/** Findings about names, for a rules file named as its family's (rules.v4 / rules.v6). */
const nameFindings = (text: string, lang: LanguageId): string[] =>
  spans(
    text,
    service()
      .validate(doc(text, lang, `file:///etc/iptables/rules.${lang === 'ip6tables' ? 'v6' : 'v4'}`), lang)
      .filter((d) => names.has(String(d.code))),
  );

test('`-m icmpv6` is the icmp6 match under its other name: both backends load it in ip6tables', () => {
  const text = F(
    '-A INPUT -p ipv6-icmp -m icmpv6 --icmpv6-type neighbour-solicitation -j ACCEPT\n-A INPUT -p icmpv6 -m icmpv6 --icmpv6-type 136 -j ACCEPT',
  );
  assert.deepEqual(nameFindings(text, 'ip6tables'), []);
});

test('`-m icmpv6` in an IPv4 file is still reported', () => {
  const text = F('-A INPUT -p icmp -m icmpv6 --icmpv6-type 1 -j ACCEPT');
  assert.deepEqual(
    nameFindings(text, 'iptables').filter((s) => s.startsWith('iptables/unknown-match')),
    ['iptables/unknown-match: icmpv6'],
  );
});

test('`-m osf` exists only in iptables (IPv4)', () => {
  const text = F('-A INPUT -p tcp -m osf --genre Linux -j ACCEPT');
  assert.deepEqual(nameFindings(text, 'iptables'), []);
  assert.deepEqual(
    nameFindings(text, 'ip6tables').filter((s) => s.startsWith('iptables/unknown-match')),
    ['iptables/unknown-match: osf'],
  );
});

test('targets the kernel no longer loads are errors that say why', () => {
  for (const name of ['ULOG', 'standard']) {
    const text = F(`-A INPUT -j ${name}`);
    assert.deepEqual(nameFindings(text, 'iptables'), [`iptables/unknown-target: ${name}`], name);
  }
});
