// Chain-walking flow rules: what INPUT lets in, what FORWARD drops, rules no packet reaches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { flowFindings } from '../../server/src/service/iptables/validate';
import type { EmbeddedContext } from '../../server/src/service/embedded/languages';
import type { Finding, OffsetEdit } from '../../server/src/service/types';

const standalone = (text: string): EmbeddedContext => ({ text, region: undefined, siblings: [] });

function flow(lines: readonly string[], family: 'ipv4' | 'ipv6' = 'ipv4'): { text: string; findings: Finding[] } {
  const text = `${lines.join('\n')}\n`;
  return { text, findings: flowFindings(parseRulesSave(text, family), standalone(text)) };
}

/** `code: covered text` for each finding. */
function spans(text: string, findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.code}: ${text.slice(f.start, f.end)}`);
}

function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  return [...edits]
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

function fixed(text: string, f: Finding | undefined): string {
  const fix = f?.fixes?.[0];
  assert.ok(fix, 'finding has a fix');
  return applyEdits(text, fix.edits);
}

const head = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]'];
const basics = [
  '-A INPUT -i lo -j ACCEPT',
  '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
];

test('classic (a): DROP policy with loopback, established, SSH, web and ping accepted — nothing to say', () => {
  const { findings } = flow([
    ...head,
    ...basics,
    '-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT',
    '-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT',
    '-A INPUT -p icmp -m icmp --icmp-type echo-request -j ACCEPT',
    'COMMIT',
  ]);
  assert.deepEqual(findings, []);
});

test('classic (b): flannel/pod networks accepted in INPUT but not in FORWARD — forward-not-mirrored only', () => {
  const { text, findings } = flow([
    ...head,
    ...basics,
    '-A INPUT --src 10.244.0.0/16 -j ACCEPT',
    '-A INPUT --src 10.1.0.0/16 -j ACCEPT',
    'COMMIT',
  ]);
  assert.deepEqual(spans(text, findings), [
    'iptables/forward-not-mirrored: -A INPUT --src 10.244.0.0/16 -j ACCEPT',
    'iptables/forward-not-mirrored: -A INPUT --src 10.1.0.0/16 -j ACCEPT',
  ]);
  const after = fixed(text, findings[0]);
  assert.match(after, /-A INPUT --src 10\.1\.0\.0\/16 -j ACCEPT\n-A FORWARD -s 10\.244\.0\.0\/16 -j ACCEPT\nCOMMIT\n$/);
  assert.deepEqual(
    flow(after.trimEnd().split('\n')).findings.map((f) => f.code),
    ['iptables/forward-not-mirrored'],
    'the fixed network is mirrored now',
  );
});

test('classic (c): DOCKER-USER + FILTERS chain + ipset recipe — nothing from the flow rules', () => {
  const { findings } = flow([
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD DROP [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':FILTERS - [0:0]',
    ':DOCKER-USER - [0:0]',
    '-F INPUT',
    '-F DOCKER-USER',
    '-F FILTERS',
    '-A INPUT -i lo -j ACCEPT',
    '-A INPUT -p icmp --icmp-type any -j ACCEPT',
    '-A INPUT -j FILTERS',
    '-A DOCKER-USER -i ens33 -j FILTERS',
    '-A FILTERS -m state --state ESTABLISHED,RELATED -j ACCEPT',
    '-A FILTERS -m set --match-set whitelist src -j ACCEPT',
    '-A FILTERS -m state --state NEW -m tcp -p tcp --dport 22 -j ACCEPT',
    '-A FILTERS -m state --state NEW -m tcp -p tcp --dport 80 -j ACCEPT',
    '-A FILTERS -m state --state NEW -m tcp -p tcp --dport 443 -j ACCEPT',
    '-A FILTERS -j REJECT --reject-with icmp-host-prohibited',
    'COMMIT',
  ]);
  assert.deepEqual(findings, []);
});

const codesOf = (findings: readonly Finding[]): string[] => findings.map((f) => f.code);
const only = (findings: readonly Finding[], code: string): Finding[] => findings.filter((f) => f.code === code);

test('lockout: DROP policy and nothing accepts tcp/22 — on the policy; the fix accepts SSH after the last INPUT rule', () => {
  const { text, findings } = flow([
    ...head,
    basics[0] as string,
    basics[1] as string,
    '-A INPUT -p tcp --dport 80 -j ACCEPT',
    'COMMIT',
  ]);
  assert.deepEqual(spans(text, findings), ['iptables/lockout: DROP']);
  assert.equal(findings[0]?.start, text.indexOf('DROP'), 'the INPUT policy, not the FORWARD one');
  const after = fixed(text, findings[0]);
  assert.match(after, /--dport 80 -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\nCOMMIT/);
  assert.deepEqual(flow(after.trimEnd().split('\n')).findings, []);
});

test('lockout: a final catch-all REJECT under an ACCEPT policy — on that rule; the fix goes right before it', () => {
  const { text, findings } = flow([
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ...basics.slice(0, 2),
    '-A INPUT -j REJECT --reject-with icmp-host-prohibited',
    'COMMIT',
  ]);
  assert.deepEqual(spans(text, findings), ['iptables/lockout: -A INPUT -j REJECT --reject-with icmp-host-prohibited']);
  assert.match(fixed(text, findings[0]), /-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -j REJECT/);
});

test('lockout: an SSH rule after a DROP of port 22 does not help', () => {
  const { text, findings } = flow([
    ...head,
    ...basics.slice(0, 2),
    '-A INPUT -p tcp --dport 22 -j DROP',
    basics[2] as string,
    'COMMIT',
  ]);
  assert.deepEqual(codesOf(findings).sort(), ['iptables/lockout', 'iptables/shadowed-rule']);
  const shadowed = only(findings, 'iptables/shadowed-rule')[0];
  assert.equal(text.slice(shadowed?.start, shadowed?.end), basics[2]);
});

test('lockout: not when SSH is accepted from an admin network, in a user chain, or by a multiport list', () => {
  for (const accept of [
    ['-A INPUT -s 203.0.113.0/24 -p tcp -m tcp --dport 22 -j ACCEPT'],
    ['-A INPUT -j SERVICES', '-A SERVICES -p tcp --dport ssh -j ACCEPT'],
    ['-A INPUT -p tcp -m multiport --dports 22,80,443 -j ACCEPT'],
    ['-A INPUT -m set --match-set admins src -j ACCEPT'],
  ]) {
    const lines = [...head, ':SERVICES - [0:0]', ...basics.slice(0, 2), ...accept, 'COMMIT'];
    assert.deepEqual(only(flow(lines).findings, 'iptables/lockout'), [], accept.join(' / '));
  }
});

test('lockout: a file that moves SSH (a comment says so) is judged on that port', () => {
  const moved = [
    ...head,
    ...basics.slice(0, 2),
    '# SSH on a high port',
    '-A INPUT -p tcp --dport 2222 -j ACCEPT',
    'COMMIT',
  ];
  assert.deepEqual(flow(moved).findings, []);
  const unexplained = [...head, ...basics.slice(0, 2), '-A INPUT -p tcp --dport 2222 -j ACCEPT', 'COMMIT'];
  assert.deepEqual(codesOf(flow(unexplained).findings), ['iptables/lockout']);
  assert.match(flow(unexplained).findings[0]?.message ?? '', /tcp\/22\b/);
  const tagged = [
    ...head,
    ...basics.slice(0, 2),
    '-A INPUT -p tcp --dport 2222 -m comment --comment "SSH" -j ACCEPT',
    'COMMIT',
  ];
  assert.deepEqual(flow(tagged).findings, []);
});

test('no-established: DROP policy without a RELATED,ESTABLISHED accept — the fix makes it the first INPUT rule', () => {
  const { text, findings } = flow([...head, basics[0] as string, basics[2] as string, 'COMMIT']);
  assert.deepEqual(spans(text, findings), ['iptables/no-established: DROP']);
  const after = fixed(text, findings[0]);
  assert.match(
    after,
    /:OUTPUT ACCEPT \[0:0\]\n-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n-A INPUT -i lo -j ACCEPT/,
  );
  assert.deepEqual(flow(after.trimEnd().split('\n')).findings, []);
});

test('no-established: not with the older -m state spelling, nor when only TCP replies are missing the state match but UDP has one', () => {
  assert.deepEqual(
    flow([
      ...head,
      basics[0] as string,
      '-A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT',
      basics[2] as string,
      'COMMIT',
    ]).findings,
    [],
  );
  const tcpOnly = flow([
    ...head,
    basics[0] as string,
    '-A INPUT -p tcp -m conntrack --ctstate ESTABLISHED -j ACCEPT',
    basics[2] as string,
    'COMMIT',
  ]);
  assert.deepEqual(codesOf(tcpOnly.findings), ['iptables/no-established'], 'UDP answers (DNS) are still dropped');
});

test('no-loopback: DROP policy without -i lo — the fix accepts loopback first', () => {
  const { text, findings } = flow([...head, basics[1] as string, basics[2] as string, 'COMMIT']);
  assert.deepEqual(spans(text, findings), ['iptables/no-loopback: DROP']);
  const after = fixed(text, findings[0]);
  assert.match(after, /\n-A INPUT -i lo -j ACCEPT\n-A INPUT -m conntrack/);
  assert.deepEqual(flow(after.trimEnd().split('\n')).findings, []);
  const bySource = flow([
    ...head,
    '-A INPUT -s 127.0.0.0/8 -j ACCEPT',
    basics[1] as string,
    basics[2] as string,
    'COMMIT',
  ]);
  assert.deepEqual(bySource.findings, [], 'accepting 127.0.0.0/8 also lets loopback traffic in');
});

test('no-loopback on IPv6 rules: ::1 as the source counts as loopback', () => {
  const v6 = [
    '*filter',
    ':INPUT DROP [0:0]',
    '-A INPUT -s ::1/128 -j ACCEPT',
    basics[1] as string,
    basics[2] as string,
    'COMMIT',
  ];
  assert.deepEqual(flow(v6, 'ipv6').findings, []);
});

test('shadowed-rule: a broader earlier ACCEPT hides a later rule; related span on the earlier one', () => {
  const { text, findings } = flow([
    '*filter',
    ':INPUT ACCEPT [0:0]',
    '-A INPUT -s 10.0.0.0/8 -j ACCEPT',
    '-A INPUT -s 10.1.0.0/16 -p tcp --dport 25 -j DROP',
    '-A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT',
    '-A INPUT -p tcp --dport 443 -m conntrack --ctstate NEW -j LOG',
    '-A INPUT -i eth+ -p udp -j DROP',
    '-A INPUT -i eth0 -p udp --dport 53 -j ACCEPT',
    '-A INPUT -j DROP',
    'COMMIT',
  ]);
  assert.deepEqual(spans(text, only(findings, 'iptables/shadowed-rule')), [
    'iptables/shadowed-rule: -A INPUT -s 10.1.0.0/16 -p tcp --dport 25 -j DROP',
    'iptables/shadowed-rule: -A INPUT -p tcp --dport 443 -m conntrack --ctstate NEW -j LOG',
    'iptables/shadowed-rule: -A INPUT -i eth0 -p udp --dport 53 -j ACCEPT',
  ]);
  const first = only(findings, 'iptables/shadowed-rule')[0];
  assert.equal(first?.unnecessary, true);
  assert.deepEqual(
    first?.related?.map((r) => text.slice(r.start, r.end)),
    ['-A INPUT -s 10.0.0.0/8 -j ACCEPT'],
  );
  assert.match(first?.message ?? '', /line 3/);
});

test('shadowed-rule: not when the earlier rule is narrower, non-terminal, negated, has conditions we cannot compare, or is an exact duplicate', () => {
  const cases = [
    ['-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp -j DROP'],
    ['-A INPUT -p tcp --dport 22 -j LOG', '-A INPUT -p tcp --dport 22 -j DROP'],
    ['-A INPUT ! -s 10.0.0.0/8 -j DROP', '-A INPUT -s 192.168.0.0/16 -j ACCEPT'],
    ['-A INPUT -p tcp --dport 22 -m limit --limit 3/min -j ACCEPT', '-A INPUT -p tcp --dport 22 -j DROP'],
    ['-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p udp --dport 22 -j ACCEPT'],
    [
      '-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    ],
    ['-A INPUT -s example.com -j ACCEPT', '-A INPUT -s example.com -p tcp -j ACCEPT'],
    ['-A INPUT -p tcp --dport 22 -j ACCEPT', '-A INPUT -p tcp --dport 22 -j ACCEPT'],
  ];
  for (const [a, b] of cases) {
    const { findings } = flow(['*filter', ':INPUT ACCEPT [0:0]', a as string, b as string, 'COMMIT']);
    assert.deepEqual(only(findings, 'iptables/shadowed-rule'), [], `${a} / ${b}`);
  }
});

test('permissive-filter: ACCEPT policy whose rules only close some ports — on the policy', () => {
  const { text, findings } = flow([
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    '-A INPUT -p tcp --dport 3306 -j DROP',
    'COMMIT',
  ]);
  assert.deepEqual(spans(text, findings), ['iptables/permissive-filter: ACCEPT']);
  assert.equal(findings[0]?.start, text.indexOf('ACCEPT'));
});

test('permissive-filter: not without INPUT rules, not with a final drop, not with a DROP policy', () => {
  assert.deepEqual(
    flow(['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', 'COMMIT']).findings,
    [],
  );
  const finalDrop = flow(['*filter', ':INPUT ACCEPT [0:0]', ...basics, '-A INPUT -j DROP', 'COMMIT']);
  assert.deepEqual(finalDrop.findings, []);
  const dropPolicy = flow([...head, ...basics, 'COMMIT']);
  assert.deepEqual(dropPolicy.findings, []);
  const natOnly = flow(['*nat', ':POSTROUTING ACCEPT [0:0]', '-A POSTROUTING -o eth0 -j MASQUERADE', 'COMMIT']);
  assert.deepEqual(natOnly.findings, [], 'no filter table: nothing to judge');
});

test('forward-not-mirrored: not when FORWARD accepts by policy or already accepts the network, nor for port-specific INPUT rules', () => {
  const accepting = [
    '*filter',
    ':INPUT DROP [0:0]',
    ':FORWARD ACCEPT [0:0]',
    ...basics,
    '-A INPUT -s 10.244.0.0/16 -j ACCEPT',
    'COMMIT',
  ];
  assert.deepEqual(flow(accepting).findings, []);
  const mirrored = [
    ...head,
    ...basics,
    '-A INPUT -s 10.244.0.0/16 -j ACCEPT',
    '-A FORWARD -s 10.0.0.0/8 -j ACCEPT',
    'COMMIT',
  ];
  assert.deepEqual(flow(mirrored).findings, []);
  const portOnly = [...head, ...basics, '-A INPUT -s 10.244.0.0/16 -p tcp --dport 10250 -j ACCEPT', 'COMMIT'];
  assert.deepEqual(flow(portOnly).findings, []);
  const peers = flow([...head, ...basics, '-A INPUT -s 192.168.10.11/32,192.168.10.12/32 -j ACCEPT', 'COMMIT']);
  assert.deepEqual(codesOf(peers.findings), ['iptables/forward-not-mirrored']);
  assert.match(
    fixed(peers.text, peers.findings[0]),
    /-A FORWARD -s 192\.168\.10\.11\/32 -j ACCEPT\n-A FORWARD -s 192\.168\.10\.12\/32 -j ACCEPT\nCOMMIT/,
  );
});

test('the walk follows -g goto and RETURN the way the kernel does', () => {
  // RETURN from a user chain continues after the jump; the catch-all REJECT then drops SSH.
  const viaReturn = flow([
    ...head,
    ':CHECK - [0:0]',
    ...basics.slice(0, 2),
    '-A INPUT -j CHECK',
    '-A CHECK -p tcp --dport 22 -j RETURN',
    '-A CHECK -j ACCEPT',
    'COMMIT',
  ]);
  assert.deepEqual(codesOf(viaReturn.findings), ['iptables/lockout']);
  // goto: the chain's end returns past the caller, to INPUT's policy.
  const viaGoto = flow([
    ...head,
    ':SSH - [0:0]',
    ...basics.slice(0, 2),
    '-A INPUT -p tcp -g SSH',
    '-A INPUT -p tcp --dport 22 -j ACCEPT',
    '-A SSH -p tcp --dport 80 -j ACCEPT',
    'COMMIT',
  ]);
  assert.deepEqual(codesOf(viaGoto.findings), ['iptables/lockout']);
});
