/**
 * ICMP and ICMPv6 type names `--icmp-type` / `--icmpv6-type` accept, with their type/code numbers.
 * iptables compares names case-insensitively and accepts any unambiguous prefix (`echo-req`), but a
 * prefix that fits two names (`echo`) is refused. Numbers: `TYPE` or `TYPE/CODE`, each 0–255.
 */
export interface IcmpType {
  readonly name: string;
  readonly type: number;
  /** Undefined: every code of the type. */
  readonly code?: number;
  /** Another name iptables accepts for the same entry. */
  readonly aliasOf?: string;
  readonly summary: string;
}

export const icmpTypes = [
  { name: 'any', type: 255, summary: 'Every ICMP type.' },
  { name: 'echo-reply', type: 0, summary: 'Answer to a ping.' },
  { name: 'pong', type: 0, aliasOf: 'echo-reply', summary: 'Answer to a ping (short name of echo-reply).' },
  {
    name: 'destination-unreachable',
    type: 3,
    summary: 'The packet could not be delivered; all codes. Needed for path MTU discovery (code 4).',
  },
  { name: 'network-unreachable', type: 3, code: 0, summary: 'No route to the network.' },
  { name: 'host-unreachable', type: 3, code: 1, summary: 'The host did not answer.' },
  { name: 'protocol-unreachable', type: 3, code: 2, summary: 'The protocol is not supported by the receiver.' },
  { name: 'port-unreachable', type: 3, code: 3, summary: 'Nothing listens on the port (the default REJECT answer).' },
  {
    name: 'fragmentation-needed',
    type: 3,
    code: 4,
    summary: 'Packet too big and marked do-not-fragment: dropping it breaks path MTU discovery.',
  },
  { name: 'source-route-failed', type: 3, code: 5, summary: 'Source route failed.' },
  { name: 'network-unknown', type: 3, code: 6, summary: 'Destination network unknown.' },
  { name: 'host-unknown', type: 3, code: 7, summary: 'Destination host unknown.' },
  { name: 'network-prohibited', type: 3, code: 9, summary: 'Network administratively prohibited.' },
  { name: 'host-prohibited', type: 3, code: 10, summary: 'Host administratively prohibited.' },
  { name: 'TOS-network-unreachable', type: 3, code: 11, summary: 'Network unreachable for the type of service.' },
  { name: 'TOS-host-unreachable', type: 3, code: 12, summary: 'Host unreachable for the type of service.' },
  {
    name: 'communication-prohibited',
    type: 3,
    code: 13,
    summary: 'Communication administratively prohibited (a firewall said no).',
  },
  { name: 'host-precedence-violation', type: 3, code: 14, summary: 'Host precedence violation.' },
  { name: 'precedence-cutoff', type: 3, code: 15, summary: 'Precedence cutoff in effect.' },
  { name: 'source-quench', type: 4, summary: 'Old congestion signal, no longer sent by modern stacks.' },
  { name: 'redirect', type: 5, summary: 'Route redirect, all codes; usually unwanted on hosts.' },
  { name: 'network-redirect', type: 5, code: 0, summary: 'Redirect for a network.' },
  { name: 'host-redirect', type: 5, code: 1, summary: 'Redirect for a host.' },
  { name: 'TOS-network-redirect', type: 5, code: 2, summary: 'Redirect for a network and type of service.' },
  { name: 'TOS-host-redirect', type: 5, code: 3, summary: 'Redirect for a host and type of service.' },
  { name: 'echo-request', type: 8, summary: 'A ping.' },
  { name: 'ping', type: 8, aliasOf: 'echo-request', summary: 'A ping (short name of echo-request).' },
  { name: 'router-advertisement', type: 9, summary: 'Router advertisement.' },
  { name: 'router-solicitation', type: 10, summary: 'Router solicitation.' },
  { name: 'time-exceeded', type: 11, summary: 'TTL ran out on the way (what traceroute relies on).' },
  {
    name: 'ttl-exceeded',
    type: 11,
    aliasOf: 'time-exceeded',
    summary: 'TTL ran out (another name for time-exceeded).',
  },
  { name: 'ttl-zero-during-transit', type: 11, code: 0, summary: 'TTL reached zero in transit.' },
  { name: 'ttl-zero-during-reassembly', type: 11, code: 1, summary: 'Fragment reassembly timed out.' },
  { name: 'parameter-problem', type: 12, summary: 'Bad IP header.' },
  { name: 'ip-header-bad', type: 12, code: 0, summary: 'Bad IP header.' },
  { name: 'required-option-missing', type: 12, code: 1, summary: 'A required IP option is missing.' },
  { name: 'timestamp-request', type: 13, summary: 'Timestamp request (leaks the clock; often dropped).' },
  { name: 'timestamp-reply', type: 14, summary: 'Timestamp reply.' },
  { name: 'address-mask-request', type: 17, summary: 'Address mask request.' },
  { name: 'address-mask-reply', type: 18, summary: 'Address mask reply.' },
] as const satisfies readonly IcmpType[];

export const icmpv6Types = [
  { name: 'destination-unreachable', type: 1, summary: 'The packet could not be delivered; all codes.' },
  { name: 'no-route', type: 1, code: 0, summary: 'No route to the destination.' },
  { name: 'communication-prohibited', type: 1, code: 1, summary: 'Administratively prohibited (a firewall said no).' },
  { name: 'beyond-scope', type: 1, code: 2, summary: 'Beyond the scope of the source address.' },
  { name: 'address-unreachable', type: 1, code: 3, summary: 'Address unreachable.' },
  { name: 'port-unreachable', type: 1, code: 4, summary: 'Nothing listens on the port.' },
  { name: 'failed-policy', type: 1, code: 5, summary: 'Source address failed ingress/egress policy.' },
  { name: 'reject-route', type: 1, code: 6, summary: 'Reject route to the destination.' },
  {
    name: 'packet-too-big',
    type: 2,
    summary: 'Packet too big: IPv6 routers never fragment, so dropping this breaks path MTU discovery.',
  },
  { name: 'time-exceeded', type: 3, summary: 'Hop limit ran out on the way (traceroute).' },
  {
    name: 'ttl-exceeded',
    type: 3,
    aliasOf: 'time-exceeded',
    summary: 'Hop limit ran out (another name for time-exceeded).',
  },
  { name: 'ttl-zero-during-transit', type: 3, code: 0, summary: 'Hop limit reached zero in transit.' },
  { name: 'ttl-zero-during-reassembly', type: 3, code: 1, summary: 'Fragment reassembly timed out.' },
  { name: 'parameter-problem', type: 4, summary: 'Bad IPv6 header.' },
  { name: 'bad-header', type: 4, code: 0, summary: 'Erroneous header field.' },
  { name: 'unknown-header-type', type: 4, code: 1, summary: 'Unrecognised next header type.' },
  { name: 'unknown-option', type: 4, code: 2, summary: 'Unrecognised IPv6 option.' },
  { name: 'echo-request', type: 128, summary: 'A ping.' },
  { name: 'ping', type: 128, aliasOf: 'echo-request', summary: 'A ping (short name of echo-request).' },
  { name: 'echo-reply', type: 129, summary: 'Answer to a ping.' },
  { name: 'pong', type: 129, aliasOf: 'echo-reply', summary: 'Answer to a ping (short name of echo-reply).' },
  { name: 'router-solicitation', type: 133, summary: 'Router solicitation (needed for SLAAC).' },
  {
    name: 'router-advertisement',
    type: 134,
    summary: 'Router advertisement: dropping it loses the default route and SLAAC addresses.',
  },
  {
    name: 'neighbour-solicitation',
    type: 135,
    summary: "Neighbour solicitation, IPv6's ARP: dropping it cuts the host off.",
  },
  {
    name: 'neighbor-solicitation',
    type: 135,
    aliasOf: 'neighbour-solicitation',
    summary: 'Neighbour solicitation (US spelling).',
  },
  {
    name: 'neighbour-advertisement',
    type: 136,
    summary: "Neighbour advertisement, IPv6's ARP reply: dropping it cuts the host off.",
  },
  {
    name: 'neighbor-advertisement',
    type: 136,
    aliasOf: 'neighbour-advertisement',
    summary: 'Neighbour advertisement (US spelling).',
  },
  { name: 'redirect', type: 137, summary: 'Route redirect; usually unwanted on hosts.' },
] as const satisfies readonly IcmpType[];

export type IcmpLookup =
  | { readonly ok: true; readonly type: IcmpType | undefined }
  | {
      readonly ok: false;
      readonly reason: 'unknown' | 'ambiguous' | 'bad-number';
      readonly candidates?: readonly string[];
    };

/** Resolve an `--icmp-type` / `--icmpv6-type` word the way iptables does. */
export function lookupIcmpType(word: string, family: 'ipv4' | 'ipv6'): IcmpLookup {
  const list: readonly IcmpType[] = family === 'ipv4' ? icmpTypes : icmpv6Types;
  if (/^[0-9]/.test(word)) {
    const m = /^([0-9]+)(?:\/([0-9]+))?$/.exec(word);
    if (!m || Number(m[1]) > 255 || (m[2] !== undefined && Number(m[2]) > 255))
      return { ok: false, reason: 'bad-number' };
    return { ok: true, type: undefined };
  }
  const w = word.toLowerCase();
  if (w === '') return { ok: false, reason: 'unknown' };
  const hits = list.filter((t) => t.name.toLowerCase().startsWith(w));
  if (hits.length > 1) return { ok: false, reason: 'ambiguous', candidates: hits.map((h) => h.name) };
  if (hits.length === 0) return { ok: false, reason: 'unknown' };
  return { ok: true, type: hits[0] };
}
