import type { Finding } from '../../types';
import type { FlowRule, FlowTable } from './chains';
import { cidrContains, maskOf, type Cidr } from './cidr';
import type { Cond, RuleConditions } from './conditions';
import { portsCover, type PortRange } from './ports';
import { ruleKey } from '../ruleKey';
import { fewDestinationPorts } from './fewPorts';

const terminalTargets = new Set(['ACCEPT', 'DROP', 'REJECT']);

type Cover = boolean;

/** `outer` matches every packet `inner` matches, as far as one condition can tell (absent = matches all). */
function coverCond<T>(outer: Cond<T> | undefined, inner: Cond<T> | undefined, covers: (o: T, i: T) => boolean, matchesAll?: (o: T) => boolean): Cover {
  if (outer === undefined) return true;
  if (inner === undefined) return matchesAll ? matchesAll(outer.value) : false;
  return covers(outer.value, inner.value);
}

function cidrsCover(o: readonly Cidr[] | undefined, i: readonly Cidr[] | undefined): boolean {
  return o !== undefined && i !== undefined && i.every((c) => o.some((x) => cidrContains(x, c)));
}

function portsOk(o: readonly PortRange[] | undefined, i: readonly PortRange[] | undefined): boolean {
  return o !== undefined && i !== undefined && portsCover(o, i);
}

const allPorts = (o: readonly PortRange[] | undefined): boolean => o !== undefined && portsCover(o, [{ from: 0, to: 65535 }]);

function interfaceCovers(o: string, i: string): boolean {
  if (!o.endsWith('+')) return o === i;
  return i.startsWith(o.slice(0, -1));
}

const condKeys = ['proto', 'src', 'dst', 'inIface', 'outIface', 'sport', 'dport', 'anyPort', 'states', 'icmpType', 'syn', 'fragment'] as const;

function hasNegation(c: RuleConditions): boolean {
  for (const key of condKeys) if (c[key]?.negated === true) return true;
  return false;
}

function comparable(c: RuleConditions): boolean {
  return c.opaque.length === 0 && !c.repeated && !hasNegation(c);
}

/** `outer` covers `inner`; both already known to be comparable. Cheap, selective checks first. */
function covers(outer: RuleConditions, inner: RuleConditions): boolean {
  if (!coverCond(outer.proto, inner.proto, (o, i) => o === 'all' || o === i, (o) => o === 'all')) return false;
  if (!coverCond(outer.dport, inner.dport, portsOk, allPorts)) return false;
  if (!coverCond(outer.sport, inner.sport, portsOk, allPorts)) return false;
  if (outer.anyPort) {
    const o = outer.anyPort.value;
    const ok = inner.anyPort ? portsOk(o, inner.anyPort.value)
      : (inner.dport !== undefined && portsOk(o, inner.dport.value)) || (inner.sport !== undefined && portsOk(o, inner.sport.value));
    if (!ok) return false;
  }
  return coverCond(outer.inIface, inner.inIface, interfaceCovers, (o) => o === '+')
    && coverCond(outer.outIface, inner.outIface, interfaceCovers, (o) => o === '+')
    && coverCond(outer.states, inner.states, (o, i) => [...i].every((s) => o.has(s)))
    && coverCond(outer.icmpType, inner.icmpType, (o, i) => o === 'any' || o === i, (o) => o === 'any')
    && coverCond(outer.syn, inner.syn, () => true)
    && coverCond(outer.fragment, inner.fragment, () => true)
    && coverCond(outer.src, inner.src, cidrsCover, (o) => o?.some((c) => c.prefix === 0) === true)
    && coverCond(outer.dst, inner.dst, cidrsCover, (o) => o?.some((c) => c.prefix === 0) === true);
}

/** Every packet `inner` matches is also matched by `outer` — only when that is certain. */
export function matchesSuperset(outer: RuleConditions, inner: RuleConditions): boolean {
  return comparable(outer) && comparable(inner) && covers(outer, inner);
}

interface Hider {
  readonly rule: FlowRule;
  readonly index: number;
}

/** A port every destination port set of `c` contains, when it has one: what a hider must also match. */
function firstDestinationPort(c: RuleConditions): number | undefined {
  return c.dport?.value?.[0]?.from;
}

/** The one source network a rule matches (`-s 10.1.0.0/16`), if it names exactly one that is not everything. */
function singleSource(c: RuleConditions): Cidr | undefined {
  const cidrs = c.src?.value;
  const only = cidrs?.length === 1 ? cidrs[0] : undefined;
  return only && only.prefix > 0 ? only : undefined;
}

function networkKey(family: 4 | 6, base: bigint, prefix: number): string {
  return `${family}/${prefix}/${base & maskOf(family, prefix)}`;
}

function push<K>(map: Map<K, Hider[]>, key: K, h: Hider): void {
  const list = map.get(key);
  if (list) list.push(h);
  else map.set(key, [h]);
}

/**
 * Terminal rules indexed by what an inner rule must share with them to be covered: a rule for a few
 * destination ports only covers rules whose ports are among them (so it is filed under each, and looked
 * up by the inner rule's first port), a rule for one source network only rules whose
 * sources lie inside it, a rule for one protocol only rules of that protocol. The rest are compared
 * with everything. Each list keeps rule order.
 */
class HiderIndex {
  private readonly byPort = new Map<number, Hider[]>();
  private readonly bySource = new Map<string, Hider[]>();
  private readonly byProto = new Map<string, Hider[]>();
  /** The source network sizes filed, each once. */
  private readonly prefixes = new Map<string, { readonly family: 4 | 6; readonly prefix: number }>();
  private readonly others: Hider[] = [];

  add(h: Hider): void {
    const c = h.rule.conds;
    const ports = fewDestinationPorts(c);
    const source = singleSource(c);
    const proto = c.proto?.value;
    if (ports !== undefined) for (const port of ports) push(this.byPort, port, h);
    else if (source) {
      push(this.bySource, networkKey(source.family, source.base, source.prefix), h);
      const size = `${source.family}/${source.prefix}`;
      if (!this.prefixes.has(size)) this.prefixes.set(size, { family: source.family, prefix: source.prefix });
    } else if (proto !== undefined && proto !== 'all') push(this.byProto, proto, h);
    else this.others.push(h);
  }

  private candidates(inner: RuleConditions): Hider[][] {
    const lists = [this.others];
    const port = firstDestinationPort(inner);
    if (port !== undefined) lists.push(this.byPort.get(port) ?? []);
    const proto = inner.proto?.value;
    if (proto !== undefined) lists.push(this.byProto.get(proto) ?? []);
    // Every source network of the inner rule must lie in the hider's: looking up the first is enough.
    const first = inner.src?.value?.[0];
    if (first) {
      for (const { family, prefix } of this.prefixes.values()) {
        if (family !== first.family || prefix > first.prefix) continue;
        const list = this.bySource.get(networkKey(family, first.base, prefix));
        if (list) lists.push(list);
      }
    }
    return lists;
  }

  /** The earliest hider before `index` that covers `inner`. */
  first(inner: FlowRule, index: number, innerText: string, textOf: (h: Hider) => string): Hider | undefined {
    let best: Hider | undefined;
    for (const list of this.candidates(inner.conds)) {
      for (const h of list) {
        if (h.index >= index || (best && h.index >= best.index)) break;
        if (textOf(h) !== innerText && covers(h.rule.conds, inner.conds)) {
          best = h;
          break;
        }
      }
    }
    return best;
  }
}

function lineNumber(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** `iptables/shadowed-rule`: a rule no packet can reach because an earlier terminal rule takes all of its packets. */
export function shadowedFindings(table: FlowTable, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const chain of table.chains.values()) {
    // Copies of one rule are \`iptables/duplicate-rule\`, not shadowed: compare rules by their words.
    const texts = chain.rules.map((r) => ruleKey(r.line));
    const isComparable = chain.rules.map((r) => comparable(r.conds));
    // Only terminal rules that can be compared may hide later ones.
    const index = new HiderIndex();
    chain.rules.forEach((r, i) => {
      if (isComparable[i] && r.conds.target !== undefined && !r.conds.target.goto && terminalTargets.has(r.conds.target.name)) index.add({ rule: r, index: i });
    });
    chain.rules.forEach((rule, j) => {
      if (!isComparable[j]) return;
      const hit = index.first(rule, j, texts[j] ?? '', (h) => texts[h.index] ?? '');
      if (!hit) return;
      const shadow = hit.rule;
      const verdict = shadow.conds.target?.name ?? '';
      findings.push({
        code: 'iptables/shadowed-rule',
        message: `This rule never matches: the rule on line ${lineNumber(text, shadow.line.span.start)} already ends the walk (-j ${verdict}) for every packet this one would match.`,
        start: rule.line.span.start,
        end: rule.line.span.end,
        unnecessary: true,
        related: [{ start: shadow.line.span.start, end: shadow.line.span.end, message: `this earlier rule takes these packets first (-j ${verdict})` }],
      });
    });
  }
  return findings;
}
