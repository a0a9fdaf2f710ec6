// The rules the exposure map reads for a user-data that enables ufw, against the rules ufw 0.36 itself
// loads: the same `ufw` commands run in a fresh network namespace over a private copy of /etc/ufw
// (test/oracle/hosts/ufw-ns.sh), then `iptables-save` / `ip6tables-save`. The INPUT policy, ufw's
// reject chain and every `ufw-user-input` rule must agree (ufw's `multiport` for one port range is
// the same match as `--dport A:B`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'path';
import { parseCloudConfig } from '../../server/src/service/cloudConfig/parse';
import { ufwRulesOf } from '../../server/src/service/exposure/ufwRules';
import { repoRoot } from '../helpers/paths';

const ns = path.join(repoRoot(), 'test/oracle/hosts/ufw-ns.sh');

const cases: ReadonlyArray<readonly string[]> = [
  ['default deny incoming', 'allow 443/tcp'],
  ['default allow incoming', 'deny 3306/tcp', 'reject 25', 'allow ssh'],
  ['default reject incoming', 'allow 53', 'allow http', 'allow https'],
  ['allow 80,443/tcp', 'allow 6000:6007/udp'],
  ['allow from 198.51.100.0/24 to any port 5000 proto udp', 'allow from 2001:db8::/32 to any port 25'],
  ['allow from 192.0.2.0/24', 'allow to 192.0.2.1 port 5432 proto tcp', 'deny 23'],
  ['allow 22/tcp', 'insert 1 deny from 203.0.113.0/24', 'allow 8080', 'delete allow 8080'],
  // Interfaces (`-i IFACE`) and source ports (`--sport`, one `multiport` per side when either lists).
  [
    'allow in on eth0 to any port 80',
    'allow in on eth1 from 198.51.100.0/24 to any port 5432 proto tcp',
    'allow in on eth0',
  ],
  [
    'allow from any port 53',
    'allow proto udp from 192.0.2.0/24 port 123 to any port 123',
    'deny in on eth0 from any port 1000:2000 proto tcp',
  ],
  [
    'allow in on eth0 from 192.0.2.0/24 port 1000:1010 to 192.0.2.1 port 80,443 proto tcp',
    'reject in on eth+ to any port 25 proto tcp',
    'allow proto tcp from 2001:db8::/32 port 22 to any port 2222',
  ],
];

/**
 * `-m multiport --dports 6000:6007` (one entry) → `-m tcp --dport 6000:6007`, `-d 192.0.2.1/32` → `-d 192.0.2.1`,
 * ufw6- chains named as ufw-: the same matches written alike.
 */
function normalise(line: string): string {
  return line
    .replace(/ufw6-/g, 'ufw-')
    .replace(/-p (tcp|udp) -m multiport --dports ([\d:]+)( |$)/, '-p $1 -m $1 --dport $2$3')
    .replace(/ --reject-with icmp6?-port-unreachable/, '')
    .replace(/ (-[sd] \d+\.\d+\.\d+\.\d+)\/32( |$)/, ' $1$2')
    .replace(/ (-[sd] [\da-f:]+)\/128( |$)/, ' $1$2');
}

function kernelRules(commands: readonly string[]): { v4: string[]; v6: string[] } {
  const script = [...commands.map((c) => `ufw ${c} >/dev/null`), 'ufw --force enable >/dev/null'];
  const r = spawnSync(ns, [`${script.join(' && ')} && iptables-save && echo '#v6' && ip6tables-save`], {
    encoding: 'utf8',
    timeout: 90_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const [v4, v6] = r.stdout.split('#v6\n') as [string, string];
  const pick = (save: string): string[] =>
    save
      .split('\n')
      .filter((l) => /^(:INPUT |-A ufw6?-user-input |-A ufw6?-reject-input -j REJECT)/.test(l))
      .map((l) => normalise(l.replace(/ \[\d+:\d+\]$/, '')));
  return { v4: pick(v4), v6: pick(v6) };
}

function ourRules(commands: readonly string[]): { v4: string[]; v6: string[] } {
  const text = ['#cloud-config', 'runcmd:', ...commands.map((c) => `  - ufw ${c}`), '  - ufw --force enable', ''];
  const sets = ufwRulesOf(parseCloudConfig(text.join('\n'), 'auto'));
  const pick = (family: string): string[] =>
    (sets.find((s) => s.family === family)?.text ?? '')
      .split('\n')
      .filter((l) => /^(:INPUT |-A ufw-user-input |-A INPUT -j REJECT)/.test(l))
      .map((l) =>
        normalise(l.replace(/ \[\d+:\d+\]$/, '').replace('-A INPUT -j REJECT', '-A ufw-reject-input -j REJECT')),
      );
  return { v4: pick('ipv4'), v6: pick('ipv6') };
}

test('the rules ufw loads for the exposure map agree with ufw 0.36', () => {
  const disagreements: string[] = [];
  for (const commands of cases) {
    const kernel = kernelRules(commands);
    const ours = ourRules(commands);
    for (const fam of ['v4', 'v6'] as const) {
      const a = ours[fam].map((l) => l.replace(/ -m recent .*$/, ''));
      const b = kernel[fam].map((l) => l.replace(/ -m recent .*$/, ''));
      // ufw puts `-A ufw-reject-input` after the policy line; the order of those two does not matter.
      if (
        JSON.stringify([...a].sort()) !== JSON.stringify([...b].sort()) ||
        a.filter((l) => l.startsWith('-A ufw-user')).join() !== b.filter((l) => l.startsWith('-A ufw-user')).join()
      )
        disagreements.push(
          `${commands.join('; ')} (${fam}):\n  ours: ${a.join('\n        ')}\n  ufw:  ${b.join('\n        ')}`,
        );
    }
  }
  assert.deepEqual(disagreements, []);
});

test('an application profile ufw cannot find: ufw refuses the command, and the map says so in its words', () => {
  const r = spawnSync(ns, [`ufw allow 'Nginx Full'; echo "rc=$?"`], { encoding: 'utf8', timeout: 60_000 });
  // ufw 0.36.2: `ERROR: Could not find a profile matching 'Nginx Full'` on stderr, exit 1, no rule added.
  const said = /^ERROR: (Could not find a profile matching '[^']*')$/m.exec(r.stderr)?.[1];
  assert.ok(said, r.stderr);
  assert.match(r.stdout, /rc=1/);
  const text = ['#cloud-config', 'runcmd:', "  - ufw allow 'Nginx Full'", '  - ufw enable', ''].join('\n');
  const [v4] = ufwRulesOf(parseCloudConfig(text, 'auto'));
  assert.ok(
    [...(v4?.unresolved.values() ?? [])].some((why) => why.includes(`\`ERROR: ${said}\``)),
    [...(v4?.unresolved.values() ?? [])].join('\n'),
  );
});
