// The packet tracer and the exposure map: verdicts, reasons and paths a user reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { exposureReport, exposureSummary, traceReport } from '../../server/src/service/exposure/index';
import { repoRoot } from '../helpers/paths';

const rules = [
  '*filter',
  ':INPUT DROP [0:0]',
  ':FORWARD DROP [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  '-A INPUT -i lo -j ACCEPT',
  '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '-A INPUT -p tcp --dport 22 -j ACCEPT',
  '-A INPUT -p tcp --dport 5432 -s 198.51.100.0/24 -j ACCEPT',
  '-A INPUT -p tcp --dport 6379 -m set --match-set whitelist src -j ACCEPT',
  '-A INPUT -p tcp --dport 25 -j REJECT --reject-with tcp-reset',
  '-A INPUT -p tcp -j LOGDROP',
  '-N LOGDROP',
  '-A LOGDROP -j LOG',
  '-A LOGDROP -p tcp --dport 8443 -j RETURN',
  '-A LOGDROP -j DROP',
  'COMMIT',
  '',
].join('\n');

const trace = (dport: number, src: string, extra: Record<string, unknown> = {}) =>
  traceReport(rules, 'iptables', { proto: 'tcp', dport, src, ...extra });

test('trace: an accepting rule decides, and the path names its line', () => {
  const r = trace(22, '203.0.113.5');
  assert.equal(r.verdict, 'accept');
  const last = r.steps.filter((s) => s.table === 'filter').pop();
  assert.equal(last?.text, '-A INPUT -p tcp --dport 22 -j ACCEPT');
  assert.equal(last?.range?.start.line, 6);
});

test('trace: a source outside the allowed network falls to the policy; one inside gets in', () => {
  const out = trace(5432, '203.0.113.5');
  assert.equal(out.verdict, 'drop');
  assert.deepEqual(
    out.steps.slice(-2).map((s) => `${s.chain}: ${s.text}`),
    ['INPUT: -A INPUT -p tcp -j LOGDROP', 'LOGDROP: -A LOGDROP -j DROP'],
  );
  assert.equal(out.steps.at(-1)?.text, '-A LOGDROP -j DROP');
  assert.equal(trace(5432, '198.51.100.7').verdict, 'accept');
});

test('trace: REJECT is reported as reject, a RETURN from a user chain falls to the policy', () => {
  assert.equal(trace(25, '203.0.113.5').verdict, 'reject');
  const r = trace(8443, '203.0.113.5');
  assert.equal(r.verdict, 'drop');
  assert.deepEqual(
    r.steps.slice(-3).map((s) => s.kind),
    ['jump', 'return', 'policy'],
  );
  assert.equal(r.steps.at(-1)?.text, ':INPUT DROP');
});

test('trace: an ipset test leaves the verdict unknown and says which set', () => {
  const r = trace(6379, '203.0.113.5');
  assert.equal(r.verdict, 'unknown');
  assert.deepEqual(r.reasons, ['depends on set `whitelist`']);
  assert.ok(r.alternatives.length >= 1);
});

test('trace: an established packet is accepted by the conntrack rule, for any port', () => {
  const r = trace(40001, '203.0.113.5', { state: 'ESTABLISHED' });
  assert.equal(r.verdict, 'accept');
  assert.match(r.steps.at(-1)?.text ?? '', /RELATED,ESTABLISHED/);
});

test('trace: a bad source address is refused', () => {
  assert.throws(() => trace(22, 'example.com'), /not a host address/);
});

const userData = (filter: string[]) =>
  [
    '#cloud-config',
    'write_files:',
    '  - path: /etc/iptables/rules.v4',
    '    content: |',
    ...[
      '*filter',
      ':INPUT DROP [0:0]',
      ':FORWARD DROP [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      ...filter,
      'COMMIT',
    ].map((l) => `      ${l}`),
    '  - path: /etc/ssh/sshd_config.d/port.conf',
    '    content: |',
    '      Port 2222',
    'runcmd:',
    '  - docker run -d --name db -p 5432:5432 postgres:16',
    '',
  ].join('\n');

test('trace: a published container port goes through nat PREROUTING DNAT and FORWARD, not INPUT', () => {
  const text = userData(['-A INPUT -p tcp --dport 2222 -j ACCEPT']);
  const r = traceReport(text, 'cloud-config', { proto: 'tcp', dport: 5432, src: '203.0.113.5' });
  assert.equal(r.verdict, 'accept');
  assert.equal(r.delivered.local, false);
  assert.equal(r.delivered.dst, '172.17.0.2');
  assert.ok(r.steps.some((s) => s.kind === 'nat' && /DNAT --to-destination 172\.17\.0\.2:5432/.test(s.text)));
  assert.ok(!r.steps.some((s) => s.chain === 'INPUT' && s.table === 'filter'));
  assert.equal(r.steps.at(-1)?.origin, 'docker');
});

test('exposure: user-data with sshd on 2222, a published database and a closed 80', () => {
  const text = userData(['-A INPUT -p tcp --dport 2222 -j ACCEPT', '-A INPUT -p tcp --dport 8080 -j ACCEPT']);
  const report = exposureReport(text, 'cloud-config');
  const v4 = report.files.find((f) => f.family === 4);
  assert.ok(v4);
  assert.equal(exposureSummary(v4), 'IPv4 reachable from the internet: 2222/tcp, 8080/tcp · via Docker: 5432/tcp');
  const ssh = v4.entries.find((e) => e.label === '2222/tcp');
  assert.equal(ssh?.decidedBy?.range?.start.line, 9);
  assert.deepEqual(ssh?.listeners, ['sshd (Port in sshd_config)']);
  assert.deepEqual(v4.openNothingListens, ['8080/tcp']);
  // No ip6tables rules: IPv6 is wide open, and Docker's proxy listens there on the host.
  const v6 = report.files.find((f) => f.family === 6);
  assert.equal(v6?.name, 'no ip6tables rules');
  assert.equal(v6?.entries.find((e) => e.proto === 'tcp')?.status, 'open');
});

test('exposure: a listener whose port is closed is listed', () => {
  const text = userData(['-A INPUT -p tcp --dport 22 -j ACCEPT']);
  const v4 = exposureReport(text, 'cloud-config').files.find((f) => f.family === 4);
  assert.deepEqual(
    v4?.listensButClosed.map((l) => `${l.what} ${l.port}`),
    ['sshd (Port in sshd_config) 2222/tcp'],
  );
  assert.equal(v4?.listensButClosed[0]?.decidedBy?.text, ':INPUT DROP');
});

test('exposure: sources named by the rules, and unknowns with their reason', () => {
  const report = exposureReport(rules, 'iptables');
  const [file] = report.files;
  const by = (label: string) => file?.entries.find((e) => e.label === label);
  assert.equal(by('22/tcp')?.status, 'open');
  assert.equal(by('5432/tcp')?.status, 'some-sources');
  assert.deepEqual(by('5432/tcp')?.sources, ['198.51.100.0/24']);
  assert.equal(by('6379/tcp')?.status, 'unknown');
  assert.deepEqual(by('6379/tcp')?.reasons, ['depends on set `whitelist`']);
  assert.equal(by('25/tcp')?.status, 'closed');
  assert.equal(report.listeners, undefined);
});

test('exposure of the examples (checked by hand)', () => {
  const read = (p: string) => fs.readFileSync(path.join(repoRoot(), 'examples', p), 'utf8');
  const web = exposureReport(read('coreos-web/user-data'), 'cloud-config').files;
  assert.equal(
    exposureSummary(web[0] as never),
    'IPv4 reachable from the internet: 22/tcp, icmp echo-request · via Docker: 80/tcp',
  );
  const fw = exposureReport(read('firewall/rules.v4'), 'iptables', { uri: 'file:///examples/firewall/rules.v4' })
    .files[0];
  assert.equal(
    exposureSummary(fw as never),
    'IPv4 reachable from the internet: 51820/udp · unknown: 22/tcp, icmp echo-request',
  );
  const good = exposureReport(read('coreos-good/user-data'), 'cloud-config').files[0];
  assert.equal(
    exposureSummary(good as never),
    'IPv4 reachable from the internet: 22/tcp, 80/tcp, 443/tcp, icmp echo-request',
  );
  // No firewall at all: the kernel accepts everything, on both families.
  const ubuntu = exposureReport(read('ubuntu-cloud-init/cloud-config.yaml'), 'cloud-config').files.map((f) =>
    exposureSummary(f as never),
  );
  assert.deepEqual(ubuntu, [
    'IPv4 reachable from the internet: every port/tcp, every port/udp, icmp echo-request',
    'IPv6 reachable from the internet: every port/tcp, every port/udp, icmpv6 echo-request',
  ]);
});
