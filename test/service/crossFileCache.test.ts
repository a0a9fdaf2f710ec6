// Findings of a block are re-used while its text and what it reads of the other blocks stay the same.
// These edits change only ANOTHER block each time: the findings of the block that reads it must follow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, diagnose, withCode } from '../helpers/service';

interface Parts {
  readonly rules: readonly string[];
  readonly execStart: string;
  readonly sshdPort?: number;
  readonly script?: string;
}

function userData(p: Parts): string {
  return [
    '#cloud-config',
    'write_files:',
    '  - path: /var/lib/iptables/rules-save',
    '    permissions: "0644"',
    '    content: |',
    ...p.rules.map((l) => `      ${l}`),
    ...(p.sshdPort === undefined ? [] : ['  - path: /etc/ssh/sshd_config', '    content: |', `      Port ${p.sshdPort}`, '      PermitRootLogin no']),
    ...(p.script === undefined ? [] : ['  - path: /opt/bin/firewall-sets', '    permissions: "0755"', '    content: |', '      #!/bin/sh', `      ${p.script}`]),
    'coreos:',
    '  units:',
    '    - name: iptables-restore.service',
    '      enable: true',
    '      command: start',
    '    - name: web.service',
    '      command: start',
    '      content: |',
    '        [Unit]',
    '        After=docker.service',
    '        Requires=docker.service',
    '        [Service]',
    `        ExecStart=${p.execStart}`,
    '',
  ].join('\n');
}

const base = [
  '*filter',
  ':INPUT DROP [0:0]',
  ':FORWARD DROP [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  '-A INPUT -i lo -j ACCEPT',
  '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
  'COMMIT',
];
const loopback = '/usr/bin/docker run --rm --name web -p 127.0.0.1:8080:80 nginx';
const everywhere = '/usr/bin/docker run --rm --name web -p 8080:80 nginx';

test('publishing a port in a unit brings iptables/docker-bypass to the unchanged rules block, and taking it back removes it', () => {
  assert.deepEqual(withCode(diagnose(userData({ rules: base, execStart: loopback })), 'iptables/docker-bypass'), []);
  const published = diagnose(userData({ rules: base, execStart: everywhere }));
  assert.equal(withCode(published, 'iptables/docker-bypass').length, 1, codes(published).join(', '));
  assert.match(String(withCode(published, 'iptables/docker-bypass')[0]?.message), /-p 8080:80 in web\.service/);
  assert.deepEqual(withCode(diagnose(userData({ rules: base, execStart: loopback })), 'iptables/docker-bypass'), []);
});

test('a DOCKER-USER drop rule added to the rules block clears docker/port-exposure in the unchanged unit', () => {
  const open = diagnose(userData({ rules: base, execStart: everywhere }));
  assert.equal(withCode(open, 'docker/port-exposure').length, 1);
  const filtered = [...base.slice(0, -1), '-A DOCKER-USER -i eth0 -j DROP', 'COMMIT'];
  const closed = diagnose(userData({ rules: [...base.slice(0, 4), ':DOCKER-USER - [0:0]', ...filtered.slice(4)], execStart: everywhere }));
  assert.deepEqual(withCode(closed, 'docker/port-exposure'), [], codes(closed).join(', '));
  assert.equal(withCode(diagnose(userData({ rules: base, execStart: everywhere })), 'docker/port-exposure').length, 1);
});

test('changing only the sshd_config Port turns iptables/lockout on and off for the unchanged rules', () => {
  const only2222 = base.map((l) => l.replace('--dport 22 ', '--dport 2222 '));
  assert.deepEqual(withCode(diagnose(userData({ rules: only2222, execStart: loopback, sshdPort: 2222 })), 'iptables/lockout'), []);
  assert.equal(withCode(diagnose(userData({ rules: only2222, execStart: loopback, sshdPort: 22 })), 'iptables/lockout').length, 1);
  assert.deepEqual(withCode(diagnose(userData({ rules: only2222, execStart: loopback, sshdPort: 2222 })), 'iptables/lockout'), []);
});

test('renaming the ipset a written script creates brings iptables/missing-ipset to the unchanged rules', () => {
  const withSet = [...base.slice(0, -1), '-A INPUT -m set --match-set trusted src -j ACCEPT', 'COMMIT'];
  assert.deepEqual(withCode(diagnose(userData({ rules: withSet, execStart: loopback, script: 'ipset create trusted hash:net' })), 'iptables/missing-ipset'), []);
  const renamed = diagnose(userData({ rules: withSet, execStart: loopback, script: 'ipset create other hash:net' }));
  assert.equal(withCode(renamed, 'iptables/missing-ipset').length, 1, codes(renamed).join(', '));
  assert.deepEqual(withCode(diagnose(userData({ rules: withSet, execStart: loopback, script: 'ipset create trusted hash:net' })), 'iptables/missing-ipset'), []);
});
