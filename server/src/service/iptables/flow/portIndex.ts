/**
 * A chain's rules filed by destination port, for walks of a probe packet to one port: a rule that names
 * a few destination ports (not negated) cannot match a packet to any other port, so such a walk visits
 * only the rules filed under its port and the rules that name no such ports, in chain order. Built once
 * per chain object, on the first walk that needs it.
 */
import type { FlowChain, FlowRule } from './chains';
import { fewDestinationPorts } from './fewPorts';

interface PortIndex {
  readonly rules: readonly FlowRule[];
  readonly byPort: ReadonlyMap<number, readonly number[]>;
  /** Indexes of the rules that may match any port. */
  readonly others: readonly number[];
}

/** Short chains are walked rule by rule. */
const minRules = 32;
const indexes = new WeakMap<FlowChain, PortIndex>();

function build(rules: readonly FlowRule[]): PortIndex {
  const byPort = new Map<number, number[]>();
  const others: number[] = [];
  rules.forEach((rule, i) => {
    const ports = rule.conds.dport?.negated ? undefined : fewDestinationPorts(rule.conds);
    if (!ports) {
      others.push(i);
      return;
    }
    for (const port of ports) {
      const list = byPort.get(port);
      if (list) list.push(i);
      else byPort.set(port, [i]);
    }
  });
  return { rules, byPort, others };
}

/** Calls `visit` with each rule of `chain` a packet to `port` may match, in order, until it returns false. */
export function forEachRuleForPort(
  chain: FlowChain,
  port: number | undefined,
  visit: (rule: FlowRule) => boolean,
): void {
  const rules = chain.rules;
  if (port === undefined || rules.length < minRules) {
    for (const rule of rules) if (!visit(rule)) return;
    return;
  }
  let index = indexes.get(chain);
  if (!index || index.rules !== rules) {
    index = build(rules);
    indexes.set(chain, index);
  }
  const a = index.others;
  const b = index.byPort.get(port) ?? [];
  let i = 0,
    j = 0;
  while (i < a.length || j < b.length) {
    const next =
      j >= b.length || (i < a.length && (a[i] as number) < (b[j] as number)) ? (a[i++] as number) : (b[j++] as number);
    if (!visit(rules[next] as FlowRule)) return;
  }
}
