/** Match modules beyond the everyday ones: ownership, IPsec, bridges, payload, marks, IPv6 headers… */
import type { MatchSpec, OptionSpec } from './spec';

const addrTypes = [
  'UNSPEC',
  'UNICAST',
  'LOCAL',
  'BROADCAST',
  'ANYCAST',
  'MULTICAST',
  'BLACKHOLE',
  'UNREACHABLE',
  'PROHIBIT',
  'THROW',
  'NAT',
  'XRESOLVE',
];
const incoming = ['PREROUTING', 'INPUT', 'FORWARD'] as const;
const outgoing = ['FORWARD', 'OUTPUT', 'POSTROUTING'] as const;

function plain(name: string, summary: string, arg: OptionSpec['arg'] = 'string', negatable = true): OptionSpec {
  return { name, arg, negatable, summary };
}

export const moreMatches = [
  {
    name: 'addrtype',
    summary:
      "Match the kind of address (LOCAL, BROADCAST, MULTICAST…), e.g. traffic to any of this host's own addresses.",
    options: [
      {
        name: '--src-type',
        arg: 'enum-list',
        values: addrTypes,
        caseInsensitive: true,
        negatable: true,
        summary: 'Kind of the source address.',
      },
      {
        name: '--dst-type',
        arg: 'enum-list',
        values: addrTypes,
        caseInsensitive: true,
        negatable: true,
        summary:
          "Kind of the destination address; `LOCAL` is every address of this host (what Docker's DNAT rules use).",
      },
      {
        name: '--limit-iface-in',
        arg: 'none',
        hooks: incoming,
        summary: 'Judge the address on the incoming interface only (PREROUTING, INPUT, FORWARD).',
      },
      {
        name: '--limit-iface-out',
        arg: 'none',
        hooks: outgoing,
        summary: 'Judge the address on the outgoing interface only (FORWARD, OUTPUT, POSTROUTING).',
      },
    ],
  },
  {
    name: 'owner',
    hooks: ['OUTPUT', 'POSTROUTING'],
    summary:
      'The local user, group or socket that sent the packet. Only locally generated packets have an owner: OUTPUT and POSTROUTING.',
    options: [
      {
        name: '--uid-owner',
        arg: 'user',
        negatable: true,
        argHint: 'user or uid[-uid]',
        summary: 'Sent by this user (name looked up when the rules load, so the user must exist then).',
      },
      {
        name: '--gid-owner',
        arg: 'group',
        negatable: true,
        argHint: 'group or gid[-gid]',
        summary: 'Sent by this group (name looked up when the rules load).',
      },
      { name: '--socket-exists', arg: 'none', negatable: true, summary: 'The packet belongs to a local socket.' },
      { name: '--suppl-groups', arg: 'none', summary: "Also check the user's supplementary groups for --gid-owner." },
    ],
  },
  {
    name: 'policy',
    summary:
      'Whether the packet was (or will be) handled by IPsec. `--dir in` is for PREROUTING/INPUT/FORWARD, `--dir out` for FORWARD/OUTPUT/POSTROUTING.',
    options: [
      {
        name: '--dir',
        arg: 'enum',
        values: ['in', 'out'],
        summary: 'Decapsulation (in) or encapsulation (out) policy.',
      },
      { name: '--pol', arg: 'enum', values: ['none', 'ipsec'], summary: 'Whether IPsec processing applies.' },
      { name: '--strict', arg: 'none', summary: 'Match the whole policy exactly rather than any element.' },
      plain('--reqid', 'Request id of the policy.', 'number'),
      plain('--spi', 'SPI of the SA.', 'number'),
      { name: '--proto', arg: 'enum', values: ['ah', 'esp', 'ipcomp'], negatable: true, summary: 'IPsec protocol.' },
      { name: '--mode', arg: 'enum', values: ['tunnel', 'transport'], negatable: true, summary: 'IPsec mode.' },
      plain('--tunnel-src', 'Tunnel source address (tunnel mode).', 'address'),
      plain('--tunnel-dst', 'Tunnel destination address (tunnel mode).', 'address'),
      { name: '--next', arg: 'none', summary: 'Start the next policy element.' },
    ],
  },
  {
    name: 'physdev',
    summary: 'Bridge ports of bridged traffic (needs br_netfilter).',
    options: [
      plain('--physdev-in', 'Bridge port the packet came in on (+ = prefix).', 'interface'),
      {
        name: '--physdev-out',
        arg: 'interface',
        negatable: true,
        hooks: ['PREROUTING', 'INPUT', 'FORWARD', 'POSTROUTING'],
        summary: 'Bridge port the packet leaves by (+ = prefix); refused in OUTPUT.',
      },
      plain('--physdev-is-in', 'The packet entered through a bridge port.', 'none'),
      plain('--physdev-is-out', 'The packet leaves through a bridge port.', 'none'),
      plain('--physdev-is-bridged', 'The packet is bridged, not routed.', 'none'),
    ],
  },
  {
    name: 'connlimit',
    summary:
      'Limit the number of parallel connections per client address (or network). Needs --connlimit-above or --connlimit-upto.',
    requires: [['--connlimit-upto', '--connlimit-above']],
    options: [
      plain('--connlimit-upto', 'Match while the client has at most this many connections.', 'number', false),
      plain('--connlimit-above', 'Match once the client has more than this many connections.', 'number', false),
      plain('--connlimit-mask', 'Group clients by this prefix length (0–32 IPv4, 0–128 IPv6).', 'number', false),
      plain('--connlimit-saddr', 'Count per source address (the default).', 'none', false),
      plain('--connlimit-daddr', 'Count per destination address.', 'none', false),
    ],
  },
  {
    name: 'string',
    summary:
      'Search the packet payload for a string. Needs --algo; matches only within one packet, so it is easy to evade.',
    requires: [['--algo']],
    options: [
      { name: '--algo', arg: 'enum', values: ['bm', 'kmp'], summary: 'Search algorithm: bm (Boyer-Moore) or kmp.' },
      plain('--from', 'Start searching at this byte offset.', 'number', false),
      plain('--to', 'Stop searching at this byte offset.', 'number', false),
      plain('--string', 'The text to find (quote it when it has spaces).'),
      plain('--hex-string', 'The bytes to find, e.g. "|0D 0A|".'),
      plain('--icase', 'Ignore case.', 'none', false),
    ],
  },
  {
    name: 'mark',
    summary: "The packet's firewall mark (set by MARK, read by routing rules).",
    options: [
      {
        name: '--mark',
        arg: 'mark',
        negatable: true,
        argHint: 'value[/mask]',
        summary: 'Match the mark, optionally masked.',
      },
    ],
  },
  {
    name: 'connmark',
    summary: 'The mark stored on the connection (set by CONNMARK).',
    options: [
      {
        name: '--mark',
        arg: 'mark',
        negatable: true,
        argHint: 'value[/mask]',
        summary: 'Match the connection mark, optionally masked.',
      },
    ],
  },
  {
    name: 'pkttype',
    summary: 'Link-layer packet type.',
    options: [
      {
        name: '--pkt-type',
        arg: 'enum',
        values: ['unicast', 'broadcast', 'multicast', 'host', 'otherhost'],
        caseInsensitive: true,
        negatable: true,
        summary: 'unicast, broadcast or multicast.',
      },
    ],
  },
  {
    name: 'length',
    summary: 'Length of the layer-3 payload.',
    options: [
      {
        name: '--length',
        arg: 'number-range',
        negatable: true,
        argHint: 'n[:m]',
        summary: 'Length or range in bytes.',
      },
    ],
  },
  {
    name: 'time',
    summary: 'Time of arrival. Times are UTC unless --kerneltz.',
    options: [
      plain('--datestart', 'From this date (YYYY[-MM[-DD[Thh[:mm[:ss]]]]]).', 'string', false),
      plain('--datestop', 'Until this date.', 'string', false),
      plain('--timestart', 'From this time of day (hh:mm[:ss]).', 'string', false),
      plain('--timestop', 'Until this time of day.', 'string', false),
      plain('--monthdays', 'On these days of the month (comma list).'),
      plain('--weekdays', 'On these weekdays (Mon…Sun or 1…7, comma list).'),
      plain('--contiguous', 'A stop time before the start time continues into the next day.', 'none', false),
      plain('--kerneltz', "Use the kernel's time zone instead of UTC.", 'none', false),
      // Older spellings the library still takes (not in its help): --localtz is --kerneltz, --utc the default.
      plain('--localtz', 'Older spelling of --kerneltz.', 'none', false),
      plain('--utc', 'Times are UTC (the default).', 'none', false),
    ],
  },
  {
    name: 'tcpmss',
    protocols: ['tcp'],
    summary: 'The MSS option of TCP SYN packets.',
    options: [{ name: '--mss', arg: 'number-range', negatable: true, summary: 'MSS value or range.' }],
  },
  {
    name: 'dscp',
    summary: 'The DSCP field (QoS class).',
    options: [plain('--dscp', 'DSCP value 0–63.', 'number'), plain('--dscp-class', 'DSCP class name (BE, EF, AF11…).')],
  },
  { name: 'tos', summary: 'The IPv4 TOS field.', options: [plain('--tos', 'TOS value[/mask] or name.')] },
  {
    name: 'ttl',
    family: 'ipv4',
    summary: 'The IPv4 TTL.',
    options: [
      plain('--ttl-eq', 'TTL equals.', 'number'),
      plain('--ttl-lt', 'TTL below.', 'number', false),
      plain('--ttl-gt', 'TTL above.', 'number', false),
    ],
  },
  {
    name: 'hl',
    family: 'ipv6',
    summary: 'The IPv6 hop limit.',
    options: [
      plain('--hl-eq', 'Hop limit equals.', 'number'),
      plain('--hl-lt', 'Hop limit below.', 'number', false),
      plain('--hl-gt', 'Hop limit above.', 'number', false),
    ],
  },
  {
    name: 'helper',
    summary: 'Connections created by a conntrack helper (ftp, sip…).',
    options: [plain('--helper', 'Helper name, e.g. ftp or ftp-21.')],
  },
  {
    name: 'statistic',
    summary: 'Match a share of packets, randomly or every n-th (load spreading, sampling).',
    options: [
      { name: '--mode', arg: 'enum', values: ['random', 'nth'], summary: 'random or nth.' },
      plain('--probability', 'Chance 0.0–1.0 (random mode).', 'string'),
      plain('--every', 'Every n-th packet (nth mode).', 'number'),
      plain('--packet', 'Initial counter (nth mode).', 'number', false),
    ],
  },
  { name: 'u32', summary: 'Test arbitrary bytes of the packet.', options: [plain('--u32', 'Test expression.')] },
  {
    name: 'socket',
    summary: 'A local socket exists for the packet (transparent proxying).',
    options: [
      plain('--transparent', 'Only transparent sockets.', 'none', false),
      plain('--nowildcard', 'Ignore sockets bound to 0.0.0.0.', 'none', false),
      plain('--restore-skmark', 'Copy the socket mark to the packet.', 'none', false),
    ],
  },
  {
    name: 'rpfilter',
    summary: 'Reverse-path check: would a reply to the source leave by the same interface (anti-spoofing).',
    options: [
      plain('--loose', 'Any route back will do.', 'none', false),
      plain('--validmark', 'Use the packet mark in the lookup.', 'none', false),
      plain('--accept-local', 'Do not reject local addresses.', 'none', false),
      plain('--invert', 'Match packets that fail the check.', 'none', false),
    ],
  },
  {
    name: 'esp',
    protocols: ['esp'],
    summary: 'IPsec ESP SPIs. Needs `-p esp`: the kernel refuses the rule otherwise.',
    options: [plain('--espspi', 'SPI or range.', 'number-range')],
  },
  // iptables' ah match has only --ahspi; ip6tables' also looks at the header length and reserved field
  // (docs/facts/iptables-options.tsv: `iptables -m ah --ahlen` is "unknown option").
  {
    name: 'ah',
    family: 'ipv4',
    protocols: ['ah'],
    summary: 'IPsec AH SPIs. Needs `-p ah` in iptables: the kernel refuses the rule otherwise.',
    options: [plain('--ahspi', 'SPI or range.', 'number-range')],
  },
  {
    name: 'ah',
    family: 'ipv6',
    summary: 'IPsec AH SPIs and header fields.',
    options: [
      plain('--ahspi', 'SPI or range.', 'number-range'),
      plain('--ahlen', 'Header length.', 'number'),
      plain('--ahres', 'Reserved field is zero.', 'none', false),
    ],
  },
  {
    name: 'ipcomp',
    protocols: ['ipcomp'],
    summary: 'IPComp SPIs. Needs `-p ipcomp`: the kernel refuses the rule otherwise.',
    options: [
      plain('--ipcompspi', 'SPI or range.', 'number-range'),
      plain('--compres', 'Reserved field is zero.', 'none', false),
    ],
  },
  {
    name: 'cgroup',
    summary: 'The control group of the sending process (local packets).',
    options: [plain('--path', 'cgroup v2 path.'), plain('--cgroup', 'net_cls class id.', 'number')],
  },
  {
    name: 'connbytes',
    summary: 'Bytes or packets transferred so far on the connection.',
    options: [
      plain('--connbytes', 'Range from[:to].', 'number-range'),
      {
        name: '--connbytes-dir',
        arg: 'enum',
        values: ['original', 'reply', 'both'],
        summary: 'Which direction to count.',
      },
      { name: '--connbytes-mode', arg: 'enum', values: ['packets', 'bytes', 'avgpkt'], summary: 'What to count.' },
    ],
  },
  {
    name: 'connlabel',
    summary: 'Connection labels.',
    options: [plain('--label', 'Label name or number.'), plain('--set', 'Set the label when missing.', 'none', false)],
  },
  { name: 'quota', summary: 'Match until a byte quota is used up.', options: [plain('--quota', 'Bytes.', 'number')] },
  {
    name: 'ecn',
    summary: 'ECN bits of the IP and TCP headers.',
    options: [
      plain('--ecn-tcp-cwr', 'CWR bit set.', 'none'),
      plain('--ecn-tcp-ece', 'ECE bit set.', 'none'),
      plain('--ecn-ip-ect', 'ECT codepoint 0–3.', 'number'),
    ],
  },
  {
    name: 'devgroup',
    summary: 'Interface group of the in/out device.',
    options: [
      plain('--src-group', 'Group of the incoming interface.'),
      plain('--dst-group', 'Group of the outgoing interface.'),
    ],
  },
  { name: 'cpu', summary: 'The CPU handling the packet.', options: [plain('--cpu', 'CPU number.', 'number')] },
  {
    name: 'nfacct',
    summary: 'Count into an extended accounting object.',
    options: [plain('--nfacct-name', 'Accounting object name.', 'string', false)],
  },
  {
    name: 'bpf',
    summary: 'Run a BPF program on the packet.',
    options: [
      plain('--bytecode', 'Program bytecode.', 'string', false),
      plain('--object-pinned', 'Pinned eBPF object path.', 'string', false),
    ],
  },
  { name: 'realm', family: 'ipv4', summary: 'Routing realm.', options: [plain('--realm', 'Realm value[/mask].')] },
  {
    name: 'cluster',
    summary: 'Share traffic between cluster nodes by hash.',
    options: [
      plain('--cluster-total-nodes', 'Number of nodes.', 'number', false),
      plain('--cluster-local-node', "This node's number.", 'number'),
      plain('--cluster-local-nodemask', "This node's mask.", 'number'),
      plain('--cluster-hash-seed', 'Hash seed.', 'number', false),
    ],
  },
  {
    name: 'osf',
    family: 'ipv4',
    summary: 'Passive OS fingerprinting of TCP SYNs.',
    options: [
      plain('--genre', 'OS genre.'),
      plain('--ttl', 'TTL check level.', 'number', false),
      plain('--log', 'Log level.', 'number', false),
    ],
  },
  {
    name: 'ipvs',
    summary: 'IPVS (load balancer) connection properties.',
    options: [
      plain('--ipvs', 'Packet belongs to IPVS.', 'none'),
      plain('--vproto', 'Virtual service protocol.'),
      plain('--vaddr', 'Virtual address.'),
      plain('--vport', 'Virtual port.'),
      plain('--vdir', 'Direction.'),
      plain('--vmethod', 'Forwarding method.'),
      plain('--vportctl', 'Control connection port.'),
    ],
  },
  {
    name: 'rateest',
    summary: 'Compare rates measured by the RATEEST target.',
    options: [
      '--rateest',
      '--rateest1',
      '--rateest2',
      '--rateest-bps',
      '--rateest-pps',
      '--rateest-bps1',
      '--rateest-bps2',
      '--rateest-pps1',
      '--rateest-pps2',
      '--rateest-lt',
      '--rateest-gt',
      '--rateest-eq',
    ]
      .map((n) => plain(n, 'Rate estimator comparison.', n.endsWith('t') || n.endsWith('q') ? 'none' : 'string'))
      .concat([plain('--rateest-delta', 'Compare the difference.', 'none')]),
  },
  {
    name: 'frag',
    family: 'ipv6',
    summary: 'IPv6 fragment header.',
    options: [
      plain('--fragid', 'Fragment id or range.', 'number-range'),
      plain('--fraglen', 'Header length.', 'number'),
      plain('--fragres', 'Reserved fields are zero.', 'none', false),
      plain('--fragfirst', 'First fragment.', 'none', false),
      plain('--fragmore', 'More fragments follow.', 'none', false),
      plain('--fraglast', 'Last fragment.', 'none', false),
    ],
  },
  {
    name: 'ipv6header',
    family: 'ipv6',
    summary: 'Which IPv6 extension headers are present.',
    options: [
      plain('--header', 'Comma list of header names.'),
      plain('--soft', 'Match when any of them is present.', 'none', false),
    ],
  },
  {
    name: 'hbh',
    family: 'ipv6',
    summary: 'IPv6 hop-by-hop options header.',
    options: [
      plain('--hbh-len', 'Header length.', 'number'),
      plain('--hbh-opts', 'Options (type[:length],…).', 'string', false),
    ],
  },
  {
    name: 'dst',
    family: 'ipv6',
    summary: 'IPv6 destination options header.',
    options: [
      plain('--dst-len', 'Header length.', 'number'),
      plain('--dst-opts', 'Options (type[:length],…).', 'string', false),
    ],
  },
  {
    name: 'rt',
    family: 'ipv6',
    summary: 'IPv6 routing header.',
    options: [
      plain('--rt-type', 'Routing header type.', 'number'),
      plain('--rt-segsleft', 'Segments left or range.', 'number-range'),
      plain('--rt-len', 'Header length.', 'number'),
      plain('--rt-0-res', 'Reserved field (type 0).', 'none', false),
      plain('--rt-0-addrs', 'Addresses (type 0).', 'string', false),
      plain('--rt-0-not-strict', 'Non-strict address list.', 'none', false),
    ],
  },
  {
    name: 'mh',
    family: 'ipv6',
    summary: 'Mobility header types (`-p ipv6-mh`).',
    options: [plain('--mh-type', 'Type name, number or range.')],
  },
  { name: 'eui64', family: 'ipv6', summary: "Source address built from the sender's MAC (EUI-64).", options: [] },
  {
    name: 'srh',
    family: 'ipv6',
    summary: 'IPv6 segment routing header.',
    options: [
      '--srh-next-hdr',
      '--srh-hdr-len-eq',
      '--srh-hdr-len-gt',
      '--srh-hdr-len-lt',
      '--srh-segs-left-eq',
      '--srh-segs-left-gt',
      '--srh-segs-left-lt',
      '--srh-last-entry-eq',
      '--srh-last-entry-gt',
      '--srh-last-entry-lt',
      '--srh-tag',
      '--srh-psid',
      '--srh-nsid',
      '--srh-lsid',
    ].map((n) => plain(n, 'Segment routing header field.')),
  },
] as const satisfies readonly MatchSpec[];
