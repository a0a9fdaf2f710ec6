// Parity with ufw 0.36 itself, run in a fresh network namespace over a private copy of /etc/ufw
// (test/oracle/hosts/ufw-ns.sh):
//  - commands: `ufw --dry-run <args>` fails ⇔ the runcmd line gets `cloud-config/ufw-command`;
//  - ufw's own rules files: `ufw enable` with the file in place fails ⇔ the file (linted standalone
//    under its own name) gets an error.
// Application profiles are left out: whether `ufw allow OpenSSH` works depends on the packages
// installed (openssh-server ships the profile), which a user-data does not say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { diagnose, withCode } from '../helpers/service';
import { repoRoot } from '../helpers/paths';

const ns = path.join(repoRoot(), 'test/oracle/hosts/ufw-ns.sh');

export const ufwCommandCases: readonly string[] = [
  'allow 22/tcp',
  'allow 22',
  'allow ssh',
  'allow http',
  'allow https',
  'allow 80,443/tcp',
  'allow 80,443',
  'allow 6000:6007/tcp',
  'allow 6000:6007',
  'allow 6000:6007/udp',
  'allow from 10.0.0.0/8 to any port 22',
  'allow from 10.0.0.0/8 to any port 22 proto tcp',
  'allow proto tcp from any to any port 80,443',
  'allow from 10.0.0.0/8 to any port 80,443',
  'allow in on eth0 to any port 80',
  'limit ssh',
  'limit 22/tcp',
  'deny 23',
  'reject 25',
  'allow 99999/tcp',
  'allow 0/tcp',
  'allow 22/tcpx',
  'allow 22/icmp',
  'allow from 10.0.0.300 to any port 22',
  'allow from 10.0.0.0/33 to any port 22',
  'allow from 192.168.1.0/24',
  'allow to 10.0.0.1 port 5432 proto tcp',
  'default deny incoming',
  'default deny',
  'default allow outgoing',
  'default deny routed',
  'default sideways incoming',
  'route allow proto tcp from any to any port 80',
  'allow 2375/tcp comment docker',
  'allow in 22/tcp',
  'allow out 53/udp',
  'allow Nginx Full',
  'delete allow 80/tcp',
  'insert 1 allow 443/tcp',
  'allow proto foo to any port 22',
  'allow 8000:7000/tcp',
  'allow from any to any port 22 proto tcp',
  'allow from 2001:db8::/32 to any port 22',
  'allow in on eth0',
  'allow on eth0 to any port 81',
  'allow in on eth0 80',
  'allow from any port 53',
  'allow from any port 53,54',
  'allow from any port 53,54 proto udp',
  'deny in on eth0 from any port 1000:2000 proto tcp',
];

/**
 * Verdicts in batches of 12: one namespace each, bounded to 60 s by ufw-ns.sh (43 cases in one took
 * over 60 s on a loaded machine).
 */
function ufwVerdicts(cases: readonly string[]): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i < cases.length; i += 12) {
    const batch = cases.slice(i, i + 12);
    const script = batch.map((c) => `ufw --dry-run ${c} </dev/null >/dev/null 2>&1; echo $?`).join('\n');
    const r = spawnSync(ns, [script], { encoding: 'utf8', timeout: 120_000 });
    const codes = r.stdout.trim().split('\n');
    assert.equal(codes.length, batch.length, `ufw ran every case of the batch: ${r.stderr}`);
    out.push(...codes.map((c) => c === '0'));
  }
  return out;
}

test('ufw --dry-run and cloud-config/ufw-command agree on every command form', () => {
  const accepted = ufwVerdicts(ufwCommandCases);
  const disagreements: string[] = [];
  ufwCommandCases.forEach((c, i) => {
    const ours = withCode(diagnose(`#cloud-config\nruncmd:\n  - ufw ${c}\n`), 'cloud-config/ufw-command').length === 0;
    if (ours !== accepted[i])
      disagreements.push(`ufw ${c}: ufw ${accepted[i] ? 'accepts' : 'refuses'}, we ${ours ? 'accept' : 'refuse'}`);
  });
  console.log(
    `ufw commands: ${ufwCommandCases.length - disagreements.length}/${ufwCommandCases.length} agree (${accepted.filter((a) => !a).length} refused by ufw)`,
  );
  assert.deepEqual(disagreements, []);
});

/** ufw's rules files as installed, and variants: what people add, and mistakes. */
function fileCases(): Array<{ name: string; file: string; text: string }> {
  const read = (f: string): string => fs.readFileSync(`/etc/ufw/${f}`, 'utf8');
  const recipe =
    '*filter\n:DOCKER-USER - [0:0]\n-A DOCKER-USER -m conntrack --ctstate RELATED,ESTABLISHED -j RETURN\n-A DOCKER-USER -m conntrack --ctstate DNAT -j DROP\n-A DOCKER-USER -j RETURN\nCOMMIT\n';
  const masq = '*nat\n:POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -s 10.8.0.0/24 -o eth0 -j MASQUERADE\nCOMMIT\n';
  const out: Array<{ name: string; file: string; text: string }> = [];
  for (const f of ['before.rules', 'after.rules', 'user.rules', 'before6.rules', 'after6.rules', 'user6.rules'])
    out.push({ name: `${f} as installed`, file: f, text: read(f) });
  out.push({ name: 'after.rules + DOCKER-USER recipe', file: 'after.rules', text: read('after.rules') + recipe });
  out.push({ name: 'before.rules + NAT masquerade', file: 'before.rules', text: masq + read('before.rules') });
  out.push({
    name: 'after.rules jumping to an undeclared chain',
    file: 'after.rules',
    text: read('after.rules') + '*filter\n-A ufw-after-input -j NOSUCH\nCOMMIT\n',
  });
  out.push({
    name: 'after.rules using DOCKER-USER undeclared',
    file: 'after.rules',
    text: read('after.rules') + '*filter\n-A DOCKER-USER -j DROP\nCOMMIT\n',
  });
  out.push({
    name: 'before.rules without COMMIT',
    file: 'before.rules',
    text: read('before.rules').replace(/COMMIT\s*$/, ''),
  });
  out.push({
    name: 'before.rules with a bad port',
    file: 'before.rules',
    text: read('before.rules').replace('COMMIT', '-A ufw-before-input -p tcp --dport 70000 -j ACCEPT\nCOMMIT'),
  });
  out.push({
    name: 'before.rules with --dport and no -p',
    file: 'before.rules',
    text: read('before.rules').replace('COMMIT', '-A ufw-before-input --dport 22 -j ACCEPT\nCOMMIT'),
  });
  out.push({
    name: 'before6.rules with an IPv4 source',
    file: 'before6.rules',
    text: read('before6.rules').replace('COMMIT', '-A ufw6-before-input -s 10.0.0.0/8 -j ACCEPT\nCOMMIT'),
  });
  out.push({
    name: 'user.rules with a user rule',
    file: 'user.rules',
    text: read('user.rules').replace('### RULES ###', '### RULES ###\n-A ufw-user-input -p tcp --dport 443 -j ACCEPT'),
  });
  return out;
}

test("ufw enable and our errors agree on ufw's own rules files (linted under their own names)", () => {
  const cases = fileCases();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ufw-files-'));
  const disagreements: string[] = [];
  try {
    cases.forEach((c, i) => fs.writeFileSync(path.join(dir, `${i}`), c.text));
    // One fresh namespace and /etc/ufw copy per case: a second `ufw enable` in the same namespace finds ufw running.
    const codes = cases.map((c, i) => {
      const r = spawnSync(
        ns,
        [`cp ${path.join(dir, String(i))} /etc/ufw/${c.file}; ufw enable </dev/null >/dev/null 2>&1; echo $?`],
        { encoding: 'utf8', timeout: 120_000 },
      );
      return r.stdout.trim();
    });
    cases.forEach((c, i) => {
      const loads = codes[i] === '0';
      const lang = c.file.includes('6') ? 'ip6tables' : 'iptables';
      const errors = diagnose(c.text, {}, lang, `file:///etc/ufw/${c.file}`).filter(
        (d) => d.severity === DiagnosticSeverity.Error,
      );
      if (loads !== (errors.length === 0))
        disagreements.push(
          `${c.name}: ufw ${loads ? 'loads it' : 'fails'}, we report ${errors.map((d) => d.code).join(', ') || 'no error'}`,
        );
    });
    console.log(
      `ufw files: ${cases.length - disagreements.length}/${cases.length} agree (${codes.filter((x) => x !== '0').length} refused by ufw)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(disagreements, []);
});
