/** Hover texts for the names of chains, match modules, targets and options. */
import { optionNames, type MatchSpec, type OptionSpec, type TargetSpec } from '../../data/iptables/spec';
import { hookSummaries, isBuiltinChain, isHook } from '../../data/iptables/tables';
import type { RulesFile, RulesLine, TableBlock } from '../ast';
import { callersInOrder, tableChains } from '../complete/tableChains';

/** The 1-based line of `offset` (a binary search in the model's lines, which cover the text in order). */
function lineNumber(file: RulesFile, offset: number): number {
  let lo = 0,
    hi = file.lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((file.lines[mid] as RulesLine).span.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** How many callers a chain's hover names (KUBE-MARK-MASQ is reached from thousands of rules). */
const callersShown = 10;

export function chainHover(file: RulesFile, table: TableBlock | undefined, name: string): string {
  const tableName = table?.name.value ?? 'filter';
  const use = tableChains(file, table).use(name);
  const ruleCount = use?.rules ?? 0;
  const count = `${ruleCount} rule${ruleCount === 1 ? '' : 's'} in this file`;
  if (isBuiltinChain(tableName, name) && isHook(name)) {
    const decl = table?.chains.find((c) => c.name.value === name);
    const policy = decl?.policy ? `policy ${decl.policy.value}` : 'policy not set here (left as it was)';
    return `**${name}** — built-in chain of *${tableName}*: ${hookSummaries[name]}\n\n${policy}; ${count}.`;
  }
  const { first, total } = callersInOrder(use, callersShown);
  const callers = first.map(
    (r) =>
      `${r.chain?.value ?? '?'} (line ${lineNumber(file, r.span.start)}${r.jump?.name.value === '-g' || r.jump?.name.value === '--goto' ? ', goto' : ''})`,
  );
  if (total > first.length) callers.push(`and ${total - first.length} more rules`);
  const from = callers.length > 0 ? `Reached from ${callers.join(', ')}.` : 'No rule in this table jumps here.';
  return `**${name}** — user chain of *${tableName}*; ${count}. ${from} A packet that reaches its end goes back to the rule after the jump.`;
}

function optionList(options: readonly OptionSpec[]): string {
  return options.length === 0 ? '' : `\n\nOptions: ${options.map((o) => `\`${o.name}\``).join(', ')}`;
}

export function matchHover(m: MatchSpec): string {
  const needs = m.protocols ? `\n\nNeeds \`-p ${m.protocols.join('|')}\` before it.` : '';
  return `**-m ${m.name}** — ${m.summary}${needs}${optionList(m.options)}`;
}

export function targetHover(t: TargetSpec): string {
  const kind = t.terminal ? 'ends the walk through the chain' : 'continues with the next rule';
  const where = t.tables
    ? `\n\nOnly in the ${t.tables.join(', ')} table${t.tables.length > 1 ? 's' : ''}${t.hooks ? ` (${t.hooks.join(', ')})` : ''}.`
    : '';
  return `**${t.name}** (target; ${kind}) — ${t.summary}${where}${optionList(t.options)}`;
}

export function optionHover(spec: OptionSpec, from: string | undefined): string {
  const aliases = optionNames(spec).slice(1);
  const usage = `\`${spec.negatable ? '[!] ' : ''}${spec.name}${spec.argHint ? ` ${spec.argHint}` : spec.arg === 'none' ? '' : ' VALUE'}\``;
  const also = aliases.length > 0 ? ` Also written ${aliases.map((a) => `\`${a}\``).join(', ')}.` : '';
  return `${usage}${from ? ` (from \`${from}\`)` : ''}\n\n${spec.summary}${also}`;
}
