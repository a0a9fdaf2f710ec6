/** The hover of a `*table` line: per built-in chain, what gets in and what happens to the rest. */
import { wellKnownPort } from '../../data/iptables/ports';
import { tableInfo } from '../../data/iptables/tables';
import type { TableBlock } from '../ast';
import { buildTable, type FlowRule, type FlowTable } from '../flow/chains';
import type { RuleConditions } from '../flow/conditions';
import { formatCidr } from '../flow/cidr';
import type { PortRange } from '../flow/ports';

function portsText(ranges: readonly PortRange[] | undefined, raw: string): string {
  if (!ranges) return raw;
  return ranges
    .map((r) => {
      if (r.from !== r.to) return `${r.from}:${r.to}`;
      const known = wellKnownPort(r.from);
      return known ? `${r.from} (${known.name})` : String(r.from);
    })
    .join(', ');
}

/** A few words for what an accepting rule lets in. */
export function describeRule(c: RuleConditions, text: string, rule: FlowRule): string {
  const parts: string[] = [];
  const not = (negated: boolean): string => (negated ? 'not ' : '');
  const proto = c.proto ? `${not(c.proto.negated)}${c.proto.value}` : undefined;
  const raw = (names: readonly string[]): string => {
    const o = rule.line.options.find((x) => names.includes(x.name.value));
    return o?.args[0]?.value ?? '';
  };
  if (c.dport)
    parts.push(
      `${proto ?? ''}/${not(c.dport.negated)}${portsText(c.dport.value, raw(['--dport', '--dports', '--destination-port', '--destination-ports']))}`,
    );
  else if (c.anyPort) parts.push(`${proto ?? ''} port ${portsText(c.anyPort.value, raw(['--ports']))}`);
  else if (proto) parts.push(c.icmpType ? `${proto} ${c.icmpType.value}` : `all ${proto}`);
  if (c.src)
    parts.push(
      `from ${not(c.src.negated)}${c.src.value ? c.src.value.map(formatCidr).join(', ') : raw(['-s', '--source', '--src'])}`,
    );
  if (c.dst)
    parts.push(
      `to ${not(c.dst.negated)}${c.dst.value ? c.dst.value.map(formatCidr).join(', ') : raw(['-d', '--destination', '--dst'])}`,
    );
  if (c.inIface) parts.push(`on ${not(c.inIface.negated)}${c.inIface.value}`);
  if (c.outIface) parts.push(`out ${not(c.outIface.negated)}${c.outIface.value}`);
  if (c.states) parts.push(`${not(c.states.negated)}${[...c.states.value].join(',')}`);
  if (c.opaque.length > 0) parts.push(`if ${c.opaque.map((o) => text.slice(o.span.start, o.span.end)).join(' ')}`);
  return parts.length === 0 ? 'everything' : parts.join(' ');
}

/** Accepting rules of a chain, following jumps into user chains (each chain once). */
function accepted(table: FlowTable, chain: string, text: string, seen: Set<string>): string[] {
  const out: string[] = [];
  for (const rule of table.chains.get(chain)?.rules ?? []) {
    const t = rule.conds.target?.name;
    if (t === 'ACCEPT') out.push(describeRule(rule.conds, text, rule));
    const next = t === undefined ? undefined : table.chains.get(t);
    if (next && !next.builtin && !seen.has(next.name)) {
      seen.add(next.name);
      const when = describeRule(rule.conds, text, rule);
      const via = when === 'everything' ? ` (via ${next.name})` : ` (via ${next.name}, ${when})`;
      out.push(...accepted(table, next.name, text, seen).map((a) => `${a}${via}`));
    }
  }
  return out;
}

function catchAll(rule: FlowRule | undefined): boolean {
  const c = rule?.conds;
  return (
    c !== undefined &&
    c.opaque.length === 0 &&
    !c.proto &&
    !c.src &&
    !c.dst &&
    !c.inIface &&
    !c.outIface &&
    !c.sport &&
    !c.dport &&
    !c.anyPort &&
    !c.states
  );
}

const maxItems = 12;

/** Markdown summary of a table block. */
export function tableSummary(block: TableBlock, text: string): string {
  const info = tableInfo(block.name.value);
  if (!info)
    return `**\\*${block.name.value}**: not a table iptables knows (filter, nat, mangle, raw, security); the file fails to load.`;
  const table = buildTable(block, text);
  const lines = [`**\\*${info.name}** — ${info.summary}`, ''];
  for (const name of info.chains) {
    const chain = table.chains.get(name);
    if (!chain) continue;
    const policy = chain.policy?.value;
    const last = chain.rules[chain.rules.length - 1];
    const lastTarget = last?.conds.target?.name;
    const rest =
      catchAll(last) && (lastTarget === 'DROP' || lastTarget === 'REJECT')
        ? `everything else: ${lastTarget === 'DROP' ? 'dropped' : 'rejected'} by the last rule`
        : `everything else: ${policy ?? 'ACCEPT (not set here: stays as it was)'} (policy)`;
    if (block.name.value !== 'filter') {
      lines.push(
        `- **${name}**: ${chain.rules.length} rule${chain.rules.length === 1 ? '' : 's'}; policy ${policy ?? 'unchanged'}`,
      );
      continue;
    }
    const accepts = accepted(table, name, text, new Set());
    const shown = accepts.slice(0, maxItems).join('; ');
    const more = accepts.length > maxItems ? `; … ${accepts.length - maxItems} more` : '';
    lines.push(`- **${name}** accepts ${accepts.length === 0 ? 'nothing explicitly' : `${shown}${more}`} — ${rest}`);
  }
  const user = [...table.chains.values()].filter((c) => !c.builtin).map((c) => c.name);
  if (user.length > 0) lines.push('', `User chains: ${user.join(', ')}`);
  return lines.join('\n');
}
