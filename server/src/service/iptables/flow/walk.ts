import type { Token } from '../ast';
import type { FlowChain, FlowRule, FlowTable } from './chains';
import { matchRule, type Probe } from './probe';
import { forEachRuleForPort } from './portIndex';

/** How a walk can end. */
export interface Outcome {
  readonly verdict: 'accept' | 'drop' | 'unknown';
  /** The rule that decided, or undefined when the chain's policy did. */
  readonly rule: FlowRule | undefined;
  /** The policy word, when the policy decided. */
  readonly policy: Token | undefined;
  /** The rule of the chain the walk started in that led to the decision. */
  readonly entry: FlowRule | undefined;
}

/** Inside a chain walk: a verdict, or a return to the calling chain. */
type ChainResult =
  | { readonly kind: 'verdict'; readonly verdict: Outcome['verdict']; readonly rule: FlowRule }
  | { readonly kind: 'return' };

const terminal: Readonly<Record<string, Outcome['verdict']>> = { ACCEPT: 'accept', DROP: 'drop', REJECT: 'drop' };

/** Targets that do something to the packet and let it continue to the next rule. */
export const continuing: ReadonlySet<string> = new Set([
  'LOG',
  'NFLOG',
  'ULOG',
  'MARK',
  'CONNMARK',
  'TRACE',
  'AUDIT',
  'TCPMSS',
  'DSCP',
  'TOS',
  'TTL',
  'HL',
  'SET',
  'SECMARK',
  'CONNSECMARK',
  'CLASSIFY',
  'TEE',
  'CHECKSUM',
  'IDLETIMER',
  'LED',
  'RATEEST',
  'CT',
  'NOTRACK',
  'TCPOPTSTRIP',
]);

const maxDepth = 24;

/**
 * Walk a probe packet through the chains as the kernel does: rules in order, jumps into user chains
 * and back, `-g` goto, `RETURN`, the built-in chain's policy at the end. Where a rule may or may not
 * match, both ways are followed. Returns every way the walk can end. `byPort` false visits every rule
 * (the same outcomes, more slowly).
 */
export function walk(table: FlowTable, start: string, probe: Probe, byPort = true): Outcome[] {
  const memo = new Map<string, ChainResult[]>();

  function walkChain(
    chain: FlowChain,
    depth: number,
    onPath: Set<string>,
    top: boolean,
    entries: Map<ChainResult, FlowRule>,
  ): ChainResult[] {
    if (!top) {
      const cached = memo.get(chain.name);
      if (cached) return cached;
    }
    const results: ChainResult[] = [];
    const add = (r: ChainResult, entry: FlowRule): void => {
      results.push(r);
      if (top) entries.set(r, entry);
    };
    let alive = true;
    // Rules for other destination ports cannot match: only the rest are looked at.
    forEachRuleForPort(chain, byPort ? probe.dport : undefined, (rule) => {
      const m = matchRule(rule.conds, probe);
      if (m === 'no') return true;
      const t = rule.conds.target;
      let continues = true;
      if (t?.name === 'RETURN') {
        add({ kind: 'return' }, rule);
        continues = false;
      } else if (t !== undefined && !continuing.has(t.name)) {
        const sub = subResults(t.name, rule, depth, onPath);
        continues = false;
        for (const r of sub) {
          if (r.kind === 'return' && !t.goto) continues = true;
          else add(r, rule);
        }
      }
      if (m === 'yes' && !continues) {
        alive = false;
        return false;
      }
      return true;
    });
    if (alive) results.push({ kind: 'return' });
    if (!top) memo.set(chain.name, results);
    return results;
  }

  function subResults(target: string, rule: FlowRule, depth: number, onPath: Set<string>): ChainResult[] {
    const verdict = terminal[target];
    if (verdict) return [{ kind: 'verdict', verdict, rule }];
    const next = table.chains.get(target);
    if (!next || next.builtin || depth >= maxDepth || onPath.has(target))
      return [{ kind: 'verdict', verdict: 'unknown', rule }];
    onPath.add(target);
    const sub = walkChain(next, depth + 1, onPath, false, new Map());
    onPath.delete(target);
    return sub;
  }

  const chain = table.chains.get(start);
  if (!chain) return [];
  // An empty chain (FORWARD with only a policy, often): its policy decides.
  if (chain.rules.length === 0) return [policyOutcome(chain)];
  const entries = new Map<ChainResult, FlowRule>();
  const results = walkChain(chain, 0, new Set([start]), true, entries);
  const outcomes: Outcome[] = [];
  for (const r of results) {
    if (r.kind === 'verdict') {
      outcomes.push({ verdict: r.verdict, rule: r.rule, policy: undefined, entry: entries.get(r) });
    } else {
      outcomes.push(policyOutcome(chain));
    }
  }
  return outcomes;
}

/** The end of a walk that falls off the start chain: its policy decides. */
function policyOutcome(chain: FlowChain): Outcome {
  const policy = chain.policy?.value;
  const verdict = policy === 'DROP' ? 'drop' : policy === undefined || policy === 'ACCEPT' ? 'accept' : 'unknown';
  return { verdict, rule: undefined, policy: chain.policy?.token, entry: undefined };
}

/** Every way ends in a drop: the packet certainly does not get through. */
export function certainlyDropped(outcomes: readonly Outcome[]): boolean {
  return outcomes.length > 0 && outcomes.every((o) => o.verdict === 'drop');
}

/** The first way the packet is dropped (where a user would look). */
export function dropSite(outcomes: readonly Outcome[]): Outcome | undefined {
  return outcomes.find((o) => o.verdict === 'drop');
}
