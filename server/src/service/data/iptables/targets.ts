/** Targets (`-j NAME`): verdicts and target extensions, their options and where the kernel accepts them. */
import type { OptionSpec, TargetSpec } from './spec';

function flag(name: string, summary: string): OptionSpec {
  return { name, arg: 'none', summary };
}
function value(name: string, summary: string, arg: OptionSpec['arg'] = 'string'): OptionSpec {
  return { name, arg, summary };
}

const markOptions: readonly OptionSpec[] = [
  value('--set-xmark', 'Zero the mask bits, then XOR the value: value[/mask].', 'mark'),
  value('--set-mark', 'Zero the mask bits, then OR the value: value[/mask].', 'mark'),
  value('--and-mark', 'AND the mark with the value.', 'mark'),
  value('--or-mark', 'OR the value into the mark.', 'mark'),
  value('--xor-mark', 'XOR the value into the mark.', 'mark'),
];

export const verdicts = [
  {
    name: 'ACCEPT',
    terminal: true,
    options: [],
    summary: "Let the packet through this chain's table; the next table or hook still sees it.",
  },
  {
    name: 'DROP',
    terminal: true,
    options: [],
    tables: ['filter', 'mangle', 'raw', 'security'],
    summary: 'Discard the packet silently: the sender waits for a time-out. Refused in the nat table.',
  },
  {
    name: 'RETURN',
    terminal: true,
    options: [],
    summary:
      'Leave this user chain and continue after the rule that jumped here; in a built-in chain the policy decides.',
  },
  { name: 'QUEUE', terminal: true, options: [], summary: 'Hand the packet to a userspace program (queue 0).' },
] as const satisfies readonly TargetSpec[];

export const extensionTargets = [
  {
    name: 'REJECT',
    terminal: true,
    tables: ['filter'],
    hooks: ['INPUT', 'FORWARD', 'OUTPUT'],
    summary:
      'Discard the packet and tell the sender (an ICMP error, or a TCP reset): clients fail fast instead of timing out. Only in the filter table.',
    options: [
      {
        name: '--reject-with',
        arg: 'reject-type',
        argHint: 'type',
        summary:
          'The answer sent back. `tcp-reset` needs a rule that matches only TCP; the ICMP names differ between iptables and ip6tables.',
      },
    ],
  },
  {
    name: 'LOG',
    terminal: false,
    summary:
      'Write a kernel log line about the packet and continue with the next rule. Pair it with -m limit to avoid flooding the log.',
    options: [
      {
        name: '--log-level',
        arg: 'log-level',
        argHint: '0-7 or name',
        summary: 'Syslog level: 0–7 or emerg, alert, crit, error, warning, notice, info, debug.',
      },
      {
        name: '--log-prefix',
        arg: 'string',
        argHint: '"text"',
        summary:
          'Text put before the log line (up to 29 characters; longer is cut). Quote it; a trailing space keeps it readable.',
      },
      flag('--log-tcp-sequence', 'Log TCP sequence numbers (readable by local users through the log).'),
      flag('--log-tcp-options', 'Log TCP header options.'),
      flag('--log-ip-options', 'Log IP header options.'),
      flag('--log-uid', 'Log the user id of the sending process.'),
      flag('--log-macdecode', 'Decode the MAC header.'),
    ],
  },
  {
    name: 'MASQUERADE',
    terminal: true,
    tables: ['nat'],
    hooks: ['POSTROUTING'],
    summary: "Rewrite the source to the outgoing interface's address (for dynamic addresses). Only in nat POSTROUTING.",
    options: [
      value('--to-ports', 'Source port or range to use (needs -p tcp/udp/sctp/dccp).', 'port-spec'),
      flag('--random', 'Randomise the source port.'),
      flag('--random-fully', 'Fully randomise the source port mapping.'),
    ],
  },
  {
    name: 'SNAT',
    terminal: true,
    tables: ['nat'],
    hooks: ['POSTROUTING', 'INPUT'],
    requires: [['--to-source']],
    summary:
      'Rewrite the source address (and port) of the connection to a fixed one. Only in nat POSTROUTING and INPUT; needs --to-source.',
    options: [
      value('--to-source', 'New source: [ip[-ip]][:port[-port]].', 'nat-address'),
      flag('--random', 'Randomise the source port.'),
      flag('--random-fully', 'Fully randomise the source port mapping.'),
      flag('--persistent', 'Keep a client on the same address.'),
    ],
  },
  {
    name: 'DNAT',
    terminal: true,
    tables: ['nat'],
    hooks: ['PREROUTING', 'OUTPUT'],
    requires: [['--to-destination']],
    summary:
      'Rewrite the destination (port forwarding). Only in nat PREROUTING and OUTPUT; needs --to-destination. Forwarded traffic must then be allowed in FORWARD.',
    options: [
      value('--to-destination', 'New destination: [ip[-ip]][:port[-port]].', 'nat-address'),
      flag('--random', 'Randomise the port mapping.'),
      flag('--persistent', 'Keep a client on the same address.'),
    ],
  },
  {
    name: 'REDIRECT',
    terminal: true,
    tables: ['nat'],
    hooks: ['PREROUTING', 'OUTPUT'],
    summary:
      'Send the packet to this host itself, on another port (transparent proxies). Only in nat PREROUTING and OUTPUT.',
    options: [
      value('--to-ports', 'Local port or range (needs -p tcp/udp/sctp/dccp).', 'port-spec'),
      flag('--random', 'Randomise the port.'),
    ],
  },
  {
    name: 'NETMAP',
    terminal: true,
    tables: ['nat'],
    requires: [['--to']],
    summary: 'Map a whole network onto another one, address by address. nat table only.',
    options: [value('--to', 'Target network address/mask.', 'address')],
  },
  {
    name: 'MARK',
    terminal: false,
    summary:
      "Set the packet's firewall mark (used by routing rules, tc and later matches). Works in every table; mangle is the usual place.",
    options: markOptions,
  },
  {
    name: 'CONNMARK',
    terminal: false,
    summary: "Set, save or restore the connection's mark.",
    options: [
      ...markOptions,
      flag('--save-mark', 'Copy the packet mark to the connection.'),
      flag('--restore-mark', 'Copy the connection mark to the packet.'),
      value('--nfmask', 'Mask on the packet mark.', 'mark'),
      value('--ctmask', 'Mask on the connection mark.', 'mark'),
      value('--mask', 'Mask for save/restore.', 'mark'),
      value('--left-shift-mark', 'Shift left by bits.', 'number'),
      value('--right-shift-mark', 'Shift right by bits.', 'number'),
    ],
  },
  {
    name: 'CT',
    terminal: false,
    tables: ['raw'],
    summary:
      'Set connection-tracking options for new connections (helpers, zones, time-outs, no tracking). raw table only.',
    options: [
      flag('--notrack', 'Do not track this connection.'),
      value('--helper', 'Attach a conntrack helper (ftp, sip…).'),
      value('--ctevents', 'Which conntrack events to generate.'),
      value('--expevents', 'Which expectation events to generate.'),
      value('--zone', 'Conntrack zone id or mark.'),
      value('--zone-orig', 'Zone for the original direction.'),
      value('--zone-reply', 'Zone for the reply direction.'),
      value('--timeout', 'Time-out policy name.'),
    ],
  },
  {
    name: 'NOTRACK',
    terminal: false,
    tables: ['raw'],
    options: [],
    summary:
      'Exempt the packet from connection tracking (same as CT --notrack). raw table only; such packets have state UNTRACKED.',
  },
  {
    name: 'TCPMSS',
    terminal: false,
    protocols: ['tcp'],
    hooks: ['FORWARD', 'OUTPUT', 'POSTROUTING'],
    requires: [['--set-mss', '--clamp-mss-to-pmtu']],
    summary:
      'Change the MSS of TCP SYN packets (fixes stalls over tunnels and PPPoE). The rule must match `-p tcp` and SYN packets (`--syn` or `--tcp-flags SYN,RST SYN`); FORWARD, OUTPUT, POSTROUTING.',
    options: [
      value('--set-mss', 'Set the MSS to this value.', 'number'),
      flag('--clamp-mss-to-pmtu', 'Set the MSS from the path MTU.'),
    ],
  },
  {
    name: 'DSCP',
    terminal: false,
    tables: ['mangle'],
    summary: 'Set the DSCP field (QoS). mangle table.',
    options: [
      value('--set-dscp', 'DSCP value 0–63.', 'number'),
      value('--set-dscp-class', 'DSCP class name (EF, AF11…).'),
    ],
  },
  {
    name: 'TOS',
    terminal: false,
    tables: ['mangle'],
    summary: 'Set the IPv4 TOS field. mangle table.',
    options: [
      value('--set-tos', 'value[/mask] or name.'),
      value('--and-tos', 'AND mask.'),
      value('--or-tos', 'OR mask.'),
      value('--xor-tos', 'XOR mask.'),
    ],
  },
  {
    name: 'TTL',
    terminal: false,
    family: 'ipv4',
    tables: ['mangle'],
    summary: 'Change the IPv4 TTL. mangle table.',
    options: [
      value('--ttl-set', 'Set the TTL.', 'number'),
      value('--ttl-dec', 'Decrease by.', 'number'),
      value('--ttl-inc', 'Increase by.', 'number'),
    ],
  },
  {
    name: 'HL',
    terminal: false,
    family: 'ipv6',
    tables: ['mangle'],
    summary: 'Change the IPv6 hop limit. mangle table.',
    options: [
      value('--hl-set', 'Set the hop limit.', 'number'),
      value('--hl-dec', 'Decrease by.', 'number'),
      value('--hl-inc', 'Increase by.', 'number'),
    ],
  },
  {
    name: 'NFLOG',
    terminal: false,
    summary: 'Pass the packet to a userspace logger (ulogd) through netlink, then continue.',
    options: [
      value('--nflog-group', 'Netlink group 0–65535.', 'number'),
      value('--nflog-prefix', 'Prefix text.'),
      value('--nflog-range', 'Bytes to copy (old spelling).', 'number'),
      value('--nflog-size', 'Bytes to copy.', 'number'),
      value('--nflog-threshold', 'Packets to queue before sending.', 'number'),
    ],
  },
  {
    name: 'NFQUEUE',
    terminal: true,
    summary:
      'Hand the packet to a userspace program on a numbered queue (IPS tools such as Suricata). Without --queue-bypass packets are dropped while nothing listens.',
    options: [
      value('--queue-num', 'Queue number.', 'number'),
      value('--queue-balance', 'Spread over queues x:y.', 'number-range'),
      flag('--queue-bypass', 'Accept packets while no program listens.'),
      flag('--queue-cpu-fanout', 'Pick the queue by CPU.'),
    ],
  },
  {
    name: 'SET',
    terminal: false,
    summary: "Add the packet's address (or port) to an ipset, or remove it.",
    options: [
      { name: '--add-set', arg: 'set-name', args: 2, summary: 'Add to the set: NAME src|dst[,…].' },
      { name: '--del-set', arg: 'set-name', args: 2, summary: 'Remove from the set: NAME src|dst[,…].' },
      { name: '--map-set', arg: 'set-name', args: 2, summary: 'Take skb properties from the set.' },
      value('--timeout', 'Entry time-out in seconds.', 'number'),
      flag('--exist', 'Refresh the time-out of existing entries.'),
      flag('--map-mark', 'Map the mark.'),
      flag('--map-prio', 'Map the priority.'),
      flag('--map-queue', 'Map the queue.'),
    ],
  },
  {
    name: 'SECMARK',
    terminal: false,
    tables: ['mangle', 'security'],
    summary: 'Set the SELinux security context mark. mangle or security table.',
    options: [value('--selctx', 'Security context.')],
  },
  {
    name: 'CONNSECMARK',
    terminal: false,
    tables: ['mangle', 'security'],
    summary: 'Copy security marks between packet and connection. mangle or security table.',
    options: [flag('--save', 'Packet to connection.'), flag('--restore', 'Connection to packet.')],
  },
  {
    name: 'TEE',
    terminal: false,
    requires: [['--gateway']],
    summary: 'Send a copy of the packet to another host.',
    options: [
      value('--gateway', 'Next hop for the copy.', 'address'),
      value('--oif', 'Interface for the copy.', 'interface'),
    ],
  },
  {
    name: 'TPROXY',
    terminal: true,
    tables: ['mangle'],
    hooks: ['PREROUTING'],
    requires: [['--on-port']],
    summary: 'Transparent proxying: deliver to a local socket without changing the packet. mangle PREROUTING only.',
    options: [
      value('--on-port', 'Local port.', 'number'),
      value('--on-ip', 'Local address.', 'address'),
      value('--tproxy-mark', 'Mark value[/mask].', 'mark'),
    ],
  },
  {
    name: 'TRACE',
    terminal: false,
    tables: ['raw'],
    options: [],
    summary: 'Log every rule the packet passes (debugging). raw table only.',
  },
  {
    name: 'AUDIT',
    terminal: false,
    options: [value('--type', 'accept, drop or reject.')],
    summary: 'Write an audit record for the packet.',
  },
  {
    name: 'CHECKSUM',
    terminal: false,
    tables: ['mangle'],
    options: [flag('--checksum-fill', 'Fill in the checksum.')],
    summary: 'Compute a missing UDP checksum (old DHCP clients in VMs). mangle table.',
  },
  {
    name: 'CLASSIFY',
    terminal: false,
    hooks: ['FORWARD', 'OUTPUT', 'POSTROUTING'],
    options: [value('--set-class', 'Traffic-control class major:minor.')],
    summary: 'Put the packet in a tc class. FORWARD, OUTPUT, POSTROUTING only.',
  },
  {
    name: 'TCPOPTSTRIP',
    terminal: false,
    tables: ['mangle'],
    protocols: ['tcp'],
    options: [value('--strip-options', 'Comma list of options.')],
    summary: 'Remove TCP options. mangle table, TCP only.',
  },
  {
    name: 'SYNPROXY',
    terminal: true,
    protocols: ['tcp'],
    options: [
      value('--mss', 'MSS to announce.', 'number'),
      value('--wscale', 'Window scale.', 'number'),
      flag('--sack-perm', 'Allow SACK.'),
      flag('--timestamp', 'Use timestamps.'),
      flag('--ecn', 'Use ECN.'),
    ],
    summary: 'Answer TCP handshakes on behalf of a server to absorb SYN floods.',
  },
  {
    name: 'HMARK',
    terminal: false,
    options: [
      '--hmark-tuple',
      '--hmark-mod',
      '--hmark-offset',
      '--hmark-src-prefix',
      '--hmark-dst-prefix',
      '--hmark-sport-mask',
      '--hmark-dport-mask',
      '--hmark-spi-mask',
      '--hmark-proto-mask',
      '--hmark-rnd',
      '--hmark-sport',
      '--hmark-dport',
      '--hmark-spi',
    ].map((n) => value(n, 'Hash mark parameter.')),
    summary: 'Set the mark from a hash of the packet (load spreading).',
  },
  {
    name: 'IDLETIMER',
    terminal: false,
    options: [
      value('--timeout', 'Seconds.', 'number'),
      value('--label', 'Timer name.'),
      flag('--alarm', 'Use an alarm timer.'),
    ],
    summary: 'Notify userspace after a period without matching packets.',
  },
  {
    name: 'LED',
    terminal: false,
    options: [
      value('--led-trigger-id', 'LED trigger name.'),
      value('--led-delay', 'Milliseconds.'),
      flag('--led-always-blink', 'Blink on every packet.'),
    ],
    summary: 'Blink an LED on matching packets.',
  },
  {
    name: 'RATEEST',
    terminal: false,
    options: [
      value('--rateest-name', 'Estimator name.'),
      value('--rateest-interval', 'Interval.'),
      value('--rateest-ewmalog', 'Averaging time constant.'),
    ],
    summary: 'Measure the rate of matching packets for the rateest match.',
  },
  {
    name: 'ECN',
    terminal: false,
    family: 'ipv4',
    tables: ['mangle'],
    protocols: ['tcp'],
    options: [
      flag('--ecn-tcp-remove', 'Clear the ECN bits.'),
      value('--ecn-tcp-cwr', 'Set the TCP CWR bit to 0 or 1.', 'number'),
      value('--ecn-tcp-ece', 'Set the TCP ECE bit to 0 or 1.', 'number'),
      value('--ecn-ip-ect', 'Set the IP ECT codepoint (0–3).', 'number'),
    ],
    summary: 'Clear ECN bits of TCP packets. mangle table.',
  },
  {
    name: 'DNPT',
    terminal: true,
    family: 'ipv6',
    tables: ['mangle'],
    options: [value('--src-pfx', 'Source prefix.'), value('--dst-pfx', 'Destination prefix.')],
    summary: 'IPv6 destination prefix translation.',
  },
  {
    name: 'SNPT',
    terminal: true,
    family: 'ipv6',
    tables: ['mangle'],
    options: [value('--src-pfx', 'Source prefix.'), value('--dst-pfx', 'Destination prefix.')],
    summary: 'IPv6 source prefix translation.',
  },
  {
    name: 'CLUSTERIP',
    terminal: false,
    family: 'ipv4',
    options: ['--hashmode', '--clustermac', '--total-nodes', '--local-node', '--hash-init']
      .map((n) => value(n, 'Cluster parameter.'))
      .concat([flag('--new', 'Create the cluster IP.')]),
    summary: 'Share one address between cluster nodes (obsolete).',
  },
] as const satisfies readonly TargetSpec[];

/** REJECT `--reject-with` answers per family; the second name of each pair is the short alias. */
export const rejectTypes = {
  ipv4: [
    ['icmp-net-unreachable', 'net-unreach'],
    ['icmp-host-unreachable', 'host-unreach'],
    ['icmp-proto-unreachable', 'proto-unreach'],
    ['icmp-port-unreachable', 'port-unreach'],
    ['icmp-net-prohibited', 'net-prohib'],
    ['icmp-host-prohibited', 'host-prohib'],
    ['icmp-admin-prohibited', 'admin-prohib'],
    ['tcp-reset', 'tcp-rst'],
  ],
  ipv6: [
    ['icmp6-no-route', 'no-route'],
    ['icmp6-adm-prohibited', 'adm-prohibited'],
    ['icmp6-addr-unreachable', 'addr-unreach'],
    ['icmp6-port-unreachable', 'port-unreach'],
    ['icmp6-policy-fail', 'policy-fail'],
    ['icmp6-reject-route', 'reject-route'],
    ['tcp-reset', 'tcp-reset'],
  ],
} as const;
