/** Match modules (`-m NAME`) people use in firewalls: their options, argument kinds and restrictions. */
import type { MatchSpec } from './spec';

const portProtocols = ['tcp', 'udp', 'udplite', 'sctp', 'dccp'] as const;
const sport = {
  name: '--sport',
  aliases: ['--source-port'],
  arg: 'port',
  negatable: true,
  argHint: 'port[:port]',
  summary: 'Match the source port, a service name or a range `low:high` (`:high` from 0, `low:` to 65535).',
} as const;
const dport = {
  name: '--dport',
  aliases: ['--destination-port'],
  arg: 'port',
  negatable: true,
  argHint: 'port[:port]',
  summary:
    'Match the destination port, a service name or a range `low:high`. One port or range only: lists need -m multiport.',
} as const;
const tcpFlags = ['SYN', 'ACK', 'FIN', 'RST', 'URG', 'PSH', 'ALL', 'NONE'];

const icmp6 = {
  name: 'icmp6',
  protocols: ['ipv6-icmp'],
  family: 'ipv6',
  summary: 'ICMPv6 message types. Loaded by `-p ipv6-icmp` (or `icmpv6`) in ip6tables.',
  options: [
    {
      name: '--icmpv6-type',
      arg: 'icmpv6-type',
      negatable: true,
      argHint: 'type[/code] or name',
      summary: 'Match an ICMPv6 type. IPv6 cannot work without neighbour discovery and packet-too-big.',
    },
  ],
} as const;

export const coreMatches = [
  {
    name: 'tcp',
    protocols: ['tcp'],
    summary: 'TCP ports and flags. Loaded by `-p tcp` itself; `-m tcp` alone needs `-p tcp` too.',
    options: [
      sport,
      dport,
      {
        name: '--tcp-flags',
        arg: 'enum-list',
        args: 2,
        values: tcpFlags,
        caseInsensitive: true,
        negatable: true,
        argHint: 'MASK SET',
        summary: 'Look at the flags in the first list; match when exactly those in the second list are set.',
      },
      {
        name: '--syn',
        arg: 'none',
        negatable: true,
        summary: 'Only connection openings: SYN set, ACK, RST and FIN clear.',
      },
      {
        name: '--tcp-option',
        arg: 'number',
        negatable: true,
        argHint: 'option number',
        summary: 'Match when the TCP option with this number is present.',
      },
    ],
  },
  { name: 'udp', protocols: ['udp'], summary: 'UDP ports. Loaded by `-p udp` itself.', options: [sport, dport] },
  {
    name: 'sctp',
    protocols: ['sctp'],
    summary: 'SCTP ports and chunk types. Loaded by `-p sctp` itself.',
    options: [
      sport,
      dport,
      {
        name: '--chunk-types',
        arg: 'string',
        args: 2,
        negatable: true,
        argHint: 'all|any|only TYPE[,…]',
        summary: 'Match on the SCTP chunk types present.',
      },
    ],
  },
  {
    name: 'dccp',
    protocols: ['dccp'],
    summary: 'DCCP ports, packet types and options. Loaded by `-p dccp` itself.',
    options: [
      sport,
      dport,
      { name: '--dccp-types', arg: 'string', negatable: true, summary: 'Match DCCP packet types (comma list).' },
      { name: '--dccp-option', arg: 'number', negatable: true, summary: 'Match when the DCCP option is present.' },
    ],
  },
  {
    name: 'icmp',
    protocols: ['icmp'],
    family: 'ipv4',
    summary: 'ICMP (IPv4) message types. Loaded by `-p icmp` in iptables.',
    options: [
      {
        name: '--icmp-type',
        arg: 'icmp-type',
        negatable: true,
        argHint: 'type[/code] or name',
        summary:
          'Match an ICMP type by name, number or type/code. Allow at least destination-unreachable (fragmentation-needed) or path MTU discovery breaks.',
      },
    ],
  },
  icmp6,
  // `-m icmpv6` is the same module under its other name (both backends load it: docs/facts/iptables-names.tsv).
  {
    ...icmp6,
    name: 'icmpv6',
    summary: 'ICMPv6 message types (another name of icmp6). Loaded by `-p ipv6-icmp` (or `icmpv6`) in ip6tables.',
  },
  {
    name: 'conntrack',
    summary:
      'Connection-tracking state of the packet: the modern way to allow replies (`--ctstate RELATED,ESTABLISHED`).',
    options: [
      {
        name: '--ctstate',
        arg: 'ctstate-list',
        negatable: true,
        argHint: 'STATE[,STATE…]',
        summary:
          'Match the connection state: NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED, SNAT, DNAT. Comma list without spaces.',
      },
      { name: '--ctproto', arg: 'protocol', negatable: true, summary: 'Match the layer-4 protocol of the connection.' },
      { name: '--ctorigsrc', arg: 'address', negatable: true, summary: 'Original source address of the connection.' },
      {
        name: '--ctorigdst',
        arg: 'address',
        negatable: true,
        summary:
          'Original destination address (before DNAT): how to filter published container ports by their public address.',
      },
      { name: '--ctreplsrc', arg: 'address', negatable: true, summary: 'Source address of the reply direction.' },
      { name: '--ctrepldst', arg: 'address', negatable: true, summary: 'Destination address of the reply direction.' },
      { name: '--ctorigsrcport', arg: 'port', negatable: true, summary: 'Original source port.' },
      {
        name: '--ctorigdstport',
        arg: 'port',
        negatable: true,
        summary: 'Original destination port (before DNAT): the published port of a container.',
      },
      { name: '--ctreplsrcport', arg: 'port', negatable: true, summary: 'Source port of the reply direction.' },
      { name: '--ctrepldstport', arg: 'port', negatable: true, summary: 'Destination port of the reply direction.' },
      {
        name: '--ctstatus',
        arg: 'ctstatus-list',
        negatable: true,
        summary: 'Match internal connection status flags: NONE, EXPECTED, SEEN_REPLY, ASSURED, CONFIRMED.',
      },
      {
        name: '--ctexpire',
        arg: 'number-range',
        negatable: true,
        summary: 'Remaining lifetime in seconds (n or n:m).',
      },
      {
        name: '--ctdir',
        arg: 'enum',
        values: ['ORIGINAL', 'REPLY'],
        summary: 'Only packets of one direction of the connection.',
      },
    ],
  },
  {
    name: 'state',
    summary: "Older form of conntrack's state check; `-m conntrack --ctstate` does the same and more.",
    options: [
      {
        name: '--state',
        arg: 'state-list',
        negatable: true,
        argHint: 'STATE[,STATE…]',
        summary:
          'Match the connection state: NEW, ESTABLISHED, RELATED, INVALID, UNTRACKED. Comma list without spaces.',
      },
    ],
  },
  {
    name: 'multiport',
    protocols: portProtocols,
    summary: 'Up to 15 ports or ranges in one rule. Needs `-p tcp`, `udp`, `udplite`, `sctp` or `dccp` first.',
    options: [
      {
        name: '--sports',
        aliases: ['--source-ports'],
        arg: 'port-list',
        negatable: true,
        argHint: 'port[,port|,low:high]…',
        summary: 'Match any of these source ports (at most 15; a range counts as two).',
      },
      {
        name: '--dports',
        aliases: ['--destination-ports'],
        arg: 'port-list',
        negatable: true,
        argHint: 'port[,port|,low:high]…',
        summary: 'Match any of these destination ports (at most 15; a range counts as two).',
      },
      {
        name: '--ports',
        arg: 'port-list',
        negatable: true,
        argHint: 'port[,port|,low:high]…',
        summary: 'Match when the source or the destination port is one of these.',
      },
    ],
  },
  {
    name: 'set',
    summary:
      'Match addresses or ports against an ipset. The set must exist before the rules load, or the whole restore fails.',
    options: [
      {
        name: '--match-set',
        arg: 'set-name',
        args: 2,
        negatable: true,
        argHint: 'SETNAME src|dst[,src|dst…]',
        summary: "Match when the packet's fields (src/dst, one per set dimension) are in the named set.",
      },
      { name: '--return-nomatch', arg: 'none', summary: 'Make nomatch entries of hash sets count as a match.' },
      {
        name: '--update-counters',
        arg: 'none',
        negatable: true,
        summary: "With `!`: do not update the set entry's counters.",
      },
      {
        name: '--update-subcounters',
        arg: 'none',
        negatable: true,
        summary: 'With `!`: do not update counters of member sets of a list:set.',
      },
      { name: '--packets-eq', arg: 'number', negatable: true, summary: "Match on the entry's packet counter." },
      { name: '--packets-lt', arg: 'number', summary: "Entry's packet counter below the value." },
      { name: '--packets-gt', arg: 'number', summary: "Entry's packet counter above the value." },
      { name: '--bytes-eq', arg: 'number', negatable: true, summary: "Match on the entry's byte counter." },
      { name: '--bytes-lt', arg: 'number', summary: "Entry's byte counter below the value." },
      { name: '--bytes-gt', arg: 'number', summary: "Entry's byte counter above the value." },
    ],
  },
  {
    name: 'comment',
    summary: 'A note stored with the rule; it shows in iptables -L and iptables-save.',
    options: [
      {
        name: '--comment',
        arg: 'string',
        argHint: 'text',
        summary: 'The note (up to 256 characters; quote it when it has spaces).',
      },
    ],
  },
  {
    name: 'limit',
    summary:
      'Match at most a given average rate (token bucket), e.g. to rate-limit LOG rules. Counts all matching packets together.',
    options: [
      {
        name: '--limit',
        arg: 'rate',
        argHint: 'N/second|minute|hour|day',
        summary: 'Average rate, e.g. `5/min` (default 3/hour). At most 10000/s.',
      },
      {
        name: '--limit-burst',
        arg: 'number',
        argHint: 'packets',
        summary: 'How many packets may match in a burst before the rate applies (default 5).',
      },
    ],
  },
  {
    name: 'hashlimit',
    summary:
      'Per-source (or per-destination) rate limits kept in a named hash table. Needs --hashlimit-name and one of --hashlimit-upto / --hashlimit-above.',
    requires: [['--hashlimit-name'], ['--hashlimit-upto', '--hashlimit-above']],
    options: [
      {
        name: '--hashlimit-upto',
        arg: 'rate',
        summary: 'Match while the rate stays at or below this (N/unit, or bytes like 512kb/s).',
      },
      { name: '--hashlimit-above', arg: 'rate', summary: 'Match once the rate goes above this.' },
      {
        name: '--hashlimit-name',
        arg: 'string',
        summary: 'Name of the hash table (shown in /proc/net/ipt_hashlimit).',
      },
      { name: '--hashlimit-burst', arg: 'number', summary: 'Burst size before the rate applies.' },
      {
        name: '--hashlimit-mode',
        arg: 'enum-list',
        values: ['srcip', 'srcport', 'dstip', 'dstport'],
        summary: 'What the buckets are kept per: srcip, srcport, dstip, dstport (comma list).',
      },
      { name: '--hashlimit-srcmask', arg: 'number', summary: 'Group source addresses by this prefix length.' },
      { name: '--hashlimit-dstmask', arg: 'number', summary: 'Group destination addresses by this prefix length.' },
      { name: '--hashlimit-htable-size', arg: 'number', summary: 'Number of hash buckets.' },
      { name: '--hashlimit-htable-max', arg: 'number', summary: 'Maximum entries in the table.' },
      {
        name: '--hashlimit-htable-expire',
        arg: 'number',
        summary: 'Milliseconds after which an idle entry is dropped.',
      },
      { name: '--hashlimit-htable-gcinterval', arg: 'number', summary: 'Milliseconds between garbage collections.' },
      { name: '--hashlimit-rate-match', arg: 'none', summary: 'Match on the measured rate instead of limiting.' },
      {
        name: '--hashlimit-rate-interval',
        arg: 'number',
        summary: 'Seconds between rate samples for --hashlimit-rate-match.',
      },
    ],
  },
  {
    name: 'recent',
    summary:
      'Remember source addresses in a named list and match on how often they were seen (simple brute-force throttling).',
    options: [
      { name: '--name', arg: 'string', summary: 'The list to use (default DEFAULT).' },
      { name: '--set', arg: 'none', negatable: true, summary: 'Add the address to the list (always matches).' },
      { name: '--rcheck', arg: 'none', negatable: true, summary: 'Match when the address is in the list.' },
      { name: '--update', arg: 'none', negatable: true, summary: 'Like --rcheck, and refresh the last-seen time.' },
      { name: '--remove', arg: 'none', negatable: true, summary: 'Remove the address from the list when it is there.' },
      { name: '--rsource', arg: 'none', summary: 'Remember source addresses (the default).' },
      { name: '--rdest', arg: 'none', summary: 'Remember destination addresses.' },
      { name: '--mask', arg: 'string', summary: 'Netmask applied to the addresses.' },
      {
        name: '--seconds',
        arg: 'number',
        summary: 'Only count hits within this many seconds (with --rcheck or --update).',
      },
      { name: '--reap', arg: 'none', summary: 'Purge entries older than --seconds.' },
      {
        name: '--hitcount',
        arg: 'number',
        summary: "Match at this many hits or more (at most the module's ip_pkt_list_tot, default 20).",
      },
      { name: '--rttl', arg: 'none', summary: 'Also compare the TTL of the first packet seen.' },
    ],
  },
  {
    name: 'mac',
    hooks: ['PREROUTING', 'INPUT', 'FORWARD'],
    summary: 'Source MAC address of Ethernet frames. Only meaningful for incoming packets: PREROUTING, INPUT, FORWARD.',
    options: [
      {
        name: '--mac-source',
        arg: 'string',
        negatable: true,
        argHint: 'XX:XX:XX:XX:XX:XX',
        summary: "The sender's MAC address.",
      },
    ],
  },
  {
    name: 'iprange',
    summary: 'Match an arbitrary range of addresses, not just a network.',
    options: [
      {
        name: '--src-range',
        arg: 'address-range',
        negatable: true,
        argHint: 'from-to',
        summary: 'Source address in the range (inclusive).',
      },
      {
        name: '--dst-range',
        arg: 'address-range',
        negatable: true,
        argHint: 'from-to',
        summary: 'Destination address in the range (inclusive).',
      },
    ],
  },
] as const satisfies readonly MatchSpec[];
