/** Completion items for option arguments (`args/kinds.ts` picks them by the kind of argument). */
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver-types';
import { ctStates, ctStatuses, stateMatchStates } from '../../data/iptables/conntrack';
import { icmpTypes, icmpv6Types } from '../../data/iptables/icmpTypes';
import { wellKnownPorts } from '../../data/iptables/ports';
import { protocols, type ProtocolInfo } from '../../data/iptables/protocols';
import type { OptionSpec } from '../../data/iptables/spec';
import { rejectTypes } from '../../data/iptables/targets';
import type { IpFamily } from '../ast';
import { allMatches, allTargets, fitsFamily } from './specs';
import { matchUsage, targetUsage, usageSortText } from '../../data/usageRank';

export function item(
  label: string,
  kind: CompletionItemKind,
  detail: string | undefined,
  doc?: string,
): CompletionItem {
  const it: CompletionItem = { label, kind };
  if (detail !== undefined) it.detail = detail;
  if (doc !== undefined) it.documentation = { kind: MarkupKind.Markdown, value: doc };
  return it;
}

const interfaces: ReadonlyArray<readonly [string, string]> = [
  ['lo', 'Loopback: traffic of the host to itself. Accept it early in INPUT.'],
  ['eth0', 'Usually the first wired interface (the public one on many cloud machines).'],
  ['eth1', 'Usually a second interface, often a private network.'],
  ['docker0', "Docker's default bridge: traffic of containers on the default network."],
  ['docker_gwbridge', "Docker Swarm's bridge connecting overlay networks to the host."],
  ['cni0', 'Bridge that Kubernetes CNI plugins (flannel, bridge) create for pods.'],
  ['flannel.1', "flannel's VXLAN interface carrying pod traffic between nodes."],
  ['+', 'Every interface (a trailing + matches every name with that prefix, e.g. eth+).'],
];

const logLevels: ReadonlyArray<readonly [string, string]> = [
  ['emerg', '0'],
  ['alert', '1'],
  ['crit', '2'],
  ['error', '3'],
  ['warning', '4'],
  ['notice', '5'],
  ['info', '6'],
  ['debug', '7'],
];

/** User chains of the table, as completion items. */
export function chainItems(chains: readonly string[], detail: string): CompletionItem[] {
  return chains.map((c) => item(c, CompletionItemKind.Function, detail));
}

/** Targets valid in the table (verdicts and extensions), plus the table's user chains. */
export function targetItems(
  table: string | undefined,
  family: IpFamily,
  userChains: readonly string[],
): CompletionItem[] {
  const targets = allTargets
    .filter(
      (t) =>
        fitsFamily(t, family) &&
        (table === undefined || t.tables === undefined || (t.tables as readonly string[]).includes(table)),
    )
    .map((t) => ({
      ...item(
        t.name,
        t.terminal ? CompletionItemKind.Keyword : CompletionItemKind.Event,
        t.terminal ? 'target: ends the walk' : 'target: continues with the next rule',
        t.summary,
      ),
      sortText: usageSortText(targetUsage, t.name),
    }));
  return [...targets, ...chainItems(userChains, 'user chain: jump there, come back on RETURN')];
}

export function matchItems(family: IpFamily): CompletionItem[] {
  return allMatches
    .filter((m) => fitsFamily(m, family))
    .map((m) => ({
      ...item(m.name, CompletionItemKind.Module, 'match module', m.summary),
      sortText: usageSortText(matchUsage, m.name),
    }));
}

export function protocolItems(family: IpFamily): CompletionItem[] {
  return (protocols as readonly ProtocolInfo[])
    .filter((p) => fitsFamily(p, family) && p.name !== 'ip')
    .map((p) => item(p.name, CompletionItemKind.EnumMember, `protocol ${p.number}`, p.summary));
}

/** Interface names most machines have, with what they usually carry. */
export function interfaceItems(): CompletionItem[] {
  return interfaces.map(([n, d]) => item(n, CompletionItemKind.Value, 'interface', d));
}

export function ctstateItems(): CompletionItem[] {
  return ctStates.map((s) => item(s.name, CompletionItemKind.EnumMember, 'conntrack state', s.summary));
}

export function stateItems(): CompletionItem[] {
  return ctStates
    .filter((s) => stateMatchStates.includes(s.name))
    .map((s) => item(s.name, CompletionItemKind.EnumMember, 'connection state', s.summary));
}

export function ctstatusItems(): CompletionItem[] {
  return ctStatuses.map((s) => item(s.name, CompletionItemKind.EnumMember, 'conntrack status', s.summary));
}

export function icmpTypeItems(family: IpFamily): CompletionItem[] {
  const list = family === 'ipv4' ? icmpTypes : icmpv6Types;
  return list.map((t) =>
    item(
      t.name,
      CompletionItemKind.EnumMember,
      'code' in t && t.code !== undefined ? `type ${t.type}/${t.code}` : `type ${t.type}`,
      t.summary,
    ),
  );
}

export function rejectTypeItems(family: IpFamily): CompletionItem[] {
  return rejectTypes[family].map(([name, alias]) =>
    item(name, CompletionItemKind.EnumMember, name === alias ? 'reject answer' : `reject answer (short: ${alias})`),
  );
}

export function logLevelItems(): CompletionItem[] {
  return logLevels.map(([n, num]) => item(n, CompletionItemKind.EnumMember, `log level ${num}`));
}

/** The option's own `values` (`enum`, `enum-list`). */
export function enumItems(spec: OptionSpec): CompletionItem[] {
  return (spec.values ?? []).map((v) => item(v, CompletionItemKind.EnumMember, 'value'));
}

export function portItems(): CompletionItem[] {
  return wellKnownPorts.map(([port, name, summary]) => ({
    ...item(String(port), CompletionItemKind.Value, name, summary),
    sortText: String(port).padStart(5, '0'),
  }));
}
