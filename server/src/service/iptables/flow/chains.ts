import type { RuleLine, TableBlock, Token } from '../ast';
import { ruleConditions, type RuleConditions } from './conditions';

/** A rule as it ends up in its chain after the table's commands ran. */
export interface FlowRule {
  readonly line: RuleLine;
  readonly chain: string;
  readonly conds: RuleConditions;
}

export interface FlowChain {
  readonly name: string;
  readonly builtin: boolean;
  /** The policy in force and the word that set it (`:INPUT DROP` or `-P INPUT DROP`). */
  policy: { readonly value: string; readonly token: Token } | undefined;
  rules: FlowRule[];
}

export interface FlowTable {
  readonly block: TableBlock;
  readonly chains: ReadonlyMap<string, FlowChain>;
}

export const builtinChains: Readonly<Record<string, readonly string[]>> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
  security: ['INPUT', 'FORWARD', 'OUTPUT'],
};

const longCommands: Readonly<Record<string, string>> = {
  '--append': '-A',
  '--insert': '-I',
  '--delete': '-D',
  '--replace': '-R',
  '--flush': '-F',
  '--new-chain': '-N',
  '--new': '-N',
  '--delete-chain': '-X',
  '--policy': '-P',
  '--rename-chain': '-E',
  '--zero': '-Z',
};

function commandOf(rule: RuleLine): string {
  const c = rule.commandName;
  return longCommands[c] ?? c;
}

function sameRule(a: RuleLine, b: RuleLine, text: string): boolean {
  const words = (r: RuleLine): string => r.options.map((o) => text.slice(o.span.start, o.span.end)).join(' ');
  return words(a) === words(b);
}

/**
 * Run a table block's declarations and commands the way iptables-restore does, into chains with rules.
 * `text` (read only for a `-D` rule given by its words) may be given as a function that reads it.
 */
export function buildTable(block: TableBlock, text: string | (() => string)): FlowTable {
  const chains = new Map<string, FlowChain>();
  const builtins = builtinChains[block.name.value] ?? [];
  for (const name of builtins) chains.set(name, { name, builtin: true, policy: undefined, rules: [] });
  const chainFor = (name: string): FlowChain => {
    let c = chains.get(name);
    if (!c) {
      c = { name, builtin: false, policy: undefined, rules: [] };
      chains.set(name, c);
    }
    return c;
  };
  for (const decl of block.chains) {
    const c = chainFor(decl.name.value);
    if (c.builtin && decl.policy) c.policy = { value: decl.policy.value, token: decl.policy };
  }
  for (const line of block.rules) {
    const name = line.chain?.value;
    const cmd = commandOf(line);
    if (cmd === '-F') {
      if (name === undefined) for (const c of chains.values()) c.rules = [];
      else chainFor(name).rules = [];
      continue;
    }
    if (name === undefined) continue;
    const chain = chainFor(name);
    const position = line.position ? Number(line.position.value) : undefined;
    const flowRule = (): FlowRule => ({ line, chain: name, conds: ruleConditions(line) });
    switch (cmd) {
      case '-A':
        chain.rules.push(flowRule());
        break;
      case '-I': {
        const at = position !== undefined && Number.isInteger(position) && position >= 1 ? position - 1 : 0;
        chain.rules.splice(Math.min(at, chain.rules.length), 0, flowRule());
        break;
      }
      case '-R':
        if (position !== undefined && position >= 1 && position <= chain.rules.length)
          chain.rules[position - 1] = flowRule();
        break;
      case '-D': {
        const index =
          position !== undefined && Number.isInteger(position)
            ? position - 1
            : chain.rules.findIndex((r) => sameRule(r.line, line, typeof text === 'string' ? text : text()));
        if (index >= 0 && index < chain.rules.length) chain.rules.splice(index, 1);
        break;
      }
      case '-P':
        if (line.extra) chain.policy = { value: line.extra.value, token: line.extra };
        break;
      case '-X':
        if (!chain.builtin) chains.delete(name);
        break;
      default:
        break;
    }
  }
  // Kept for the whole analysis: each chain's list at its length (most chains of a large dump hold a few rules).
  for (const c of chains.values()) c.rules = c.rules.slice();
  return { block, chains };
}
