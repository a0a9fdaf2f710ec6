import type { RuleLine } from '../ast';
import { buildTable, type FlowChain, type FlowTable } from '../flow/chains';
import { formatAddress, parseCidr, type Cidr } from '../flow/cidr';
import { parseRulesSave } from '../parse';
import type { RuleSet } from './ruleSet';

/** A container port Docker publishes on the host (`-p [IP:]HOST:CONTAINER[/proto]`). */
export interface DockerPublication {
  readonly protocol: string;
  /** `8080` or `8000-8010`. */
  readonly hostPort: string;
  readonly containerPort: string;
  /** Host address the port is bound to, when one is given (`192.0.2.1`, `0.0.0.0`). */
  readonly hostIp?: string;
}

/** Docker's default bridge: its network and the host side's interface name. */
export interface DockerBridge {
  readonly subnet: string;
  readonly iface: string;
}

export const defaultBridge: DockerBridge = { subnet: '172.17.0.0/16', iface: 'docker0' };

/** The address Docker gives the n-th container (the bridge itself has the first one). */
export function containerAddress(bridge: DockerBridge, index: number): string {
  const net = parseCidr(bridge.subnet) as Cidr;
  return formatAddress(4, net.base + BigInt(index + 2));
}

/**
 * The rules Docker writes for published ports, as `iptables-save` text (the layout recorded in
 * docs/facts/docker-published-ports.md): one container per publication.
 */
export function dockerRulesText(pubs: readonly DockerPublication[], bridge: DockerBridge = defaultBridge): string {
  const br = bridge.iface;
  const nat = [
    '*nat',
    ':PREROUTING ACCEPT [0:0]',
    ':INPUT ACCEPT [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':POSTROUTING ACCEPT [0:0]',
    ':DOCKER - [0:0]',
    '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER',
    '-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER',
    `-A POSTROUTING -s ${bridge.subnet} ! -o ${br} -j MASQUERADE`,
    `-A DOCKER -i ${br} -j RETURN`,
  ];
  const accepts: string[] = [];
  pubs.forEach((p, i) => {
    const addr = containerAddress(bridge, i);
    const hostPorts = p.hostPort.replace('-', ':');
    const cport = p.containerPort.replace('-', ':');
    const dest = p.hostIp && p.hostIp !== '0.0.0.0' ? ` -d ${p.hostIp}/32` : '';
    nat.push(
      `-A DOCKER${dest} ! -i ${br} -p ${p.protocol} -m ${p.protocol} --dport ${hostPorts} -j DNAT --to-destination ${addr}:${p.containerPort}`,
    );
    accepts.push(
      `-A DOCKER -d ${addr}/32 ! -i ${br} -o ${br} -p ${p.protocol} -m ${p.protocol} --dport ${cport} -j ACCEPT`,
    );
  });
  nat.push('COMMIT');
  const filter = [
    '*filter',
    ':INPUT ACCEPT [0:0]',
    ':FORWARD DROP [0:0]',
    ':OUTPUT ACCEPT [0:0]',
    ':DOCKER - [0:0]',
    ':DOCKER-ISOLATION-STAGE-1 - [0:0]',
    ':DOCKER-ISOLATION-STAGE-2 - [0:0]',
    ':DOCKER-USER - [0:0]',
    '-A FORWARD -j DOCKER-USER',
    '-A FORWARD -j DOCKER-ISOLATION-STAGE-1',
    `-A FORWARD -o ${br} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
    `-A FORWARD -o ${br} -j DOCKER`,
    `-A FORWARD -i ${br} ! -o ${br} -j ACCEPT`,
    `-A FORWARD -i ${br} -o ${br} -j ACCEPT`,
    ...accepts,
    `-A DOCKER-ISOLATION-STAGE-1 -i ${br} ! -o ${br} -j DOCKER-ISOLATION-STAGE-2`,
    '-A DOCKER-ISOLATION-STAGE-1 -j RETURN',
    `-A DOCKER-ISOLATION-STAGE-2 -o ${br} -j DROP`,
    '-A DOCKER-ISOLATION-STAGE-2 -j RETURN',
    '-A DOCKER-USER -j RETURN',
    'COMMIT',
  ];
  return `${[...nat, ...filter].join('\n')}\n`;
}

function copyChain(c: FlowChain): FlowChain {
  return { name: c.name, builtin: c.builtin, policy: c.policy, rules: [...c.rules] };
}

/** Combine the user's table with Docker's as the daemon does when it starts after the rules were loaded. */
function mergeTable(user: FlowTable | undefined, docker: FlowTable): FlowTable {
  const chains = new Map<string, FlowChain>();
  if (user) for (const [name, c] of user.chains) chains.set(name, copyChain(c));
  const table = docker.block.name.value;
  for (const [name, d] of docker.chains) {
    const mine = chains.get(name);
    if (!mine) {
      // Built-in chains of a table the user's file does not load: kernel defaults (ACCEPT) plus Docker's rules.
      chains.set(name, { ...copyChain(d), policy: d.builtin ? undefined : d.policy });
      continue;
    }
    if (table === 'filter' && name === 'FORWARD') mine.rules = [...d.rules, ...mine.rules];
    else if (name === 'DOCKER-USER') continue;
    else if (d.builtin) mine.rules = [...mine.rules, ...d.rules];
    else mine.rules = [...d.rules];
  }
  return { block: user?.block ?? docker.block, chains };
}

/**
 * The rule set with Docker's rules for these publications added (IPv4; IPv6 publications go through the host's proxy).
 */
export function withDocker(
  set: RuleSet,
  pubs: readonly DockerPublication[],
  bridge: DockerBridge = defaultBridge,
): RuleSet {
  if (set.family !== 'ipv4' || pubs.length === 0) return set;
  const text = dockerRulesText(pubs, bridge);
  const file = parseRulesSave(text, 'ipv4');
  const dockerLines = new WeakSet<RuleLine>();
  const tables = new Map(set.tables);
  for (const block of file.tables) {
    for (const r of block.rules) dockerLines.add(r);
    const docker = buildTable(block, text);
    tables.set(block.name.value, mergeTable(set.tables.get(block.name.value), docker));
  }
  return {
    family: set.family,
    tables,
    textOf: (line) => (dockerLines.has(line) ? text : set.textOf(line)),
    originOf: (line) => (dockerLines.has(line) ? 'docker' : set.originOf(line)),
    bridges: [...set.bridges, { cidr: parseCidr(bridge.subnet) as Cidr, iface: bridge.iface }],
  };
}
