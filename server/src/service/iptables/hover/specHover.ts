/** Hover texts for the names of chains, match modules, targets and options. */
import { optionNames, type MatchSpec, type OptionSpec, type TargetSpec } from '../../data/iptables/spec';
import { hookSummaries, isBuiltinChain, isHook } from '../../data/iptables/tables';
import type { RulesFile, TableBlock } from '../ast';

function lineNumber(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

export function chainHover(file: RulesFile, table: TableBlock | undefined, name: string): string {
  const tableName = table?.name.value ?? 'filter';
  const rules = table?.rules.filter((r) => r.chain?.value === name && ['-A', '-I'].includes(r.command.value)) ?? [];
  const count = `${rules.length} rule${rules.length === 1 ? '' : 's'} in this file`;
  if (isBuiltinChain(tableName, name) && isHook(name)) {
    const decl = table?.chains.find((c) => c.name.value === name);
    const policy = decl?.policy ? `policy ${decl.policy.value}` : 'policy not set here (left as it was)';
    return `**${name}** — built-in chain of *${tableName}*: ${hookSummaries[name]}\n\n${policy}; ${count}.`;
  }
  const callers =
    table?.rules
      .filter((r) => r.jump?.args[0]?.value === name)
      .map(
        (r) =>
          `${r.chain?.value ?? '?'} (line ${lineNumber(file.text, r.span.start)}${r.jump?.name.value === '-g' || r.jump?.name.value === '--goto' ? ', goto' : ''})`,
      ) ?? [];
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
