import type { OptionUse, RuleLine } from '../ast';
import { cidrContains, cidrOverlaps, parseCidr, type Cidr } from '../flow/cidr';
import type { Cond, RuleConditions } from '../flow/conditions';
import { parsePortList, portsInclude, type PortRange } from '../flow/ports';
import type { PacketView } from './packet';

/** Whether a rule matches the traced packet; `maybe` says on what it depends, in a few words. */
export type PacketMatch =
  { readonly m: 'yes' } | { readonly m: 'no' } | { readonly m: 'maybe'; readonly reason: string };

const yes: PacketMatch = { m: 'yes' };
const no: PacketMatch = { m: 'no' };
const maybe = (reason: string): PacketMatch => ({ m: 'maybe', reason });

function negate(r: PacketMatch, negated: boolean): PacketMatch {
  if (!negated || r.m === 'maybe') return r;
  return r.m === 'yes' ? no : yes;
}

const placeholder = /\$\{?\w+\}?|\{\{[^}]*\}\}|%\w+%|@\w+@/;

/** Why a value could not be read: a template placeholder, or some other word. */
function unreadable(o: OptionUse | undefined, what: string): string {
  const text = o ? `${o.name.value} ${o.args.map((a) => a.value).join(' ')}`.trim() : what;
  const hole = placeholder.exec(text);
  return hole ? `placeholder \`${hole[0]}\`` : `cannot read \`${text}\` as ${what}`;
}

function addressMatch(
  cidrs: readonly Cidr[] | undefined,
  addr: Cidr | undefined,
  o: OptionUse | undefined,
  side: string,
): PacketMatch {
  if (cidrs === undefined) return maybe(unreadable(o, 'an address'));
  if (cidrs.some((c) => c.prefix === 0 && (addr === undefined || c.family === addr.family))) return yes;
  if (addr === undefined)
    return maybe(`depends on the host's ${side} address (\`${o ? o.args.map((a) => a.value).join(' ') : ''}\`)`);
  if (cidrs.some((c) => cidrContains(c, addr))) return yes;
  return cidrs.some((c) => cidrOverlaps(c, addr)) ? maybe(`depends on the ${side} address`) : no;
}

/** Interfaces a packet from the internet never arrives on: loopback and container bridges. */
const insideInterface = /^(lo$|docker\d*$|br-|veth|cni|virbr|lxcbr|podman)/;

function interfaceMatch(pattern: string, name: string | undefined, side: string, unknown = false): PacketMatch {
  const wildcard = pattern.endsWith('+');
  const stem = wildcard ? pattern.slice(0, -1) : pattern;
  if (wildcard && stem === '') return yes;
  if (unknown) {
    if (insideInterface.test(wildcard ? stem : pattern)) return no;
    return maybe(`depends on interface \`${pattern}\``);
  }
  if (name === undefined) return maybe(`depends on the ${side} interface (\`${pattern}\`)`);
  return (wildcard ? name.startsWith(stem) : name === stem) ? yes : no;
}

function portMatch(
  ranges: readonly PortRange[] | undefined,
  port: number | undefined,
  o: OptionUse | undefined,
): PacketMatch {
  if (ranges === undefined) return maybe(unreadable(o, 'ports'));
  if (port === undefined) return maybe('depends on the port');
  return portsInclude(ranges, port) ? yes : no;
}

const icmpNames: Readonly<Record<string, string>> = {
  'echo-request': 'echo-request',
  ping: 'echo-request',
  '8': 'echo-request',
  '8/0': 'echo-request',
  '128': 'echo-request',
  '128/0': 'echo-request',
  'echo-reply': 'echo-reply',
  pong: 'echo-reply',
  '0': 'echo-reply',
  '0/0': 'echo-reply',
  '129': 'echo-reply',
};

function icmpTypeMatch(value: string, p: PacketView): PacketMatch {
  if (p.proto !== 'icmp' && p.proto !== 'icmpv6') return no;
  if (value === 'any') return yes;
  if (p.icmpType === undefined) return maybe('depends on the ICMP type');
  const named = icmpNames[value.toLowerCase()];
  if (named !== undefined) return named === p.icmpType ? yes : no;
  // Any other type name or number names a type other than echo request/reply.
  return /^[a-z-]+$|^\d+(\/\d+)?$/i.test(value) ? no : maybe(`cannot read ICMP type \`${value}\``);
}

function stateMatch(states: ReadonlySet<string>, p: PacketView): PacketMatch {
  if (states.has(p.state)) return yes;
  if (states.has('DNAT') && p.dnat) return yes;
  return no;
}

const tcpFlagBits = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'] as const;

function flagSet(text: string): Set<string> | undefined {
  const up = text.toUpperCase();
  if (up === 'ALL') return new Set(tcpFlagBits);
  if (up === 'NONE') return new Set();
  const words = up.split(',');
  return words.every((w) => (tcpFlagBits as readonly string[]).includes(w)) ? new Set(words) : undefined;
}

/** The TCP flags of the traced packet: a SYN for a new connection, the host's SYN-ACK answer, an ACK otherwise. */
function packetFlags(p: PacketView): Set<string> {
  if (p.reply) return new Set(['SYN', 'ACK']);
  return new Set(p.state === 'NEW' && !p.midStream ? ['SYN'] : ['ACK']);
}

function rangeMatch(text: string | undefined, addr: Cidr | undefined): PacketMatch {
  if (text === undefined) return maybe('cannot read the address range');
  const [a, b] = text.split('-');
  const from = a === undefined ? undefined : parseCidr(a);
  const to = parseCidr(b ?? a ?? '');
  if (!from || !to) return maybe(unreadable(undefined, `address range \`${text}\``));
  if (!addr) return maybe("depends on the host's address");
  if (addr.family !== from.family) return no;
  return addr.base >= from.base && addr.base <= to.base ? yes : no;
}

/**
 * `-m addrtype` for a unicast address that is or is not one of the host's own. IPv4 gives an address
 * one type from the local routing table: the host's own address is LOCAL and not UNICAST, any other
 * unicast address UNICAST; a list of types matches any of them. IPv6 tests the address's class
 * (UNICAST, MULTICAST, UNSPEC) and, when the list names LOCAL, ANYCAST or UNREACHABLE, the route as
 * well, and both must hold: the host's own address is UNICAST and LOCAL, `LOCAL,UNICAST` matches only
 * the host's own address. Measured with real packets in network namespaces, legacy and nft alike
 * (docs/facts/kernel-tracer.md, "addrtype of the host's own address").
 */
function addressTypeMatch(types: readonly string[], local: boolean, family: 4 | 6): boolean {
  if (family === 4) return types.some((t) => (t === 'LOCAL' ? local : t === 'UNICAST' ? !local : false));
  if (types.includes('MULTICAST') || types.includes('UNSPEC')) return false;
  const routed = types.filter((t) => t === 'LOCAL' || t === 'ANYCAST' || t === 'UNREACHABLE');
  if (routed.length === 0) return types.includes('UNICAST');
  return local && routed.includes('LOCAL');
}

/** Modules whose options are judged below: the `-m NAME` word itself adds nothing. */
const judgedModules = new Set([
  'set',
  'limit',
  'hashlimit',
  'recent',
  'addrtype',
  'tcp',
  'pkttype',
  'iprange',
  'conntrack',
  'connlimit',
  'mark',
  'connmark',
  'owner',
]);

/** Judge one option the flow conditions do not read. */
function opaqueMatch(o: OptionUse, p: PacketView): PacketMatch {
  const name = o.name.value;
  const arg = o.args[0]?.value;
  const neg = o.negation !== undefined;
  switch (name) {
    case '-m':
    case '--match':
      return arg !== undefined && judgedModules.has(arg) ? yes : maybe(`rule tests \`-m ${arg ?? ''}\``);
    case '--match-set':
    case '--set':
      if (name === '--set' && o.args.length === 0) return yes; // recent --set: records and matches
      return maybe(`depends on set \`${arg ?? ''}\``);
    case '--limit':
    case '--limit-burst':
    case '--hashlimit':
    case '--hashlimit-upto':
    case '--hashlimit-above':
    case '--hashlimit-burst':
    case '--hashlimit-mode':
    case '--hashlimit-name':
    case '--hashlimit-htable-expire':
    case '--hashlimit-srcmask':
    case '--hashlimit-dstmask':
    case '--hashlimit-htable-size':
    case '--hashlimit-htable-max':
    case '--hashlimit-htable-gcinterval':
      return maybe(`rate limit (\`${name} ${arg ?? ''}\`)`.replace(' )', ')'));
    case '--rcheck':
    case '--update':
    case '--remove':
      return maybe('depends on the `recent` list (earlier packets from the source)');
    case '--seconds':
    case '--hitcount':
    case '--name':
    case '--rsource':
    case '--rdest':
    case '--rttl':
    case '--reap':
    case '--mask':
      return yes; // qualifiers of a recent test judged by --rcheck/--update
    case '--connlimit-above':
    case '--connlimit-upto':
    case '--connlimit-mask':
    case '--connlimit-saddr':
    case '--connlimit-daddr':
      return maybe('depends on how many connections the source already has (connlimit)');
    case '--dst-type':
    case '--src-type': {
      const types = (arg ?? '').toUpperCase().split(',');
      const local = name === '--dst-type' ? p.local : p.fromHost === true;
      return negate(addressTypeMatch(types, local, p.family) ? yes : no, neg);
    }
    case '--limit-iface-in':
    case '--limit-iface-out':
      return yes;
    case '--tcp-flags': {
      if (p.proto !== 'tcp') return no;
      const mask = flagSet(o.args[0]?.value ?? '');
      const comp = flagSet(o.args[1]?.value ?? '');
      if (!mask || !comp) return maybe(`cannot read \`--tcp-flags ${o.args.map((a) => a.value).join(' ')}\``);
      const have = packetFlags(p);
      const ok = [...mask].every((f) => have.has(f) === comp.has(f));
      return negate(ok ? yes : no, neg);
    }
    case '--tcp-option':
      return maybe('depends on TCP options');
    case '--pkt-type':
      return negate(arg === 'unicast' || arg === 'host' ? yes : no, neg);
    case '--src-range':
      return negate(rangeMatch(arg, p.src), neg);
    case '--dst-range':
      return negate(rangeMatch(arg, p.dst), neg);
    case '--ctorigdstport':
    case '--ctorigsrcport':
    case '--ctrepldstport':
    case '--ctreplsrcport': {
      if (p.reply) return maybe(`depends on \`${name}\``);
      const ranges = arg === undefined ? undefined : parsePortList(arg);
      const port =
        name === '--ctorigdstport' ? (p.origDport ?? p.dport) : name === '--ctorigsrcport' ? p.sport : undefined;
      return negate(port === undefined ? maybe(`depends on \`${name}\``) : portMatch(ranges, port, o), neg);
    }
    case '--ctorigdst':
    case '--ctorigsrc': {
      if (p.reply) return maybe(`depends on \`${name}\``);
      const c = arg === undefined ? undefined : parseCidr(arg);
      const addr = name === '--ctorigdst' ? (p.origDst ?? p.dst) : p.src;
      return negate(addressMatch(c ? [c] : undefined, addr, o, name === '--ctorigdst' ? 'destination' : 'source'), neg);
    }
    case '--ctdir':
      return negate((arg === 'ORIGINAL') === !p.reply ? yes : no, neg);
    case '--ctstatus':
      return maybe('depends on the connection status (`--ctstatus`)');
    case '--mark':
      return maybe('depends on the packet mark');
    default:
      return maybe(`rule tests \`${name}\``);
  }
}

function check<T>(cond: Cond<T> | undefined, test: (v: T) => PacketMatch): PacketMatch {
  return cond === undefined ? yes : negate(test(cond.value), cond.negated);
}

function optionFor(rule: RuleLine, names: readonly string[]): OptionUse | undefined {
  return rule.options.find((o) => names.includes(o.name.value));
}

/** Does the rule match the packet? The first certain `no` decides; otherwise the first `maybe` says why. */
export function matchPacket(line: RuleLine, c: RuleConditions, p: PacketView): PacketMatch {
  let doubt: PacketMatch | undefined;
  const tests: Array<() => PacketMatch> = [
    () => check(c.proto, (v) => (v === 'all' ? yes : v === p.proto ? yes : no)),
    () =>
      check(c.dport, (v) =>
        portMatch(v, p.dport, optionFor(line, ['--dport', '--dports', '--destination-port', '--destination-ports'])),
      ),
    () => check(c.src, (v) => addressMatch(v, p.src, optionFor(line, ['-s', '--source', '--src']), 'source')),
    () => check(c.dst, (v) => addressMatch(v, p.dst, optionFor(line, ['-d', '--destination', '--dst']), 'destination')),
    () => check(c.inIface, (v) => interfaceMatch(v, p.inIface, 'input', p.inIfaceUnknown === true)),
    () => check(c.outIface, (v) => interfaceMatch(v, p.outIface, 'output')),
    () =>
      check(c.sport, (v) =>
        portMatch(v, p.sport, optionFor(line, ['--sport', '--sports', '--source-port', '--source-ports'])),
      ),
    () =>
      check(c.anyPort, (v) => {
        const a = portMatch(v, p.sport, undefined);
        const b = portMatch(v, p.dport, undefined);
        return a.m === 'yes' || b.m === 'yes' ? yes : a.m === 'no' && b.m === 'no' ? no : maybe('depends on the ports');
      }),
    () => check(c.states, (v) => stateMatch(v, p)),
    () => check(c.icmpType, (v) => icmpTypeMatch(v, p)),
    () => check(c.syn, () => (p.proto !== 'tcp' ? no : p.state === 'NEW' && !p.midStream && !p.reply ? yes : no)),
    () => check(c.fragment, () => no),
    ...c.opaque.map((o) => () => opaqueMatch(o, p)),
  ];
  if (c.repeated) doubt = maybe('the rule repeats a condition');
  for (const t of tests) {
    const r = t();
    if (r.m === 'no') return no;
    if (r.m === 'maybe' && !doubt) doubt = r;
  }
  return doubt ?? yes;
}
