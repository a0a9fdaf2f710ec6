/** Commands and the options every rule has, before any `-m` module is loaded. */
import type { OptionSpec } from './spec';

export interface CommandSpec {
  readonly name: string;
  readonly aliases: readonly string[];
  /** Words after the command: chain first. `optional` counts the trailing ones that may be left out. */
  readonly words: number;
  readonly optional: number;
  /** Takes rule options (`-p`, `-j`…) after the chain. */
  readonly takesRule: boolean;
  readonly summary: string;
}

export const commands = [
  {
    name: '-A',
    aliases: ['--append'],
    words: 1,
    optional: 0,
    takesRule: true,
    summary: 'Append the rule at the end of the chain. What iptables-save writes.',
  },
  {
    name: '-I',
    aliases: ['--insert'],
    words: 2,
    optional: 1,
    takesRule: true,
    summary: 'Insert the rule at a position (default 1, the top of the chain).',
  },
  {
    name: '-R',
    aliases: ['--replace'],
    words: 2,
    optional: 0,
    takesRule: true,
    summary: 'Replace the rule at a position; the chain must already have that many rules.',
  },
  {
    name: '-D',
    aliases: ['--delete'],
    words: 2,
    optional: 1,
    takesRule: true,
    summary:
      'Delete a rule by position or by its exact specification; fails when no such rule exists at that point of the load.',
  },
  {
    name: '-C',
    aliases: ['--check'],
    words: 1,
    optional: 0,
    takesRule: true,
    summary: 'Check whether the rule exists (fails when it does not).',
  },
  {
    name: '-N',
    aliases: ['--new-chain', '--new'],
    words: 1,
    optional: 0,
    takesRule: false,
    summary: 'Create a user chain (like a `:NAME - [0:0]` line).',
  },
  {
    name: '-X',
    aliases: ['--delete-chain'],
    words: 1,
    optional: 1,
    takesRule: false,
    summary: 'Delete an empty, unreferenced user chain (all of them without a name).',
  },
  {
    name: '-F',
    aliases: ['--flush'],
    words: 1,
    optional: 1,
    takesRule: false,
    summary: 'Remove every rule of the chain (of the table without a name).',
  },
  {
    name: '-Z',
    aliases: ['--zero'],
    words: 2,
    optional: 2,
    takesRule: false,
    summary: 'Reset packet and byte counters.',
  },
  {
    name: '-P',
    aliases: ['--policy'],
    words: 2,
    optional: 0,
    takesRule: false,
    summary: "Set a built-in chain's policy: ACCEPT or DROP.",
  },
  { name: '-E', aliases: ['--rename-chain'], words: 2, optional: 0, takesRule: false, summary: 'Rename a user chain.' },
] as const satisfies readonly CommandSpec[];

export const genericOptions = [
  {
    name: '-p',
    aliases: ['--protocol'],
    arg: 'protocol',
    negatable: true,
    argHint: 'protocol name or number',
    summary:
      'Match one IP protocol. `-p tcp`/`udp`/`sctp`/`dccp` also makes --sport and --dport available after it, `-p icmp` --icmp-type, `-p ipv6-icmp` --icmpv6-type.',
  },
  {
    name: '-s',
    aliases: ['--source', '--src'],
    arg: 'address-list',
    negatable: true,
    argHint: 'address[/mask][,…]',
    summary:
      'Match the source address or network. A comma list becomes one rule per entry; a host name is looked up once, when the rules load.',
  },
  {
    name: '-d',
    aliases: ['--destination', '--dst'],
    arg: 'address-list',
    negatable: true,
    argHint: 'address[/mask][,…]',
    summary:
      'Match the destination address or network. A comma list becomes one rule per entry; a host name is looked up once, when the rules load.',
  },
  {
    name: '-i',
    aliases: ['--in-interface'],
    arg: 'interface',
    negatable: true,
    hooks: ['PREROUTING', 'INPUT', 'FORWARD'],
    argHint: 'interface (+ = prefix)',
    summary:
      'Match the interface the packet came in on; a trailing + matches every name with that prefix. Not usable in OUTPUT or POSTROUTING.',
  },
  {
    name: '-o',
    aliases: ['--out-interface'],
    arg: 'interface',
    negatable: true,
    hooks: ['FORWARD', 'OUTPUT', 'POSTROUTING'],
    argHint: 'interface (+ = prefix)',
    summary:
      'Match the interface the packet leaves by; a trailing + matches every name with that prefix. Not usable in INPUT or PREROUTING.',
  },
  {
    name: '-f',
    aliases: ['--fragment'],
    arg: 'none',
    negatable: true,
    summary: 'Match second and later fragments of a fragmented IPv4 packet (they carry no ports).',
  },
  {
    name: '-m',
    aliases: ['--match'],
    arg: 'match',
    argHint: 'match module',
    summary: 'Load a match module; its options become available after it.',
  },
  {
    name: '-j',
    aliases: ['--jump'],
    arg: 'target',
    argHint: 'target or chain',
    summary:
      'What to do with a matching packet: a verdict (ACCEPT, DROP, RETURN), a target extension (REJECT, LOG, DNAT…) or a user chain to continue in.',
  },
  {
    name: '-g',
    aliases: ['--goto'],
    arg: 'chain',
    argHint: 'user chain',
    summary:
      'Continue in a user chain without coming back: a RETURN there goes back to the chain that called this one.',
  },
  {
    name: '-c',
    aliases: ['--set-counters'],
    arg: 'counters',
    args: 2,
    argHint: 'packets bytes',
    summary: "Start the rule's counters at these values.",
  },
  {
    name: '-4',
    aliases: ['--ipv4'],
    arg: 'none',
    summary: 'Only for IPv4 (a no-op in iptables; in ip6tables the line is skipped).',
  },
  {
    name: '-6',
    aliases: ['--ipv6'],
    arg: 'none',
    summary: 'Only for IPv6 (a no-op in ip6tables; in iptables the line is skipped).',
  },
] as const satisfies readonly OptionSpec[];

export function lookupCommand(word: string): (typeof commands)[number] | undefined {
  return commands.find((c) => c.name === word || (c.aliases as readonly string[]).includes(word));
}
