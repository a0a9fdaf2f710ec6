// The exposure map of a user-data that enables ufw: ufw's rules stand for the host firewall (rows
// decided by the `ufw` command's line), and Docker's publications (`docker run -p`, Compose `ports:`)
// get past them on IPv4.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  exposureReport,
  exposureSummary,
  traceReport,
  type RulesExposure,
} from '../../server/src/service/exposure/index';
import { repoRoot } from '../helpers/paths';
import { parseCloudConfig } from '../../server/src/service/cloudConfig/parse';
import { ufwRulesOf } from '../../server/src/service/exposure/ufwRules';
import { parseRulesSave } from '../../server/src/service/iptables/parse';
import { ruleSetOf } from '../../server/src/service/iptables/trace/ruleSet';
import { tracePacket } from '../../server/src/service/iptables/trace/trace';
import { parseCidr, type Cidr } from '../../server/src/service/iptables/flow/cidr';

/** `443/tcp open INPUT "ufw allow 443/tcp" @19` per row (1-based document line of the deciding line). */
function rows(file: RulesExposure | undefined): string[] {
  return (file?.entries ?? []).map((e) => {
    const at = e.decidedBy?.range ? ` @${e.decidedBy.range.start.line + 1}` : '';
    return `${e.label} ${e.status} ${e.viaDocker ? 'Docker' : 'INPUT'} "${e.decidedBy?.text ?? ''}"${at}`;
  });
}

const example = fs.readFileSync(path.join(repoRoot(), 'examples/ubuntu-docker-ufw/user-data'), 'utf8');

test('exposure of examples/ubuntu-docker-ufw: ufw default deny, 443 allowed, 22 closed, 5432 and 8080 via Docker', () => {
  const report = exposureReport(example, 'cloud-config');
  assert.deepEqual(
    report.files.map((f) => `${f.name} ${f.family}`),
    ['ufw 4', 'ufw (IPv6) 6'],
  );
  const [v4, v6] = report.files;
  assert.deepEqual(rows(v4), [
    '1-442/tcp closed INPUT "ufw default deny incoming" @18',
    '443/tcp open INPUT "ufw allow 443/tcp" @19',
    '444-5431/tcp closed INPUT "ufw default deny incoming" @18',
    '5432/tcp open Docker "-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 5432 -j ACCEPT"',
    '5433-8079/tcp closed INPUT "ufw default deny incoming" @18',
    '8080/tcp open Docker "-A DOCKER -d 172.17.0.3/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT"',
    '8081-65535/tcp closed INPUT "ufw default deny incoming" @18',
    'every port/udp closed INPUT "ufw default deny incoming" @18',
    'icmp echo-request open INPUT "ufw before.rules: -A ufw-before-input -p icmp -m icmp --icmp-type 8 -j ACCEPT"',
  ]);
  assert.deepEqual(
    v4?.listensButClosed.map((l) => `${l.port} ${l.decidedBy?.text}`),
    ['22/tcp ufw default deny incoming'],
  );
  assert.equal(
    exposureSummary(v4 as RulesExposure),
    'IPv4 reachable from the internet: 443/tcp, icmp echo-request · via Docker: 5432/tcp, 8080/tcp',
  );
  // On IPv6 Docker's proxy listens on the host itself: ufw's INPUT rules decide, and they close it.
  assert.deepEqual(
    rows(v6).filter((r) => r.includes(' open ')),
    [
      '443/tcp open INPUT "ufw allow 443/tcp" @19',
      'icmpv6 echo-request open INPUT "ufw before6.rules: -A ufw-before-input -p ipv6-icmp -m icmp6 --icmpv6-type 128 -j ACCEPT"',
    ],
  );
  assert.deepEqual(
    v6?.listensButClosed.map((l) => l.port),
    ['22/tcp', '5432/tcp', '8080/tcp'],
  );
});

test('trace through ufw: SSH dropped by the default line, 443 accepted by its allow line', () => {
  const ssh = traceReport(example, 'cloud-config', { proto: 'tcp', dport: 22, src: '203.0.113.5' });
  assert.equal(ssh.verdict, 'drop');
  assert.equal(ssh.steps.at(-1)?.text, 'ufw default deny incoming');
  assert.equal(ssh.steps.at(-1)?.range?.start.line, 17);
  const https = traceReport(example, 'cloud-config', { proto: 'tcp', dport: 443, src: '2001:db8::5' });
  assert.equal(https.verdict, 'accept');
  assert.equal(https.steps.at(-1)?.text, 'ufw allow 443/tcp');
});

const variant = (lines: string[]): string =>
  ['#cloud-config', 'runcmd:', ...lines.map((l) => `  - ${l}`), ''].join('\n');

test('ufw default allow incoming with `allow OpenSSH` and a deny: open by default, 22 by the profile, 3306 denied', () => {
  const text = variant([
    'ufw default allow incoming',
    'ufw allow OpenSSH',
    'ufw deny 3306/tcp',
    'ufw reject 25',
    'ufw --force enable',
  ]);
  const v4 = exposureReport(text, 'cloud-config').files.find((f) => f.family === 4);
  assert.deepEqual(rows(v4), [
    '1-21/tcp open INPUT "ufw default allow incoming" @3',
    '22/tcp open INPUT "ufw allow OpenSSH" @4',
    '23-24/tcp open INPUT "ufw default allow incoming" @3',
    '25/tcp closed INPUT "ufw reject 25" @6',
    '26-3305/tcp open INPUT "ufw default allow incoming" @3',
    '3306/tcp closed INPUT "ufw deny 3306/tcp" @5',
    '3307-65535/tcp open INPUT "ufw default allow incoming" @3',
    '1-24/udp open INPUT "ufw default allow incoming" @3',
    '25/udp closed INPUT "ufw reject 25" @6',
    '26-65535/udp open INPUT "ufw default allow incoming" @3',
    'icmp echo-request open INPUT "ufw before.rules: -A ufw-before-input -p icmp -m icmp --icmp-type 8 -j ACCEPT"',
  ]);
  assert.deepEqual(v4?.listensButClosed, []);
});

test('ufw rules from some sources, an unknown profile, and ufw never enabled', () => {
  const text = variant(['ufw allow from 198.51.100.0/24 to any port 5000 proto udp', 'ufw enable']);
  const [v4, v6] = exposureReport(text, 'cloud-config').files;
  const some = v4?.entries.find((e) => e.label === '5000/udp');
  assert.equal(some?.status, 'some-sources');
  assert.deepEqual(some?.sources, ['198.51.100.0/24']);
  assert.equal(some?.decidedBy?.text, 'ufw allow from 198.51.100.0/24 to any port 5000 proto udp');
  // The IPv4 source rule is not among ufw's IPv6 rules.
  assert.equal(v6?.name, 'ufw (IPv6)');
  assert.deepEqual(
    v6?.entries.filter((e) => e.proto === 'udp').map((e) => `${e.label} ${e.status}`),
    ['every port/udp closed'],
  );
  // A profile whose ports are not known here: what it lets in stays unknown.
  const app = exposureReport(variant(['ufw allow "Nginx Full"', 'ufw enable']), 'cloud-config').files[0];
  assert.deepEqual(
    app?.entries.filter((e) => e.proto === 'tcp').map((e) => `${e.label} ${e.status} ${e.decidedBy?.text}`),
    ['every port/tcp unknown ufw allow Nginx Full'],
  );
  // Said as ufw says it (test/oracle/ufwExposure.test.ts checks the message against ufw 0.36), not as a set.
  assert.deepEqual(app?.entries.find((e) => e.proto === 'tcp')?.reasons, [
    "ufw profile `Nginx Full` is not known here (ufw refuses a profile it cannot find: `ERROR: Could not find a profile matching 'Nginx Full'`, no rule added; a package may install it)",
  ]);
  const off = exposureReport(variant(['ufw allow 443/tcp']), 'cloud-config');
  assert.deepEqual(
    off.files.map((f) => f.name),
    ['no iptables rules', 'no ip6tables rules'],
  );
});

test('the DOCKER-USER recipe in /etc/ufw/after.rules joins ufw’s rules: the published port is closed by it', () => {
  const text = [
    '#cloud-config',
    'write_files:',
    '  - path: /etc/ufw/after.rules',
    '    append: true',
    '    content: |',
    '      *filter',
    '      :DOCKER-USER - [0:0]',
    '      -A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN',
    '      -A DOCKER-USER -m conntrack --ctstate DNAT -j DROP',
    '      -A DOCKER-USER -j RETURN',
    '      COMMIT',
    'runcmd:',
    '  - docker run -d -p 5432:5432 postgres:16',
    '  - ufw allow 443/tcp',
    '  - ufw enable',
    '',
  ].join('\n');
  const v4 = exposureReport(text, 'cloud-config').files.find((f) => f.family === 4);
  assert.equal(v4?.name, 'ufw');
  assert.deepEqual(rows(v4).slice(0, 4), [
    '1-442/tcp closed INPUT "ufw\'s default incoming policy (deny), `ufw enable`" @15',
    '443/tcp open INPUT "ufw allow 443/tcp" @14',
    '444-5431/tcp closed INPUT "ufw\'s default incoming policy (deny), `ufw enable`" @15',
    '5432/tcp closed INPUT "-A DOCKER-USER -m conntrack --ctstate DNAT -j DROP" @9',
  ]);
  assert.deepEqual(
    v4?.listensButClosed.map((l) => `${l.port} ${l.decidedBy?.text} @${(l.decidedBy?.range?.start.line ?? -2) + 1}`),
    [
      "22/tcp ufw's default incoming policy (deny), `ufw enable` @15",
      '5432/tcp -A DOCKER-USER -m conntrack --ctstate DNAT -j DROP @9',
    ],
  );
});

test('`ufw allow in on IFACE`: depends on the interface until the map is told which one the internet reaches', () => {
  const text = variant([
    'ufw allow in on eth1 to any port 5432 proto tcp',
    'ufw allow 443/tcp',
    'ufw deny in on eth0 to any port 443 proto tcp',
    'ufw enable',
  ]);
  const row = (opts: { inIface?: string }, port: number) => {
    const v4 = exposureReport(text, 'cloud-config', opts).files.find((f) => f.family === 4);
    const e = v4?.entries.find((x) => x.proto === 'tcp' && x.from <= port && port <= x.to);
    return `${e?.status} ${e?.reasons.join('; ')}`.trim();
  };
  assert.equal(row({}, 5432), 'unknown depends on interface `eth1`');
  assert.equal(row({ inIface: 'eth1' }, 5432), 'open');
  assert.equal(row({ inIface: 'eth0' }, 5432), 'closed');
  // 443 is allowed on every interface, denied on eth0 only after the allow (first match wins).
  assert.equal(row({ inIface: 'eth1' }, 443), 'open');
  assert.equal(row({}, 443), 'open');
  const v4 = exposureReport(text, 'cloud-config').files.find((f) => f.family === 4);
  assert.equal(v4?.inIfaceKnown, false);
  assert.equal(
    exposureReport(variant(['ufw allow 22/tcp', 'ufw enable']), 'cloud-config').files[0]?.inIfaceKnown,
    true,
  );
  const traced = traceReport(text, 'cloud-config', { proto: 'tcp', dport: 5432, src: '203.0.113.5' });
  assert.equal(traced.verdict, 'unknown');
  assert.deepEqual(traced.reasons, ['depends on interface `eth1`']);
  assert.equal(
    traceReport(text, 'cloud-config', { proto: 'tcp', dport: 5432, src: '203.0.113.5', inIface: 'eth1' }).verdict,
    'accept',
  );
});

test('ufw source ports (`from any port 53`) match the source port, not the destination', () => {
  const text = variant([
    'ufw allow from any port 53',
    'ufw allow proto udp from 192.0.2.0/24 port 123 to any port 123',
    'ufw enable',
  ]);
  const [v4] = ufwRulesOf(parseCloudConfig(text, 'auto'));
  const set = ruleSetOf(parseRulesSave(v4?.text ?? '', 'ipv4'));
  const packet = (proto: string, sport: number, dport: number, src: string) =>
    tracePacket(set, {
      family: 4,
      proto,
      sport,
      dport,
      icmpType: undefined,
      src: parseCidr(src) as Cidr,
      dst: undefined,
      inIface: 'eth0',
      state: 'NEW',
    }).verdict;
  assert.equal(packet('udp', 53, 40000, '203.0.113.5'), 'accept');
  assert.equal(packet('tcp', 53, 40000, '203.0.113.5'), 'accept');
  assert.equal(packet('udp', 40000, 53, '203.0.113.5'), 'drop');
  assert.equal(packet('udp', 123, 123, '192.0.2.9'), 'accept');
  assert.equal(packet('udp', 40000, 123, '192.0.2.9'), 'drop');
  // The map's connections come from ephemeral ports: port 53 is not open to them.
  const map = exposureReport(text, 'cloud-config').files.find((f) => f.family === 4);
  assert.deepEqual(
    map?.entries.filter((e) => e.status !== 'closed').map((e) => e.label),
    ['icmp echo-request'],
  );
});
