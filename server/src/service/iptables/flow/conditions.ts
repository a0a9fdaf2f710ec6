import type { OptionUse, RuleLine } from '../ast';
import { parseCidr, type Cidr } from './cidr';
import { parsePortList, type PortRange } from './ports';
import { optionNames } from '../../data/iptables/spec';
import { allTargets } from '../../data/iptables/index';
import { holdsPlaceholder } from '../../template/placeholders';
import { compact } from '../compact';

/**
 * What a rule matches, reduced to the conditions the flow rules understand. Anything else a rule
 * tests (ipsets, rate limits, marks…) is kept in `opaque`: such a rule may or may not match.
 */
export interface RuleConditions {
  readonly proto?: Cond<string>;
  /** Address lists (`-s a,b`); `undefined` cidrs when a value is not an address (host name). */
  readonly src?: Cond<readonly Cidr[] | undefined>;
  readonly dst?: Cond<readonly Cidr[] | undefined>;
  readonly inIface?: Cond<string>;
  readonly outIface?: Cond<string>;
  readonly sport?: Cond<readonly PortRange[] | undefined>;
  readonly dport?: Cond<readonly PortRange[] | undefined>;
  /** multiport `--ports`: source or destination port. */
  readonly anyPort?: Cond<readonly PortRange[] | undefined>;
  /** Conntrack states (upper case). */
  readonly states?: Cond<ReadonlySet<string>>;
  readonly icmpType?: Cond<string>;
  readonly syn?: Cond<true>;
  readonly fragment?: Cond<true>;
  /** Match options not understood here (the rule may or may not match). */
  readonly opaque: readonly OptionUse[];
  /** A condition appears twice: the rule is not compared with others. */
  readonly repeated: boolean;
  /** `-j`/`-g` target, if any. */
  readonly target: { readonly name: string; readonly goto: boolean } | undefined;
}

export interface Cond<T> {
  readonly value: T;
  readonly negated: boolean;
}

type CondKey =
  | 'proto'
  | 'src'
  | 'dst'
  | 'inIface'
  | 'outIface'
  | 'sport'
  | 'dport'
  | 'anyPort'
  | 'states'
  | 'icmpType'
  | 'syn'
  | 'fragment';

const optionKeys: Readonly<Record<string, CondKey>> = {
  '-p': 'proto',
  '--protocol': 'proto',
  '-s': 'src',
  '--source': 'src',
  '--src': 'src',
  '-d': 'dst',
  '--destination': 'dst',
  '--dst': 'dst',
  '-i': 'inIface',
  '--in-interface': 'inIface',
  '-o': 'outIface',
  '--out-interface': 'outIface',
  '--sport': 'sport',
  '--source-port': 'sport',
  '--sports': 'sport',
  '--source-ports': 'sport',
  '--dport': 'dport',
  '--destination-port': 'dport',
  '--dports': 'dport',
  '--destination-ports': 'dport',
  '--ports': 'anyPort',
  '--ctstate': 'states',
  '--state': 'states',
  '--icmp-type': 'icmpType',
  '--icmpv6-type': 'icmpType',
  '--syn': 'syn',
  '-f': 'fragment',
  '--fragment': 'fragment',
};

/** Modules whose loading alone does not restrict anything (their options are read above). */
const transparentModules = new Set([
  'tcp',
  'udp',
  'multiport',
  'conntrack',
  'state',
  'comment',
  'icmp',
  'icmp6',
  'icmpv6',
]);

/** Options that carry no condition. */
const neutralOptions = new Set(['--comment', '-c', '--set-counters']);

const protocolAliases: Readonly<Record<string, string>> = {
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '58': 'icmpv6',
  'ipv6-icmp': 'icmpv6',
  '132': 'sctp',
  '33': 'dccp',
  '0': 'all',
  '47': 'gre',
  '50': 'esp',
  '51': 'ah',
  '136': 'udplite',
};

export function normalizeProtocol(p: string): string {
  const lower = p.toLowerCase();
  return protocolAliases[lower] ?? lower;
}

function argText(o: OptionUse): string | undefined {
  return o.args[0]?.value;
}

function condValue(key: CondKey, o: OptionUse): Cond<unknown>['value'] | null {
  const arg = argText(o);
  switch (key) {
    case 'proto':
      return arg === undefined ? null : normalizeProtocol(arg);
    case 'src':
    case 'dst': {
      if (arg === undefined) return null;
      const cidrs = arg.split(',').map((a) => parseCidr(a));
      return cidrs.every((c): c is Cidr => c !== undefined) ? cidrs : undefined;
    }
    case 'inIface':
    case 'outIface':
      return arg ?? null;
    case 'sport':
    case 'dport':
    case 'anyPort':
      return arg === undefined ? null : parsePortList(arg);
    case 'states':
      return arg === undefined ? null : new Set(arg.toUpperCase().split(','));
    case 'icmpType':
      return arg ?? null;
    case 'syn':
    case 'fragment':
      return true;
  }
}

const noNames: ReadonlySet<string> = new Set();
let targetOptionSets: Map<string, ReadonlySet<string>> | undefined;

/**
 * Every spelling of the options of the target `-j NAME` (empty for chains and unknown names). Made once
 * for every target: a kube-proxy dump jumps to tens of thousands of chain names, each looked up per rule.
 */
function targetOptionNames(name: string): ReadonlySet<string> {
  if (!targetOptionSets) {
    targetOptionSets = new Map();
    for (const t of allTargets)
      if (!targetOptionSets.has(t.name))
        targetOptionSets.set(t.name, new Set(t.options.flatMap((o) => optionNames(o))));
  }
  return targetOptionSets.get(name) ?? noNames;
}

/**
 * Conditions and jump targets that many rules share (`-p tcp`, `--syn`, `-j DNAT`) are one object each
 * per process: only those whose values come from a fixed list (protocol names, the target extensions),
 * so what is kept does not grow with the files checked. The others are an object per rule.
 */
const sharedConds = new Map<string, Cond<unknown>>();
const sharedTargets = new Map<string, { readonly name: string; readonly goto: boolean }>();
const protocolNames = new Set([...Object.values(protocolAliases), 'tcp', 'udp', 'icmp', 'sctp', 'all']);
let targetNames: ReadonlySet<string> | undefined;

function condOf(key: CondKey, value: Cond<unknown>['value'], negated: boolean): Cond<unknown> {
  const shared = value === true || (key === 'proto' && protocolNames.has(value as string));
  if (!shared) return { value, negated };
  const name = `${key} ${String(value)} ${negated ? '!' : ''}`;
  let cond = sharedConds.get(name);
  if (!cond) {
    cond = { value, negated };
    sharedConds.set(name, cond);
  }
  return cond;
}

function targetOf(name: string, goto: boolean): { readonly name: string; readonly goto: boolean } {
  targetNames ??= new Set(allTargets.map((t) => t.name));
  if (!targetNames.has(name)) return { name, goto };
  const id = goto ? `-g ${name}` : name;
  let target = sharedTargets.get(id);
  if (!target) {
    target = { name, goto };
    sharedTargets.set(id, target);
  }
  return target;
}

const conditionsOf = new WeakMap<RuleLine, RuleConditions>();

/** Reduce a rule line to the conditions the flow rules reason about (once per line object). */
export function ruleConditions(rule: RuleLine): RuleConditions {
  let conditions = conditionsOf.get(rule);
  if (!conditions) {
    conditions = reduceRule(rule);
    conditionsOf.set(rule, conditions);
  }
  return conditions;
}

function reduceRule(rule: RuleLine): RuleConditions {
  const conds: Partial<Record<CondKey, Cond<unknown>>> = {};
  const opaque: OptionUse[] = [];
  let repeated = false;
  const targetOptions = targetOptionNames(rule.jump?.args[0]?.value ?? '');
  for (const o of rule.options) {
    const name = o.name.value;
    if (o === rule.jump) continue;
    // The target's own options (`--reject-with`, `--log-prefix`) say nothing about which packets match.
    if (targetOptions.has(name)) continue;
    if (name === '-m' || name === '--match') {
      const mod = argText(o);
      if (mod === undefined || !transparentModules.has(mod)) opaque.push(o);
      continue;
    }
    if (neutralOptions.has(name)) continue;
    // A template placeholder (`-s ${admin_cidr}`) is unknown until rendering: the rule may or may not match.
    if (o.args.some((a) => a.value.includes('$') && holdsPlaceholder(a.value))) {
      opaque.push(o);
      continue;
    }
    const key = optionKeys[name];
    const value = key ? condValue(key, o) : null;
    if (!key || value === null) {
      opaque.push(o);
      continue;
    }
    if (conds[key]) repeated = true;
    conds[key] = condOf(key, value, o.negation !== undefined);
  }
  const jump = rule.jump;
  const targetName = jump?.args[0]?.value;
  const target =
    jump && targetName !== undefined
      ? targetOf(targetName, jump.name.value === '-g' || jump.name.value === '--goto')
      : undefined;
  // Every rule gets the same object shape (absent conditions as undefined): the comparisons of rule
  // pairs then read the same layout each time.
  const c = conds as Omit<RuleConditions, 'opaque' | 'repeated' | 'target'>;
  return {
    proto: c.proto,
    src: c.src,
    dst: c.dst,
    inIface: c.inIface,
    outIface: c.outIface,
    sport: c.sport,
    dport: c.dport,
    anyPort: c.anyPort,
    states: c.states,
    icmpType: c.icmpType,
    syn: c.syn,
    fragment: c.fragment,
    opaque: compact(opaque),
    repeated,
    target,
  };
}
