/** Hover texts for option arguments: addresses, ports, protocols, states, ICMP types, interfaces. */
import { ctStates, ctStatuses } from '../../data/iptables/conntrack';
import { icmpTypes, icmpv6Types, lookupIcmpType } from '../../data/iptables/icmpTypes';
import { wellKnownPort } from '../../data/iptables/ports';
import { lookupProtocol } from '../../data/iptables/protocols';
import { rejectTypes } from '../../data/iptables/targets';
import type { IpFamily } from '../ast';
import { cidrLast, cidrSize, describeSpace, formatAddress, formatCidr, parseCidr } from '../flow/cidr';
import { parsePortRange, serviceName } from '../flow/ports';

function count(n: bigint): string {
  if (n >= 1n << 32n) {
    const log = n.toString(2).length - 1;
    return `2^${log}`;
  }
  return n.toLocaleString('en-US');
}

/** `10.244.0.0/16` → first and last address, how many, what kind of space. */
export function addressHover(word: string): string {
  const lines: string[] = [];
  for (const part of word.split(',')) {
    const cidr = parseCidr(part);
    if (!cidr) {
      lines.push(
        `\`${part}\` is not an address: iptables looks the name up once, when the rules load. If DNS is not ready then (early boot), loading fails; later address changes are never seen.`,
      );
      continue;
    }
    const size = cidrSize(cidr);
    const space = describeSpace(cidr);
    const canonical = formatCidr(cidr);
    const head =
      size === 1n
        ? `\`${part}\`: the single address ${formatAddress(cidr.family, cidr.base)}`
        : `\`${part}\`: ${formatAddress(cidr.family, cidr.base)} – ${formatAddress(cidr.family, cidrLast(cidr))} (${count(size)} addresses)`;
    const notes: string[] = [];
    if (space) notes.push(space);
    if (cidr.prefix === 0) notes.push('every address');
    const written = part.includes('/') ? part.slice(0, part.indexOf('/')) : part;
    const writtenBase = parseCidr(written);
    if (part.includes('/') && writtenBase && writtenBase.base !== cidr.base)
      notes.push(`host bits are ignored: this is ${canonical}`);
    lines.push(notes.length > 0 ? `${head} — ${notes.join('; ')}` : head);
  }
  if (word.includes(',')) lines.push('A comma list becomes one rule per address when the rules load.');
  return lines.join('\n\n');
}

function portLine(part: string): string {
  const range = parsePortRange(part);
  if (!range) return `\`${part}\`: not a port number or a known service name; the rule fails to load.`;
  if (range.from !== range.to)
    return `\`${part}\`: ports ${range.from} to ${range.to} (${range.to - range.from + 1} ports)`;
  const port = range.from;
  const known = wellKnownPort(port);
  const service = serviceName(port);
  const named = /^\d+$/.test(part) ? '' : ` (port ${port})`;
  if (known) return `\`${part}\`${named}: ${known.name} — ${known.summary}`;
  if (service) return `\`${part}\`${named}: ${service}`;
  return `\`${part}\`${named}: port ${port}`;
}

export function portHover(word: string): string {
  return word.split(',').map(portLine).join('\n\n');
}

export function protocolHover(word: string): string {
  const p = lookupProtocol(word);
  if (!p) return `\`${word}\` is not a protocol iptables knows: the rule fails to load.`;
  return `**Protocol ${p.name}** (IP protocol ${p.number})\n\n${p.summary}`;
}

export function stateHover(word: string): string {
  const all = [...ctStates, ...ctStatuses];
  return word
    .split(',')
    .map((s) => {
      const hit = all.find((x) => x.name === s.toUpperCase());
      return hit ? `**${hit.name}**: ${hit.summary}` : `\`${s}\`: not a known state; the rule fails to load.`;
    })
    .join('\n\n');
}

export function icmpHover(word: string, family: IpFamily): string {
  const found = lookupIcmpType(word, family);
  if (!found.ok)
    return `\`${word}\`: not an ${family === 'ipv4' ? 'ICMP' : 'ICMPv6'} type ${family === 'ipv4' ? 'iptables' : 'ip6tables'} knows.`;
  const t = found.type;
  const list: readonly { name: string; type: number; code?: number; aliasOf?: string; summary: string }[] =
    family === 'ipv4' ? icmpTypes : icmpv6Types;
  if (!t) return numericIcmpHover(word, family, list);
  const names = list.filter((x) => x.type === t.type && x.code === t.code).map((x) => x.name);
  const num = t.code === undefined ? `type ${t.type}` : `type ${t.type}, code ${t.code}`;
  return `**${t.name}** (${num}${names.length > 1 ? `; also written ${names.filter((n) => n !== t.name).join(', ')}` : ''})\n\n${t.summary}`;
}

/** A numeric `TYPE` or `TYPE/CODE`: the name iptables gives it, when it has one. */
function numericIcmpHover(
  word: string,
  family: IpFamily,
  list: readonly { name: string; type: number; code?: number; aliasOf?: string; summary: string }[],
): string {
  const what = `ICMP${family === 'ipv6' ? 'v6' : ''}`;
  const m = /^(\d{1,3})(?:\/(\d{1,3}))?$/.exec(word);
  if (!m) return `${what} type/code \`${word}\`.`;
  const type = Number(m[1]);
  const code = m[2] === undefined ? undefined : Number(m[2]);
  const named = list.filter((x) => x.name !== 'any' && !x.aliasOf && x.type === type);
  const exact = named.find((x) => x.code === code);
  const num = code === undefined ? `type ${type}` : `type ${type}, code ${code}`;
  if (exact) return `**${exact.name}** (${what} ${num})\n\n${exact.summary}`;
  const whole = named.find((x) => x.code === undefined);
  if (whole)
    return `${what} ${num}: **${whole.name}**${code === undefined ? '' : ` with code ${code}`}\n\n${whole.summary}`;
  return `${what} ${num}: no name in ${family === 'ipv4' ? 'iptables' : 'ip6tables'}' list of types (a rarely used or unassigned type).`;
}

const interfaceNotes: Readonly<Record<string, string>> = {
  lo: 'The loopback interface: the host talking to itself (127.0.0.1, ::1).',
  docker0: "Docker's default bridge.",
  docker_gwbridge: "Docker Swarm's bridge between overlay networks and the host.",
  cni0: 'The pod bridge of Kubernetes CNI plugins.',
  'flannel.1': "flannel's VXLAN interface between nodes.",
};

export function interfaceHover(word: string): string {
  const note = interfaceNotes[word];
  if (word.endsWith('+'))
    return `Interface pattern \`${word}\`: every interface whose name starts with \`${word.slice(0, -1)}\`${word === '+' ? ' (that is, all of them)' : ''}.`;
  const base = `Interface \`${word}\``;
  const limit = word.length > 15 ? ' — longer than 15 characters: the rule fails to load.' : '';
  return note ? `${base}: ${note}${limit}` : `${base}.${limit}`;
}

const rejectMeaning: Readonly<Record<string, string>> = {
  'net-unreach': 'network unreachable',
  'host-unreach': 'host unreachable',
  'proto-unreach': 'protocol unreachable',
  'port-unreach': 'port unreachable (the default: looks like nothing listens there)',
  'net-prohib': 'network prohibited',
  'host-prohib': 'host prohibited',
  'admin-prohib': 'administratively prohibited',
  'no-route': 'no route to destination',
  'adm-prohibited': 'administratively prohibited',
  'addr-unreach': 'address unreachable',
  'policy-fail': 'failed ingress/egress policy',
  'reject-route': 'reject route to destination',
};

/** `--reject-with` values: what the sender gets back. */
export function rejectHover(word: string, family: IpFamily): string {
  if (word === 'tcp-reset' || word === 'tcp-rst') {
    return '`tcp-reset`: answer with a TCP reset, so the client sees "connection refused" at once. The rule must match TCP only (`-p tcp`), or the kernel refuses it when the rules load.';
  }
  const pairs = family === 'ipv4' ? rejectTypes.ipv4 : rejectTypes.ipv6;
  const pair = pairs.find(([name, alias]) => name === word || alias === word);
  if (!pair) {
    const other = (family === 'ipv4' ? rejectTypes.ipv6 : rejectTypes.ipv4).some(
      ([name, alias]) => name === word || alias === word,
    );
    return other
      ? `\`${word}\` is an ${family === 'ipv4' ? 'ip6tables' : 'iptables'} answer; ${family === 'ipv4' ? 'iptables' : 'ip6tables'} refuses it.`
      : `\`${word}\` is not a REJECT answer ${family === 'ipv4' ? 'iptables' : 'ip6tables'} knows.`;
  }
  const meaning = rejectMeaning[pair[1]] ?? pair[0];
  return `\`${word}\`: answer with an ICMP${family === 'ipv6' ? 'v6' : ''} error "${meaning}"${pair[0] !== word ? ` (short for \`${pair[0]}\`)` : ''}.`;
}
