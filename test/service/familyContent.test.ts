// A rules file with no family in its path is IPv6 only when its rules show IPv6 evidence (an IPv6
// address after -s/-d, an ICMPv6 protocol or type) and no IPv4 evidence; anything else reads as IPv4.
// The scan looks for IPv4 evidence first; the answer must not depend on which evidence comes first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { familyOfContent } from '../../server/src/service/iptables/family';

const rules = (...lines: string[]): string => ['*filter', ...lines, 'COMMIT', ''].join('\n');

test('family from content: IPv6 only with IPv6 evidence and no IPv4 evidence', () => {
  const cases: [string, 'ipv4' | 'ipv6'][] = [
    [rules('-A INPUT -s 2001:db8::/32 -j ACCEPT'), 'ipv6'],
    [rules('-A INPUT -p ipv6-icmp -j ACCEPT'), 'ipv6'],
    [rules('-A INPUT -p icmpv6 --icmpv6-type echo-request -j ACCEPT'), 'ipv6'],
    [rules('-A INPUT -s 2001:db8::/32 -j ACCEPT', '-A INPUT -d 10.0.0.1 -j DROP'), 'ipv4'],
    [rules('-A INPUT -d 10.0.0.1 -j DROP', '-A INPUT -s 2001:db8::/32 -j ACCEPT'), 'ipv4'],
    [rules('-A INPUT -p ipv6-icmp -j ACCEPT', '-A INPUT -p icmp --icmp-type echo-request -j ACCEPT'), 'ipv4'],
    [rules('-A INPUT -j REJECT --reject-with icmp-port-unreachable', '-A INPUT -s fe80::1 -j ACCEPT'), 'ipv4'],
    [rules('-A INPUT -i lo -j ACCEPT'), 'ipv4'],
    [rules('-A INPUT -s\n2001:db8::1 -j ACCEPT'), 'ipv6'],
  ];
  for (const [text, family] of cases) assert.equal(familyOfContent(text), family, text);
});
