// docker-bypass: embedded rules next to units that publish container ports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, fixesFor, rangeText, withCode } from '../helpers/service';
import { basicFirewall, rulesAndUnitUserData } from '../helpers/rulesAndUnit';

function userData(rules: readonly string[], execStart: string): string {
  return rulesAndUnitUserData({ rules, execStart });
}

const rules = [...basicFirewall.slice(0, -1), '-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT', 'COMMIT'];

test('docker-bypass: a unit publishes ports on every interface and DOCKER-USER is not filtered — on the *filter line', () => {
  const text = userData(rules, '/usr/bin/docker run --rm --name web -p 443:8443 -p 8080:80 nginx');
  const found = withCode(diagnose(text), 'iptables/docker-bypass');
  assert.equal(found.length, 1);
  assert.equal(rangeText(text, found[0] as never), 'filter');
  assert.match(String(found[0]?.message), /443:8443/);
  const [[title, after] = ['', '']] = fixesFor(text, 'iptables/docker-bypass');
  assert.match(title, /DOCKER-USER/);
  // The declaration joins the others; the rules keep 443 (accepted by INPUT) open and drop 8080.
  assert.match(after, /:OUTPUT ACCEPT \[0:0\]\n {6}:DOCKER-USER - \[0:0\]\n/);
  assert.match(
    after,
    / {6}-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN\n {6}-A DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 443 -j RETURN\n {6}-A DOCKER-USER -i eth0 -j DROP\n {6}-A DOCKER-USER -j RETURN\n {6}COMMIT/,
  );
  assert.doesNotMatch(after, /ctorigdstport 8080/);
  assert.deepEqual(withCode(diagnose(after), 'iptables/docker-bypass'), [], 'the fixed file filters DOCKER-USER');
});

test('docker-bypass: not for ports bound to loopback, not when DOCKER-USER already filters, not without containers', () => {
  assert.deepEqual(
    withCode(
      diagnose(userData(rules, '/usr/bin/docker run --rm -p 127.0.0.1:8080:80 nginx')),
      'iptables/docker-bypass',
    ),
    [],
  );
  const filtered = [
    ...rules.slice(0, 4),
    ':DOCKER-USER - [0:0]',
    ...rules.slice(4, -1),
    '-A DOCKER-USER -i eth0 -j DROP',
    'COMMIT',
  ];
  assert.deepEqual(
    withCode(diagnose(userData(filtered, '/usr/bin/docker run --rm -p 8080:80 nginx')), 'iptables/docker-bypass'),
    [],
  );
  assert.deepEqual(withCode(diagnose(userData(rules, '/usr/bin/sleep infinity')), 'iptables/docker-bypass'), []);
});

test('flow findings of embedded rules land on the document: lockout on the INPUT policy inside the block', () => {
  const text = userData(
    rules.filter((l) => !l.includes('--dport 22')),
    '/usr/bin/true',
  );
  const lockout = withCode(diagnose(text), 'iptables/lockout');
  assert.equal(lockout.length, 1);
  assert.equal(rangeText(text, lockout[0] as never), 'DROP');
  assert.equal(lockout[0]?.range.start.line, 6);
  const [[, after] = ['', '']] = fixesFor(text, 'iptables/lockout');
  assert.match(after, /--dport 443 -j ACCEPT\n {6}-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n {6}COMMIT/);
});

test('docker-bypass: a script written by the same user-data that runs a container counts too', () => {
  const text = [
    '#cloud-config',
    'write_files:',
    '  - path: /var/lib/iptables/rules-save',
    '    content: |',
    ...rules.map((l) => `      ${l}`),
    '  - path: /opt/bin/start-web.sh',
    '    permissions: "0755"',
    '    content: |',
    '      #!/bin/sh',
    '      docker run -d --name web -p 8080:80 nginx',
    '',
  ].join('\n');
  assert.equal(withCode(diagnose(text), 'iptables/docker-bypass').length, 1);
});
