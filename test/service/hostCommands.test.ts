// Embedded rules see the user-data's own runcmd/bootcmd lines: ipsets created and ports published there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, doc, rangeText, service, withCode } from '../helpers/service';

const rules = (extra: string): string =>
  [
    '#cloud-config',
    'write_files:',
    '  - path: /etc/iptables/rules.v4',
    '    content: |',
    '      *filter',
    '      :INPUT DROP [0:0]',
    '      :FORWARD DROP [0:0]',
    '      :OUTPUT ACCEPT [0:0]',
    '      -A INPUT -i lo -j ACCEPT',
    '      -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '      -A INPUT -p tcp --dport 22 -j ACCEPT',
    '      -A INPUT -m set --match-set admins src -j ACCEPT',
    '      COMMIT',
    extra,
  ].join('\n');

test('an ipset created by a runcmd line (flags before or after create) is not missing', () => {
  assert.equal(withCode(diagnose(rules('')), 'iptables/missing-ipset').length, 1);
  for (const line of [
    'ipset create admins hash:ip',
    'ipset -exist create admins hash:ip',
    'ipset create -exist admins hash:net',
  ]) {
    const text = rules(`runcmd:\n  - ${line}\n`);
    assert.deepEqual(withCode(diagnose(text), 'iptables/missing-ipset'), [], line);
  }
  const argv = rules('bootcmd:\n  - [ipset, create, admins, "hash:ip"]\n');
  assert.deepEqual(withCode(diagnose(argv), 'iptables/missing-ipset'), []);
});

test('a container published by runcmd makes rules without DOCKER-USER a bypass', () => {
  const quiet = rules('runcmd:\n  - ipset create admins hash:ip\n');
  assert.deepEqual(withCode(diagnose(quiet), 'iptables/docker-bypass'), []);
  const text = rules('runcmd:\n  - ipset create admins hash:ip\n  - docker run --name web -p 8080:80 nginx\n');
  const [d, ...more] = withCode(diagnose(text), 'iptables/docker-bypass');
  assert.ok(d);
  assert.equal(more.length, 0);
  assert.match(String(d.message), /8080/);
  assert.ok(rangeText(text, d).length > 0);
  const loopback = rules('runcmd:\n  - ipset create admins hash:ip\n  - docker run -p 127.0.0.1:8080:80 nginx\n');
  assert.deepEqual(withCode(diagnose(loopback), 'iptables/docker-bypass'), []);
});

test('host networking is not a DOCKER-USER bypass: INPUT rules see those ports', () => {
  const text = rules('runcmd:\n  - ipset create admins hash:ip\n  - docker run --network host nginx\n');
  assert.deepEqual(withCode(diagnose(text), 'iptables/docker-bypass'), []);
});

test('re-used findings of unchanged blocks land on the moved lines after an edit above them', () => {
  const text = rules('runcmd:\n  - docker run -p 8080:80 nginx\n');
  const svc = service();
  const before = withCode(svc.validate(doc(text), 'cloud-config'), 'iptables/missing-ipset');
  const moved = text.replace('#cloud-config\n', '#cloud-config\nhostname: web-01\n');
  const after = withCode(svc.validate(doc(moved), 'cloud-config'), 'iptables/missing-ipset');
  assert.equal(before.length, 1);
  assert.equal(after.length, 1);
  assert.equal(after[0]!.range.start.line, before[0]!.range.start.line + 1);
  assert.equal(rangeText(moved, after[0]!), rangeText(text, before[0]!));
});
