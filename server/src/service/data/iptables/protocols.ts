/**
 * IP protocols `-p` accepts: a number 0–255, `all`, or a name. Names are compared in lower case
 * (iptables lowers the word first), so `TCP` works. `portMatch` names the match module `-p` loads
 * implicitly, which is what makes `--dport`, `--icmp-type`… known after it.
 */
export interface ProtocolInfo {
  readonly name: string;
  readonly number: number;
  readonly aliases: readonly string[];
  readonly summary: string;
  /** The match module loaded by `-p NAME` (tcp, udp, sctp, dccp, icmp, icmp6). */
  readonly implicitMatch?: string;
  /** Only meaningful in one family (icmp is IPv4's, ipv6-icmp IPv6's). */
  readonly family?: 'ipv4' | 'ipv6';
}

export const protocols = [
  { name: 'all', number: 0, aliases: [], summary: 'Any protocol (the same as leaving -p out).' },
  {
    name: 'tcp',
    number: 6,
    aliases: [],
    summary: 'TCP. Loads the tcp match: --sport, --dport, --tcp-flags, --syn, --tcp-option.',
    implicitMatch: 'tcp',
  },
  {
    name: 'udp',
    number: 17,
    aliases: [],
    summary: 'UDP. Loads the udp match: --sport, --dport.',
    implicitMatch: 'udp',
  },
  {
    name: 'icmp',
    number: 1,
    aliases: [],
    summary: 'ICMP for IPv4. Loads the icmp match (--icmp-type) in iptables only.',
    implicitMatch: 'icmp',
    family: 'ipv4',
  },
  {
    name: 'ipv6-icmp',
    number: 58,
    aliases: ['icmpv6'],
    summary: 'ICMPv6. Loads the icmp6 match (--icmpv6-type) in ip6tables only. IPv6 needs it for neighbour discovery.',
    implicitMatch: 'icmp6',
    family: 'ipv6',
  },
  {
    name: 'sctp',
    number: 132,
    aliases: [],
    summary: 'SCTP. Loads the sctp match: --sport, --dport, --chunk-types.',
    implicitMatch: 'sctp',
  },
  {
    name: 'dccp',
    number: 33,
    aliases: [],
    summary: 'DCCP. Loads the dccp match: --sport, --dport, --dccp-types, --dccp-option.',
    implicitMatch: 'dccp',
  },
  {
    name: 'udplite',
    number: 136,
    aliases: [],
    summary: 'UDP-Lite. There is no port match for it: --dport after -p udplite fails.',
  },
  { name: 'esp', number: 50, aliases: [], summary: 'IPsec ESP (encrypted payload).' },
  {
    name: 'ah',
    number: 51,
    aliases: [],
    summary: 'IPsec AH (authentication header). ip6tables warns that it never matches as a protocol; use the ah match.',
  },
  { name: 'gre', number: 47, aliases: [], summary: 'GRE tunnels (PPTP, many VPN and overlay setups).' },
  { name: 'ipv6-mh', number: 135, aliases: ['mh'], summary: 'Mobile IPv6 mobility header.', family: 'ipv6' },
  { name: 'ip', number: 0, aliases: [], summary: 'Pseudo protocol number 0, the same as all.' },
  { name: 'igmp', number: 2, aliases: [], summary: 'IGMP multicast group management.' },
  { name: 'ipencap', number: 4, aliases: [], summary: 'IP in IP encapsulation.' },
  { name: 'egp', number: 8, aliases: [], summary: 'Exterior Gateway Protocol.' },
  { name: 'pup', number: 12, aliases: [], summary: 'PARC universal packet.' },
  { name: 'hmp', number: 20, aliases: [], summary: 'Host Monitoring Protocol.' },
  { name: 'xns-idp', number: 22, aliases: [], summary: 'XNS IDP.' },
  {
    name: 'rdp',
    number: 27,
    aliases: [],
    summary: 'Reliable Datagram Protocol (not Remote Desktop, which is tcp/3389).',
  },
  { name: 'iso-tp4', number: 29, aliases: [], summary: 'ISO transport class 4.' },
  { name: 'xtp', number: 36, aliases: [], summary: 'Xpress Transfer Protocol.' },
  { name: 'ddp', number: 37, aliases: [], summary: 'Datagram Delivery Protocol.' },
  { name: 'idpr-cmtp', number: 38, aliases: [], summary: 'IDPR control message transport.' },
  { name: 'ipv6', number: 41, aliases: [], summary: 'IPv6 in IPv4 (6in4 / SIT tunnels).' },
  { name: 'ipv6-route', number: 43, aliases: [], summary: 'IPv6 routing header.' },
  { name: 'ipv6-frag', number: 44, aliases: [], summary: 'IPv6 fragment header.' },
  { name: 'idrp', number: 45, aliases: [], summary: 'Inter-Domain Routing Protocol.' },
  { name: 'rsvp', number: 46, aliases: [], summary: 'Resource reservation protocol.' },
  { name: 'skip', number: 57, aliases: [], summary: 'SKIP.' },
  { name: 'ipv6-nonxt', number: 59, aliases: [], summary: 'IPv6 no next header.' },
  { name: 'ipv6-opts', number: 60, aliases: [], summary: 'IPv6 destination options.' },
  { name: 'rspf', number: 73, aliases: [], summary: 'Radio Shortest Path First.' },
  { name: 'vmtp', number: 81, aliases: [], summary: 'Versatile Message Transport.' },
  { name: 'eigrp', number: 88, aliases: [], summary: 'Enhanced Interior Routing Protocol.' },
  { name: 'ospf', number: 89, aliases: [], summary: 'OSPF routing.' },
  { name: 'ax.25', number: 93, aliases: [], summary: 'AX.25 frames.' },
  { name: 'ipip', number: 94, aliases: [], summary: 'IP within IP.' },
  { name: 'etherip', number: 97, aliases: [], summary: 'Ethernet within IP.' },
  { name: 'encap', number: 98, aliases: [], summary: 'Yet another IP encapsulation.' },
  { name: 'pim', number: 103, aliases: [], summary: 'Protocol Independent Multicast.' },
  { name: 'ipcomp', number: 108, aliases: [], summary: 'IP payload compression.' },
  { name: 'vrrp', number: 112, aliases: [], summary: 'VRRP (keepalived failover).' },
  { name: 'l2tp', number: 115, aliases: [], summary: 'Layer 2 Tunneling Protocol v3.' },
  { name: 'isis', number: 124, aliases: [], summary: 'IS-IS over IPv4.' },
  { name: 'fc', number: 133, aliases: [], summary: 'Fibre Channel.' },
  { name: 'mpls-in-ip', number: 137, aliases: [], summary: 'MPLS in IP.' },
  { name: 'manet', number: 138, aliases: [], summary: 'MANET protocols.' },
  { name: 'hip', number: 139, aliases: [], summary: 'Host Identity Protocol.' },
  { name: 'shim6', number: 140, aliases: [], summary: 'Shim6.' },
  { name: 'wesp', number: 141, aliases: [], summary: 'Wrapped ESP.' },
  { name: 'rohc', number: 142, aliases: [], summary: 'Robust header compression.' },
  { name: 'ethernet', number: 143, aliases: [], summary: 'Ethernet (segment routing over IPv6).' },
  { name: 'ggp', number: 3, aliases: [], summary: 'Gateway-gateway protocol.' },
  { name: 'st', number: 5, aliases: [], summary: 'ST datagram mode.' },
  { name: 'hopopt', number: 0, aliases: [], summary: 'IPv6 hop-by-hop options (number 0).' },
] as const satisfies readonly ProtocolInfo[];

const table: readonly ProtocolInfo[] = protocols;

/** The protocol a `-p` word names (case-insensitive; numbers 0–255), or undefined when iptables would refuse it. */
export function lookupProtocol(word: string): ProtocolInfo | undefined {
  const w = word.toLowerCase();
  if (/^(0x[0-9a-f]+|[0-9]+)$/.test(w)) {
    const n = Number(w);
    if (!Number.isInteger(n) || n > 255) return undefined;
    return (
      table.find((p) => p.number === n && p.name !== 'ip' && p.name !== 'hopopt') ?? {
        name: String(n),
        number: n,
        aliases: [],
        summary: `IP protocol number ${n}.`,
      }
    );
  }
  return table.find((p) => p.name === w || p.aliases.some((a) => a === w));
}
