// Parity with firewalld itself (Debian 12's firewalld 1.3.3): each argument form below is given to
// `firewall-offline-cmd`, which checks ports, services, zones and rich rules with the same code as
// `firewall-cmd --permanent` and writes the permanent configuration without the daemon. It runs in a
// network and mount namespace over a private copy of /etc/firewalld (test/oracle/hosts/fwd-ns.sh), so
// the machine's configuration is never touched. firewall-offline-cmd exits 0 whatever happens; a form is
// accepted when its last output line is `success` (a warning such as ALREADY_ENABLED may come first).
// The form is refused ⇔ `firewall-cmd --permanent <form>` in runcmd gets `cloud-config/firewalld-command`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'path';
import { diagnose, withCode } from '../helpers/service';
import { repoRoot } from '../helpers/paths';

const ns = path.join(repoRoot(), 'test/oracle/hosts/fwd-ns.sh');

const rich = (rule: string): string => `--add-rich-rule='${rule}'`;

/** Arguments as a shell line would write them (single quotes around rich rules). */
export const firewalldCases: readonly string[] = [
  // ports
  '--add-port=80/tcp',
  '--add-port=8000-8100/udp',
  '--add-port=53/udp',
  '--add-port=5060/sctp',
  '--add-port=5000/dccp',
  '--add-port=65535/tcp',
  '--remove-port=80/tcp',
  '--zone=public --add-port=443/tcp',
  '--add-port=8080',
  '--add-port=99999/tcp',
  '--add-port=0/tcp',
  '--add-port=80/icmp',
  '--add-port=80/TCP',
  '--add-port=http/tcp',
  '--add-port=100-50/tcp',
  '--add-port=80-/tcp',
  '--add-port=/tcp',
  '--add-port=80-70000/tcp',
  '--add-port=22/tcp --add-port=443/tcp',
  // services
  '--add-service=ssh',
  '--add-service=http',
  '--add-service=https',
  '--add-service=postgresql',
  '--add-service=docker-swarm',
  '--add-service=nosuch',
  '--add-service=HTTP',
  '--remove-service=dhcpv6-client',
  '--add-service=cockpit',
  '--add-service=ssh --add-service=nosuch',
  // zones
  '--zone=trusted --add-source=10.0.0.0/8',
  '--zone=internal --add-service=mdns',
  '--zone=dmz --add-interface=eth1',
  '--zone=nosuch --add-port=80/tcp',
  '--zone=Public --add-port=80/tcp',
  '--set-default-zone=drop',
  '--zone=work --add-service=nosuch',
  // rich rules
  rich('rule family=ipv4 source address=10.0.0.0/8 port port=22 protocol=tcp accept'),
  rich('rule family="ipv4" source address="192.168.1.0/24" service name="ssh" accept'),
  rich('rule family=ipv6 source address=2001:db8::/32 service name=https accept'),
  rich('rule service name=http log prefix="http " level=info limit value=1/m accept'),
  rich('rule family=ipv4 source address=203.0.113.7 drop'),
  rich('rule family=ipv4 source address=203.0.113.0/24 reject type=icmp-host-prohibited'),
  rich('rule family=ipv4 forward-port port=80 protocol=tcp to-port=8080'),
  rich('rule family=ipv4 source address=10.0.0.0/8 masquerade'),
  rich('rule port port=5432 protocol=tcp source address=10.1.0.0/16 accept'),
  rich('rule priority=-10 family=ipv4 source address=10.0.0.0/8 accept'),
  rich('rule family=ipv4 source not address=10.0.0.0/8 service name=ssh drop'),
  rich('rule family=ipv5 accept'),
  rich('rule port port=22 accept'),
  rich('rule family=ipv4 port port=22 protocol=tcp'),
  rich('rule accept'),
  rich('rule family=ipv4 source address=10.0.0.300 accept'),
  rich('rule family=ipv4 source address=2001:db8::1 accept'),
  rich('rule service name=nosuch accept'),
  rich('rule family=ipv4 port port=99999 protocol=tcp accept'),
  rich('rule family=ipv4 source address=10.0.0.0/8 port port=22 protocol=tcp allow'),
  rich('rule family=ipv4 source address=10.0.0.0/8 log level=loud accept'),
  rich('family=ipv4 source address=10.0.0.0/8 accept'),
  rich('rule family=ipv4 source address=10.0.0.0/8 service name=ssh accept drop'),
  rich('rule source address=10.0.0.0/8 accept'),
  rich('rule family=ipv4 source address=10.0.0.0/8 accept'),
  rich('rule family=ipv4 source address=10.0.0.0/33 accept'),
  rich('rule family=ipv4 icmp-block name=echo-request'),
  rich(
    'rule family=ipv4 source address=10.0.0.0/8 port port=8080-8090 protocol=udp log prefix="dev" level=warning accept',
  ),
  // a port name firewalld looks up in /etc/services of the machine it runs on
  '--add-port=nosuchport/tcp',
];

/**
 * Forms where we knowingly differ, with the reason. Each must still be a disagreement (else it is
 * removed from here).
 */
const knownDifferences: Readonly<Record<string, string>> = {
  '--add-port=nosuchport/tcp':
    'port names are looked up in /etc/services of the host the user-data boots, which this check cannot read; any name is taken',
};

/**
 * Verdicts in batches: each batch is one namespace with its own copy, bounded to 60 s by fwd-ns.sh
 * (a call takes ≈1.5 s here).
 */
function firewalldVerdicts(cases: readonly string[]): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i < cases.length; i += 12) {
    const batch = cases.slice(i, i + 12);
    const script = batch.map((c) => `echo "$(firewall-offline-cmd ${c} </dev/null 2>&1 | tail -n 1)"`).join('\n');
    const r = spawnSync(ns, [script], { encoding: 'utf8', timeout: 120_000 });
    const last = r.stdout.trim().split('\n');
    assert.equal(last.length, batch.length, `firewall-offline-cmd ran every case of the batch: ${r.stderr}`);
    out.push(...last.map((l) => l === 'success'));
  }
  return out;
}

test(
  'firewall-offline-cmd and cloud-config/firewalld-command agree on every argument form',
  { timeout: 10 * 60_000 },
  () => {
    const accepted = firewalldVerdicts(firewalldCases);
    const disagreements: string[] = [];
    const known: string[] = [];
    firewalldCases.forEach((c, i) => {
      const text = `#cloud-config\nruncmd:\n  - firewall-cmd --permanent ${c}\n  - firewall-cmd --reload\n`;
      const ours = withCode(diagnose(text), 'cloud-config/firewalld-command').length === 0;
      if (ours === accepted[i]) return;
      if (knownDifferences[c]) known.push(c);
      else
        disagreements.push(`${c}: firewalld ${accepted[i] ? 'accepts' : 'refuses'}, we ${ours ? 'accept' : 'refuse'}`);
    });
    const agree = firewalldCases.length - disagreements.length - known.length;
    console.log(
      `firewalld forms: ${agree}/${firewalldCases.length} agree, ${known.length} known difference(s) (${accepted.filter((a) => !a).length} refused by firewall-offline-cmd)`,
    );
    assert.deepEqual(disagreements, []);
    assert.deepEqual(known.sort(), Object.keys(knownDifferences).sort(), 'every known difference is still one');
  },
);
