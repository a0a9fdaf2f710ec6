import type { Finding } from '../../types';
import type { FlowRule, FlowTable } from './chains';
import { cidrContains, type Cidr } from './cidr';
import type { Cond, RuleConditions } from './conditions';
import { portsCover, type PortRange } from './ports';

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

function hasNegation(c: RuleConditions): boolean {
  return [c.proto, c.src, c.dst, c.inIface, c.outIface, c.sport, c.dport, c.anyPort, c.states, c.icmpType, c.syn, c.fragment]
    .some((x) => x?.negated === true);
}

function comparable(c: RuleConditions): boolean {
  return c.opaque.length === 0 && !c.repeated && !hasNegation(c);
}

/** Every packet `inner` matches is also matched by `outer` — only when that is certain. */
export function matchesSuperset(outer: RuleConditions, inner: RuleConditions): boolean {
  if (!comparable(outer) || !comparable(inner)) return false;
  const anyPortCovered = ((): boolean => {
    if (!outer.anyPort) return true;
    const o = outer.anyPort.value;
    if (inner.anyPort) return portsOk(o, inner.anyPort.value);
    return (inner.dport !== undefined && portsOk(o, inner.dport.value)) || (inner.sport !== undefined && portsOk(o, inner.sport.value));
  })();
  return anyPortCovered
    && coverCond(outer.proto, inner.proto, (o, i) => o === 'all' || o === i, (o) => o === 'all')
    && coverCond(outer.src, inner.src, cidrsCover, (o) => o?.some((c) => c.prefix === 0) === true)
    && coverCond(outer.dst, inner.dst, cidrsCover, (o) => o?.some((c) => c.prefix === 0) === true)
    && coverCond(outer.inIface, inner.inIface, interfaceCovers, (o) => o === '+')
    && coverCond(outer.outIface, inner.outIface, interfaceCovers, (o) => o === '+')
    && coverCond(outer.sport, inner.sport, portsOk, allPorts)
    && coverCond(outer.dport, inner.dport, portsOk, allPorts)
    && coverCond(outer.states, inner.states, (o, i) => [...i].every((s) => o.has(s)))
    && coverCond(outer.icmpType, inner.icmpType, (o, i) => o === 'any' || o === i, (o) => o === 'any')
    && coverCond(outer.syn, inner.syn, () => true)
    && coverCond(outer.fragment, inner.fragment, () => true);
}

function lineNumber(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function ruleText(text: string, r: FlowRule): string {
  return text.slice(r.line.span.start, r.line.span.end).trim().replace(/\s+/g, ' ');
}

/** `iptables/shadowed-rule`: a rule no packet can reach because an earlier terminal rule takes all of its packets. */
export function shadowedFindings(table: FlowTable, text: string): Finding[] {
  const findings: Finding[] = [];
  for (const chain of table.chains.values()) {
    const texts = chain.rules.map((r) => ruleText(text, r));
    // Only terminal rules that can be compared may hide later ones.
    const hiders = chain.rules
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.conds.target !== undefined && !r.conds.target.goto && terminalTargets.has(r.conds.target.name) && comparable(r.conds));
    chain.rules.forEach((rule, j) => {
      if (!comparable(rule.conds)) return;
      const hit = hiders.find(({ r, i }) => i < j && texts[i] !== texts[j] && matchesSuperset(r.conds, rule.conds));
      if (!hit) return;
      const shadow = hit.r;
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
