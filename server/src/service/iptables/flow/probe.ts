import { cidrContains, cidrOverlaps, isNonPublic, type Cidr } from './cidr';
import type { Cond, RuleConditions } from './conditions';
import type { PortRange } from './ports';
import { portsInclude } from './ports';

/** Whether a rule matches a packet: certainly, certainly not, or it depends on what we cannot know. */
export type Match = 'yes' | 'no' | 'maybe';

/** Where a packet comes from or goes to. */
export type AddressKind =
  /** Any address at all (the administrator's own address, the host's address). */
  | { readonly kind: 'any' }
  /** Some public internet host. */
  | { readonly kind: 'internet' }
  /** An address inside this network. */
  | { readonly kind: 'within'; readonly cidr: Cidr };

/** Which interface a packet uses. */
export type InterfaceKind =
  | { readonly kind: 'name'; readonly name: string }
  /** Some interface other than loopback. */
  | { readonly kind: 'not-loopback' }
  /** The interface facing the outside world (eth0, ens3…), name unknown. */
  | { readonly kind: 'external' }
  | { readonly kind: 'unknown' };

/** An imagined packet walked through the chains. Undefined fields are unknown. */
export interface Probe {
  readonly proto: string | undefined;
  readonly src: AddressKind;
  readonly dst: AddressKind;
  readonly inIface: InterfaceKind;
  readonly outIface: InterfaceKind;
  readonly sport: number | undefined;
  readonly dport: number | undefined;
  readonly state: 'NEW' | 'ESTABLISHED' | 'RELATED';
  readonly syn: boolean | undefined;
  /** ICMP type spellings the packet answers to (`135`, `neighbour-solicitation`); undefined = unknown type. */
  readonly icmpType?: readonly string[];
}

function negate(m: Match, negated: boolean): Match {
  if (!negated || m === 'maybe') return m;
  return m === 'yes' ? 'no' : 'yes';
}

function matchAddress(cidrs: readonly Cidr[] | undefined, probe: AddressKind): Match {
  if (cidrs === undefined) return 'maybe';
  if (cidrs.some((c) => c.prefix === 0)) return 'yes';
  switch (probe.kind) {
    case 'any':
      return 'maybe';
    case 'internet':
      return cidrs.every(isNonPublic) ? 'no' : 'maybe';
    case 'within':
      if (cidrs.some((c) => cidrContains(c, probe.cidr))) return 'yes';
      return cidrs.some((c) => cidrOverlaps(c, probe.cidr)) ? 'maybe' : 'no';
  }
}

const externalName = /^(eth|en[a-z0-9]|em\d|wl|bond|venet|ppp|p\d+p\d+)/;
const internalName =
  /^(docker|br-|cni|flannel|cali|weave|veth|virbr|vxlan|tun|tap|wg|tailscale|zt|kube|lxc|lxd|vmbr|podman|cilium|vnet)/;

function matchInterface(pattern: string, probe: InterfaceKind): Match {
  const wildcard = pattern.endsWith('+');
  const stem = wildcard ? pattern.slice(0, -1) : pattern;
  const fits = (name: string): boolean => (wildcard ? name.startsWith(stem) : name === stem);
  if (wildcard && stem === '') return 'yes';
  switch (probe.kind) {
    case 'name':
      return fits(probe.name) ? 'yes' : 'no';
    case 'not-loopback':
      return pattern === 'lo' ? 'no' : 'maybe';
    case 'external':
      if (fits('lo')) return 'no';
      if (externalName.test(stem)) return 'yes';
      return internalName.test(stem) ? 'no' : 'maybe';
    case 'unknown':
      return 'maybe';
  }
}

function matchPorts(ranges: readonly PortRange[] | undefined, port: number | undefined): Match {
  if (ranges === undefined) return 'maybe';
  if (ranges.some((r) => r.from === 0 && r.to === 65535)) return 'yes';
  if (port === undefined) return 'maybe';
  return portsInclude(ranges, port) ? 'yes' : 'no';
}

function matchStates(states: ReadonlySet<string>, state: Probe['state']): Match {
  if (states.has(state)) return 'yes';
  return states.has('SNAT') || states.has('DNAT') ? 'maybe' : 'no';
}

function check<T>(cond: Cond<T> | undefined, test: (v: T) => Match): Match {
  return cond === undefined ? 'yes' : negate(test(cond.value), cond.negated);
}

/** Does the rule match the probe packet? Conditions are checked in turn; the first `no` decides. */
export function matchRule(c: RuleConditions, p: Probe): Match {
  let maybe = c.opaque.length > 0;
  const add = (m: Match): boolean => {
    if (m === 'maybe') maybe = true;
    return m === 'no';
  };
  if (
    add(check(c.proto, (v) => (v === 'all' ? 'yes' : p.proto === undefined ? 'maybe' : v === p.proto ? 'yes' : 'no')))
  )
    return 'no';
  if (add(check(c.dport, (v) => matchPorts(v, p.dport)))) return 'no';
  if (add(check(c.src, (v) => matchAddress(v, p.src)))) return 'no';
  if (add(check(c.dst, (v) => matchAddress(v, p.dst)))) return 'no';
  if (add(check(c.inIface, (v) => matchInterface(v, p.inIface)))) return 'no';
  if (add(check(c.outIface, (v) => matchInterface(v, p.outIface)))) return 'no';
  if (add(check(c.sport, (v) => matchPorts(v, p.sport)))) return 'no';
  if (
    add(
      check(c.anyPort, (v) => {
        const a = matchPorts(v, p.sport);
        const b = matchPorts(v, p.dport);
        return a === 'yes' || b === 'yes' ? 'yes' : a === 'no' && b === 'no' ? 'no' : 'maybe';
      }),
    )
  )
    return 'no';
  if (add(check(c.states, (v) => matchStates(v, p.state)))) return 'no';
  if (
    add(
      check(c.icmpType, (v) =>
        v === 'any' && p.proto === 'icmp'
          ? 'yes'
          : p.icmpType
            ? p.icmpType.includes(v.toLowerCase())
              ? 'yes'
              : 'no'
            : 'maybe',
      ),
    )
  )
    return 'no';
  if (add(check(c.syn, () => (p.syn === undefined ? 'maybe' : p.syn ? 'yes' : 'no')))) return 'no';
  if (add(check(c.fragment, () => 'no'))) return 'no';
  return maybe ? 'maybe' : 'yes';
}
