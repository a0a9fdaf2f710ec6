/** The shapes of the iptables data tables: options, match modules and targets. */
import type { Hook, TableName } from './tables';

/** What an option's argument is, which decides how it is checked, completed and explained. */
export type ArgKind =
  | 'none'
  | 'chain'
  | 'target'
  | 'match'
  | 'protocol'
  /** addr[/mask], comma list allowed (`-s`, `-d`) */
  | 'address-list'
  /** addr[/mask], a single one */
  | 'address'
  /** a-b address range (iprange) */
  | 'address-range'
  | 'interface'
  /** port, service name or `a:b` range */
  | 'port'
  /** comma list of ports and ranges, at most 15 (a range counts twice) */
  | 'port-list'
  | 'icmp-type'
  | 'icmpv6-type'
  | 'state-list'
  | 'ctstate-list'
  | 'ctstatus-list'
  | 'number'
  /** n or n:m */
  | 'number-range'
  /** value[/mask], decimal or hex */
  | 'mark'
  | 'string'
  /** N/unit rate for limit and hashlimit */
  | 'rate'
  | 'log-level'
  | 'reject-type'
  /** one of `values` */
  | 'enum'
  /** comma list of `values` */
  | 'enum-list'
  /** ipset name (the set must exist when the rules load) */
  | 'set-name'
  /** ip[-ip][:port[-port]] */
  | 'nat-address'
  /** port[-port] */
  | 'port-spec'
  | 'user'
  | 'group'
  /** `-c PACKETS BYTES` */
  | 'counters';

export interface OptionSpec {
  /** The canonical spelling, e.g. `--dport`. */
  readonly name: string;
  /** Other spellings iptables accepts (`--destination-port`). */
  readonly aliases?: readonly string[];
  readonly arg: ArgKind;
  /** Number of words the option takes (default: 0 for `none`, else 1). */
  readonly args?: number;
  /** May be preceded by `!`. */
  readonly negatable?: boolean;
  /** Allowed words for `enum` / `enum-list` (compared case-sensitively unless `caseInsensitive`). */
  readonly values?: readonly string[];
  readonly caseInsensitive?: boolean;
  /** Built-in chains (hooks) where the kernel accepts this option. */
  readonly hooks?: readonly Hook[];
  /** The argument's meaning for hover and completion, in a few words. */
  readonly argHint?: string;
  readonly summary: string;
}

export interface MatchSpec {
  readonly name: string;
  readonly summary: string;
  readonly options: readonly OptionSpec[];
  /** The rule must select one of these protocols with `-p` (not negated). */
  readonly protocols?: readonly string[];
  readonly family?: 'ipv4' | 'ipv6';
  /** Built-in chains (hooks) the kernel allows this match in. */
  readonly hooks?: readonly Hook[];
  /** Each group: at least one of these options must be given. */
  readonly requires?: ReadonlyArray<readonly string[]>;
}

export interface TargetSpec {
  readonly name: string;
  readonly summary: string;
  readonly options: readonly OptionSpec[];
  /** Ends the packet's walk through the chain (ACCEPT, DROP, REJECT, DNAT…) rather than continuing (LOG, MARK). */
  readonly terminal: boolean;
  readonly family?: 'ipv4' | 'ipv6';
  /** Tables the kernel or iptables accepts the target in (all when absent). */
  readonly tables?: readonly TableName[];
  /** Built-in chains (hooks) the target is allowed in (all when absent). */
  readonly hooks?: readonly Hook[];
  /** The rule must select one of these protocols with `-p`. */
  readonly protocols?: readonly string[];
  /** Each group: at least one of these options must be given. */
  readonly requires?: ReadonlyArray<readonly string[]>;
}

const spellings = new WeakMap<OptionSpec, readonly string[]>();

/** Every spelling of an option (one shared list per option: rule checks ask for it per word). */
export function optionNames(o: OptionSpec): readonly string[] {
  let names = spellings.get(o);
  if (!names) {
    names = o.aliases ? [o.name, ...o.aliases] : [o.name];
    spellings.set(o, names);
  }
  return names;
}

/** Words the option consumes after itself. */
export function optionArgCount(o: OptionSpec): number {
  return o.args ?? (o.arg === 'none' ? 0 : 1);
}
