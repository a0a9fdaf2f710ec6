/**
 * Dangers of a filter table that loads fine: IPv6 without neighbour discovery, TCP packets accepted on
 * their flags alone, and sensitive services open to every source.
 */
import type { IpFamily } from '../ast';
import type { Finding } from '../../types';
import type { FlowRule, FlowTable } from '../flow/chains';
import type { Probe } from '../flow/probe';
import { insertAtChainStart } from '../flow/insertPoint';
import { certainlyDropped, walk, type Outcome } from '../flow/walk';
import { portsInclude } from '../flow/ports';
import type { IptablesRule } from './rule';

/** A neighbour solicitation from the local link: without it IPv6 cannot find the router or any neighbour. */
const neighbourSolicitation: Probe = {
  proto: 'icmpv6',
  src: { kind: 'any' },
  dst: { kind: 'any' },
  inIface: { kind: 'not-loopback' },
  outIface: { kind: 'unknown' },
  sport: undefined,
  dport: undefined,
  state: 'NEW',
  syn: undefined,
  icmpType: ['neighbour-solicitation', 'neighbor-solicitation', '135', '135/0'],
};

function dropAnchor(outcomes: readonly Outcome[]): { start: number; end: number } | undefined {
  const drop = [...outcomes].reverse().find((o) => o.verdict === 'drop');
  if (!drop) return undefined;
  if (drop.policy) return { start: drop.policy.start, end: drop.policy.end };
  const line = (drop.entry ?? drop.rule)?.line;
  return line ? { start: line.span.start, end: line.span.end } : undefined;
}

/** `iptables/icmpv6-blocked`: ip6tables INPUT drops neighbour discovery. */
export function icmpv6Findings(filter: FlowTable, family: IpFamily, text: string): Finding[] {
  if (family !== 'ipv6' || !filter.chains.has('INPUT')) return [];
  const outcomes = walk(filter, 'INPUT', neighbourSolicitation);
  if (!certainlyDropped(outcomes)) return [];
  const at = dropAnchor(outcomes);
  if (!at) return [];
  return [
    {
      code: 'iptables/icmpv6-blocked',
      message:
        'INPUT drops ICMPv6 and no rule accepts it. Neighbour discovery (how IPv6 finds the router and every neighbour) is cut, and with it all IPv6 traffic of this host. Accept ICMPv6 (`-p ipv6-icmp -j ACCEPT`) before the drop.',
      ...at,
      fixes: [
        {
          title: 'Accept ICMPv6 first',
          edits: [insertAtChainStart(filter, text, 'INPUT', ['-A INPUT -p ipv6-icmp -j ACCEPT'])],
          preferred: true,
        },
      ],
    },
  ];
}

/** Services that are rarely meant for the whole internet: port, protocols, name. */
const sensitiveServices: ReadonlyArray<readonly [number, readonly string[], string]> = [
  [3306, ['tcp'], 'MySQL/MariaDB'],
  [5432, ['tcp'], 'PostgreSQL'],
  [27017, ['tcp'], 'MongoDB'],
  [6379, ['tcp'], 'Redis'],
  [9200, ['tcp'], 'Elasticsearch'],
  [11211, ['tcp', 'udp'], 'memcached'],
  [2375, ['tcp'], 'the Docker API (unencrypted)'],
  [2376, ['tcp'], 'the Docker API'],
  [2379, ['tcp'], 'etcd (clients)'],
  [2380, ['tcp'], 'etcd (peers)'],
  [10250, ['tcp'], 'the kubelet API'],
  [445, ['tcp'], 'SMB'],
  [2049, ['tcp', 'udp'], 'NFS'],
  [111, ['tcp', 'udp'], 'rpcbind'],
];

function restrictsSource(rule: FlowRule | undefined): boolean {
  if (!rule) return false;
  const src = rule.conds.src;
  if (src && !(src.value?.every((c) => c.prefix === 0) && !src.negated)) return true;
  // An ipset, a rate limit, a mark: something decides who gets in.
  return rule.conds.opaque.length > 0;
}

function namesPort(rule: FlowRule, port: number): boolean {
  const c = rule.conds.dport ?? rule.conds.anyPort;
  return (
    !!c &&
    !c.negated &&
    c.value !== undefined &&
    portsInclude(c.value, port) &&
    !c.value.some((r) => r.from === 0 && r.to === 65535)
  );
}

/** `iptables/sensitive-service-open`: INPUT accepts a database, the Docker API… from every source. */
export function sensitiveServiceFindings(filter: FlowTable): Finding[] {
  if (!filter.chains.has('INPUT')) return [];
  const out: Finding[] = [];
  const reported = new Set<FlowRule>();
  for (const [port, protos, name] of sensitiveServices) {
    for (const proto of protos) {
      const probe: Probe = {
        proto,
        src: { kind: 'internet' },
        dst: { kind: 'any' },
        inIface: { kind: 'external' },
        outIface: { kind: 'unknown' },
        sport: 50000,
        dport: port,
        state: 'NEW',
        syn: proto === 'tcp' ? true : undefined,
      };
      for (const o of walk(filter, 'INPUT', probe)) {
        const rule = o.rule;
        if (o.verdict !== 'accept' || !rule || reported.has(rule) || !namesPort(rule, port)) continue;
        if (restrictsSource(rule) || (o.entry !== rule && restrictsSource(o.entry))) continue;
        reported.add(rule);
        out.push({
          code: 'iptables/sensitive-service-open',
          message: `INPUT accepts ${name} (${proto}/${port}) from every source. It is rarely meant to be reachable from the whole internet: limit it with \`-s\` to the networks that use it, unless it is meant to be public.`,
          start: rule.line.span.start,
          end: rule.line.span.end,
        });
      }
    }
  }
  return out;
}

export const icmpv6Rule: IptablesRule = (input) => {
  const filter = input.filter;
  return filter ? icmpv6Findings(filter, input.family, input.text) : [];
};

export const sensitiveServiceRule: IptablesRule = (input) => {
  const filter = input.filter;
  return filter ? sensitiveServiceFindings(filter) : [];
};
