import { lookupCommand } from '../data/iptables/generic';
import { optionNames, type MatchSpec, type OptionSpec, type TargetSpec } from '../data/iptables/spec';
import { hookSummaries, isBuiltinChain, isHook } from '../data/iptables/tables';
import type { EmbeddedContext } from '../embedded/languages';
import type { RuleLine, RulesFile, RulesLine, TableBlock, Token } from './ast';
import { findAnyOption, findMatch, findOption, findTarget, optionsInScope } from './complete/specs';
import { tableSummary } from './hover/tableSummary';
import { addressHover, icmpHover, interfaceHover, portHover, protocolHover, rejectHover, stateHover } from './hover/valueHover';

type HoverResult = { markdown: string; start: number; end: number } | undefined;

const inside = (t: { start: number; end: number } | undefined, offset: number): boolean => t !== undefined && t.start <= offset && offset <= t.end;
const at = (t: Token, markdown: string): HoverResult => ({ markdown, start: t.start, end: t.end });

/** The line holding `offset` (lines are in order and do not overlap: a binary search, not a walk of 100k lines). */
function lineAt(file: RulesFile, offset: number): RulesLine | undefined {
  let lo = 0, hi = file.lines.length - 1, found: RulesLine | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = file.lines[mid] as RulesLine;
    if (l.span.start <= offset) { found = l; lo = mid + 1; } else hi = mid - 1;
  }
  return found && offset <= found.span.end ? found : undefined;
}

function tableOf(file: RulesFile, offset: number): TableBlock | undefined {
  return file.tables.find((t) => t.span.start <= offset && offset <= t.span.end);
}

function policyHover(word: string, builtin: boolean): string {
  if (word === '-') return builtin ? '`-` is the policy of user chains; a built-in chain needs ACCEPT or DROP.' : '**-**: user chains have no policy; a packet that reaches the end goes back to the chain that jumped here.';
  if (word === 'ACCEPT') return '**Policy ACCEPT**: what no rule decides gets through. A firewall with this policy needs a final DROP or REJECT rule to close anything.';
  if (word === 'DROP') return '**Policy DROP**: what no rule accepts is discarded silently. Accept loopback, established connections and SSH first, or applying the rules cuts off remote access.';
  return `\`${word}\` is not a policy: built-in chains take ACCEPT or DROP (REJECT only works as a rule target).`;
}

function lineNumber(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function chainHover(file: RulesFile, table: TableBlock | undefined, name: string): string {
  const tableName = table?.name.value ?? 'filter';
  const rules = table?.rules.filter((r) => r.chain?.value === name && ['-A', '-I'].includes(r.command.value)) ?? [];
  const count = `${rules.length} rule${rules.length === 1 ? '' : 's'} in this file`;
  if (isBuiltinChain(tableName, name) && isHook(name)) {
    const decl = table?.chains.find((c) => c.name.value === name);
    const policy = decl?.policy ? `policy ${decl.policy.value}` : 'policy not set here (left as it was)';
    return `**${name}** — built-in chain of *${tableName}*: ${hookSummaries[name]}\n\n${policy}; ${count}.`;
  }
  const callers = table?.rules.filter((r) => r.jump?.args[0]?.value === name)
    .map((r) => `${r.chain?.value ?? '?'} (line ${lineNumber(file.text, r.span.start)}${r.jump?.name.value === '-g' || r.jump?.name.value === '--goto' ? ', goto' : ''})`) ?? [];
  const from = callers.length > 0 ? `Reached from ${callers.join(', ')}.` : 'No rule in this table jumps here.';
  return `**${name}** — user chain of *${tableName}*; ${count}. ${from} A packet that reaches its end goes back to the rule after the jump.`;
}

function optionList(options: readonly OptionSpec[]): string {
  return options.length === 0 ? '' : `\n\nOptions: ${options.map((o) => `\`${o.name}\``).join(', ')}`;
}

function matchHover(m: MatchSpec): string {
  const needs = m.protocols ? `\n\nNeeds \`-p ${m.protocols.join('|')}\` before it.` : '';
  return `**-m ${m.name}** — ${m.summary}${needs}${optionList(m.options)}`;
}

function targetHover(t: TargetSpec): string {
  const kind = t.terminal ? 'ends the walk through the chain' : 'continues with the next rule';
  const where = t.tables ? `\n\nOnly in the ${t.tables.join(', ')} table${t.tables.length > 1 ? 's' : ''}${t.hooks ? ` (${t.hooks.join(', ')})` : ''}.` : '';
  return `**${t.name}** (target; ${kind}) — ${t.summary}${where}${optionList(t.options)}`;
}

function optionHover(spec: OptionSpec, from: string | undefined): string {
  const aliases = optionNames(spec).slice(1);
  const usage = `\`${spec.negatable ? '[!] ' : ''}${spec.name}${spec.argHint ? ` ${spec.argHint}` : spec.arg === 'none' ? '' : ' VALUE'}\``;
  const also = aliases.length > 0 ? ` Also written ${aliases.map((a) => `\`${a}\``).join(', ')}.` : '';
  return `${usage}${from ? ` (from \`${from}\`)` : ''}\n\n${spec.summary}${also}`;
}

function valueHover(spec: OptionSpec, word: Token, file: RulesFile, table: TableBlock | undefined): string {
  const v = word.value;
  switch (spec.arg) {
    case 'protocol': return protocolHover(v);
    case 'match': { const m = findMatch(v); return m ? matchHover(m) : `\`${v}\` is not a match module iptables knows.`; }
    case 'target': {
      const t = findTarget(v);
      if (t) return targetHover(t);
      return chainHover(file, table, v);
    }
    case 'chain': return chainHover(file, table, v);
    case 'address':
    case 'address-list': return addressHover(v);
    case 'port':
    case 'port-list': return portHover(v);
    case 'icmp-type': return icmpHover(v, 'ipv4');
    case 'icmpv6-type': return icmpHover(v, 'ipv6');
    case 'state-list':
    case 'ctstate-list':
    case 'ctstatus-list': return stateHover(v);
    case 'interface': return interfaceHover(v);
    case 'reject-type': return rejectHover(v, file.family);
    default: return optionHover(spec, undefined);
  }
}

function ruleHover(file: RulesFile, rule: RuleLine, offset: number): HoverResult {
  const table = rule.table;
  if (rule.counters && inside(rule.counters, offset)) return at(rule.counters, 'Packet and byte counters `[packets:bytes]` saved with the rule; iptables-restore only applies them with `-c`.');
  if (inside(rule.command, offset)) {
    const c = lookupCommand(rule.command.value);
    return at(rule.command, c ? `**${c.name}** (${c.aliases.join(', ')}) — ${c.summary}` : `\`${rule.command.raw}\` is not a command iptables-restore knows.`);
  }
  if (rule.chain && inside(rule.chain, offset)) return at(rule.chain, chainHover(file, table, rule.chain.value));
  if (rule.position && inside(rule.position, offset)) return at(rule.position, `Rule number ${rule.position.value} in the chain (1 is the top).`);
  if (rule.extra && inside(rule.extra, offset)) {
    return at(rule.extra, rule.command.value === '-P' ? policyHover(rule.extra.value, true) : `New name of the chain: \`${rule.extra.value}\`.`);
  }
  // Only each option's name and first argument decide which module options are in scope.
  const before: string[] = [];
  for (const o of rule.options) {
    const touched = inside(o.span, offset) || inside(o.name, offset) || (o.negation !== undefined && inside(o.negation, offset));
    if (!touched) {
      before.push(o.name.value, o.args[0]?.value ?? '');
      continue;
    }
    const scope = optionsInScope(before);
    const found = findOption(o.name.value, scope) ?? findAnyOption(o.name.value);
    if (o.negation && inside(o.negation, offset)) {
      return at(o.negation, `\`!\` negates \`${o.name.value}\`: the rule matches packets for which the test is false.${found && !found.spec.negatable ? ' This option cannot be negated.' : ''}`);
    }
    if (inside(o.name, offset)) {
      return at(o.name, found ? optionHover(found.spec, found.from) : `\`${o.name.value}\` is not an option of the modules loaded before it on this line.`);
    }
    const arg = o.args.find((a) => inside(a, offset));
    if (arg && found) return at(arg, valueHover(found.spec, arg, file, table));
    before.push(o.name.value, o.args[0]?.value ?? '');
  }
  return undefined;
}

/** Hover for the word at `offset` of a rules file. */
export function hoverRules(file: RulesFile, ctx: EmbeddedContext, offset: number): HoverResult {
  void ctx;
  const line = lineAt(file, offset);
  if (!line) return undefined;
  switch (line.kind) {
    case 'table': {
      const block = file.tables.find((t) => t.name === line.name) ?? file.tables.find((t) => t.name.start === line.name.start);
      return block ? { markdown: tableSummary(block, file.text), start: line.span.start, end: line.span.end } : undefined;
    }
    case 'chain': {
      const table = tableOf(file, offset);
      const builtin = isBuiltinChain(table?.name.value ?? 'filter', line.name.value);
      if (inside(line.name, offset)) return at(line.name, chainHover(file, table, line.name.value));
      if (line.policy && inside(line.policy, offset)) return at(line.policy, policyHover(line.policy.value, builtin));
      if (line.counters && inside(line.counters, offset)) return at(line.counters, 'Packet and byte counters `[packets:bytes]`; only applied with `iptables-restore -c`. `[0:0]` is the usual choice in hand-written files.');
      return undefined;
    }
    case 'commit':
      return { markdown: '**COMMIT** — loads everything since the `*table` line in one step; nothing of the table changes if any line fails.', start: line.span.start, end: line.span.end };
    case 'rule': return ruleHover(file, line.rule, offset);
    default: return undefined;
  }
}
