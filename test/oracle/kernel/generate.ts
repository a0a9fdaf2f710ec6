// Seeded random rule sets for the kernel oracle: the constructs the tracer must get right, mixed.
import type { DockerPublication } from '../../../server/src/service/iptables/trace/dockerRules';
import type { OracleCase } from './oracle';
import { seededRandom as random } from '../../fuzz/mutate';

const ports = [22, 25, 53, 80, 443, 3306, 5432, 8080, 8443, 9000];

export function generatedCase(seed: number): OracleCase {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const family: 4 | 6 = r() < 0.65 ? 4 : 6;
  const srcNets =
    family === 4
      ? ['192.0.2.0/24', '198.51.100.0/25', '203.0.113.0/24', '203.0.113.5', '198.51.100.7/32', '10.0.0.0/8']
      : ['2001:db8::/64', '2001:db8:1::/48', '2001:db8:2::7', '2001:db8::/32', 'fd00::/8'];
  const hostAddr = family === 4 ? '192.0.2.1' : '2001:db8::1';
  const icmp = family === 4 ? '-p icmp --icmp-type echo-request' : '-p ipv6-icmp --icmpv6-type echo-request';
  const verdict = (): string => pick(['ACCEPT', 'ACCEPT', 'DROP', 'REJECT']);
  const proto = (): string => pick(['tcp', 'udp']);
  const filter: string[] = [];
  const chains: string[] = [];
  const nat: string[] = [];
  const raw: string[] = [];
  const userChain: string[] = [];
  const pubs: DockerPublication[] = [];
  const dockerUser: string[] = [];
  const n = 3 + Math.floor(r() * 9);
  if (r() < 0.5) filter.push('-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
  for (let i = 0; i < n; i++) {
    const p = pick(ports);
    switch (Math.floor(r() * 14)) {
      case 0:
        filter.push(`-A INPUT -p ${proto()} --dport ${p} -j ${verdict()}`);
        break;
      case 1:
        filter.push(`-A INPUT -p tcp -m multiport --dports ${p},${pick(ports)} -j ${verdict()}`);
        break;
      case 2:
        filter.push(`-A INPUT ${r() < 0.3 ? '! ' : ''}-s ${pick(srcNets)} -j ${verdict()}`);
        break;
      case 3:
        filter.push(`-A INPUT -p ${proto()} -s ${pick(srcNets)} --dport ${p} -j ${verdict()}`);
        break;
      case 4:
        filter.push(`-A INPUT -p ${proto()} --dport ${p}:${p + 1000} -j ${verdict()}`);
        break;
      case 5:
        filter.push(
          `-A INPUT ${pick(['-i eth0', '-i lo', '! -i eth0', '-i eth+', '-i ens3'])} -p tcp --dport ${p} -j ${verdict()}`,
        );
        break;
      case 6:
        filter.push(`-A INPUT ${icmp} ${r() < 0.5 ? `-s ${pick(srcNets)} ` : ''}-j ${verdict()}`);
        break;
      case 7:
        filter.push(
          `-A INPUT -p tcp ${pick(['--syn', '-m conntrack --ctstate NEW', '-m state --state NEW', '-m conntrack --ctstate INVALID'])} --dport ${p} -j ${verdict()}`,
        );
        break;
      case 8: {
        if (!chains.includes('CHECK')) chains.push('CHECK');
        filter.push(`-A INPUT -p ${proto()} -j CHECK`);
        userChain.push(`-A CHECK -p tcp --dport ${p} -j RETURN`, `-A CHECK -s ${pick(srcNets)} -j ${verdict()}`);
        if (r() < 0.5) userChain.push(`-A CHECK -j ${pick(['DROP', 'RETURN', 'ACCEPT'])}`);
        break;
      }
      case 9: {
        const to = pick(ports);
        nat.push(`-A PREROUTING -p tcp --dport ${p} -j REDIRECT --to-ports ${to}`);
        break;
      }
      case 10:
        filter.push(`-A INPUT -d ${r() < 0.6 ? hostAddr : pick(srcNets)} -p ${proto()} --dport ${p} -j ${verdict()}`);
        break;
      case 11:
        raw.push(
          `-A PREROUTING -p ${proto()} --dport ${p} ${r() < 0.5 ? `-s ${pick(srcNets)} ` : ''}-j ${pick(['DROP', 'ACCEPT', 'CT --notrack'])}`,
        );
        break;
      case 12:
        filter.push(
          `-A INPUT -m addrtype --dst-type ${pick(['LOCAL', 'BROADCAST'])} -p ${proto()} --dport ${p} -j ${verdict()}`,
        );
        break;
      case 13:
        if (family === 4) {
          pubs.push({
            protocol: pick(['tcp', 'udp']),
            hostPort: String(p),
            containerPort: String(pick([80, 5000, 6379])),
          });
          if (r() < 0.6)
            dockerUser.push(
              `-A DOCKER-USER -i eth0 ${r() < 0.5 ? `-s ${pick(srcNets)} ` : ''}-j ${pick(['DROP', 'RETURN', 'REJECT'])}`,
            );
        }
        break;
    }
  }
  const policy = pick(['DROP', 'DROP', 'ACCEPT']);
  const out: string[] = [];
  if (raw.length) out.push('*raw', ':PREROUTING ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ...raw, 'COMMIT');
  if (nat.length)
    out.push(
      '*nat',
      ':PREROUTING ACCEPT [0:0]',
      ':INPUT ACCEPT [0:0]',
      ':OUTPUT ACCEPT [0:0]',
      ':POSTROUTING ACCEPT [0:0]',
      ...nat,
      'COMMIT',
    );
  out.push(
    '*filter',
    `:INPUT ${policy} [0:0]`,
    ':FORWARD DROP [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ...chains.map((c) => `:${c} - [0:0]`),
  );
  if (dockerUser.length) out.push(':DOCKER-USER - [0:0]');
  out.push(
    ...filter,
    ...userChain,
    ...(dockerUser.length ? [...dockerUser, '-A DOCKER-USER -j RETURN'] : []),
    'COMMIT',
  );
  // Ports published twice would be one container port reached two ways: keep the first of each.
  const seen = new Set<string>();
  const uniquePubs = pubs.filter(
    (p) => !seen.has(`${p.protocol}/${p.hostPort}`) && seen.add(`${p.protocol}/${p.hostPort}`) !== undefined,
  );
  return {
    name: `generated-${seed}`,
    family,
    text: `${out.join('\n')}\n`,
    ...(uniquePubs.length ? { publications: uniquePubs } : {}),
  };
}
