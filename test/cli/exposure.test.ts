// `cloud-config-lint exposure` and `cloud-config-lint trace` as a user runs them (dist/cli.js in a child process).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { repoRoot } from '../helpers/paths';

const cli = path.join(repoRoot(), 'dist', 'cli.js');
let dir = '';

const userData = [
  '#cloud-config',
  'write_files:',
  '  - path: /etc/iptables/rules.v4',
  '    content: |',
  '      *filter',
  '      :INPUT DROP [0:0]',
  '      :FORWARD DROP [0:0]',
  '      :OUTPUT ACCEPT [0:0]',
  '      -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '      -A INPUT -p tcp --dport 22 -j ACCEPT',
  '      -A INPUT -p tcp --dport 3306 -s 198.51.100.0/24 -j ACCEPT',
  '      -A INPUT -p tcp --dport 6379 -m set --match-set whitelist src -j ACCEPT',
  '      -A INPUT -p tcp --dport 25 -j REJECT',
  '      COMMIT',
  'runcmd:',
  '  - docker run -d -p 5432:5432 postgres:16',
  '',
].join('\n');

function run(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cloud-config-lint exposure / trace', () => {
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccl-exposure-'));
    fs.writeFileSync(path.join(dir, 'user-data'), userData);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exposure: a text table with the deciding line, Docker publications, sources and unknowns', () => {
    const r = run(['exposure', 'user-data']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /user-data — \/etc\/iptables\/rules\.v4 \(IPv4;/);
    assert.match(
      r.out,
      /\n {2}22\/tcp +open +INPUT +line 10: -A INPUT -p tcp --dport 22 -j ACCEPT +sshd \(default port\)\n/,
    );
    assert.match(r.out, /\n {2}5432\/tcp +open +Docker +Docker: -A DOCKER -d 172\.17\.0\.2\/32/);
    assert.match(r.out, /\n {2}3306\/tcp +some sources +INPUT +line 11: .* \(from 198\.51\.100\.0\/24\)/);
    assert.match(r.out, /\n {2}6379\/tcp +unknown +INPUT .*\(depends on set `whitelist`\)/);
    assert.match(r.out, /everything else: closed \(line 6: :INPUT DROP\)/);
    assert.match(r.out, /no ip6tables rules \(IPv6;/);
  });

  it('exposure of ufw rules on one interface: unknown until --in names the interface the internet reaches', () => {
    const ufw = [
      '#cloud-config',
      'runcmd:',
      '  - ufw allow in on eth1 to any port 5432 proto tcp',
      '  - ufw enable',
      '',
    ];
    fs.writeFileSync(path.join(dir, 'ufw-user-data'), ufw.join('\n'));
    const unknown = run(['exposure', 'ufw-user-data']);
    assert.match(unknown.out, /ufw \(IPv4; internet traffic assumed on an interface not named \(give --in IFACE\)/);
    assert.match(unknown.out, /\n {2}5432\/tcp +unknown +INPUT .*depends on interface `eth1`/);
    const known = run(['exposure', 'ufw-user-data', '--in', 'eth1']);
    assert.match(known.out, /ufw \(IPv4; internet traffic assumed on eth1,/);
    assert.match(known.out, /\n {2}5432\/tcp +open +INPUT +line 3: ufw allow in on eth1 to any port 5432 proto tcp/);
  });

  it('exposure --format json: entries with status, ranges and listeners', () => {
    const r = run(['exposure', '--format', 'json', 'user-data']);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as {
      input: string;
      files: Array<{
        family: number;
        entries: Array<{
          label: string;
          status: string;
          viaDocker: boolean;
          decidedBy?: { range?: { start: { line: number } } };
        }>;
      }>;
    };
    assert.equal(report.input, 'user-data');
    const v4 = report.files.find((f) => f.family === 4);
    const e22 = v4?.entries.find((e) => e.label === '22/tcp');
    assert.equal(e22?.status, 'open');
    assert.equal(e22?.decidedBy?.range?.start.line, 9);
    assert.equal(v4?.entries.find((e) => e.label === '5432/tcp')?.viaDocker, true);
  });

  it('trace: exit 0 accepted, 1 dropped, 1 rejected, 3 unknown', () => {
    assert.equal(run(['trace', 'user-data', '--proto', 'tcp', '--dport', '22', '--src', '203.0.113.5']).code, 0);
    const dropped = run([
      'trace',
      'user-data',
      '--proto',
      'tcp',
      '--dport',
      '3306',
      '--src',
      '203.0.113.5',
      '--in',
      'eth0',
      '--state',
      'new',
    ]);
    assert.equal(dropped.code, 1);
    assert.match(dropped.out, /verdict: drop\n/);
    assert.match(dropped.out, /filter\/INPUT +line 6 +:INPUT DROP/);
    assert.equal(run(['trace', 'user-data', '--proto', 'tcp', '--dport', '3306', '--src', '198.51.100.9']).code, 0);
    const rejected = run(['trace', 'user-data', '--proto', 'tcp', '--dport', '25', '--src', '203.0.113.5']);
    assert.equal(rejected.code, 1);
    assert.match(rejected.out, /verdict: reject/);
    const unknown = run(['trace', 'user-data', '--proto', 'tcp', '--dport', '6379', '--src', '203.0.113.5']);
    assert.equal(unknown.code, 3);
    assert.match(unknown.out, /verdict: unknown \(depends on set `whitelist`\)/);
  });

  it('trace: a published port follows DNAT into FORWARD; established packets pass the conntrack rule', () => {
    const r = run([
      'trace',
      'user-data',
      '--proto',
      'tcp',
      '--dport',
      '5432',
      '--src',
      '203.0.113.5',
      '--format',
      'json',
    ]);
    assert.equal(r.code, 0, r.err);
    const t = JSON.parse(r.out) as {
      verdict: string;
      delivered: { local: boolean; dst: string };
      steps: Array<{ table: string; chain: string; kind: string }>;
    };
    assert.deepEqual(t.delivered, { local: false, dst: '172.17.0.2', dport: 5432 });
    assert.deepEqual(
      t.steps.filter((s) => s.kind === 'nat').map((s) => `${s.table}/${s.chain}`),
      ['nat/DOCKER'],
    );
    assert.equal(
      run(['trace', 'user-data', '--proto', 'tcp', '--dport', '3306', '--src', '203.0.113.5', '--state', 'established'])
        .code,
      0,
    );
  });

  it('exposure of examples/ubuntu-docker-ufw: ufw is the host firewall, Docker publications get past it', () => {
    const file = path.join(repoRoot(), 'examples/ubuntu-docker-ufw/user-data');
    const r = run(['exposure', file]);
    assert.equal(r.code, 0, r.err);
    const [v4, v6] = r.out.split('\n\n');
    assert.match(v4 ?? '', /user-data — ufw \(IPv4;/);
    assert.match(v4 ?? '', /\n {2}443\/tcp +open +INPUT +line 19: ufw allow 443\/tcp +—\n/);
    assert.match(
      v4 ?? '',
      /\n {2}5432\/tcp +open +Docker +Docker: -A DOCKER .*--dport 5432 -j ACCEPT container \(-p 5432:5432 in runcmd\)\n/,
    );
    assert.match(
      v4 ?? '',
      /\n {2}8080\/tcp +open +Docker +Docker: -A DOCKER .*--dport 80 -j ACCEPT container \(8080:80 in \/opt\/app\/compose\.yaml\)\n/,
    );
    assert.match(v4 ?? '', /\n {2}everything else: closed \(line 18: ufw default deny incoming\)/);
    assert.match(
      v4 ?? '',
      /\n {2}listens but closed: 22\/tcp \(sshd \(default port\)\) — line 18: ufw default deny incoming/,
    );
    assert.doesNotMatch(v4 ?? '', /policy ACCEPT/);
    assert.match(v6 ?? '', /user-data — ufw \(IPv6\) \(IPv6;/);
    assert.match(v6 ?? '', /\n {2}443\/tcp +open +INPUT +line 19: ufw allow 443\/tcp/);
    assert.match(
      v6 ?? '',
      /listens but closed: 8080\/tcp \(container \(8080:80 in \/opt\/app\/compose\.yaml\)\) — line 18/,
    );
    const ssh = run(['trace', file, '--proto', 'tcp', '--dport', '22', '--src', '203.0.113.5']);
    assert.equal(ssh.code, 1, ssh.out);
    assert.match(ssh.out, /filter\/INPUT +line 18 +ufw default deny incoming\n/);
  });

  it('usage errors exit 2', () => {
    assert.equal(run(['trace', 'user-data', '--proto', 'tcp', '--dport', '22']).code, 2);
    assert.equal(run(['trace', 'user-data', '--proto', 'tcp', '--dport', '99999', '--src', '203.0.113.5']).code, 2);
    assert.equal(run(['trace', 'user-data', '--proto', 'tcp', '--src', '2001:db8::5', '--dport', '22']).code, 0);
    assert.equal(run(['exposure', 'missing-file']).code, 2);
    assert.equal(run(['exposure', 'user-data', '--dport', '22']).code, 2);
  });
});
