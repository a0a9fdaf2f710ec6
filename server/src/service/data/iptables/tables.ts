/** The five tables of iptables-restore and the built-in chains each one has (the kernel hooks). */

export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';
export type TableName = 'filter' | 'nat' | 'mangle' | 'raw' | 'security';

export interface TableInfo {
  readonly name: TableName;
  readonly chains: readonly Hook[];
  readonly summary: string;
}

export const tables = [
  {
    name: 'filter',
    chains: ['INPUT', 'FORWARD', 'OUTPUT'],
    summary: 'Packet filtering: decides what is accepted or dropped. The default table.',
  },
  {
    name: 'nat',
    chains: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
    summary: 'Address translation. Only the first packet of each connection passes through it; DROP is refused here.',
  },
  {
    name: 'mangle',
    chains: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
    summary: 'Changes packet headers and marks (MARK, TOS, TTL, TCPMSS).',
  },
  {
    name: 'raw',
    chains: ['PREROUTING', 'OUTPUT'],
    summary: 'Runs before connection tracking; used to exempt traffic from it (NOTRACK, CT).',
  },
  {
    name: 'security',
    chains: ['INPUT', 'FORWARD', 'OUTPUT'],
    summary: 'SELinux and other mandatory access control marks (SECMARK, CONNSECMARK).',
  },
] as const satisfies readonly TableInfo[];

export const hookSummaries: Readonly<Record<Hook, string>> = {
  PREROUTING: 'Every incoming packet, before the routing decision.',
  INPUT: 'Packets addressed to this host itself.',
  FORWARD: "Packets routed through this host (containers, VPN peers, a router's clients).",
  OUTPUT: 'Packets this host sends.',
  POSTROUTING: 'Every outgoing packet, after the routing decision.',
};

/** Policies a built-in chain accepts; user chains take `-`. */
export const builtinPolicies: readonly string[] = ['ACCEPT', 'DROP'];

export function tableInfo(name: string): TableInfo | undefined {
  return (tables as readonly TableInfo[]).find((t) => t.name === name);
}

export function isHook(name: string): name is Hook {
  return name === 'PREROUTING' || name === 'INPUT' || name === 'FORWARD' || name === 'OUTPUT' || name === 'POSTROUTING';
}

/** Whether `chain` is a built-in chain of `table`. */
export function isBuiltinChain(table: string, chain: string): boolean {
  return tableInfo(table)?.chains.some((c) => c === chain) ?? false;
}
