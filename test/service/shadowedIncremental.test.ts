// Shadowed rules are worked out again per keystroke only where a changed rule can make a difference.
// Typing into a rules file (one rule line replaced at a time, the model carried over) must give the
// findings of a fresh analysis, on random chains where rules hide each other often.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { validateRules } from '../../server/src/service/iptables/validate';
import { flowFindings } from '../../server/src/service/iptables/validate';
import { doc, service } from '../helpers/service';

let seed = 23;
const next = (n: number): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed >>> 8) % n;
};
const pick = <T>(xs: readonly T[]): T => xs[next(xs.length)] as T;

const rules = [
  '-A INPUT -p tcp --dport 22 -j ACCEPT',
  '-A INPUT -p tcp -m tcp --dport 22 -s 10.1.0.0/16 -j ACCEPT',
  '-A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT',
  '-A INPUT -p tcp --dport 443 -j ACCEPT',
  '-A INPUT -p tcp --dport 8000:8010 -j DROP',
  '-A INPUT -p tcp --dport 8005 -j ACCEPT',
  '-A INPUT -s 10.0.0.0/8 -j ACCEPT',
  '-A INPUT -s 10.1.2.0/24 -j DROP',
  '-A INPUT -s 10.1.2.3 -p udp -j ACCEPT',
  '-A INPUT -p udp -j DROP',
  '-A INPUT -p udp --dport 53 -j ACCEPT',
  '-A INPUT -p tcp -j REJECT',
  '-A INPUT -i lo -j ACCEPT',
  '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '-A INPUT -p icmp -j ACCEPT',
  '-A INPUT -j DROP',
  '-A INPUT ! -s 10.0.0.0/8 -j DROP',
  '-A INPUT -j LOG',
  '-A INPUT -p tcp --dport 22 -j ACCEPT -m comment --comment copy',
  '-A INPUT -j SSH',
  '-A SSH -p tcp --dport 22 -j ACCEPT',
  '-A SSH -s 192.168.0.0/16 -j ACCEPT',
  '-A SSH -j DROP',
  '-A SSH -s 192.168.1.0/24 -p tcp --dport 22 -j ACCEPT',
];

test('keystroke after keystroke, shadowed rules (and every other finding) equal those of a fresh analysis', () => {
  const svc = service();
  let shadowedSeen = 0;
  for (let file = 0; file < 6; file++) {
    const lines = ['*filter', ':INPUT DROP [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', ':SSH - [0:0]'];
    const first = lines.length;
    for (let i = 0; i < 120; i++) lines.push(pick(rules));
    lines.push('COMMIT', '');
    const uri = `file:///test/shadowed-${file}/rules.v4`;
    svc.findings(doc(lines.join('\n'), 'iptables', uri), 'iptables');
    for (let step = 0; step < 60; step++) {
      // Replace one rule line: a typed change of that line only.
      lines[first + next(120)] = pick(rules);
      const text = lines.join('\n');
      const incremental = svc.findings(doc(text, 'iptables', uri), 'iptables');
      const ctx = { text, region: undefined, siblings: [], uri };
      const file0 = parseRulesSave(text, 'ipv4');
      const fresh = [...validateRules(file0, ctx), ...flowFindings(file0, ctx)];
      assert.deepEqual(incremental, fresh, `file ${file}, step ${step}`);
      shadowedSeen += fresh.filter((f) => f.code === 'iptables/shadowed-rule').length;
    }
  }
  assert.ok(shadowedSeen > 1000, `shadowed findings compared: ${shadowedSeen}`);
});
