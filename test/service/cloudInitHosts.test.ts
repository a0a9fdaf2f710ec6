// cloud-init hosts (Ubuntu, Debian, RHEL): Docker started from runcmd, scripts and Compose files,
// ufw, netfilter-persistent and firewalld as the user-data sets them up (docs/facts/hosts.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, diagnose, fixesFor, rangeText, withCode } from '../helpers/service';

const issueExample = [
  '#cloud-config',
  'packages: [docker.io]',
  'runcmd:',
  '  - docker run -d -p 5432:5432 --name db postgres:16',
  '  - ufw allow 22/tcp',
  '  - ufw enable',
  '',
].join('\n');

test('the issue example: docker run -p in runcmd on a ufw host is a port exposure naming ufw, and both fixes end it', () => {
  const [d, ...more] = withCode(diagnose(issueExample), 'docker/port-exposure');
  assert.ok(d);
  assert.equal(more.length, 0);
  assert.equal(rangeText(issueExample, d), '-p 5432:5432');
  assert.match(String(d.message), /ufw never sees it/);
  assert.match(String(d.message), /after\.rules/);
  const fixes = fixesFor(issueExample, 'docker/port-exposure');
  assert.deepEqual(
    fixes.map(([t]) => t),
    [
      'Bind to 127.0.0.1 (reachable from this machine only)',
      'Drop published container ports from outside in DOCKER-USER (append to /etc/ufw/after.rules)',
    ],
  );
  const [, bound] = fixes[0]!;
  assert.match(bound, /docker run -d -p 127\.0\.0\.1:5432:5432 --name db/);
  assert.deepEqual(
    diagnose(bound)
      .filter((x) => x.severity !== 4)
      .map((x) => x.code),
    [],
  );
  const [, filtered] = fixes[1]!;
  assert.match(
    filtered,
    /write_files:\n {2}- path: \/etc\/ufw\/after\.rules\n {4}append: true\n {4}defer: true\n {4}content: \|\n {6}\*filter\n {6}:DOCKER-USER - \[0:0\]\n/,
  );
  assert.match(filtered, /-A DOCKER-USER -m conntrack --ctstate DNAT -j DROP\n/);
  assert.deepEqual(codes(diagnose(filtered)), []);
});

test('argv form, a script written by write_files and Compose ports (short, long, number) are exposures too; loopback, expose and variables are not', () => {
  const text = [
    '#cloud-config',
    'runcmd:',
    '  - [docker, run, -d, -p, "8080:80", nginx]',
    '  - ufw allow OpenSSH',
    '  - ufw --force enable',
    '  - /usr/local/bin/start.sh',
    'write_files:',
    '  - path: /usr/local/bin/start.sh',
    "    permissions: '0755'",
    '    content: |',
    '      #!/bin/bash',
    '      docker run -d -p 3000:3000 grafana/grafana',
    '      docker run -d -p 127.0.0.1:9090:9090 prom/prometheus',
    '  - path: /opt/app/docker-compose.yml',
    '    content: |',
    '      services:',
    '        db:',
    '          image: postgres:16',
    '          ports: ["5432:5432", "127.0.0.1:6000:6000", "${PORT}:80"]',
    '          expose: ["3000"]',
    '        web:',
    '          image: nginx',
    '          ports:',
    '            - 8081:80',
    '            - target: 443',
    '              published: 8443',
    '',
  ].join('\n');
  const found = withCode(diagnose(text), 'docker/port-exposure').map((d) => rangeText(text, d));
  assert.deepEqual(found, ['-p, "8080:80"', '-p 3000:3000', '"5432:5432"', '8081:80', 'target: 443']);
  // The message quotes the port as the user means it, without the YAML quotes of the Compose entry.
  const messages = withCode(diagnose(text), 'docker/port-exposure').map(
    (d) => String(d.message).split(' publishes')[0],
  );
  assert.deepEqual(messages.slice(2, 4), ["'5432:5432'", "'8081:80'"]);
  const fixes = fixesFor(text, 'docker/port-exposure');
  assert.match(fixes[0]![1], /\[docker, run, -d, -p, "127\.0\.0\.1:8080:80", nginx\]/);
});

test("Compose fixes: short syntax gets the address, long syntax gets host_ip at the entry's column", () => {
  const text = [
    '#cloud-config',
    'runcmd: [ufw allow 22/tcp, ufw enable]',
    'write_files:',
    '  - path: /srv/compose.yaml',
    '    content: |',
    '      services:',
    '        web:',
    '          image: nginx',
    '          ports:',
    '            - target: 443',
    '              published: 8443',
    '',
  ].join('\n');
  const [[title, fixed]] = fixesFor(text, 'docker/port-exposure');
  assert.equal(title, 'Bind to 127.0.0.1 (reachable from this machine only)');
  assert.match(fixed!, /\n {12}- host_ip: 127\.0\.0\.1\n {14}target: 443\n {14}published: 8443\n/);
  assert.deepEqual(withCode(diagnose(fixed!), 'docker/port-exposure'), []);
});

test('firewalld and iptables hosts are named; no host firewall leaves it to no-firewall; DOCKER-USER rules silence it', () => {
  const run = '  - docker run -p 80:80 nginx';
  const fwd = diagnose(
    `#cloud-config\nruncmd:\n${run}\n  - firewall-cmd --permanent --add-service=ssh\n  - firewall-cmd --reload\n`,
  );
  assert.match(String(withCode(fwd, 'docker/port-exposure')[0]!.message), /firewalld's zones do not filter it/);
  const none = diagnose(`#cloud-config\nruncmd:\n${run}\n`);
  assert.deepEqual(withCode(none, 'docker/port-exposure'), []);
  assert.equal(withCode(none, 'cloud-config/no-firewall').length, 1);
  const userRules = `#cloud-config\nruncmd:\n${run}\n  - ufw allow 22/tcp\n  - ufw enable\nwrite_files:\n  - path: /etc/ufw/after.rules\n    append: true\n    content: |\n      *filter\n      :DOCKER-USER - [0:0]\n      -A DOCKER-USER -i eth0 -j DROP\n      COMMIT\n`;
  assert.deepEqual(withCode(diagnose(userRules), 'docker/port-exposure'), []);
});

const rulesV4 = [
  '    content: |',
  '      *filter',
  '      :INPUT DROP [0:0]',
  '      -A INPUT -i lo -j ACCEPT',
  '      -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '      -A INPUT -p tcp --dport 22 -j ACCEPT',
  '      COMMIT',
];

test('rules.v4 with nothing that loads it: firewall-not-loaded, fixed by installing iptables-persistent', () => {
  const text = [
    '#cloud-config',
    'packages:',
    '  - curl',
    'write_files:',
    '  - path: /etc/iptables/rules.v4',
    ...rulesV4,
    '',
  ].join('\n');
  const [d] = withCode(diagnose(text), 'cloud-config/firewall-not-loaded');
  assert.ok(d);
  assert.equal(rangeText(text, d), '/etc/iptables/rules.v4');
  const [[, fixed]] = fixesFor(text, 'cloud-config/firewall-not-loaded');
  assert.match(fixed!, /packages:\n {2}- curl\n {2}- iptables-persistent\n/);
  assert.deepEqual(withCode(diagnose(fixed!), 'cloud-config/firewall-not-loaded'), []);
  // …which makes it overwritten by the package's autosave, fixed by defer: true.
  const [o] = withCode(diagnose(fixed!), 'cloud-config/rules-overwritten');
  assert.ok(o);
  const [[, deferred]] = fixesFor(fixed!, 'cloud-config/rules-overwritten');
  assert.match(deferred!, /- path: \/etc\/iptables\/rules\.v4\n {4}content: \|[\s\S]*COMMIT\n {4}defer: true\n/);
  assert.deepEqual(codes(diagnose(deferred!)), []);
  const loaded = [
    '#cloud-config',
    'runcmd:',
    '  - iptables-restore < /etc/iptables/rules.v4',
    'write_files:',
    '  - path: /etc/iptables/rules.v4',
    ...rulesV4,
    '',
  ].join('\n');
  assert.deepEqual(codes(diagnose(loaded)), []);
  const preseeded = [
    '#cloud-config',
    'apt:',
    '  debconf_selections:',
    '    ipt: |',
    '      iptables-persistent iptables-persistent/autosave_v4 boolean false',
    'packages: [iptables-persistent]',
    'write_files:',
    '  - path: /etc/iptables/rules.v4',
    ...rulesV4,
    '',
  ].join('\n');
  assert.deepEqual(withCode(diagnose(preseeded), 'cloud-config/rules-overwritten'), []);
});

test('rules written to a path no loader reads are firewall-not-loaded, even with iptables-persistent installed', () => {
  const at = (path: string, before: string[] = [], after: string[] = []) =>
    ['#cloud-config', ...before, 'write_files:', `  - path: ${path}`, ...rulesV4, ...after, ''].join('\n');
  for (const [path, before] of [
    ['/etc/iptables.rules', ['packages: [iptables-persistent]']],
    ['/etc/iptables/rules', ['packages: [curl]']],
    ['/root/firewall.rules', []],
    ['/etc/iptables/iptables.rules', []],
  ] as const) {
    const text = at(path, [...before]);
    const [d, ...more] = withCode(diagnose(text), 'cloud-config/firewall-not-loaded');
    assert.ok(d, path);
    assert.equal(more.length, 0, path);
    assert.equal(rangeText(text, d), path);
    assert.match(
      String(d.message),
      /^Rules are written to \S+ but nothing loads them at boot\. No loader reads this path/,
    );
  }
  // Loaded by a command, by another written file (ifupdown pre-up), by Arch's enabled iptables.service.
  const loaded = [
    at('/etc/iptables.rules', ['runcmd:', '  - iptables-restore < /etc/iptables.rules']),
    at(
      '/etc/iptables.up.rules',
      [],
      [
        '  - path: /etc/network/if-pre-up.d/iptables',
        '    permissions: "0755"',
        '    content: |',
        '      #!/bin/sh',
        '      /sbin/iptables-restore < /etc/iptables.up.rules',
      ],
    ),
    at('/etc/iptables/iptables.rules', ['runcmd:', '  - systemctl enable --now iptables']),
  ];
  for (const text of loaded) assert.deepEqual(withCode(diagnose(text), 'cloud-config/firewall-not-loaded'), [], text);
  // ufw's own files are loaded by ufw.
  assert.deepEqual(withCode(diagnose(at('/etc/ufw/after.rules')), 'cloud-config/firewall-not-loaded'), []);
});

test('ufw: enable with no SSH allow is a lockout (fix inserts the allow before enable); sshd on another port counts', () => {
  const text = '#cloud-config\nruncmd:\n  - ufw default deny incoming\n  - ufw allow 80/tcp\n  - ufw enable\n';
  const [d] = withCode(diagnose(text), 'cloud-config/ufw-lockout');
  assert.ok(d);
  assert.equal(rangeText(text, d), 'ufw enable');
  const [[, fixed]] = fixesFor(text, 'cloud-config/ufw-lockout');
  assert.equal(
    fixed,
    '#cloud-config\nruncmd:\n  - ufw default deny incoming\n  - ufw allow 80/tcp\n  - ufw allow 22/tcp\n  - ufw enable\n',
  );
  assert.deepEqual(codes(diagnose(fixed!)), []);
  for (const allow of [
    'ufw allow ssh',
    'ufw limit 22/tcp',
    'ufw allow OpenSSH',
    'ufw allow from 10.0.0.0/8 to any port 22 proto tcp',
    'ufw allow 20:30/tcp',
  ]) {
    assert.deepEqual(codes(diagnose(`#cloud-config\nruncmd:\n  - ${allow}\n  - ufw enable\n`)), [], allow);
  }
  const moved =
    "#cloud-config\nruncmd:\n  - sed -i 's/^#Port 22/Port 2222/' /etc/ssh/sshd_config\n  - ufw allow 2222\n  - ufw enable\n";
  assert.deepEqual(codes(diagnose(moved)), []);
  assert.deepEqual(codes(diagnose('#cloud-config\nruncmd:\n  - ufw default allow incoming\n  - ufw enable\n')), []);
});

test('ufw commands ufw refuses are errors; firewall-cmd runtime-only, not reloaded and refused forms', () => {
  const ufw =
    '#cloud-config\nruncmd:\n  - ufw allow 22/tcp\n  - ufw allow 80,443\n  - ufw allow Nginx Full\n  - ufw allow 99999/tcp\n  - ufw allow from 10.0.0.300 to any port 22\n';
  assert.deepEqual(
    withCode(diagnose(ufw), 'cloud-config/ufw-command').map((d) => rangeText(ufw, d)),
    ['ufw allow 80,443', 'ufw allow Nginx Full', 'ufw allow 99999/tcp', 'ufw allow from 10.0.0.300 to any port 22'],
  );
  const fwd =
    '#cloud-config\nruncmd:\n  - firewall-cmd --add-service=http\n  - firewall-cmd --permanent --add-port=8080\n  - echo ok\n';
  const found = diagnose(fwd);
  assert.deepEqual(
    withCode(found, 'cloud-config/firewalld-runtime-only').map((d) => rangeText(fwd, d)),
    ['firewall-cmd --add-service=http'],
  );
  assert.deepEqual(
    withCode(found, 'cloud-config/firewalld-command').map((d) => rangeText(fwd, d)),
    ['firewall-cmd --permanent --add-port=8080'],
  );
  assert.equal(withCode(found, 'cloud-config/firewalld-not-reloaded').length, 1);
  const [[, fixed]] = fixesFor(fwd, 'cloud-config/firewalld-runtime-only');
  assert.equal(
    fixed,
    '#cloud-config\nruncmd:\n  - firewall-cmd --permanent --add-service=http\n  - firewall-cmd --permanent --add-port=8080\n  - firewall-cmd --reload\n  - echo ok\n',
  );
  const good =
    '#cloud-config\nruncmd:\n  - firewall-cmd --permanent --zone=public --add-service=https\n  - firewall-cmd --permanent --add-port=8000-8100/udp\n  - firewall-cmd --reload\n  - firewall-cmd --add-port=9000/tcp\n  - firewall-cmd --permanent --add-port=9000/tcp\n';
  assert.deepEqual(
    codes(diagnose(good)).filter((c) => c !== 'cloud-config/firewalld-not-reloaded'),
    [],
  );
});

test('a clean Ubuntu user-data that does all of this right gets no finding', () => {
  const text = [
    '#cloud-config',
    'package_update: true',
    'packages: [docker.io, docker-compose-v2, ufw]',
    'write_files:',
    '  - path: /opt/app/compose.yaml',
    '    content: |',
    '      services:',
    '        db:',
    '          image: postgres:16',
    '          restart: unless-stopped',
    '          ports: ["127.0.0.1:5432:5432"]',
    '        web:',
    '          image: nginx',
    '          ports: ["8080:80"]',
    '  - path: /etc/ufw/after.rules',
    '    append: true',
    '    defer: true',
    '    content: |',
    '      *filter',
    '      :DOCKER-USER - [0:0]',
    '      -A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN',
    '      -A DOCKER-USER -m conntrack --ctstate DNAT -j DROP',
    '      -A DOCKER-USER -j RETURN',
    '      COMMIT',
    'runcmd:',
    '  - ufw default deny incoming',
    '  - ufw allow OpenSSH',
    '  - ufw allow 443/tcp',
    '  - ufw --force enable',
    '  - docker run -d --restart unless-stopped -p 127.0.0.1:6379:6379 redis:7',
    '  - docker compose -f /opt/app/compose.yaml up -d',
    '',
  ].join('\n');
  assert.deepEqual(
    diagnose(text).map((d) => `${d.code} ${rangeText(text, d)}`),
    [],
  );
});

test("ufw's own rules files are fragments: ufw's chains need no declaration, in write_files and standalone; others still do", () => {
  const after = [
    '*filter',
    ':ufw-after-input - [0:0]',
    '-A ufw-after-input -p udp --dport 137 -j ufw-skip-to-policy-input',
    '-A ufw-after-input -j ufw-logging-deny',
    '-A ufw-after-input -j NOSUCH',
    'COMMIT',
    '',
  ].join('\n');
  const standalone = diagnose(after, {}, 'iptables', 'file:///srv/ufw/after.rules');
  assert.deepEqual(
    withCode(standalone, 'iptables/undeclared-chain').map((d) => rangeText(after, d)),
    ['NOSUCH'],
  );
  const elsewhere = diagnose(after, {}, 'iptables', 'file:///srv/rules.v4');
  assert.equal(withCode(elsewhere, 'iptables/undeclared-chain').length, 3);
  const six = after.replace(/ufw-/g, 'ufw6-');
  assert.deepEqual(
    withCode(diagnose(six, {}, 'ip6tables', 'file:///srv/after6.rules'), 'iptables/undeclared-chain').length,
    1,
  );
  const written = `#cloud-config\nwrite_files:\n  - path: /etc/ufw/after.rules\n    content: |\n${after
    .trimEnd()
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n')}\n`;
  assert.deepEqual(
    withCode(diagnose(written), 'iptables/undeclared-chain').map((d) => rangeText(written, d)),
    ['NOSUCH'],
  );
});

test('a Compose file docker compose refuses gets docker/compose-invalid on the offending key or entry', () => {
  const text =
    '#cloud-config\nwrite_files:\n  - path: /opt/app/docker-compose.yml\n    content: |\n      services:\n        web:\n          image: nginx\n          port: ["8080:80"]\n          ports: ["8000-8010:80-81"]\n        worker:\n          command: run\n';
  const found = withCode(diagnose(text), 'docker/compose-invalid');
  assert.deepEqual(
    found.map((d) => rangeText(text, d)),
    ['port', '"8000-8010:80-81"', 'worker'],
  );
  assert.match(String(found[0]!.message), /did you mean ['`]ports['`]\?/);
  assert.deepEqual(withCode(diagnose(text.replace('docker-compose.yml', 'notes.yml')), 'docker/compose-invalid'), []);
});
