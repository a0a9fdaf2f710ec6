import { lookupCommand } from '../data/iptables/generic';
import { isBuiltinChain } from '../data/iptables/tables';
import type { EmbeddedContext } from '../embedded/languages';
import type { RuleLine, RulesFile, RulesLine, TableBlock, Token } from './ast';
import { findAnyOption, findOption, optionsInScope } from './complete/specs';
import { tableSummary } from './hover/tableSummary';
import { chainHover, optionHover } from './hover/specHover';
import { argKinds } from './args/kinds';

type HoverResult = { markdown: string; start: number; end: number } | undefined;

const inside = (t: { start: number; end: number } | undefined, offset: number): boolean =>
  t !== undefined && t.start <= offset && offset <= t.end;
const at = (t: Token, markdown: string): HoverResult => ({ markdown, start: t.start, end: t.end });

/** The line holding `offset` (lines are in order and do not overlap: a binary search, not a walk of 100k lines). */
function lineAt(file: RulesFile, offset: number): RulesLine | undefined {
  let lo = 0,
    hi = file.lines.length - 1,
    found: RulesLine | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const l = file.lines[mid] as RulesLine;
    if (l.span.start <= offset) {
      found = l;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && offset <= found.span.end ? found : undefined;
}

function tableOf(file: RulesFile, offset: number): TableBlock | undefined {
  return file.tables.find((t) => t.span.start <= offset && offset <= t.span.end);
}

function policyHover(word: string, builtin: boolean): string {
  if (word === '-')
    return builtin
      ? '`-` is the policy of user chains; a built-in chain needs ACCEPT or DROP.'
      : '**-**: user chains have no policy; a packet that reaches the end goes back to the chain that jumped here.';
  if (word === 'ACCEPT')
    return '**Policy ACCEPT**: what no rule decides gets through. A firewall with this policy needs a final DROP or REJECT rule to close anything.';
  if (word === 'DROP')
    return '**Policy DROP**: what no rule accepts is discarded silently. Accept loopback, established connections and SSH first, or applying the rules cuts off remote access.';
  return `\`${word}\` is not a policy: built-in chains take ACCEPT or DROP (REJECT only works as a rule target).`;
}

function ruleHover(file: RulesFile, rule: RuleLine, offset: number): HoverResult {
  const table = rule.table;
  if (rule.counters && inside(rule.counters, offset))
    return at(
      rule.counters,
      'Packet and byte counters `[packets:bytes]` saved with the rule; iptables-restore only applies them with `-c`.',
    );
  if (inside(rule.command, offset)) {
    const c = lookupCommand(rule.command.value);
    return at(
      rule.command,
      c
        ? `**${c.name}** (${c.aliases.join(', ')}) — ${c.summary}`
        : `\`${rule.command.raw}\` is not a command iptables-restore knows.`,
    );
  }
  if (rule.chain && inside(rule.chain, offset)) return at(rule.chain, chainHover(file, table, rule.chain.value));
  if (rule.position && inside(rule.position, offset))
    return at(rule.position, `Rule number ${rule.position.value} in the chain (1 is the top).`);
  if (rule.extra && inside(rule.extra, offset)) {
    return at(
      rule.extra,
      rule.command.value === '-P'
        ? policyHover(rule.extra.value, true)
        : `New name of the chain: \`${rule.extra.value}\`.`,
    );
  }
  // Only each option's name and first argument decide which module options are in scope.
  const before: string[] = [];
  for (const o of rule.options) {
    const touched =
      inside(o.span, offset) || inside(o.name, offset) || (o.negation !== undefined && inside(o.negation, offset));
    if (!touched) {
      before.push(o.name.value, o.args[0]?.value ?? '');
      continue;
    }
    const scope = optionsInScope(before);
    const found = findOption(o.name.value, scope) ?? findAnyOption(o.name.value);
    if (o.negation && inside(o.negation, offset)) {
      return at(
        o.negation,
        `\`!\` negates \`${o.name.value}\`: the rule matches packets for which the test is false.${found && !found.spec.negatable ? ' This option cannot be negated.' : ''}`,
      );
    }
    if (inside(o.name, offset)) {
      return at(
        o.name,
        found
          ? optionHover(found.spec, found.from)
          : `\`${o.name.value}\` is not an option of the modules loaded before it on this line.`,
      );
    }
    const arg = o.args.find((a) => inside(a, offset));
    if (arg && found) return at(arg, argKinds[found.spec.arg].describe(arg.value, found.spec, file, table));
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
      const block =
        file.tables.find((t) => t.name === line.name) ?? file.tables.find((t) => t.name.start === line.name.start);
      return block
        ? { markdown: tableSummary(block, file.text), start: line.span.start, end: line.span.end }
        : undefined;
    }
    case 'chain': {
      const table = tableOf(file, offset);
      const builtin = isBuiltinChain(table?.name.value ?? 'filter', line.name.value);
      if (inside(line.name, offset)) return at(line.name, chainHover(file, table, line.name.value));
      if (line.policy && inside(line.policy, offset)) return at(line.policy, policyHover(line.policy.value, builtin));
      if (line.counters && inside(line.counters, offset))
        return at(
          line.counters,
          'Packet and byte counters `[packets:bytes]`; only applied with `iptables-restore -c`. `[0:0]` is the usual choice in hand-written files.',
        );
      return undefined;
    }
    case 'commit':
      return {
        markdown:
          '**COMMIT** — loads everything since the `*table` line in one step; nothing of the table changes if any line fails.',
        start: line.span.start,
        end: line.span.end,
      };
    case 'rule':
      return ruleHover(file, line.rule, offset);
    default:
      return undefined;
  }
}
