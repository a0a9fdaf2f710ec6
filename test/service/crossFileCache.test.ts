// Findings of a block are re-used while its text and what it reads of the other blocks stay the same.
// These edits change only ANOTHER block each time: the findings of the block that reads it must follow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, diagnose, withCode } from '../helpers/service';
import { basicFirewall, rulesAndUnitUserData } from '../helpers/rulesAndUnit';

const userData = rulesAndUnitUserData;

const base = basicFirewall;
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
  const closed = diagnose(
    userData({ rules: [...base.slice(0, 4), ':DOCKER-USER - [0:0]', ...filtered.slice(4)], execStart: everywhere }),
  );
  assert.deepEqual(withCode(closed, 'docker/port-exposure'), [], codes(closed).join(', '));
  assert.equal(withCode(diagnose(userData({ rules: base, execStart: everywhere })), 'docker/port-exposure').length, 1);
});

test('changing only the sshd_config Port turns iptables/lockout on and off for the unchanged rules', () => {
  const only2222 = base.map((l) => l.replace('--dport 22 ', '--dport 2222 '));
  assert.deepEqual(
    withCode(diagnose(userData({ rules: only2222, execStart: loopback, sshdPort: 2222 })), 'iptables/lockout'),
    [],
  );
  assert.equal(
    withCode(diagnose(userData({ rules: only2222, execStart: loopback, sshdPort: 22 })), 'iptables/lockout').length,
    1,
  );
  assert.deepEqual(
    withCode(diagnose(userData({ rules: only2222, execStart: loopback, sshdPort: 2222 })), 'iptables/lockout'),
    [],
  );
});

test('renaming the ipset a written script creates brings iptables/missing-ipset to the unchanged rules', () => {
  const withSet = [...base.slice(0, -1), '-A INPUT -m set --match-set trusted src -j ACCEPT', 'COMMIT'];
  assert.deepEqual(
    withCode(
      diagnose(userData({ rules: withSet, execStart: loopback, script: 'ipset create trusted hash:net' })),
      'iptables/missing-ipset',
    ),
    [],
  );
  const renamed = diagnose(userData({ rules: withSet, execStart: loopback, script: 'ipset create other hash:net' }));
  assert.equal(withCode(renamed, 'iptables/missing-ipset').length, 1, codes(renamed).join(', '));
  assert.deepEqual(
    withCode(
      diagnose(userData({ rules: withSet, execStart: loopback, script: 'ipset create trusted hash:net' })),
      'iptables/missing-ipset',
    ),
    [],
  );
});
