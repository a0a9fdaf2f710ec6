import type { RuleLine, Span } from '../ast';
import type { FlowChain, FlowRule, FlowTable } from '../flow/chains';
import { cidrContains, formatAddress, parseCidr, type Cidr } from '../flow/cidr';
import { parsePortRange } from '../flow/ports';
import { matchPacket } from './matchPacket';
import type { PacketView, TracePacket } from './packet';
import { fileSpan, lineText, type RuleOrigin, type RuleSet } from './ruleSet';
import { continuing } from '../flow/walk';

export type Verdict = 'accept' | 'drop' | 'reject' | 'unknown';

/** One stop on the way: a rule that matched (or may match), a jump, a return, a chain's policy. */
export interface TraceStep {
  readonly table: string;
  readonly chain: string;
  readonly kind: 'rule' | 'jump' | 'return' | 'policy' | 'nat' | 'route';
  /** The rule line (or policy) as written; for `route`, a sentence. */
  readonly text: string;
  /** Span in the rules file; undefined for rules Docker adds and for default policies. */
  readonly span: Span | undefined;
  readonly origin: RuleOrigin | 'kernel';
  /** Set when the rule may or may not match and this path assumes it did (or did not). */
  readonly assumption?: string;
}

export interface TracePath {
  readonly verdict: Exclude<Verdict, 'unknown'> | 'unknown';
  readonly steps: readonly TraceStep[];
  /** What this path assumed about conditions we cannot know ("set `whitelist` matches"). */
  readonly assumptions: readonly string[];
  /** Why the verdict is unknown on this path (a target we cannot follow). */
  readonly unknownBecause?: string;
  /** Where the packet ends up: the host itself or forwarded (to a container). */
  readonly delivered: {
    readonly local: boolean;
    readonly dst: string | undefined;
    readonly dport: number | undefined;
    readonly outIface: string | undefined;
    /** The packet left the raw table untracked (`-j CT --notrack`, `-j NOTRACK`): conntrack made no entry. */
    readonly untracked: boolean;
  };
}

export interface TraceResult {
  readonly verdict: Verdict;
  /** For an unknown verdict: what it depends on. */
  readonly reasons: readonly string[];
  /** The path to show: the only one, or the first of several when the verdict is unknown. */
  readonly path: TracePath;
  /** Every way the packet can go (one when nothing is uncertain). */
  readonly paths: readonly TracePath[];
}

export interface TraceOptions {
  /** The host's own addresses besides the packet's destination (a DNAT to one of them stays local). */
  readonly hostAddresses?: readonly Cidr[];
}

interface Branch {
  pkt: PacketView;
  steps: TraceStep[];
  assumptions: string[];
}

type ChainEnd =
  { readonly kind: 'return' } | { readonly kind: 'verdict'; readonly verdict: Verdict; readonly why?: string };

interface Ended {
  readonly branch: Branch;
  readonly end: ChainEnd;
}

const maxBranches = 24;
const maxDepth = 32;

const terminal: Readonly<Record<string, Verdict>> = { ACCEPT: 'accept', DROP: 'drop', REJECT: 'reject' };

function clone(b: Branch, extra?: string): Branch {
  return { pkt: b.pkt, steps: [...b.steps], assumptions: extra ? [...b.assumptions, extra] : [...b.assumptions] };
}

function targetArg(line: RuleLine, names: readonly string[]): string | undefined {
  return line.options.find((o) => names.includes(o.name.value))?.args[0]?.value;
}

/** Apply DNAT/REDIRECT to the packet: the new destination address and port. */
function natted(pkt: PacketView, line: RuleLine, target: string, set: RuleSet, opts: TraceOptions): PacketView {
  if (target === 'REDIRECT') {
    const to = targetArg(line, ['--to-ports', '--to-port']);
    const port = to === undefined ? undefined : parsePortRange(to.split('-')[0] ?? '')?.from;
    return { ...pkt, dport: port ?? pkt.dport, local: true, dnat: true, outIface: undefined };
  }
  const to = targetArg(line, ['--to-destination', '--to']) ?? '';
  // `1.2.3.4:80`, `[2001:db8::1]:80`, `1.2.3.4`, `:8080`, `1.2.3.4-1.2.3.9:80-90`.
  const m =
    /^\[([^\]]+)\](?::(.+))?$/.exec(to) ??
    (set.family === 'ipv6' && !to.includes(']') ? [to, to, undefined] : /^([^:]*)(?::(.+))?$/.exec(to));
  const addrText = m?.[1]?.split('-')[0] ?? '';
  const portText = m?.[2]?.split('-')[0];
  const addr = addrText === '' ? undefined : parseCidr(addrText);
  const port = portText === undefined ? pkt.dport : (parsePortRange(portText)?.from ?? pkt.dport);
  if (!addr) return { ...pkt, dport: port, dnat: true };
  const local =
    (pkt.dst !== undefined && addr.base === pkt.dst.base && addr.family === pkt.dst.family) ||
    (opts.hostAddresses ?? []).some((h) => cidrContains(h, addr)) ||
    isLoopback(addr);
  const bridge = set.bridges.find((b) => cidrContains(b.cidr, addr));
  return { ...pkt, dst: addr, dport: port, local, dnat: true, outIface: local ? undefined : bridge?.iface };
}

function isLoopback(c: Cidr): boolean {
  const lo = c.family === 4 ? parseCidr('127.0.0.0/8') : parseCidr('::1/128');
  return lo !== undefined && cidrContains(lo, c);
}

function step(
  set: RuleSet,
  table: string,
  chain: string,
  kind: TraceStep['kind'],
  rule: FlowRule,
  assumption?: string,
): TraceStep {
  const origin = set.originOf(rule.line);
  return {
    table,
    chain,
    kind,
    text: lineText(set, rule.line),
    span: fileSpan(set, rule.line),
    origin,
    ...(assumption ? { assumption } : {}),
  };
}

/** Walk one chain with one branch; every way it can end (forks where a rule may or may not match). */
function runChain(
  set: RuleSet,
  table: FlowTable,
  chain: FlowChain,
  start: Branch,
  depth: number,
  budget: { n: number },
  opts: TraceOptions,
): Ended[] {
  const tableName = table.block.name.value;
  const out: Ended[] = [];
  // Work list: a branch and the index of the next rule it looks at.
  const work: Array<{ b: Branch; i: number }> = [{ b: start, i: 0 }];
  while (work.length > 0) {
    const { b, i } = work.pop() as { b: Branch; i: number };
    let branch: Branch | undefined = b;
    let index = i;
    let ended: ChainEnd | undefined;
    while (!ended && index < chain.rules.length) {
      const rule = chain.rules[index] as FlowRule;
      index++;
      if (!branch) break;
      const m = matchPacket(rule.line, rule.conds, branch.pkt);
      if (m.m === 'no') continue;
      const target = rule.conds.target;
      if (!target || continuing.has(target.name)) {
        if (
          target &&
          (target.name === 'NOTRACK' ||
            (target.name === 'CT' && rule.line.options.some((o) => o.name.value === '--notrack'))) &&
          m.m === 'yes'
        ) {
          branch.pkt = { ...branch.pkt, state: 'UNTRACKED' };
          branch.steps.push(step(set, tableName, chain.name, 'rule', rule));
        }
        continue;
      }
      if (m.m === 'maybe') {
        if (budget.n >= maxBranches) {
          ended = { kind: 'verdict', verdict: 'unknown', why: `too many uncertain rules (${m.reason})` };
          branch.steps.push(step(set, tableName, chain.name, 'rule', rule, m.reason));
          break;
        }
        budget.n++;
        // The branch where the rule does not match carries on after it.
        const skip = clone(branch, `not: ${m.reason}`);
        work.push({ b: skip, i: index });
        branch = clone(branch, m.reason);
      }
      const assumption = m.m === 'maybe' ? m.reason : undefined;
      const name = target.name;
      if (name === 'RETURN') {
        branch.steps.push(step(set, tableName, chain.name, 'return', rule, assumption));
        ended = { kind: 'return' };
        break;
      }
      const verdict = terminal[name];
      if (verdict) {
        branch.steps.push(step(set, tableName, chain.name, 'rule', rule, assumption));
        ended = { kind: 'verdict', verdict };
        break;
      }
      if (name === 'DNAT' || name === 'REDIRECT') {
        branch.steps.push(step(set, tableName, chain.name, 'nat', rule, assumption));
        branch.pkt = natted(branch.pkt, rule.line, name, set, opts);
        ended = { kind: 'verdict', verdict: 'accept' };
        break;
      }
      if (name === 'SNAT' || name === 'MASQUERADE' || name === 'NETMAP') {
        branch.steps.push(step(set, tableName, chain.name, 'nat', rule, assumption));
        ended = { kind: 'verdict', verdict: 'accept' };
        break;
      }
      const sub = table.chains.get(name);
      if (!sub || sub.builtin) {
        branch.steps.push(step(set, tableName, chain.name, 'rule', rule, assumption));
        ended = { kind: 'verdict', verdict: 'unknown', why: `target \`${name}\` (not followed)` };
        break;
      }
      if (depth >= maxDepth) {
        ended = { kind: 'verdict', verdict: 'unknown', why: 'chains nest too deep' };
        break;
      }
      branch.steps.push(step(set, tableName, chain.name, 'jump', rule, assumption));
      const results = runChain(set, table, sub, branch, depth + 1, budget, opts);
      // The first result continues here; the others are queued as branches of their own.
      let continued: Branch | undefined;
      for (const r of results) {
        if (r.end.kind === 'return' && !target.goto) {
          if (!continued) continued = r.branch;
          else work.push({ b: r.branch, i: index });
        } else {
          // A verdict, or (after a goto) the end of this chain too.
          out.push(r);
        }
      }
      branch = continued;
      if (!branch) break;
    }
    if (!branch) continue;
    out.push({ branch, end: ended ?? { kind: 'return' } });
  }
  return out;
}

/** Run a built-in chain of a table: its rules, then its policy. Tables or chains not loaded accept. */
function runHook(
  set: RuleSet,
  tableName: string,
  chainName: string,
  branch: Branch,
  budget: { n: number },
  opts: TraceOptions,
): Array<{ branch: Branch; verdict: Verdict; why?: string }> {
  const table = set.tables.get(tableName);
  const chain = table?.chains.get(chainName);
  if (!table || !chain) return [{ branch, verdict: 'accept' }];
  return runChain(set, table, chain, branch, 0, budget, opts).map(({ branch: b, end }) => {
    if (end.kind === 'verdict') return { branch: b, verdict: end.verdict, ...(end.why ? { why: end.why } : {}) };
    const policy = chain.policy?.value ?? 'ACCEPT';
    // An ACCEPT policy outside filter decides nothing worth showing.
    if (policy === 'ACCEPT' && tableName !== 'filter') return { branch: b, verdict: 'accept' as Verdict };
    b.steps.push({
      table: tableName,
      chain: chainName,
      kind: 'policy',
      text: chain.policy ? `:${chainName} ${policy}` : `${chainName} policy ACCEPT (default)`,
      span: chain.policy ? { start: chain.policy.token.start, end: chain.policy.token.end } : undefined,
      origin: chain.policy ? 'file' : 'kernel',
    });
    const verdict: Verdict = policy === 'DROP' ? 'drop' : policy === 'ACCEPT' ? 'accept' : 'unknown';
    return { branch: b, verdict };
  });
}

type Stage = readonly [table: string, chain: string, natOnly?: boolean];

const prerouting: readonly Stage[] = [
  ['raw', 'PREROUTING'],
  ['mangle', 'PREROUTING'],
  ['nat', 'PREROUTING', true],
];
const input: readonly Stage[] = [
  ['mangle', 'INPUT'],
  ['filter', 'INPUT'],
  ['security', 'INPUT'],
  ['nat', 'INPUT', true],
];
const forward: readonly Stage[] = [
  ['mangle', 'FORWARD'],
  ['filter', 'FORWARD'],
  ['security', 'FORWARD'],
  ['mangle', 'POSTROUTING'],
  ['nat', 'POSTROUTING', true],
];
/** A packet the host itself sends (its answer to a connection). */
const output: readonly Stage[] = [
  ['raw', 'OUTPUT'],
  ['mangle', 'OUTPUT'],
  ['nat', 'OUTPUT', true],
  ['filter', 'OUTPUT'],
  ['security', 'OUTPUT'],
  ['mangle', 'POSTROUTING'],
  ['nat', 'POSTROUTING', true],
];

function runStages(
  set: RuleSet,
  stages: readonly Stage[],
  branches: Branch[],
  done: TracePath[],
  budget: { n: number },
  opts: TraceOptions,
): Branch[] {
  let alive = branches;
  const tracking = tracksConnections(set);
  for (const [table, chain, natOnly] of stages) {
    const next: Branch[] = [];
    for (const b of alive) {
      // NAT chains see only the first packet of a connection.
      if (natOnly && b.pkt.state !== 'NEW') {
        next.push(b);
        continue;
      }
      // ...and only packets connection tracking follows: with no rule that needs it loaded, the
      // kernel tracks nothing in this family and never consults the nat table.
      if (natOnly && !tracking) {
        if (natChainMatters(set, chain)) {
          b.steps.push({
            table,
            chain,
            kind: 'route',
            span: undefined,
            origin: 'kernel',
            text: `nat ${chain} not consulted: no rule loaded needs connection tracking, so the kernel tracks no connection and skips the nat table`,
          });
        }
        next.push(b);
        continue;
      }
      for (const r of runHook(set, table, chain, b, budget, opts)) {
        if (r.verdict === 'accept') next.push(r.branch);
        else done.push(finish(r.branch, r.verdict, r.why));
      }
    }
    alive = next;
  }
  return alive;
}

/** Match modules whose rules turn on connection tracking in the namespace when loaded. */
const conntrackMatches = new Set([
  'conntrack',
  'state',
  'connmark',
  'connlimit',
  'connbytes',
  'connlabel',
  'helper',
  'cluster',
]);
/** Targets that do the same (`CT` only when it attaches a template, not with `--notrack`). */
const conntrackTargets = new Set([
  'DNAT',
  'SNAT',
  'MASQUERADE',
  'REDIRECT',
  'NETMAP',
  'CONNMARK',
  'CONNSECMARK',
  'SYNPROXY',
]);
const trackingCache = new WeakMap<RuleSet, boolean>();

/**
 * Whether the kernel tracks connections for this rule set's family. Since Linux 4.10 a namespace
 * registers connection tracking only when a loaded rule needs it (a state match, a NAT target…); a
 * nat chain and its policy are never consulted without it (docs/facts/kernel-tracer.md).
 */
export function tracksConnections(set: RuleSet): boolean {
  const known = trackingCache.get(set);
  if (known !== undefined) return known;
  let found = false;
  for (const table of set.tables.values()) {
    for (const chain of table.chains.values()) {
      for (const rule of chain.rules) {
        const t = rule.conds.target?.name;
        if (
          t !== undefined &&
          (conntrackTargets.has(t) || (t === 'CT' && !rule.line.options.some((o) => o.name.value === '--notrack')))
        )
          found = true;
        if (
          rule.line.options.some(
            (o) =>
              (o.name.value === '-m' || o.name.value === '--match') && conntrackMatches.has(o.args[0]?.value ?? ''),
          )
        )
          found = true;
        if (found) break;
      }
      if (found) break;
    }
    if (found) break;
  }
  trackingCache.set(set, found);
  return found;
}

/** A nat chain that would decide something if consulted (rules, or a policy other than ACCEPT). */
function natChainMatters(set: RuleSet, chainName: string): boolean {
  const chain = set.tables.get('nat')?.chains.get(chainName);
  return (
    chain !== undefined && (chain.rules.length > 0 || (chain.policy !== undefined && chain.policy.value !== 'ACCEPT'))
  );
}

function finish(b: Branch, verdict: Verdict, why?: string): TracePath {
  const p = b.pkt;
  return {
    verdict,
    steps: b.steps,
    assumptions: b.assumptions,
    ...(why ? { unknownBecause: why } : {}),
    delivered: {
      local: p.local,
      dst: p.dst ? formatHost(p.dst) : undefined,
      dport: p.dport,
      outIface: p.outIface,
      untracked: p.state === 'UNTRACKED',
    },
  };
}

function formatHost(c: Cidr): string {
  return formatAddress(c.family, c.base);
}

/**
 * Trace a packet arriving from the network through the loaded tables in the kernel's hook order:
 * raw, mangle and nat PREROUTING (a DNAT changes the destination), the routing decision, then INPUT
 * (mangle, filter, security, nat) for the host itself or FORWARD for another address. A rule that
 * may or may not match splits the trace; the verdict is certain when every split agrees.
 */
export function tracePacket(set: RuleSet, packet: TracePacket, opts: TraceOptions = {}): TraceResult {
  const start: PacketView = {
    ...packet,
    outIface: undefined,
    local: true,
    origDst: packet.dst,
    origDport: packet.dport,
    dnat: false,
  };
  return traceView(set, start, 'inbound', opts);
}

/**
 * Trace a packet as later chains see it: `inbound` for one arriving from a network interface
 * (PREROUTING, routing by `local`, INPUT or FORWARD), `output` for one the host sends (OUTPUT,
 * POSTROUTING). A packet of an established connection keeps the view's NAT (conntrack applies it).
 */
export function traceView(
  set: RuleSet,
  start: PacketView,
  direction: 'inbound' | 'output',
  opts: TraceOptions = {},
): TraceResult {
  const done: TracePath[] = [];
  const budget = { n: 0 };
  if (direction === 'output') {
    for (const s of runStages(set, output, [{ pkt: start, steps: [], assumptions: [] }], done, budget, opts))
      done.push(finish(s, 'accept'));
    return outcome(done);
  }
  const routed = runStages(set, prerouting, [{ pkt: start, steps: [], assumptions: [] }], done, budget, opts);
  for (const b of routed) {
    const where = b.pkt.local ? 'INPUT' : 'FORWARD';
    b.steps.push({
      table: 'routing',
      chain: where,
      kind: 'route',
      span: undefined,
      origin: 'kernel',
      text: b.pkt.local
        ? 'for this host: INPUT'
        : `forwarded to ${b.pkt.dst ? formatHost(b.pkt.dst) : 'another address'}${b.pkt.dport !== undefined ? ` port ${b.pkt.dport}` : ''}${b.pkt.outIface ? ` via ${b.pkt.outIface}` : ''}: FORWARD`,
    });
    const survivors = runStages(set, b.pkt.local ? input : forward, [b], done, budget, opts);
    for (const s of survivors) done.push(finish(s, 'accept'));
  }
  return outcome(done);
}

/** One verdict from every way a packet can go: certain when all agree. */
function outcome(done: readonly TracePath[]): TraceResult {
  const verdicts = new Set(done.map((d) => d.verdict));
  const first = done.find((d) => d.verdict === 'accept') ?? (done[0] as TracePath);
  if (verdicts.size === 1 && !verdicts.has('unknown')) {
    // Every way ends the same: the assumptions did not matter. Show the path that assumed least.
    const plain = [...done].sort((a, b) => a.assumptions.length - b.assumptions.length)[0] as TracePath;
    return { verdict: first.verdict, reasons: [], path: plain, paths: done };
  }
  const reasons = new Set<string>();
  for (const d of done) {
    for (const a of d.assumptions) reasons.add(a.replace(/^not: /, ''));
    if (d.unknownBecause) reasons.add(d.unknownBecause);
  }
  return { verdict: 'unknown', reasons: [...reasons], path: first, paths: done };
}
